"""A part of a motion voted in parts, held over while another part was adopted, comes back on a
later agenda as the part (motions/holdover.py): the motion stays adopted where it was."""

import pytest
from django.urls import reverse

from agenda.outcomes import Status
from motions import holdover, votes
from motions.models import HoldOver, Motion, Proposal
from papers import decisions
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def voted_in_parts():
    earlier_item = f.item(f.meeting(days=-100, title="ALV juni"), "Financien")
    submitters = [f.member("Utrecht"), f.member("Zwolle")]
    motion = f.motion(earlier_item, "Fiscale ruimte", submitters=submitters)
    first = votes.add_part(motion, "1e deel (verzoek 1)")
    second = votes.add_part(motion, "2e deel (verzoek 2)")
    votes.record_outcome(first, Status.ADOPTED, percent_for="92.16")
    votes.record_outcome(second, Status.HELD_OVER, on_pre_advice=False)
    return motion, first, second


def test_a_part_held_over_beside_an_adopted_part_waits_for_a_later_agenda(voted_in_parts):
    motion, _first, second = voted_in_parts
    motion.refresh_from_db()
    assert motion.status == Status.ADOPTED
    later = f.meeting(days=30)
    [waiting] = holdover.awaiting_placement(later)
    assert waiting.vote_part == second
    assert waiting.name == f"{motion.display_name}, 2e deel (verzoek 2)"


def test_undoing_the_part_s_decision_takes_it_off_the_waiting_list(voted_in_parts):
    _motion, _first, second = voted_in_parts
    votes.record_outcome(second, Status.REJECTED)
    assert not HoldOver.objects.exists()


def test_a_motion_held_over_in_all_its_parts_comes_back_whole(voted_in_parts):
    motion, first, _second = voted_in_parts
    votes.record_outcome(first, Status.HELD_OVER)
    [waiting] = HoldOver.objects.all()
    assert waiting.vote_part is None and waiting.proposal_id == motion.pk


def test_placing_the_part_makes_it_a_motion_of_its_own_and_leaves_the_motion_decided(
    voted_in_parts,
):
    motion, _first, second = voted_in_parts
    later = f.meeting(days=30)
    target = f.item(later, "Moties")
    hold_over = HoldOver.objects.get(vote_part=second)
    continued = holdover.place(hold_over, target)

    assert continued.pk != motion.pk
    assert continued.agenda_item == target and continued.status == Status.SUBMITTED
    assert continued.title == "Fiscale ruimte (2e deel (verzoek 2))"
    assert [s.member.name for s in continued.proposalsubmitter_set.order_by("position")] == [
        "Utrecht",
        "Zwolle",
    ]
    assert [p.text for p in continued.parts.all()] == ["Tekst van Fiscale ruimte"]
    motion.refresh_from_db()
    assert motion.agenda_item == hold_over.from_item and motion.status == Status.ADOPTED
    hold_over.refresh_from_db()
    assert hold_over.continued_as_id == continued.pk and hold_over.is_placed
    assert list(holdover.awaiting_placement(later)) == []
    # Both appear in the history, as every change to the record does.
    assert Motion.history.filter(id=continued.pk).exists()


def test_the_earlier_decision_list_keeps_the_motion_with_its_parts_not_as_moved_on(
    voted_in_parts, secretariat_user
):
    motion, _first, second = voted_in_parts
    holdover.place(HoldOver.objects.get(vote_part=second), f.item(f.meeting(days=30), "Moties"))
    listed = decisions.assemble(motion.agenda_item.meeting, secretariat_user)
    names = [d.name for section in listed.items for d in section.decisions]
    assert names.count(motion.display_name) == 1


def test_the_secretariat_places_the_part_from_the_status_overview(
    voted_in_parts, client, secretariat_user
):
    motion, _first, second = voted_in_parts
    later = f.meeting(days=30)
    target = f.item(later, "Moties")
    client.force_login(secretariat_user)
    page = client.get(reverse("live:status", args=[later.pk])).content.decode()
    assert "Fiscale ruimte" in page and "2e deel (verzoek 2)" in page
    hold_over = HoldOver.objects.get(vote_part=second)
    response = client.post(
        reverse("live:place_held_over", args=[later.pk]),
        {"hold_over": hold_over.pk, "item": target.pk},
    )
    assert response.status_code == 302
    assert Proposal.objects.filter(agenda_item=target).count() == 1


def test_the_motions_left_behind_by_a_placed_motion_get_their_new_numbers_in_the_history():
    earlier_item = f.item(f.meeting(days=-100), "Asiel")
    held = f.motion(earlier_item, "Eerste")
    stays = f.motion(earlier_item, "Tweede")
    votes.record_outcome(held, Status.HELD_OVER)
    holdover.place(HoldOver.objects.get(proposal=held), f.item(f.meeting(days=30), "Moties"))
    stays.refresh_from_db()
    assert stays.position == 1
    assert Motion.history.filter(id=stays.pk).latest().position == 1
