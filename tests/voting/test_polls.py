"""Electronic votes, the domain rules: one vote per card, weighted totals, secret votes
that keep no choice beside a member, closing records the outcome."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from agenda.outcomes import Status
from voting import polls
from voting.models import Attendance, Cast, Poll


def test_a_closed_poll_records_the_weighted_result_as_the_motions_outcome(
    motion, holders, amsterdam, utrecht, vlieland
):
    poll = polls.open_poll(motion, holders["Amsterdam"])
    polls.cast_vote(poll, amsterdam, "against", holders["Amsterdam"])
    polls.cast_vote(poll, utrecht, "for", holders["Utrecht"])
    polls.cast_vote(poll, vlieland, "for", holders["Vlieland"])

    polls.close_poll(poll)

    motion.refresh_from_db()
    assert motion.status == Status.REJECTED
    # 931,000 against 375,200 for, of 1,306,200.
    assert str(motion.percent_against) == "71.28"
    assert str(motion.percent_for) == "28.72"
    assert str(motion.percent_abstain) == "0.00"
    result = polls.result(Poll.objects.get(pk=poll.pk))
    assert result.total_cards == 3


def test_a_repeated_vote_counts_once(motion, holders, utrecht):
    poll = polls.open_poll(motion, holders["Utrecht"])
    first = polls.cast_vote(poll, utrecht, "for", holders["Utrecht"])
    again = polls.cast_vote(poll, utrecht, "for", holders["Utrecht"])

    assert first.status == polls.Outcome.COUNTED
    assert again.status == polls.Outcome.ALREADY
    assert again.cast.receipt == first.cast.receipt
    assert polls.progress(poll)["cards"] == 1


def test_a_vote_cannot_be_changed_unless_the_poll_allows_it(motion, holders, utrecht):
    fixed = polls.open_poll(motion, holders["Utrecht"])
    polls.cast_vote(fixed, utrecht, "for", holders["Utrecht"])
    with pytest.raises(ValidationError):
        polls.cast_vote(fixed, utrecht, "against", holders["Utrecht"])
    polls.cancel_poll(fixed)

    changeable = polls.open_poll(motion, holders["Utrecht"], changeable=True)
    polls.cast_vote(changeable, utrecht, "for", holders["Utrecht"])
    changed = polls.cast_vote(changeable, utrecht, "against", holders["Utrecht"])
    assert changed.status == polls.Outcome.CHANGED
    polls.close_poll(changeable)
    result = polls.result(Poll.objects.get(pk=changeable.pk))
    assert result.cards == {"for": 0, "against": 1, "abstain": 0}


def test_a_vote_after_closing_is_refused_and_not_counted(motion, holders, utrecht, amsterdam):
    poll = polls.open_poll(motion, holders["Utrecht"])
    polls.cast_vote(poll, utrecht, "for", holders["Utrecht"])
    polls.close_poll(poll)

    with translation.override("en"), pytest.raises(ValidationError, match="closed"):
        polls.cast_vote(poll, amsterdam, "against", holders["Amsterdam"])
    assert not Cast.objects.filter(poll=poll, member=amsterdam).exists()
    motion.refresh_from_db()
    assert motion.status == Status.ADOPTED


def test_a_secret_poll_keeps_no_choice_and_no_weight_beside_a_member(
    motion, holders, amsterdam, utrecht
):
    poll = polls.open_poll(motion, holders["Amsterdam"], secret=True)
    polls.cast_vote(poll, amsterdam, "against", holders["Amsterdam"])
    polls.cast_vote(poll, utrecht, "for", holders["Utrecht"])

    for cast in Cast.objects.filter(poll=poll):
        assert cast.choice == ""
        assert cast.weight is None
    assert not any(f.name.endswith("_at") for f in Cast._meta.get_fields())
    polls.close_poll(poll)
    motion.refresh_from_db()
    assert motion.status == Status.REJECTED
    assert polls.named_votes(Poll.objects.get(pk=poll.pk)) == []


def test_a_secret_vote_cannot_be_made_changeable(motion, holders):
    with pytest.raises(ValidationError):
        polls.open_poll(motion, holders["Utrecht"], secret=True, changeable=True)


def test_only_one_vote_is_open_at_the_meeting(motion, item, holders):
    polls.open_poll(motion, holders["Utrecht"])
    with translation.override("en"), pytest.raises(ValidationError, match="Another vote"):
        polls.open_poll(item, holders["Utrecht"])


def test_members_vote_only_on_published_papers(item, holders):
    from tests import factories as f

    draft = f.motion(item, "Concept", is_draft=True)
    with translation.override("en"), pytest.raises(ValidationError, match="published"):
        polls.open_poll(draft, holders["Utrecht"])


def test_voting_at_the_meeting_registers_the_member_present(motion, holders, utrecht):
    poll = polls.open_poll(motion, holders["Utrecht"])
    polls.cast_vote(poll, utrecht, "for", holders["Utrecht"])
    assert Attendance.objects.get(member=utrecht).mode == Attendance.Mode.ONLINE


def test_an_amendment_the_board_did_not_adopt_gets_the_three_way_vote(
    item, holders, amsterdam, utrecht
):
    from tests import factories as f

    resolution = f.resolution(item)
    amendment = f.amendment(item, resolution, submitters=[utrecht])
    poll = polls.open_poll(amendment, holders["Utrecht"])
    assert poll.kind == Poll.Kind.THREE_WAY
    polls.cast_vote(poll, amsterdam, "amended", holders["Amsterdam"])
    polls.cast_vote(poll, utrecht, "original", holders["Utrecht"])
    polls.close_poll(poll)
    amendment.refresh_from_db()
    assert amendment.status == Status.ADOPTED
