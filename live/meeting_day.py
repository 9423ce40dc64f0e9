"""The data of the secretariat's meeting-day page: the agenda with progress per item, and the
selected item with everything that can be decided under it. A fixed number of queries,
whatever the size of the meeting."""

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext

from agenda.models import AgendaItem, ItemDecision, Meeting, Resolution
from agenda.outcomes import Status
from alv.access import object_id
from live.forms import OutcomeForm, PartForm, ThreeWayForm
from live.state import live_state
from motions import followup, votes
from motions.models import FollowUp, PreAdvice, Proposal, VotePart
from voting import cards, polls


@dataclass
class Refused:
    """A form of the page that the server refused: the page shows it again at its subject,
    as it was sent, with its errors; nothing was saved. `kind` and `pk` name the subject
    ("item", "resolution", "proposal", "part", "follow_up", "follow_ups", "now", "poll"),
    `form` which of its forms it was: "vote", "three_way" or "add_part" come back bound;
    any other (a one-click button) only says what went wrong."""

    kind: str
    pk: int | None
    form: str
    bound: object = None  # the form as sent
    errors: list = field(default_factory=list)

    def is_for(self, kind, pk):
        return self.kind == kind and (self.pk is None or self.pk == pk)

    @property
    def messages(self):
        """Everything that went wrong, for a form that shows no fields: its own errors, then
        those of the bound form, each field's with its label."""
        messages = list(self.errors)
        if self.bound is not None:
            messages += self.bound.non_field_errors()
            for name, errors in self.bound.errors.items():
                if name == NON_FIELD_ERRORS:
                    continue
                label = self.bound.fields[name].label if name in self.bound.fields else ""
                messages += [f"{label}: {e}" if label else str(e) for e in errors]
        return messages


def outcome_form(kind, pk, data=None, initial=None):
    """The vote form of a subject; ids unique on the page ("proposal-12-percent_for")."""
    return OutcomeForm(data, kind=kind, initial=initial, auto_id=f"{kind}-{pk}-%s")


def three_way_form(pk, data=None):
    return ThreeWayForm(data, auto_id=f"proposal-{pk}-%s")


def part_form(pk, data=None):
    return PartForm(data, auto_id=f"part-label-{pk}-%s")


def mark_first_invalid(form):
    """Focus goes to the first field to correct, on a full page and after an htmx swap; with
    errors of the form as a whole, to its first text box."""
    names = [name for name in form.fields if name in form.errors] or [
        name for name, f in form.fields.items() if f.widget.input_type == "text"
    ]
    if names:
        form.fields[names[0]].widget.attrs["autofocus"] = True


@dataclass
class SubjectForms:
    """The forms of one subject of the page (an item's decision, a resolution, a motion or
    amendment, a part): unbound, or bound as sent when the server refused one of them."""

    name: str
    prefix: str  # of the ids of its forms' parts: "proposal-12"
    vote: OutcomeForm
    three_way: ThreeWayForm | None = None
    add_part: PartForm | None = None
    # What went wrong with one of its one-click buttons (withdrawn, undo, remove a part, ...).
    errors: list = field(default_factory=list)


def subject_forms(kind, pk, name, refused=None, three_way=False, add_part=False, initial=None):
    shown = SubjectForms(
        name=name,
        prefix=f"{kind}-{pk}",
        vote=outcome_form(kind, pk, initial=initial),
        three_way=three_way_form(pk) if three_way else None,
        add_part=part_form(pk) if add_part else None,
    )
    if refused is None or not refused.is_for(kind, pk):
        return shown
    if refused.form in ("vote", "three_way", "add_part") and refused.bound is not None:
        # Shown as it was sent: the values kept, the errors at their fields.
        setattr(shown, refused.form, refused.bound)
        shown.errors = list(refused.errors)
        mark_first_invalid(refused.bound)
    else:
        shown.errors = refused.messages
    return shown


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
    forms: SubjectForms | None = None  # of the decision on the item as such
    follow_up_errors: list = field(default_factory=list)  # of listing the open motions


