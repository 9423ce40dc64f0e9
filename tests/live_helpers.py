"""Builders for the meeting-day tests: a meeting of a given size, with decisions taken."""

from motions import votes
from motions.models import PreAdvice
from tests import factories as f


def large_meeting(items=4, motions=40, decided=True):
    """A published meeting with `items` sub-items, each with a resolution, an amendment and
    `motions` motions with published pre-advice; when `decided`, every other motion has a
    result and the amendment was voted three ways."""
    meeting = f.meeting()
    parent = f.item(meeting, "Moties")
    for n in range(items):
        sub = f.item(meeting, f"Sub {n}", parent=parent)
        resolution = f.resolution(sub)
        amendment = f.amendment(sub, resolution)
        PreAdvice.objects.create(proposal=amendment, value="ontraden", state="settled")
        for m in range(motions):
            motion = f.motion(sub, f"Motie {n}-{m}", advice="overnemen")
            if decided and m % 2:
                votes.record_outcome(
                    motion, "adopted", percent_for=90, percent_against=8, percent_abstain=2
                )
            if decided and m % 10 == 1:
                votes.add_part(motion, "1e deel")
        if decided:
            votes.record_three_way_vote(amendment, 62, 34, 4)
    return meeting
