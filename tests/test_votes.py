"""Recording outcomes: statuses, vote results, votes on the pre-advice, votes in parts, the
three-way vote on an amendment, and weighted results from votes per member."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from agenda.models import Meeting
from agenda.outcomes import Status
from motions import votes
from motions.models import Ballot, FollowUpTrack, HoldOver, PreAdvice, Proposal
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    return f.item(f.meeting())


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


class TestRecordOutcome:
    def test_it_records_a_vote_result_and_bumps_the_live_revision(self, item):
        motion = f.motion(item)
        before = Meeting.objects.get(pk=item.meeting_id).live_revision
        votes.record_outcome(
            motion, Status.ADOPTED, percent_for="91.80", percent_against="6.20", percent_abstain="2"
        )
        motion = reload(motion)
        assert motion.status == Status.ADOPTED
        assert motion.percent_for == Decimal("91.80")
        assert motion.decided_at is not None
        assert Meeting.objects.get(pk=item.meeting_id).live_revision == before + 1

    def test_percentages_that_do_not_add_up_to_100_change_nothing(self, item):
        motion = f.motion(item)
        with pytest.raises(ValidationError):
            votes.record_outcome(
                motion, Status.ADOPTED, percent_for="91", percent_against="6", percent_abstain="1"
            )
        assert reload(motion).status == Status.SUBMITTED
        assert reload(motion).percent_for is None

    def test_acclamation_adopts_without_percentages(self, item):
        motion = f.motion(item)
        votes.record_outcome(motion, Status.REJECTED, by_acclamation=True)
        motion = reload(motion)
        assert (motion.status, motion.by_acclamation, motion.percent_for) == (
            Status.ADOPTED,
            True,
            None,
        )

    def test_a_withdrawn_motion_has_no_percentages(self, item):
        motion = f.motion(item)
        with pytest.raises(ValidationError):
            votes.record_outcome(
                motion, Status.WITHDRAWN, percent_for=50, percent_against=50, percent_abstain=0
            )
        votes.record_outcome(motion, Status.WITHDRAWN)
        assert reload(motion).status == Status.WITHDRAWN

    def test_an_adopted_motion_gets_a_follow_up_track_that_an_undo_removes(self, item):
        motion = f.motion(item)
        votes.record_outcome(motion, Status.ADOPTED, by_acclamation=True)
        assert FollowUpTrack.objects.get(motion=motion).state == FollowUpTrack.State.OPEN
        votes.record_outcome(motion, Status.SUBMITTED)
        assert not FollowUpTrack.objects.filter(motion=motion).exists()
        assert reload(motion).decided_at is None

    def test_resolutions_and_agenda_items_have_outcomes_too(self, item):
        resolution = f.resolution(item)
        votes.record_outcome(
            resolution, Status.ADOPTED, percent_for=97.63, percent_against=2.37, percent_abstain=0
        )
        assert reload(resolution).percent_for == Decimal("97.63")
        decision = votes.record_outcome(votes.item_decision(item), Status.ADOPTED)
        assert reload(decision).agenda_item == item


class TestHeldOver:
    def test_a_held_over_motion_waits_for_a_later_meeting_and_is_placed_there(self, item):
        motion = f.motion(item, "Solidariteit", advice="aanhouden")
        votes.record_outcome(
            motion, Status.HELD_OVER, percent_for=88.49, percent_against=11.51, percent_abstain=0
        )
        later = f.meeting(days=200)
        later_item = f.item(later, "Moties")
        from motions import holdover

        waiting = list(holdover.awaiting_placement(later))
        assert [h.proposal_id for h in waiting] == [motion.pk]
        assert list(holdover.awaiting_placement(item.meeting)) == []

        holdover.place(waiting[0], later_item)
        motion = reload(motion)
        assert motion.agenda_item == later_item
        assert motion.meeting == item.meeting
        assert motion.status == Status.SUBMITTED and motion.percent_for is None
        assert list(holdover.awaiting_placement(later)) == []
        kept = HoldOver.objects.get(proposal=motion)
        assert (kept.from_item, kept.to_item, kept.percent_for) == (
            item,
            later_item,
            Decimal("88.49"),
        )

    def test_it_closes_the_gap_the_placed_motion_leaves(self, item):
        first, held, last = (f.motion(item, t) for t in ("A", "B", "C"))
        votes.record_outcome(held, Status.HELD_OVER)
        from motions import holdover

        holdover.place(HoldOver.objects.get(), f.item(f.meeting(days=90)))
        assert [p.title for p in Proposal.objects.filter(agenda_item=item)] == ["A", "C"]
        assert [p.position for p in Proposal.objects.filter(agenda_item=item)] == [1, 2]

    def test_it_refuses_to_place_a_motion_at_an_earlier_meeting(self, item):
        motion = f.motion(item)
        votes.record_outcome(motion, Status.HELD_OVER)
        from motions import holdover

        with pytest.raises(ValidationError):
            holdover.place(HoldOver.objects.get(), f.item(f.meeting(days=-10)))
        assert reload(motion).agenda_item == item

    def test_an_undone_hold_over_no_longer_waits(self, item):
        motion = f.motion(item)
        votes.record_outcome(motion, Status.HELD_OVER)
        votes.record_outcome(motion, Status.ADOPTED, by_acclamation=True)
        assert not HoldOver.objects.exists()


class TestVoteOnThePreAdvice:
    def test_holding_over_conform_the_pre_advice_records_that_vote(self, item):
        motion = f.motion(item, advice="aanhouden")
        votes.record_pre_advice_vote(
            motion, percent_for="88.49", percent_against="10", percent_abstain="1.51"
        )
        motion = reload(motion)
        assert motion.status == Status.HELD_OVER
        assert motion.on_pre_advice
        with translation.override("nl"):
            text = votes.describe(motion)
        assert text.startswith("aangehouden conform preadvies met 88,49% voor")

    def test_it_follows_overnemen_and_ontraden_without_a_vote_result(self, item):
        adopt = f.motion(item, advice="overnemen")
        against = f.motion(item, advice="ontraden")
        votes.record_pre_advice_vote(adopt)
        votes.record_pre_advice_vote(against)
        assert reload(adopt).status == Status.ADOPTED
        assert reload(against).status == Status.REJECTED

    def test_a_majority_against_the_pre_advice_is_not_a_decision_on_the_motion(self, item):
        motion = f.motion(item, advice="aanhouden")
        with pytest.raises(ValidationError):
            votes.record_pre_advice_vote(
                motion, percent_for=40, percent_against=55, percent_abstain=5
            )
        assert reload(motion).status == Status.SUBMITTED

    def test_it_needs_a_settled_pre_advice_that_can_be_followed(self, item):
        unsettled = f.motion(item, advice="aanhouden", published_advice=False)
        neutral = f.motion(item, advice="neutraal")
        for motion in (unsettled, neutral, f.motion(item)):
            with pytest.raises(ValidationError):
                votes.record_pre_advice_vote(motion)


class TestVoteInParts:
    def test_a_motion_split_in_parts_takes_its_status_from_them(self, item):
        motion = f.motion(item, advice="aanhouden")
        first = votes.add_part(motion, "1e deel")
        with translation.override("en"):
            second = votes.add_part(motion, "")
        assert second.label == "Part 2"
        votes.record_outcome(
            first, Status.ADOPTED, percent_for="92.16", percent_against="7.84", percent_abstain=0
        )
        assert reload(motion).status == Status.SUBMITTED  # the second part is still open
        votes.record_pre_advice_vote(second)
        motion = reload(motion)
        assert motion.status == Status.ADOPTED
        assert motion.percent_for is None
        second.refresh_from_db()
        assert (second.status, second.on_pre_advice) == (Status.HELD_OVER, True)
        assert FollowUpTrack.objects.filter(motion=motion).exists()

    @pytest.mark.parametrize(
        ("statuses", "expected"),
        [
            ([], Status.SUBMITTED),
            ([Status.REJECTED, Status.ADOPTED], Status.ADOPTED),
            ([Status.ADOPTED, Status.SUBMITTED], Status.SUBMITTED),
            ([Status.REJECTED, Status.HELD_OVER], Status.HELD_OVER),
            ([Status.REJECTED, Status.SUBMITTED], Status.SUBMITTED),
            ([Status.WITHDRAWN, Status.WITHDRAWN], Status.WITHDRAWN),
            ([Status.WITHDRAWN, Status.REJECTED], Status.REJECTED),
        ],
    )
    def test_the_motion_status_follows_the_parts(self, statuses, expected):
        assert votes.motion_status_from_parts(statuses) == expected

    def test_removing_a_part_renumbers_the_rest(self, item):
        motion = f.motion(item)
        parts = [votes.add_part(motion, f"deel {n}") for n in range(3)]
        votes.remove_part(parts[0])
        assert [(p.position, p.label) for p in motion.vote_parts.all()] == [
            (1, "deel 1"),
            (2, "deel 2"),
        ]


class TestThreeWayAmendmentVote:
    @pytest.fixture
    def amendment(self, item):
        resolution = f.resolution(item, clauses=("Een.", "Twee.", "Drie."))
        amendment = f.amendment(item, resolution, clause_number=2, new_text="Twee, gewijzigd.")
        PreAdvice.objects.create(proposal=amendment, value="ontraden", state="settled")
        return amendment

    def test_the_boards_proposal_wins_62_34_4_and_the_text_stays(self, amendment):
        winner = votes.record_three_way_vote(amendment, "62", "34", "4")
        assert winner == votes.ThreeWay.ORIGINAL
        amendment = reload(amendment)
        assert amendment.status == Status.REJECTED
        assert (amendment.percent_original, amendment.percent_amended) == (62, 34)
        assert amendment.percent_neither == 4 and amendment.percent_for is None
        resolution = amendment.resolution_version.resolution
        resolution.refresh_from_db()
        assert resolution.status == Status.ADOPTED
        assert resolution.current_version == amendment.resolution_version
        with translation.override("nl"):
            assert votes.describe(amendment) == (
                "verworpen in driewegstemming: 62,00% voor het voorstel van het bestuur, "
                "34,00% voor het geamendeerde voorstel, 4,00% tegen beide"
            )

    def test_the_amended_proposal_wins_and_makes_the_new_version(self, amendment):
        votes.record_three_way_vote(amendment, 30, 60, 10)
        amendment = reload(amendment)
        assert amendment.status == Status.ADOPTED
        resolution = amendment.resolution_version.resolution
        resolution.refresh_from_db()
        assert resolution.status == Status.ADOPTED
        new = resolution.current_version
        assert new.number == 2 and new.amended_from == amendment.resolution_version
        assert [c.text for c in new.clauses.order_by("position")] == [
            "Een.",
            "Twee, gewijzigd.",
            "Drie.",
        ]
        assert [c.text for c in amendment.resolution_version.clauses.order_by("position")] == [
            "Een.",
            "Twee.",
            "Drie.",
        ]

    def test_against_both_rejects_the_resolution(self, amendment):
        votes.record_three_way_vote(amendment, 20, 20, 60)
        resolution = amendment.resolution_version.resolution
        resolution.refresh_from_db()
        assert resolution.status == Status.REJECTED
        assert reload(amendment).status == Status.REJECTED

    @pytest.mark.parametrize(
        ("shares", "winner"),
        [((45, 45, 10), "original"), ((20, 40, 40), "neither"), ((10, 50, 40), "amended")],
    )
    def test_ties_keep_what_stands(self, shares, winner):
        assert votes.three_way_winner(*map(Decimal, shares)) == winner

    def test_three_shares_must_add_up_to_100(self, amendment):
        with pytest.raises(ValidationError):
            votes.record_three_way_vote(amendment, 60, 30, 5)
        with pytest.raises(ValidationError):
            votes.record_three_way_vote(amendment, 60, 40, None)
        assert reload(amendment).status == Status.SUBMITTED

    def test_an_amendment_the_board_adopted_is_not_voted_three_ways(self, amendment):
        PreAdvice.objects.filter(proposal=amendment).update(value="overnemen")
        with pytest.raises(ValidationError):
            votes.record_three_way_vote(amendment, 30, 60, 10)
        votes.record_outcome(amendment, Status.ADOPTED)
        current = amendment.resolution_version.resolution.__class__.objects.get(
            pk=amendment.resolution_version.resolution_id
        ).current_version
        assert [c.text for c in current.clauses.all()] == ["Een.", "Twee, gewijzigd.", "Drie."]


class TestWeightedVotes:
    def test_percentages_are_shares_of_the_weighted_votes_and_add_up_to_100(self):
        ballots = [
            Ballot(choice="for", weight=2),
            Ballot(choice="against", weight=1),
        ]
        shares = votes.weighted_percentages(ballots, ["for", "against", "abstain"])
        assert shares == {
            "for": Decimal("66.67"),
            "against": Decimal("33.33"),
            "abstain": Decimal("0"),
        }
        assert votes.weighted_percentages([], ["for", "against"]) is None

    def test_per_member_votes_weighted_by_population_decide_the_motion(self, item, set_association):
        set_association(vote_weights="population")
        big, small, middle = (
            f.member(n, population=p)
            for n, p in (("Groot", 900_000), ("Klein", 10_000), ("Midden", 90_000))
        )
        motion = f.motion(item)
        shares = votes.record_ballots(
            motion, {big.pk: "against", small.pk: "for", middle.pk: "abstain"}
        )
        assert shares == {"for": Decimal("1"), "against": Decimal("90"), "abstain": Decimal("9")}
        motion = reload(motion)
        assert motion.status == Status.REJECTED
        assert (motion.percent_for, motion.percent_against) == (1, 90)
        assert {b.member_id: b.weight for b in Ballot.objects.all()}[big.pk] == 900_000

    def test_one_member_one_vote_when_the_association_says_so(self, item, set_association):
        set_association(vote_weights="equal")
        members = [f.member(population=900_000), f.member(), f.member()]
        motion = f.motion(item)
        votes.record_ballots(
            motion, {members[0].pk: "against", members[1].pk: "for", members[2].pk: "for"}
        )
        assert reload(motion).percent_for == Decimal("66.67")
        assert reload(motion).status == Status.ADOPTED

    def test_votes_per_member_on_an_amendment_are_three_way(self, item, set_association):
        set_association(vote_weights="member")
        resolution = f.resolution(item)
        amendment = f.amendment(item, resolution)
        a, b = f.member(), f.member()
        a.vote_weight, b.vote_weight = 3, 1
        a.save()
        b.save()
        votes.record_ballots(amendment, {a.pk: "amended", b.pk: "original"})
        amendment = reload(amendment)
        assert (amendment.percent_amended, amendment.percent_original) == (75, 25)
        assert amendment.status == Status.ADOPTED

    def test_an_unknown_choice_changes_nothing(self, item):
        motion = f.motion(item)
        member = f.member()
        with pytest.raises(ValidationError):
            votes.record_ballots(motion, {member.pk: "amended"})
        assert not Ballot.objects.exists()
        assert reload(motion).status == Status.SUBMITTED


class TestDescribe:
    def test_results_read_the_way_the_papers_write_them(self, item):
        motion = f.motion(item)
        with translation.override("nl"):
            assert votes.describe(motion) == "nog niet besloten"
            votes.record_outcome(
                motion, Status.ADOPTED, percent_for="91.8", percent_against="6.2", percent_abstain=2
            )
            assert votes.describe(reload(motion)) == (
                "aangenomen met 91,80% voor, 6,20% tegen en 2,00% onthouding"
            )
            votes.record_outcome(motion, Status.ADOPTED, by_acclamation=True)
            assert votes.describe(reload(motion)) == "aangenomen bij acclamatie"


def test_an_unknown_weighing_rule_is_a_configuration_error(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from alv.models import Association

    monkeypatch.setattr(
        Association, "current", classmethod(lambda cls, request=None: cls(vote_weights="seats"))
    )
    with pytest.raises(ImproperlyConfigured):
        votes.vote_weight(f.member(), dt.date(2026, 1, 1))
