"""The meeting form shows the deadlines the association's rule gives; the secretariat may
override them and clear the override again."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from agenda.models import Meeting
from tests import factories as f
from tests.workspace.util import html

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def edit_data(meeting, **overrides):
    data = {
        "revision": meeting.revision,
        "title": meeting.title,
        "kind": meeting.kind,
        "starts_at": "2026-06-17T10:00",
        "location": "",
        "description": "",
        "motion_deadline": "",
        "amendment_deadline": "",
        "visibility": meeting.visibility,
    }
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def _first_of_may():
    # The day of every test here, set before the fixtures log the secretariat in: a session
    # made at another moment (`pytest --clock`) would have expired by the first of May.
    with time_machine.travel(dt.datetime(2026, 5, 1, 12, tzinfo=AMS), tick=False):
        yield


@pytest.fixture
def meeting():
    return f.meeting(starts_at=dt.datetime(2026, 6, 17, 10, tzinfo=AMS))


def test_the_form_shows_the_deadlines_by_the_rule(secretariat, meeting):
    page = html(secretariat.get(reverse("workspace:meeting_edit", args=[meeting.pk])))
    assert "By the association&#x27;s rule: Thursday 4 June 2026, 12:00" in page


def test_an_override_is_kept_and_can_be_cleared(secretariat, meeting):
    address = reverse("workspace:meeting_edit", args=[meeting.pk])
    data = edit_data(meeting, motion_deadline="2026-06-01T17:00")
    assert secretariat.post(address, data).status_code == 302
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.effective_motion_deadline() == dt.datetime(2026, 6, 1, 17, tzinfo=AMS)
    assert meeting.effective_amendment_deadline() == dt.datetime(2026, 6, 4, 12, tzinfo=AMS)
    assert secretariat.post(address, edit_data(meeting)).status_code == 302
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.motion_deadline is None
    assert meeting.effective_motion_deadline() == dt.datetime(2026, 6, 4, 12, tzinfo=AMS)


def test_the_status_page_lists_the_computed_deadlines(secretariat, meeting):
    page = html(secretariat.get(reverse("workspace:dashboard", args=[meeting.pk])))
    assert "4 June 2026" in page
