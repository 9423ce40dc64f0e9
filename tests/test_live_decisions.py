"""The decision list page (live/views/decisions.py) and its renderer-neutral data
(papers/decisions.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from agenda.models import Meeting
from agenda.outcomes import Status
from motions import holdover, votes
from motions.models import FollowUp, HoldOver, PreAdvice
from papers import decisions
from tests import factories as f
from tests.live_helpers import large_meeting

pytestmark = pytest.mark.django_db


def url(meeting):
    return reverse("live:decisions", args=[meeting.pk])


def publish(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(decisions_published_at=timezone.now())


@pytest.fixture
def decided():
    """A meeting with a three-way amendment vote, a motion voted in parts, a withdrawn motion,
    an item decision and a decided follow-up."""
    meeting = f.meeting(title="Decemberledenvergadering")
    item = f.item(meeting, "Zorg")
    resolution = f.resolution(item, "Stop met gesprekken", clauses=("Een.", "Twee."))
    amendment = f.amendment(item, resolution, 2, "replace", "Twee, anders.")
    PreAdvice.objects.create(proposal=amendment, value="ontraden", state="settled")
    votes.record_three_way_vote(amendment, 34, 62, 4)
    split = f.motion(item, "In delen", advice="aanhouden")
    first = votes.add_part(split, "1e deel")
    second = votes.add_part(split, "2e deel")
    votes.record_outcome(
        first, Status.ADOPTED, percent_for="92.16", percent_against="7.84", percent_abstain=0
    )
    votes.record_pre_advice_vote(second)
    votes.record_outcome(f.motion(item, "Teruggetrokken"), Status.WITHDRAWN)
    minutes = f.item(meeting, "Notulen")
    decision = votes.item_decision(minutes)
    decision.text = "De notulen worden vastgesteld."
    votes.record_outcome(decision, Status.ADOPTED)
    follow_up_item = f.item(meeting, "Verantwoording", is_follow_up=True)
    old = f.motion(f.item(f.meeting(days=-300)), "Oud")
    votes.record_outcome(old, Status.ADOPTED, by_acclamation=True)
    fu = FollowUp.objects.create(agenda_item=follow_up_item, motion=old, position=1)
    from motions import followup

    followup.record_decision(fu, "close")
    return meeting


def test_members_and_the_public_do_not_see_an_unpublished_decision_list(
    client, decided, member_user
):
    assert client.get(url(decided)).status_code == 404
    client.force_login(member_user)
    assert client.get(url(decided)).status_code == 404
    with pytest.raises(PermissionDenied):
        decisions.assemble(decided, member_user)


def test_the_secretariat_reads_it_before_publication_and_publishes_it(
    client, decided, secretariat_user, member_user
):
    client.force_login(secretariat_user)
    html = client.get(url(decided)).content.decode()
    assert "Stop met gesprekken" in html
    response = client.post(reverse("live:publish_decisions", args=[decided.pk]), {"publish": "1"})
    assert response.status_code == 302
    assert Meeting.objects.get(pk=decided.pk).decisions_published_at is not None
    assert Meeting.objects.get(pk=decided.pk).revision == decided.revision
    client.force_login(member_user)
    assert client.get(url(decided)).status_code == 200


def test_only_the_secretariat_publishes(client, decided, member_user, board_user):
    publication = reverse("live:publish_decisions", args=[decided.pk])
    assert client.post(publication, {"publish": "1"}).status_code == 302  # to log in
    for user in (member_user, board_user):
        client.force_login(user)
        assert client.post(publication, {"publish": "1"}).status_code == 403
    assert Meeting.objects.get(pk=decided.pk).decisions_published_at is None


def test_it_lists_per_item_every_decision_and_result(client, decided):
    publish(decided)
    html = client.get(url(decided)).content.decode()
    assert "verworpen" not in html.split("Stop met gesprekken")[1][:200]  # resolution adopted
    assert "aangenomen in driewegstemming: 34,00% voor het voorstel van het bestuur" in html
    assert "Zoals geamendeerd: versie 2." in html
    assert "1e deel" in html and "92,16%" in html
    assert "aangehouden conform preadvies" in html
    assert "ingetrokken" in html.lower()
    assert "De notulen worden vastgesteld." in html
    assert "Als uitgevoerd beschouwen (afdoen)" in html
    assert html.count('role="img"') >= 2


def test_a_held_over_motion_that_moved_on_stays_on_the_list_where_it_was_held_over(client):
    meeting = f.meeting(title="Juni-ALV")
    item = f.item(meeting, "Asiel")
    motion = f.motion(item, "Solidariteit in de asielopvang", advice="aanhouden")
    votes.record_pre_advice_vote(
        motion, percent_for="88.49", percent_against="11.51", percent_abstain=0
    )
    later = f.meeting(title="December-ALV", days=200)
    holdover.place(HoldOver.objects.get(), f.item(later, "Moties"))
    publish(meeting)
    html = client.get(url(meeting)).content.decode()
    assert "Solidariteit in de asielopvang" in html
    assert "aangehouden conform preadvies met 88,49% voor" in html
    assert "December-ALV" in html


def test_the_data_is_renderer_neutral_and_follows_the_agenda(decided, secretariat_user):
    data = decisions.assemble(decided, secretariat_user)
    assert [entry.item.title for entry in data.items] == ["Zorg", "Notulen", "Verantwoording"]
    kinds = [d.kind for d in data.items[0].decisions]
    assert kinds == ["resolution", "amendment", "motion", "motion"]
    split = data.items[0].decisions[2]
    assert [p.name for p in split.parts] == ["1e deel", "2e deel"]
    assert not data.is_published


def test_the_public_sees_no_drafts_on_a_published_list(client):
    meeting = f.meeting()
    item = f.item(meeting)
    votes.record_outcome(
        f.motion(item, "Concept", is_draft=True), Status.ADOPTED, by_acclamation=True
    )
    publish(meeting)
    assert "Concept" not in client.get(url(meeting)).content.decode()
    data = decisions.assemble(meeting, AnonymousUser())
    assert data.items[0].decisions == []


def test_its_query_count_does_not_grow_with_the_meeting(client, django_assert_max_num_queries):
    meeting = large_meeting(items=3, motions=30)
    publish(meeting)
    with django_assert_max_num_queries(16):
        response = client.get(url(meeting))
    assert response.content.decode().count('class="alv-decision"') >= 90
