"""The follow-up overview across meetings and a motion's track (live/views/follow_up.py)."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from agenda.models import Meeting
from agenda.outcomes import Status
from motions import followup, votes
from motions.models import FollowUpReport, FollowUpTrack
from tests import factories as f

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("live:follow_up_overview")


def adopted(meeting, title, theme=""):
    motion = f.motion(f.item(meeting), title)
    votes.record_outcome(motion, Status.ADOPTED, by_acclamation=True)
    if theme:
        FollowUpTrack.objects.filter(motion=motion).update(theme=theme)
    return motion


@pytest.fixture
def motions():
    june = f.meeting(title="Juni-ALV", days=-180)
    older = f.meeting(title="Vorig jaar", days=-540)
    hidden = f.meeting(title="Besloten", days=-90, visibility=Meeting.Visibility.MEMBERS)
    return {
        "housing": adopted(june, "Meer woningen", theme="Wonen"),
        "money": adopted(older, "Geld voor taken", theme="Financiën"),
        "hidden": adopted(hidden, "Alleen voor leden"),
        "rejected": f.motion(f.item(june), "Verworpen motie", status=Status.REJECTED),
    }


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def test_it_lists_adopted_motions_of_meetings_the_reader_may_see(client, motions, member_user):
    html = client.get(OVERVIEW).content.decode()
    assert "Meer woningen" in html and "Geld voor taken" in html
    assert "Alleen voor leden" not in html
    assert "Verworpen motie" not in html
    client.force_login(member_user)
    assert "Alleen voor leden" in client.get(OVERVIEW).content.decode()


def test_it_filters_by_state_meeting_theme_and_words(client, motions):
    followup.add_report(motions["money"].follow_up_track, dt.date(2025, 1, 1), "Loopt.")
    june = motions["housing"].meeting
    assert "Meer woningen" not in client.get(OVERVIEW, {"state": "in_progress"}).content.decode()
    assert "Geld voor taken" in client.get(OVERVIEW, {"state": "in_progress"}).content.decode()
    by_meeting = client.get(OVERVIEW, {"meeting": june.pk}).content.decode()
    assert "Meer woningen" in by_meeting and "Geld voor taken" not in by_meeting
    by_theme = client.get(OVERVIEW, {"theme": "wonen"}).content.decode()
    assert "Meer woningen" in by_theme and "Geld voor taken" not in by_theme
    by_words = client.get(OVERVIEW, {"q": "geld"}).content.decode()
    assert "Geld voor taken" in by_words and "Meer woningen" not in by_words


def test_a_proposal_to_close_reaches_members_only_with_published_papers(
    client, secretariat, motions, member_user
):
    track = motions["housing"].follow_up_track
    followup.add_report(track, dt.date(2025, 5, 1), "Geheim verslag.", "close")
    badge = "alv-badge--proposed_close"
    assert badge in secretariat.get(OVERVIEW).content.decode()
    client.force_login(member_user)
    html = client.get(OVERVIEW).content.decode()
    assert badge not in html and "alv-badge--in_progress" in html
    track_page = client.get(reverse("live:track", args=[motions["housing"].pk])).content.decode()
    assert "Geheim verslag." not in track_page
    item = f.item(f.meeting(title="December-ALV"), "Verantwoording", is_follow_up=True)
    followup.collect(item)
    assert badge in client.get(OVERVIEW).content.decode()
    track_page = client.get(reverse("live:track", args=[motions["housing"].pk])).content.decode()
    assert "December-ALV" in track_page and "Geheim verslag." in track_page


def test_the_secretariat_adds_a_dated_report_and_sets_the_theme(secretariat, motions):
    motion = motions["housing"]
    response = secretariat.post(
        reverse("live:add_report", args=[motion.pk]),
        {"date": "2025-03-01", "text": "Eerste gesprekken.", "proposed_decision": ""},
    )
    assert response.status_code == 302
    assert FollowUpReport.objects.get().date == dt.date(2025, 3, 1)
    secretariat.post(
        reverse("live:edit_track", args=[motion.pk]), {"state": "in_progress", "theme": "Bouwen"}
    )
    track = FollowUpTrack.objects.get(motion=motion)
    assert (track.state, track.theme) == ("in_progress", "Bouwen")
    html = secretariat.get(reverse("live:track", args=[motion.pk])).content.decode()
    assert "Eerste gesprekken." in html


def test_an_empty_report_gives_a_message_and_changes_nothing(secretariat, motions):
    url = reverse("live:add_report", args=[motions["housing"].pk])
    response = secretariat.post(url, {"date": "2025-03-01", "text": ""})
    assert response.status_code == 400
    assert not FollowUpReport.objects.exists()


def test_closing_by_hand_is_not_offered_and_refused(secretariat, motions):
    url = reverse("live:edit_track", args=[motions["housing"].pk])
    assert secretariat.post(url, {"state": "closed", "theme": ""}).status_code == 400
    assert FollowUpTrack.objects.get(motion=motions["housing"]).state == "open"


def test_only_the_secretariat_writes_reports(client, motions, member_user):
    url = reverse("live:add_report", args=[motions["housing"].pk])
    data = {"date": "2025-03-01", "text": "Nee."}
    assert client.post(url, data).status_code == 302
    client.force_login(member_user)
    assert client.post(url, data).status_code == 403
    assert not FollowUpReport.objects.exists()


def test_a_motion_that_was_not_adopted_has_no_track_page(client, motions):
    assert client.get(reverse("live:track", args=[motions["rejected"].pk])).status_code == 404


def test_its_query_count_does_not_grow_with_the_number_of_motions(
    client, django_assert_max_num_queries
):
    for n in range(3):
        meeting = f.meeting(days=-100 - n)
        for m in range(15):
            adopted(meeting, f"Motie {n}-{m}", theme=f"Thema {m % 3}")
    with django_assert_max_num_queries(10):
        response = client.get(OVERVIEW)
    assert response.content.decode().count("/follow-up/") >= 45


def test_the_track_page_takes_a_fixed_number_of_queries(
    secretariat, motions, django_assert_max_num_queries
):
    track = motions["housing"].follow_up_track
    for n in range(10):
        followup.add_report(track, dt.date(2025, 1, 1 + n), f"Verslag {n}.")
    with django_assert_max_num_queries(12):
        response = secretariat.get(reverse("live:track", args=[motions["housing"].pk]))
    assert len(re.findall(r"Verslag \d\.", response.content.decode())) == 10
