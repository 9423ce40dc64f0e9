"""Submission deadlines: N working days before the meeting at HH:MM in Amsterdam, with Dutch
public holidays counted out (alv.deadlines), and a meeting's own override."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from alv.deadlines import deadline, is_working_day, working_days_before
from tests import factories as f

AMS = ZoneInfo("Europe/Amsterdam")
NOON = dt.time(12, 0)


def at(year, month, day, hour=12, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=AMS)


def test_weekends_are_no_working_days():
    assert is_working_day(dt.date(2026, 6, 5))  # a Friday
    assert not is_working_day(dt.date(2026, 6, 6))  # Saturday
    assert not is_working_day(dt.date(2026, 6, 7))  # Sunday


def test_the_meetings_own_day_does_not_count():
    # Two working days before Thursday 11 June 2026 is Tuesday 9 June.
    assert working_days_before(dt.date(2026, 6, 11), 2) == dt.date(2026, 6, 9)


def test_a_deadline_skips_the_weekend():
    # Nine working days before Wednesday 17 June 2026: Thursday 4 June, at noon in Amsterdam.
    assert deadline(at(2026, 6, 17, 10), 9, NOON) == at(2026, 6, 4)


def test_kings_day_is_counted_out():
    # Koningsdag, Monday 27 April 2026: one working day before Tuesday 28 April is Friday 24.
    assert not is_working_day(dt.date(2026, 4, 27))
    assert deadline(at(2026, 4, 28, 10), 1, NOON) == at(2026, 4, 24)


def test_easter_monday_and_good_friday_are_counted_out():
    # Easter 2026: Good Friday 3 April, Easter Monday 6 April. One working day before
    # Tuesday 7 April is Thursday 2 April.
    assert not is_working_day(dt.date(2026, 4, 6))
    assert deadline(at(2026, 4, 7, 10), 1, NOON) == at(2026, 4, 2)


def test_christmas_and_new_year_are_counted_out():
    # Before Friday 2 January 2026: 1 January (New Year), 31 Dec (a Wednesday, working),
    # so two working days back cross 1 January and land on Tuesday 30 December 2025.
    assert deadline(at(2026, 1, 2, 10), 2, NOON) == at(2025, 12, 30)
    # Christmas 2025 (Thursday 25, Friday 26): one working day before Monday 29 December
    # is Wednesday 24 December.
    assert deadline(at(2025, 12, 29, 10), 1, NOON) == at(2025, 12, 24)


def test_the_time_is_amsterdam_wall_clock_on_either_side_of_summer_time():
    # Summer time starts on Sunday 29 March 2026: a deadline on Friday 27 March is 12:00 CET
    # (11:00 UTC); one on Monday 30 March is 12:00 CEST (10:00 UTC).
    before = deadline(at(2026, 3, 30, 10), 1, NOON)
    after = deadline(at(2026, 3, 31, 10), 1, NOON)
    assert before == at(2026, 3, 27) and before.utcoffset() == dt.timedelta(hours=1)
    assert after == at(2026, 3, 30) and after.utcoffset() == dt.timedelta(hours=2)
    assert before.astimezone(dt.UTC).hour == 11 and after.astimezone(dt.UTC).hour == 10


def test_the_meeting_day_is_the_amsterdam_day_even_when_given_in_utc():
    # 00:30 in Amsterdam on Monday 2 November 2026 is still Sunday 1 November in UTC.
    starts = at(2026, 11, 2, 0, 30).astimezone(dt.UTC)
    assert deadline(starts, 1, NOON) == at(2026, 10, 30)  # Friday, winter time


@pytest.mark.django_db
class TestMeetingDeadlines:
    def test_without_an_override_the_associations_rule_applies(self, set_association):
        set_association(motion_deadline_days=5, amendment_deadline_days=3)
        meeting = f.meeting(starts_at=at(2026, 6, 17, 10))
        assert meeting.motion_deadline is None
        assert meeting.effective_motion_deadline() == at(2026, 6, 10)
        assert meeting.effective_amendment_deadline() == at(2026, 6, 12)

    def test_an_override_replaces_the_rule(self):
        meeting = f.meeting(starts_at=at(2026, 6, 17, 10), motion_deadline=at(2026, 6, 1, 17))
        assert meeting.effective_motion_deadline() == at(2026, 6, 1, 17)
        assert meeting.computed_motion_deadline() == at(2026, 6, 4)

    @time_machine.travel(at(2026, 5, 1), tick=False)
    def test_the_members_meeting_page_shows_both_deadlines(self, client, set_association):
        set_association(amendment_deadline_time=dt.time(17, 0))
        meeting = f.meeting(starts_at=at(2026, 6, 17, 10))
        html = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
        assert "donderdag 4 juni 2026, 12:00" in html  # motions, nine working days
        assert "donderdag 4 juni 2026, 17:00" in html  # amendments
