"""The decision list (besluitenlijst) of a meeting as one ordered structure: per agenda item
the decisions taken and their results, as `user` may see them.

Renderer-neutral: the page renders it, and the PDF and Word exports are to render the same
structure with the meeting book's renderers. Built on the meeting papers (papers.contents), in a
fixed number of queries whatever the size of the meeting."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext

from agenda.models import AgendaItem, Meeting
from agenda.outcomes import Status
from motions import votes
from motions.models import HoldOver, Proposal, ProposalSubmitter
from papers import contents
from papers.contents import OutsideTheAgenda


class Kind:
    ITEM = "item"
    RESOLUTION = "resolution"
    MOTION = "motion"
    AMENDMENT = "amendment"
    PART = "part"
    HELD_OVER = "held_over"
    FOLLOW_UP = "follow_up"


@dataclass
class Decision:
    """One line of the list: what was decided on, and the result in words."""

    kind: str
    name: str
    text: str
    outcome: object = None  # the row with status and percentages, for pictures; None if none
    note: str = ""
    parts: list = field(default_factory=list)

    @property
    def status(self):
        return getattr(self.outcome, "status", "")

    @property
    def is_decided(self):
        return self.outcome is not None and self.outcome.status != Status.SUBMITTED


@dataclass
class ItemDecisions:
    item: AgendaItem | OutsideTheAgenda
    decisions: list = field(default_factory=list)

    @property
    def is_sub_item(self):
        return self.item.parent_id is not None

    @property
    def is_apart(self):
        return isinstance(self.item, OutsideTheAgenda)


@dataclass
class DecisionList:
    meeting: Meeting
    items: list

    @property
    def is_published(self):
        return self.meeting.decisions_published_at is not None

    @property
    def published_at(self):
        return self.meeting.decisions_published_at


def assemble(meeting, user):
    """The decision list of `meeting` for `user`. PermissionDenied when `user` may not read
    it: an unpublished decision list never reaches members or the public, in any rendering."""
    if not Meeting.objects.decisions_visible_to(user).filter(pk=meeting.pk).exists():
        raise PermissionDenied
    meeting_papers = contents.assemble(meeting, user)
    moved = defaultdict(list)
    for hold_over in _moved_on(meeting, user):
        moved[hold_over.from_item_id].append(hold_over)
    visible_meetings = set(
        Meeting.objects.visible_to(user)
        .filter(pk__in=[h.to_item.meeting_id for rows in moved.values() for h in rows])
        .values_list("pk", flat=True)
    )

    items = []
    for entry in meeting_papers.items:
        item = entry.item
        rows = []
        # As every rendering of the papers shows it: once taken (an undone one, or a text
        # typed in before the vote, is none), loaded with the items (contents.assemble).
        decision = contents.taken_decision(item)
        if decision is not None:
            rows.append(
                Decision(
                    Kind.ITEM,
                    gettext("Decision on item %(number)s") % {"number": item.number},
                    votes.describe(decision),
                    decision,
                    note=decision.text,
                )
            )
        for resolution in entry.resolutions:
            rows.append(_resolution_decision(resolution))
        for proposal in entry.proposals:
            rows.append(_proposal_decision(proposal))
        for hold_over in moved.get(item.pk, []):
            rows.append(_held_over_decision(hold_over, visible_meetings))
        for follow_up in entry.follow_ups:
            rows.append(_follow_up_decision(follow_up))
        if rows or item.kind == AgendaItem.Kind.DECISION:
            items.append(ItemDecisions(item=item, decisions=rows))
    if meeting_papers.apart:
        rows = [_proposal_decision(proposal) for proposal in meeting_papers.apart]
        items.append(ItemDecisions(item=OutsideTheAgenda(), decisions=rows))
    return DecisionList(meeting=meeting, items=items)


def _resolution_decision(resolution):
    version = resolution.shown_version
    note = ""
    if version is not None and version.amended_from_id is not None:
        note = gettext("As amended: version %(number)s.") % {"number": version.number}
    return Decision(
        Kind.RESOLUTION, str(resolution), votes.describe(resolution), resolution, note=note
    )


def _proposal_decision(proposal):
    is_amendment = proposal.kind == Proposal.Kind.AMENDMENT
    outcome = proposal.amendment if is_amendment else proposal
    decision = Decision(
        Kind.AMENDMENT if is_amendment else Kind.MOTION,
        proposal.display_name,
        votes.describe(outcome),
        outcome,
    )
    # The parts as the papers loaded them with the motion (papers.contents).
    decision.parts = [
        Decision(Kind.PART, part.label, votes.describe(part), part)
        for part in proposal.voted_parts()
    ]
    return decision


def _moved_on(meeting, user):
    """Motions this meeting held over that now stand on a later meeting's agenda."""
    return (
        HoldOver.objects.filter(
            from_item__meeting=meeting,
            to_item__isnull=False,
            vote_part__isnull=True,  # a motion adopted in another part stays in its place
            proposal__in=Proposal.objects.visible_to(user).values("pk"),
        )
        .select_related("proposal__submitter_group", "to_item__meeting", "to_item__parent")
        .prefetch_related(
            Prefetch(
                "proposal__proposalsubmitter_set",
                queryset=ProposalSubmitter.objects.select_related("member").order_by("position"),
                to_attr="ordered_submitters",
            )
        )
        .order_by("pk")
    )


def _held_over_decision(hold_over, visible_meetings):
    to_item = hold_over.to_item
    if to_item.meeting_id in visible_meetings:
        note = gettext("Placed on the agenda of %(meeting)s, item %(number)s.") % {
            "meeting": to_item.meeting.title,
            "number": to_item.number,
        }
    else:
        note = gettext("Placed on the agenda of a later meeting.")
    return Decision(
        Kind.HELD_OVER,
        hold_over.proposal.display_name,
        votes.describe(hold_over),
        hold_over,
        note=note,
    )


def _follow_up_decision(follow_up):
    if follow_up.decision:
        text = follow_up.get_decision_display()
    elif follow_up.proposed_decision:
        text = gettext("undecided (proposed: %(decision)s)") % {
            "decision": follow_up.get_proposed_decision_display()
        }
    else:
        text = gettext("undecided")
    return Decision(Kind.FOLLOW_UP, follow_up.motion.display_name, text, None)
