"""Following the meeting live: the members' live panel and the projector (live/views/live.py)."""

import pytest
from django.test import Client
from django.test.signals import template_rendered
from django.urls import reverse

from agenda.models import Meeting
from agenda.outcomes import Status
from motions import votes
from motions.models import Proposal
from tests import factories as f
from tests.live_helpers import large_meeting

pytestmark = pytest.mark.django_db


def fragment(meeting):
    return reverse("live:fragment", args=[meeting.pk])


@pytest.fixture
def item():
    meeting = f.meeting(title="Live-ALV")
    return f.item(meeting, "Moties over wonen")


@pytest.fixture
def rendered():
    templates = []

    def record(sender, template, **kwargs):
        templates.append(template.name)

    template_rendered.connect(record)
    yield templates
    template_rendered.disconnect(record)


def test_it_shows_the_current_item_the_motion_under_discussion_and_the_latest_results(client, item):
    motion = f.motion(item, "Meer woningen", advice="overnemen")
    decided = f.motion(item, "Minder regels")
    votes.record_outcome(
        decided, Status.ADOPTED, percent_for="91.80", percent_against="6.20", percent_abstain="2"
    )
    item.meeting.set_current(item, motion)
    html = client.get(fragment(item.meeting)).content.decode()
    assert "Moties over wonen" in html
    assert "Meer woningen" in html
    assert "Minder regels" in html and "91,80%" in html
    assert 'hx-trigger="every 3s"' in html


def test_it_answers_304_without_rendering_when_nothing_changed(
    client, item, rendered, django_assert_max_num_queries, member_user
):
    client.force_login(member_user)
    item.meeting.set_current(item)
    first = client.get(fragment(item.meeting))
    assert first.status_code == 200
    etag = first["ETag"]
    assert "private" in first["Cache-Control"] and "no-cache" in first["Cache-Control"]
    # The polled element sends the validator back on its next request.
    assert "If-None-Match" in first.content.decode()
    assert etag.split('"')[1] in first.content.decode()
    rendered.clear()
    # At most the papers' revision: not the session, the user, their roles or the meeting.
    with django_assert_max_num_queries(1):
        second = client.get(fragment(item.meeting), HTTP_IF_NONE_MATCH=etag)
    assert second.status_code == 304
    assert second.content == b""
    assert rendered == []
    assert second["ETag"] == etag


