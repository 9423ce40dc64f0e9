"""The meeting papers as one ordered structure: the agenda in reading order, and per agenda
item its resolutions, motions and amendments, and follow-ups, as `user` may see them.

Written once and used by every view of a whole meeting (the meeting page, the book in PDF and
Word), so all of them show the same things in the same order. A fixed number of queries,
whatever the size of the meeting."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext

from agenda.models import AgendaItem, Meeting, Resolution, sort_agenda
from agenda.outcomes import Status
from motions.models import FollowUp, Proposal


@dataclass
class ItemPapers:
    item: AgendaItem
    resolutions: list = field(default_factory=list)
    proposals: list = field(default_factory=list)
    follow_ups: list = field(default_factory=list)
    # The decision on the item as such (agenda.ItemDecision), once taken: an undone one, or a
    # text typed before the vote, is no decision and is shown nowhere. Loaded by `assemble`
    # with the items (when it reads decisions), so it costs no query of its own.
    decision: object = None

    @property
    def is_sub_item(self):
        return self.item.parent_id is not None

    @property
    def is_empty(self):
        return not (self.resolutions or self.proposals or self.follow_ups or self.item.text)


class OutsideTheAgenda:
    """Stands where an agenda item would in a list grouped by item (the decision list, the
    pre-advice overview), for the motions outside the agenda's items: after the items,
    under this title, without a number."""

    pk = "apart"
    number = ""
    parent_id = None
    is_apart = True

    @property
    def title(self):
        return gettext("Motions outside the agenda")


@dataclass
class MeetingPapers:
    meeting: Meeting
    items: list
    # The motions outside the agenda's items (M1, M2), listed apart after the items.
    apart: list = field(default_factory=list)

    @property
    def proposals(self):
        return [p for entry in self.items for p in entry.proposals] + self.apart


def visible_proposals(meeting, user):
    """The motions and amendments dealt with at `meeting` that `user` may read, with what the
    pages and the book show of them loaded. A queryset, so a page can narrow it (filters,
    search) and still show exactly what the meeting page shows."""
    return (
        Proposal.objects.visible_to(user)
        .dealt_with_at(meeting)
        .select_related(
            "motion__resolution",
            "amendment__resolution_version__resolution",
            "amendment__target_clause",
        )
        .prefetch_related("motion__parts")
        # Every page and file reads a motion's outcome with its parts voted separately.
        .with_vote_parts_known()
        .order_by("position")
    )


def load_vote_parts(proposals):
    """The parts of the motions among `proposals` (from `visible_proposals`) that were voted
    in parts, in one query and only if there are any."""
    prefetch_related_objects(
        [p.motion for p in proposals if getattr(p, "voted_in_parts", False)], "vote_parts"
    )


def proposals_by_item(meeting, proposals, items=None):
    """`proposals` (of `meeting`, e.g. a filtered `visible_proposals()`) under their agenda
    items in reading order; items without any are left out. `items`: the meeting's
    `ordered_items()`, if the caller has them already."""
    by_item = defaultdict(list)
    for proposal in proposals:
        by_item[proposal.agenda_item_id].append(proposal)
    return [
        ItemPapers(item, proposals=by_item[item.pk])
        for item in (items if items is not None else meeting.ordered_items())
        if by_item.get(item.pk)
    ]


def apart(proposals):
    """Those of `proposals` outside the agenda's items, in their order (M1, M2): every list
    of the papers shows them apart, after the items."""
    return [p for p in proposals if p.agenda_item_id is None]


def attach_agenda_items(proposals, user):
    """Set `shown_agenda_item` on each proposal: its agenda item, or None when that item is of
    a later meeting `user` may not see yet (a motion held over to a meeting whose papers are
    not published). Needs `agenda_item` loaded; one query at most."""
    proposals = list(proposals)
    elsewhere = {p.agenda_meeting_id for p in proposals if p.agenda_meeting_id != p.meeting_id}
    visible = set()
    if elsewhere:
        visible = set(
            Meeting.objects.visible_to(user).filter(pk__in=elsewhere).values_list("pk", flat=True)
        )
    for proposal in proposals:
        item_meeting = proposal.agenda_meeting_id
        shown = item_meeting == proposal.meeting_id or item_meeting in visible
        proposal.shown_agenda_item = proposal.agenda_item if shown else None
    return proposals


def taken_decision(item):
    """The decision on `item` as such, if one was taken (not undone, not only typed in), from
    the row joined to the item (`select_related("decision")`); else None. Every page and file
    that shows a meeting's papers shows exactly this one."""
    decision = getattr(item, "decision", None)  # a missing row raises an AttributeError
    if decision is None or decision.status == Status.SUBMITTED:
        return None
    return decision


def assemble(meeting, user, vote_parts=True):
    """The papers of `meeting` as `user` may read them. With `vote_parts` (for every rendering
    that reads a decision: Outcome.reading) the parts of the motions voted in parts are loaded
    too, and the decision on each item as such (`ItemPapers.decision`, joined to the items'
    own query); a page that shows no outcomes (the status overview) saves that query."""
    if vote_parts:
        items = sort_agenda(meeting.items.select_related("parent", "decision"))
    else:
        items = meeting.ordered_items()
    resolutions = (
        Resolution.objects.visible_to(user)
        .filter(agenda_item__meeting=meeting)
        .order_by("position")
    )
    proposals = list(visible_proposals(meeting, user))
    if vote_parts:
        load_vote_parts(proposals)
    follow_ups = (
        FollowUp.objects.visible_to(user).filter(agenda_item__meeting=meeting).order_by("position")
    )
    by_item = defaultdict(lambda: defaultdict(list))
    for resolution in resolutions:
        by_item[resolution.agenda_item_id]["resolutions"].append(resolution)
    for proposal in proposals:
        by_item[proposal.agenda_item_id]["proposals"].append(proposal)
    for follow_up in follow_ups:
        by_item[follow_up.agenda_item_id]["follow_ups"].append(follow_up)
    entries = [ItemPapers(item, **by_item.get(item.pk, {})) for item in items]
    if vote_parts:
        for entry in entries:
            entry.decision = taken_decision(entry.item)
    return MeetingPapers(meeting=meeting, items=entries, apart=apart(proposals))
