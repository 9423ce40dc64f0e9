"""Every date and hour users see is the one of Europe/Amsterdam, whatever the hour in UTC: late
in the evening (23:30 UTC is already tomorrow in Amsterdam), on the nights the clocks change
(the last Sundays of March and October), and on the day of the meeting, when the live panel
appears. The clock is pinned with time-machine; `make pytest-clock` runs the whole suite at
such a moment too."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agenda.models import Meeting
from book import assembly, builds
from book.models import BookBuild
from tests import factories as f
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def utc(text):
    return dt.datetime.fromisoformat(text + "+00:00")


def meeting_page(meeting):
    # Dutch, the association's language; anonymous, so the cached page is the one tested.
    response = Client().get(reverse("meeting_detail", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def shows_the_live_panel(meeting):
    return "Live uit de vergadering" in meeting_page(meeting)


def test_late_in_the_evening_in_utc_it_is_already_the_next_day_in_amsterdam():
    with time_machine.travel(utc("2026-12-10T23:30"), tick=False):
        # Friday 11 December, 00:30 in Amsterdam.
        assert timezone.localdate() == dt.date(2026, 12, 11)
        meeting = f.meeting(title="Najaars-ALV", starts_at=utc("2026-12-11T09:00"))
        assert meeting.is_live
        assert "vrijdag 11 december 2026, 10:00" in meeting_page(meeting)


def test_the_live_panel_appears_at_midnight_in_amsterdam_on_the_meeting_day():
    meeting = f.meeting(title="Najaars-ALV", starts_at=utc("2026-12-11T09:00"))
    # 23:59 in Amsterdam, the evening before: not yet; the page is cached meanwhile.
    with time_machine.travel(utc("2026-12-10T22:59"), tick=False):
        assert not shows_the_live_panel(meeting)
    # 00:00 in Amsterdam, still 23:00 in UTC: the same papers, and now the live panel.
    with time_machine.travel(utc("2026-12-10T23:00"), tick=False):
        assert shows_the_live_panel(meeting)
    with time_machine.travel(utc("2026-12-11T22:59"), tick=False):
        assert shows_the_live_panel(meeting)
    # The day after, in Amsterdam, although still 11 December in UTC.
    with time_machine.travel(utc("2026-12-11T23:00"), tick=False):
        assert not shows_the_live_panel(meeting)


def test_the_meeting_is_live_on_the_sunday_summer_time_begins():
    # Sunday 29 March 2026: at 02:00 the clocks go to 03:00 in Amsterdam.
    meeting = f.meeting(title="Voorjaars-ALV", starts_at=utc("2026-03-29T08:00"))
    with time_machine.travel(utc("2026-03-28T22:59"), tick=False):  # Saturday 23:59 CET
        assert not meeting.is_live
    with time_machine.travel(utc("2026-03-28T23:30"), tick=False):  # Sunday 00:30 CET
        assert meeting.is_live
        page = meeting_page(meeting)
        assert "zondag 29 maart 2026, 10:00" in page  # summer time: UTC + 2
    with time_machine.travel(utc("2026-03-29T21:59"), tick=False):  # Sunday 23:59 CEST
        assert meeting.is_live
    with time_machine.travel(utc("2026-03-29T22:00"), tick=False):  # Monday 00:00 CEST
        assert not meeting.is_live


def test_the_meeting_is_live_on_the_sunday_summer_time_ends():
    # Sunday 25 October 2026: at 03:00 the clocks go back to 02:00; the day lasts 25 hours.
    meeting = f.meeting(title="Najaars-ALV", starts_at=utc("2026-10-25T09:00"))
    with time_machine.travel(utc("2026-10-24T21:59"), tick=False):  # Saturday 23:59 CEST
        assert not meeting.is_live
    with time_machine.travel(utc("2026-10-24T22:00"), tick=False):  # Sunday 00:00 CEST
        assert meeting.is_live
        assert "zondag 25 oktober 2026, 10:00" in meeting_page(meeting)  # winter time: UTC + 1
    with time_machine.travel(utc("2026-10-25T22:59"), tick=False):  # Sunday 23:59 CET
        assert meeting.is_live
    with time_machine.travel(utc("2026-10-25T23:00"), tick=False):  # Monday 00:00 CET
        assert not meeting.is_live


@pytest.mark.parametrize(
    ("starts_at", "date"),
    [
        ("2026-12-10T23:30", "2026-12-11"),  # 00:30 in Amsterdam
        ("2026-03-28T23:30", "2026-03-29"),  # the night summer time begins
        ("2026-10-24T22:30", "2026-10-25"),  # the night summer time ends
    ],
)
def test_file_names_carry_the_amsterdam_date_of_the_meeting(starts_at, date):
    with time_machine.travel(utc(starts_at), tick=False):
        meeting = f.meeting(title="Najaars-ALV", starts_at=utc(starts_at))
        book = BookBuild(meeting=meeting, edition=assembly.MEMBER, scope=assembly.MEETING)
        assert builds.download_name(book) == f"najaars-alv-{date}.pdf"
        decisions = BookBuild(
            meeting=meeting, edition=assembly.MEMBER, scope=assembly.DECISIONS, format="docx"
        )
        assert builds.download_name(decisions) == f"najaars-alv-{date}-besluitenlijst.docx"
        client = Client()
        client.force_login(make_user("sec", "secretariat"))
        response = client.get(reverse("book:pre_advice_overview", args=[meeting.pk]))
        assert response["Content-Disposition"] == (
            f'attachment; filename="najaars-alv-{date}-preadviezen.docx"'
        )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2026-03-29T10:00", utc("2026-03-29T08:00")),  # summer time: UTC + 2
        ("2026-10-25T10:00", utc("2026-10-25T09:00")),  # winter time: UTC + 1
        ("2026-10-24T23:30", utc("2026-10-24T21:30")),  # late, the evening before
    ],
)
def test_the_secretariat_types_the_hour_as_it_is_in_amsterdam(typed, stored):
    meeting = f.meeting(title="ALV")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(make_user("sec", "secretariat"))
    response = client.post(
        reverse("workspace:meeting_edit", args=[meeting.pk]), meeting_form(meeting, typed)
    )
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).starts_at == stored


@pytest.mark.parametrize(
    "typed",
    [
        "2026-03-29T02:30",  # does not exist: the clocks jump from 02:00 to 03:00
        "2026-10-25T02:30",  # happens twice: first in summer time, then in winter time
    ],
)
def test_an_hour_the_clock_change_skips_or_repeats_is_refused_at_the_field(typed):
    meeting = f.meeting(title="ALV")
    before = meeting.starts_at
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(make_user("sec", "secretariat"))
    response = client.post(
        reverse("workspace:meeting_edit", args=[meeting.pk]), meeting_form(meeting, typed)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Europe/Amsterdam" in " ".join(errors["starts_at"])
    assert typed in response.content.decode()  # what was typed stays in the field
    assert Meeting.objects.get(pk=meeting.pk).starts_at == before


def meeting_form(meeting, starts_at):
    return {
        "title": meeting.title,
        "kind": meeting.kind,
        "starts_at": starts_at,
        "location": "Den Haag",
        "description": "",
        "motion_deadline": "",
        "amendment_deadline": "",
        "visibility": meeting.visibility,
        "revision": meeting.revision,
    }