def _annotate(proposal, refused=None):
    """What the page needs to know of a proposal's pre-advice, without template lookups of
    a relation that may be missing; and its forms, and those of its parts."""
    pre_advice = getattr(proposal, "pre_advice", None)
    settled = pre_advice is not None and pre_advice.state == PreAdvice.State.SETTLED
    proposal.settled_pre_advice = pre_advice if settled else None
    # What "conform preadvies" follows: with advice per part, each part its own (votes).
    proposal.follows_pre_advice_to = votes.followed_value(proposal.settled_pre_advice)
    proposal.pre_advice_reading = proposal.settled_pre_advice and pre_advice.reading()
    proposal.board_adopted = settled and pre_advice.value == PreAdvice.Value.ADOPT
    proposal.outcome_row = (
        proposal.amendment if proposal.kind == Proposal.Kind.AMENDMENT else proposal
    )
    proposal.parts = (
        list(proposal.motion.vote_parts.all()) if proposal.kind == Proposal.Kind.MOTION else []
    )
    is_amendment = proposal.kind == Proposal.Kind.AMENDMENT
    proposal.forms = subject_forms(
        "proposal",
        proposal.pk,
        proposal.display_name,
        refused,
        three_way=is_amendment and not proposal.board_adopted,
        add_part=proposal.kind == Proposal.Kind.MOTION,
    )
    for part in proposal.parts:
        value = votes.followed_value(proposal.settled_pre_advice, part)
        part.follows_pre_advice_to = value
        part.followed_advice = PreAdvice.Value(value).label if value else ""
        name = f"{part.label}: {proposal.display_name}"
        part.forms = subject_forms("part", part.pk, name, refused)
    return proposal


def assemble(meeting, user, selected_id=None, refused=None):
    """The page's context; with `refused`, the form the server refused is shown again at its
    subject, as sent, with its errors."""
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
        "selected": _selected(selected, user, refused) if selected else None,
        "state": state,
        # The vote under way (cards and weight voted, never the interim result), or the
        # last one's result and what it recorded; the members present.
        "poll_progress": polls.progress(state.open_poll) if state.open_poll else None,
        "poll_outcome": poll_outcome(state.poll, state.poll_result) if state.poll_result else "",
        "presence": cards.presence(meeting),
        "current_proposal": _current_proposal(meeting, user),
        # What the page shows as current; the forms that move the meeting carry it.
        "shown_current": current_stamp(meeting),
        # What went wrong moving the meeting on, or closing or cancelling the vote.
        "now_errors": refused.messages if refused and refused.kind == "now" else [],
        "poll_errors": refused.messages if refused and refused.kind == "poll" else [],
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


def _selected(item, user, refused=None):
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
        proposals=[_annotate(p, refused) for p in proposals],
        follow_ups=list(
            FollowUp.objects.visible_to(user).filter(agenda_item=item).order_by("position")
        ),
    )
    item_name = gettext("Decision on item %(number)s") % {"number": item.number}
    text = selected.decision.text if selected.decision else ""
    selected.forms = subject_forms("item", item.pk, item_name, refused, initial={"text": text})
    for resolution in selected.resolutions:
        resolution.forms = subject_forms("resolution", resolution.pk, str(resolution), refused)
    for follow_up in selected.follow_ups:
        refused_here = refused is not None and refused.is_for("follow_up", follow_up.pk)
        follow_up.errors = refused.messages if refused_here else []
        follow_up.errors_id = f"follow-up-{follow_up.pk}-errors"
    if refused is not None and refused.is_for("follow_ups", item.pk):
        selected.follow_up_errors = refused.messages
    if item.is_follow_up:
        selected.open_follow_ups = len(followup.open_motions_for(item))
    return selected


def subject_of(meeting, kind, pk):
    """The thing a decision is recorded on, if it belongs to `meeting`, with the agenda item
    to show afterwards. Raises DoesNotExist otherwise."""
    if kind == "proposal":
        # Also a motion outside the agenda's items (no item to show afterwards).
        proposal = Proposal.objects.dealt_with_at(meeting).get(pk=pk)
        return proposal.as_subtype(), proposal.agenda_item_id
    if kind == "resolution":
        resolution = Resolution.objects.get(pk=pk, agenda_item__meeting=meeting)
        return resolution, resolution.agenda_item_id
    if kind == "part":
        part = VotePart.objects.select_related("motion__agenda_item").get(
            pk=pk, motion__in=Proposal.objects.dealt_with_at(meeting).values("pk")
        )
        return part, part.motion.agenda_item_id
    if kind == "item":
        item = AgendaItem.objects.get(pk=pk, meeting=meeting)
        return votes.item_decision(item), item.pk
    raise Meeting.DoesNotExist
