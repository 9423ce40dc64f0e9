"""What the meeting shows live: the current agenda item, the motion or amendment under
discussion with its pre-advice, and the latest decisions. Shared by the secretariat's
meeting-day page, the members' live panel and the projector, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Subquery
from django.utils.translation import gettext

from agenda.models import AgendaItem, ItemDecision, Resolution
from alv import roles
from motions import votes
from motions.models import Proposal, ProposalSubmitter, VotePart
from voting import polls
from voting.models import Poll, Tally

RECENT = 5


class _AnyMember:
    """Stands for any member. The live panel and the hall's screen show what every member may
    read (no drafts, only published pre-advice), whoever is logged in on the device."""

    is_authenticated = True
    is_superuser = False
    is_anonymous = False
    _alv_role_names = frozenset({roles.MEMBER})


ANY_MEMBER = _AnyMember()


@dataclass
class Decided:
    """One decision taken at the meeting, for a list of the latest results."""

    name: str
    item: AgendaItem
    outcome: object
    decided_at: object

    @property
    def text(self):
        return votes.describe(self.outcome)


@dataclass
class LiveState:
    meeting: object
    current_item: AgendaItem | None = None
    current_proposal: Proposal | None = None
    recent: list = field(default_factory=list)
    # The latest vote at the meeting (not a written consultation, not a cancelled one), and
    # its result once closed.
    poll: Poll | None = None
    poll_result: object = None

    @property
    def open_poll(self):
        """The vote under way: the live screens say what is voted on, never a figure."""
        return self.poll if self.poll is not None and self.poll.is_open else None

    @property
    def closed_poll(self):
        """The last vote's result, shown on the live screens until the meeting moves to
        another item."""
        poll = self.poll
        if poll is None or poll.state != Poll.State.CLOSED or self.current_item is None:
            return None
        return poll if poll_item_id(poll) == self.current_item.pk else None

    @property
    def last_result(self):
        return self.recent[0] if self.recent else None

    @property
    def has_started(self):
        return bool(self.current_item or self.recent)


def outcome_of(proposal):
    """The row that holds a proposal's whole result: an amendment's three-way vote lives on
    the amendment (selected along with the proposal)."""
    return proposal.amendment if proposal.kind == Proposal.Kind.AMENDMENT else proposal


def poll_item_id(poll):
    if poll.agenda_item_id:
        return poll.agenda_item_id
    if poll.vote_part_id:
        return poll.vote_part.motion.agenda_item_id
    if poll.resolution_id:
        return poll.resolution.agenda_item_id
    return poll.proposal.agenda_item_id


def _latest_poll(state):
    """The latest vote at the meeting with its result if closed, in one query: its running
    totals with the vote itself (every vote has one per option from its opening)."""
    latest = (
        Poll.objects.filter(meeting=state.meeting, written=False)
        .exclude(state=Poll.State.CANCELLED)
        .order_by("-opens_at", "-pk")
        .values("pk")[:1]
    )
    tallies = list(
        Tally.objects.filter(poll=Subquery(latest)).select_related(
            "poll__proposal", "poll__resolution", "poll__vote_part__motion", "poll__agenda_item"
        )
    )
    if not tallies:
        return
    state.poll = tallies[0].poll
    if state.poll.state == Poll.State.CLOSED:
        state.poll_result = polls.Result(state.poll, tallies)


def live_state(meeting, audience=ANY_MEMBER, limit=RECENT):
    """The live state of `meeting` as `audience` may see it. The caller has checked that the
    reader may see the meeting itself; resolutions and decisions on items are as visible as
    their meeting, motions and amendments go through their visibility rule."""
    state = LiveState(meeting=meeting)
    if meeting.current_item_id:
        state.current_item = (
            AgendaItem.objects.select_related("parent").filter(pk=meeting.current_item_id).first()
        )
    visible = Proposal.objects.visible_to(audience)
    if meeting.current_proposal_id:
        state.current_proposal = (
            visible.filter(pk=meeting.current_proposal_id)
            .select_related("amendment__resolution_version__resolution", "amendment__target_clause")
            .first()
        )
    decided = {"decided_at__isnull": False}
    proposals = (
        visible.dealt_with_at(meeting)
        .filter(**decided)
        .select_related("agenda_item__parent", "amendment")
        .order_by("-decided_at")[:limit]
    )
    resolutions = (
        Resolution.objects.filter(agenda_item__meeting=meeting, **decided)
        .select_related("agenda_item__parent")
        .order_by("-decided_at")[:limit]
    )
    items = (
        ItemDecision.objects.filter(agenda_item__meeting=meeting, **decided)
        .select_related("agenda_item__parent")
        .order_by("-decided_at")[:limit]
    )
    parts = (
        VotePart.objects.filter(motion__in=visible.dealt_with_at(meeting).values("pk"), **decided)
        .select_related("motion__agenda_item__parent", "motion__submitter_group")
        .prefetch_related(
            Prefetch(
                "motion__proposalsubmitter_set",
                queryset=ProposalSubmitter.objects.select_related("member").order_by("position"),
                to_attr="ordered_submitters",
            )
        )
        .order_by("-decided_at")[:limit]
    )
    recent = [
        Decided(p.display_name, p.agenda_item, outcome_of(p), p.decided_at) for p in proposals
    ]
    recent += [Decided(str(r), r.agenda_item, r, r.decided_at) for r in resolutions]
    recent += [
        Decided(
            gettext("Decision on item %(number)s") % {"number": d.agenda_item.number},
            d.agenda_item,
            d,
            d.decided_at,
        )
        for d in items
    ]
    recent += [
        Decided(
            gettext("%(part)s of %(motion)s") % {"part": p.label, "motion": p.motion.display_name},
            p.motion.agenda_item,
            p,
            p.decided_at,
        )
        for p in parts
    ]
    recent.sort(key=lambda d: d.decided_at, reverse=True)
    state.recent = recent[:limit]
    _latest_poll(state)
    return state
