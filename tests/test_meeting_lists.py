"""The home page lists coming and past meetings by their day, the rule `Meeting.is_past`
applies to an archive entry: a meeting under way is still today's, not a past one."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from agenda.models import Meeting
from tests import factories as f

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def meetings(db):
    return {
        "today": f.meeting(
            title="Vandaag", starts_at=dt.datetime(2026, 6, 12, 10, tzinfo=AMSTERDAM)
        ),
        "yesterday": f.meeting(
            title="Gisteren", starts_at=dt.datetime(2026, 6, 11, 10, tzinfo=AMSTERDAM)
        ),
        "tomorrow": f.meeting(
            title="Morgen", starts_at=dt.datetime(2026, 6, 13, 10, tzinfo=AMSTERDAM)
        ),
    }


@time_machine.travel(dt.datetime(2026, 6, 12, 23, 30, tzinfo=AMSTERDAM), tick=False)
def test_a_meeting_under_way_is_listed_as_coming_until_its_day_is_over(meetings):
    assert not meetings["today"].is_past
    assert list(Meeting.objects.upcoming()) == [meetings["today"], meetings["tomorrow"]]
    assert list(Meeting.objects.past()) == [meetings["yesterday"]]
    assert list(Meeting.objects.not_started()) == [meetings["tomorrow"]]


@time_machine.travel(dt.datetime(2026, 6, 13, 0, 5, tzinfo=AMSTERDAM), tick=False)
def test_after_midnight_in_amsterdam_the_meeting_of_yesterday_is_past(meetings, client):
    assert meetings["today"].is_past
    assert list(Meeting.objects.past()) == [meetings["today"], meetings["yesterday"]]
    page = client.get("/").content.decode()
    coming, past = page.split("Eerdere vergaderingen")
    assert "Vandaag" in past and "Morgen" in coming and "Vandaag" not in coming
