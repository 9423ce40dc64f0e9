"""The data of the secretariat's meeting-day page: the agenda with progress per item, and the
selected item with everything that can be decided under it. A fixed number of queries,
whatever the size of the meeting."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext

from agenda.models import AgendaItem, ItemDecision, Meeting, Resolution
from agenda.outcomes import Status
from alv.access import object_id
from live.state import live_state
from motions import followup, votes
from motions.models import FollowUp, PreAdvice, Proposal, VotePart
from voting import cards, polls


@dataclass
class AgendaRow:
    item: AgendaItem
    total: int = 0
    decided: int = 0
    is_current: bool = False
    is_selected: bool = False


@dataclass
class SelectedItem:
    item: AgendaItem
    decision: ItemDecision | None
    resolutions: list = field(default_factory=list)
    proposals: list = field(default_factory=list)
    follow_ups: list = field(default_factory=list)
    open_follow_ups: int = 0


def _annotate(proposal):
    """What the page needs to know of a proposal's pre-advice, without template lookups of
    a relation that may be missing."""
    pre_advice = getattr(proposal, "pre_advice", None)
    settled = pre_advice is not None and pre_advice.state == PreAdvice.State.SETTLED
    proposal.settled_pre_advice = pre_advice if settled else None
    proposal.follows_pre_advice_to = (
        votes.PRE_ADVICE_OUTCOMES.get(pre_advice.value) if settled else None
    )
    proposal.board_adopted = settled and pre_advice.value == PreAdvice.Value.ADOPT
    proposal.outcome_row = (
        proposal.amendment if proposal.kind == Proposal.Kind.AMENDMENT else proposal
    )
    proposal.parts = (
        list(proposal.motion.vote_parts.all()) if proposal.kind == Proposal.Kind.MOTION else []
    )
    return proposal


def assemble(meeting, user, selected_id=None):
    items = meeting.ordered_items()
    counts = {
        row["agenda_item_id"]: row
        for row in Proposal.objects.filter(agenda_item__meeting=meeting)
        .values("agenda_item_id")
        .annotate(total=Count("pk"), decided=Count("pk", filter=~Q(status=Status.SUBMITTED)))
    }
    by_id = {item.pk: item for item in items}
    selected = by_id.get(object_id(selected_id)) or by_id.get(meeting.current_item_id)
    if selected is None and items:
        selected = items[0]
    rows = [
        AgendaRow(
            item=item,
            total=counts.get(item.pk, {}).get("total", 0),
            decided=counts.get(item.pk, {}).get("decided", 0),
            is_current=item.pk == meeting.current_item_id,
            is_selected=selected is not None and item.pk == selected.pk,
        )
        for item in items
    ]
    state = live_state(meeting, audience=user)
    return {
        "meeting": meeting,
        "agenda": rows,
        "selected": _selected(selected, user) if selected else None,
        "state": state,
        # The vote under way (cards and weight voted, never the interim result), or the
        # last one's result and what it recorded; the members present.
        "poll_progress": polls.progress(state.open_poll) if state.open_poll else None,
        "poll_outcome": poll_outcome(state.poll, state.poll_result) if state.poll_result else "",
        "presence": cards.presence(meeting),
        "current_proposal": _current_proposal(meeting, user),
        # What the page shows as current; the forms that move the meeting carry it.
        "shown_current": current_stamp(meeting),
    }


def poll_outcome(poll, result):
    """What closing `poll` recorded, in words."""
    if poll.recorded:
        return votes.describe(polls.subject_of(poll))
    if poll.kind == poll.Kind.PRE_ADVICE and result.total_cards:
        return gettext(
            "Nothing was recorded: the assembly did not follow the pre-advice. Vote on the "
            "motion itself."
        )
    return gettext("Nothing was recorded: nobody voted.")


def current_stamp(meeting):
    return f"{meeting.current_item_id or ''}:{meeting.current_proposal_id or ''}"


def _current_proposal(meeting, user):
    if not meeting.current_proposal_id:
        return None
    return Proposal.objects.visible_to(user).filter(pk=meeting.current_proposal_id).first()


def _selected(item, user):
    proposals = (
        Proposal.objects.visible_to(user)
        .filter(agenda_item=item)
        .select_related(
            "motion",
            "amendment__resolution_version__resolution",
            "amendment__target_clause",
        )
        .prefetch_related(
            Prefetch("motion__vote_parts", queryset=VotePart.objects.order_by("position"))
        )
        .order_by("position")
    )
    selected = SelectedItem(
        item=item,
        decision=ItemDecision.objects.filter(agenda_item=item).first(),
        resolutions=list(
            Resolution.objects.visible_to(user).filter(agenda_item=item).order_by("position")
        ),
        proposals=[_annotate(p) for p in proposals],
        follow_ups=list(
            FollowUp.objects.visible_to(user).filter(agenda_item=item).order_by("position")
        ),
    )
    if item.is_follow_up:
        selected.open_follow_ups = len(followup.open_motions_for(item))
    return selected


def subject_of(meeting, kind, pk):
    """The thing a decision is recorded on, if it belongs to `meeting`, with the agenda item
    to show afterwards. Raises DoesNotExist otherwise."""
    if kind == "proposal":
        proposal = Proposal.objects.get(pk=pk, agenda_item__meeting=meeting)
        return proposal.as_subtype(), proposal.agenda_item_id
    if kind == "resolution":
        resolution = Resolution.objects.get(pk=pk, agenda_item__meeting=meeting)
        return resolution, resolution.agenda_item_id
    if kind == "part":
        part = VotePart.objects.select_related("motion__agenda_item").get(
            pk=pk, motion__agenda_item__meeting=meeting
        )
        return part, part.motion.agenda_item_id
    if kind == "item":
        item = AgendaItem.objects.get(pk=pk, meeting=meeting)
        return votes.item_decision(item), item.pk
    raise Meeting.DoesNotExist