def test_it_answers_200_again_once_something_changed(client, item):
    motion = f.motion(item, "Meer woningen")
    etag = client.get(fragment(item.meeting))["ETag"]
    votes.record_outcome(motion, Status.ADOPTED, by_acclamation=True)
    response = client.get(fragment(item.meeting), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Meer woningen" in response.content.decode()


def test_the_validator_depends_on_the_language(client, item):
    etag = client.get(fragment(item.meeting))["ETag"]
    client.cookies["django_language"] = "en"
    response = client.get(fragment(item.meeting), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200


def test_it_hides_drafts_and_unpublished_pre_advice_even_from_the_secretariat(
    client, item, secretariat_user
):
    client.force_login(secretariat_user)
    motion = f.motion(item, "Nog geheim advies", advice="ontraden", published_advice=False)
    draft = f.motion(item, "Conceptmotie", is_draft=True)
    votes.record_outcome(draft, Status.ADOPTED, by_acclamation=True)
    item.meeting.set_current(item, motion)
    for url in (
        fragment(item.meeting),
        reverse("live:projector", args=[item.meeting_id]),
        reverse("live:projector_fragment", args=[item.meeting_id]),
    ):
        html = client.get(url).content.decode()
        assert "Nog geheim advies" in html
        assert "ontraden" not in html
        assert "Conceptmotie" not in html


def test_it_does_not_exist_for_readers_who_may_not_see_the_meeting(client, member_user):
    hidden = f.meeting(published=False)
    members_only = f.meeting(visibility=Meeting.Visibility.MEMBERS)
    assert client.get(fragment(hidden)).status_code == 404
    assert client.get(fragment(members_only)).status_code == 404
    assert client.get(reverse("live:projector", args=[hidden.pk])).status_code == 404
    client.force_login(member_user)
    assert client.get(fragment(members_only)).status_code == 200
    etag = client.get(fragment(members_only))["ETag"]
    client.logout()
    assert client.get(fragment(members_only), HTTP_IF_NONE_MATCH=etag).status_code == 404


def test_a_public_poll_with_nothing_new_costs_one_query(
    client, item, django_assert_max_num_queries
):
    etag = client.get(fragment(item.meeting))["ETag"]
    with django_assert_max_num_queries(1):  # the papers' revision
        assert client.get(fragment(item.meeting), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_validator_is_answered_only_for_the_session_it_was_given_to(client, item, member_user):
    client.force_login(member_user)
    etag = client.get(fragment(item.meeting))["ETag"]
    assert client.get(fragment(item.meeting), HTTP_IF_NONE_MATCH=etag).status_code == 304
    stranger = Client()
    response = stranger.get(fragment(item.meeting), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "-public-" in response["ETag"]


def test_a_validator_with_another_audience_written_in_is_not_answered(client, item, member_user):
    client.force_login(member_user)
    etag = client.get(fragment(item.meeting))["ETag"]
    forged = etag.replace("-member-", "-staff-")
    response = client.get(fragment(item.meeting), HTTP_IF_NONE_MATCH=forged)
    assert response.status_code == 200
    assert response["ETag"] == etag


def test_logging_in_gets_the_panel_again_for_the_member(client, item, member_user):
    etag = client.get(fragment(item.meeting))["ETag"]
    client.force_login(member_user)
    response = client.get(fragment(item.meeting), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "-member-" in response["ETag"]


def test_it_stops_answering_304_once_the_meeting_is_taken_offline(client, item):
    etag = client.get(fragment(item.meeting))["ETag"]
    item.meeting.unpublish()
    assert client.get(fragment(item.meeting), HTTP_IF_NONE_MATCH=etag).status_code == 404


def test_it_stops_polling_once_the_meeting_is_no_longer_live(client, item):
    html = client.get(fragment(item.meeting)).content.decode()
    assert "hx-trigger" not in html


def test_the_projector_shows_the_motion_with_its_published_pre_advice_and_the_last_result(
    client, item
):
    motion = f.motion(item, "Meer woningen", advice="aanhouden")
    votes.record_pre_advice_vote(
        motion, percent_for=88.49, percent_against=11.51, percent_abstain=0
    )
    item.meeting.set_current(item, motion)
    response = client.get(reverse("live:projector", args=[item.meeting_id]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Meer woningen" in html and "aanhouden" in html
    assert "88,49%" in html
    assert '<svg class="alv-chart" role="img"' in html and "<title" in html and "<desc" in html
    assert 'class="alv-projector"' in html


def test_the_member_meeting_page_includes_the_live_panel_while_the_meeting_is_live(client, item):
    url = reverse("meeting_detail", args=[item.meeting_id])
    assert fragment(item.meeting) not in client.get(url).content.decode()
    item.meeting.set_current(item)
    html = client.get(url).content.decode()
    assert fragment(item.meeting) in html
    assert 'hx-trigger="load, every 3s"' in html
    assert "js/live.js" in html


def test_the_fragment_takes_the_same_few_queries_for_a_large_meeting(
    client, django_assert_max_num_queries
):
    meeting = large_meeting(items=3, motions=30)
    item = meeting.items.filter(parent__isnull=False).first()
    meeting.set_current(item, Proposal.objects.filter(agenda_item=item).last())
    with django_assert_max_num_queries(14):
        response = client.get(fragment(meeting))
    assert response.status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("live:projector", args=[meeting.pk])).status_code == 200


def test_the_member_meeting_page_links_the_decision_list_once_published(client, item):
    from django.utils import timezone

    url = reverse("meeting_detail", args=[item.meeting_id])
    decisions = reverse("live:decisions", args=[item.meeting_id])
    assert decisions not in client.get(url).content.decode()
    Meeting.objects.filter(pk=item.meeting_id).update(decisions_published_at=timezone.now())
    assert decisions in client.get(url).content.decode()


def test_the_secretariat_finds_the_meeting_day_from_the_meeting_page(
    client, item, secretariat_user
):
    client.force_login(secretariat_user)
    html = client.get(reverse("meeting_detail", args=[item.meeting_id])).content.decode()
    assert reverse("live:meeting_day", args=[item.meeting_id]) in html
