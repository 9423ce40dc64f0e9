"""The secretariat's results table of a meeting: every decidable thing of the meeting (the
decisions on agenda items, resolutions, motions, amendments and the parts of motions voted in
parts) as one row, in agenda order, typed in and saved at once.

Recording goes through `motions.votes`, exactly as on the meeting-day page (the history, the
papers' revision and the follow-up behave the same), but it never makes anything current: the
live screens keep showing what the chair has on the agenda. Each row carries the outcome stamp
it was shown with, so a row someone else changed meanwhile is refused, not overwritten. The
rows are assembled in a fixed number of queries, whatever the size of the meeting."""

import copy
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agenda.models import ItemDecision, Resolution
from agenda.outcomes import PERCENT_FIELDS, STATUS_WORDS, Status
from alv.forms import StyledFormMixin
from live.forms import percent_field
from motions import votes
from motions.models import PreAdvice, Proposal
from papers.contents import OutsideTheAgenda

SHARE_FIELDS = PERCENT_FIELDS
THREE_WAY_FIELDS = votes.THREE_WAY_FIELDS


class ResultRowForm(StyledFormMixin, forms.Form):
    """One row of the table. The outcome is a select (typed with the keyboard: "a" for
    adopted); "not yet decided" undoes a decision, as the meeting-day page's undo does."""

    status = forms.ChoiceField(label=_("Outcome"), choices=[])
    by_acclamation = forms.BooleanField(label=_("by acclamation"), required=False)
    percent_for = percent_field(_("for (%)"))
    percent_against = percent_field(_("against (%)"))
    percent_abstain = percent_field(_("abstain (%)"))
    percent_original = percent_field(_("for the board's proposal (%)"))
    percent_amended = percent_field(_("for the amended proposal (%)"))
    percent_neither = percent_field(_("against both (%)"))
    # The stamp of the decision the row was shown with (motions.votes.outcome_stamp).
    shown = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, row, **kwargs):
        self.row = row
        super().__init__(*args, **kwargs)
        # An item as such is adopted or rejected; it is not held over.
        self.fields["status"].choices = [
            (status.value, STATUS_WORDS[status])
            for status in Status
            if not (row.kind == "item" and status == Status.HELD_OVER)
        ]
        if not row.three_way:
            for name in THREE_WAY_FIELDS:
                del self.fields[name]
        for name, field in self.fields.items():
            if not field.widget.is_hidden:
                # Labelled by its column head and its row head: the table says what it is.
                field.widget.attrs["aria-labelledby"] = f"results-col-{name} {row.key}-name"

    def full_clean(self):
        super().full_clean()
        # Each message stands next to its field and the field points at it; the errors of the
        # row as a whole stand in its first cell, and its outcome points at them.
        for name, field in self.fields.items():
            described = []
            if name in self.errors:
                described.append(f"{self[name].auto_id}_error")
            if name == "status" and self.non_field_errors():
                described.append(f"{self.row.key}-errors")
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def typed_changes(self):
        """The fields whose value differs from the stored decision (the stamp is no value: a
        row left as it was is not recorded again)."""
        return [name for name in self.changed_data if name != "shown"]

    def three_way_given(self):
        return self.row.three_way and any(
            self.cleaned_data.get(name) is not None for name in THREE_WAY_FIELDS
        )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if self.three_way_given():
            self._clean_three_way(data)
        else:
            self._clean_shares(data)
        return data

    def _clean_shares(self, data):
        """The rules of a result (Outcome.clean_outcome), asked of a copy of the subject with
        the row's values, so that every row's errors stand at their fields before anything
        is saved."""
        probe = copy.copy(self.row.subject)
        probe.status = Status.ADOPTED if data["by_acclamation"] else data["status"]
        probe.by_acclamation = data["by_acclamation"]
        for name in SHARE_FIELDS:
            setattr(probe, name, data[name])
        if data["by_acclamation"] and data["status"] != Status.ADOPTED:
            self.add_error("by_acclamation", _("Only an adopted decision is by acclamation."))
            return
        try:
            probe.clean_outcome()
        except ValidationError as error:
            self.add_error(None, error)

    def _clean_three_way(self, data):
        """A three-way vote: all three shares, nothing else, and the outcome they give."""
        for name in THREE_WAY_FIELDS:
            if data[name] is None:
                self.add_error(name, _("Give all three percentages."))
        for name in (*SHARE_FIELDS, "by_acclamation"):
            if data[name]:
                self.add_error(
                    name, _("A three-way vote has only the three shares: leave this empty.")
                )
        if self.errors:
            return
        shares = [data[name] for name in THREE_WAY_FIELDS]
        if abs(sum(shares) - 100) > votes.TOLERANCE:
            self.add_error(None, _("The three percentages must add up to 100."))
            return
        winner = votes.three_way_winner(*shares)
        status = Status.ADOPTED if winner == votes.ThreeWay.AMENDED else Status.REJECTED
        if data["status"] != status:
            self.add_error(
                "status",
                _("The three shares give this outcome: %(outcome)s.")
                % {"outcome": STATUS_WORDS[status]},
            )


@dataclass
class Row:
    """One row: `kind` and `pk` name the subject as the meeting-day page does ("item",
    "resolution", "proposal", "part"); a motion voted in parts is a row without a form (its
    outcome follows from its parts, which are rows under it)."""

    kind: str
    pk: int
    name: str
    subject: object
    item: object
    three_way: bool = False
    is_part: bool = False
    editable: bool = True
    note: str = ""
    form: ResultRowForm | None = None
    conflict: str = ""

    @property
    def key(self):
        return f"{self.kind}-{self.pk}"


def initial_of(subject, three_way):
    initial = {
        "status": subject.status,
        "by_acclamation": subject.by_acclamation,
        **{name: getattr(subject, name) for name in SHARE_FIELDS},
        "shown": votes.outcome_stamp(subject),
    }
    if three_way:
        initial.update({name: getattr(subject, name) for name in THREE_WAY_FIELDS})
    return initial


def bind(row, data=None):
    row.form = ResultRowForm(
        data,
        row=row,
        prefix=row.key,
        initial=initial_of(row.subject, row.three_way),
        auto_id="%s",
    )


def assemble(meeting, user, data=None):
    """The rows of the table in agenda order: per item its decision as such (an item to be
    decided, or one decided already), its resolutions, then its motions and amendments in
    their order, each motion voted in parts followed by its parts. Five queries."""
    items = meeting.ordered_items()
    decisions = {d.agenda_item_id: d for d in ItemDecision.objects.filter(agenda_item__in=items)}
    resolutions = {}
    for resolution in Resolution.objects.visible_to(user).filter(agenda_item__meeting=meeting):
        resolutions.setdefault(resolution.agenda_item_id, []).append(resolution)
    proposals = {}
    for proposal in (
        Proposal.objects.visible_to(user)
        .dealt_with_at(meeting)
        .select_related("motion", "amendment__resolution_version")
        .prefetch_related("motion__vote_parts")
    ):
        proposals.setdefault(proposal.agenda_item_id, []).append(proposal)
    # Which amendments the board adopted (then only the amended proposal is voted, no
    # three-way vote): one query for the meeting, not one per amendment.
    board_adopted = set(
        PreAdvice.objects.filter(
            proposal__agenda_item__meeting=meeting,
            state=PreAdvice.State.SETTLED,
            value=PreAdvice.Value.ADOPT,
        ).values_list("proposal_id", flat=True)
    )
    rows = []
    for item in items:
        rows.extend(_item_rows(item, decisions, resolutions, proposals, board_adopted))
    # The motions outside the agenda's items (M1, M2) last, as every listing of the papers.
    apart = OutsideTheAgenda()
    rows.extend(_proposal_rows(proposals.get(None, []), apart, board_adopted))
    for row in rows:
        if row.editable:
            # A row the page did not show (added meanwhile) was not sent: it stays as stored.
            sent = data is not None and f"{row.key}-shown" in data
            bind(row, data if sent else None)
    return rows


def _item_rows(item, decisions, resolutions, proposals, board_adopted):
    decision = decisions.get(item.pk)
    if decision is not None or item.kind == item.Kind.DECISION:
        name = gettext("Decision on item %(number)s") % {"number": item.number}
        row = Row("item", item.pk, name, decision or ItemDecision(agenda_item=item), item)
        if item.is_follow_up:
            # The package decision moves every follow-up of the item: the meeting-day page
            # records it, with the follow-ups it was shown.
            row.editable = False
            row.note = gettext("Recorded on the meeting-day page: it decides the package.")
        yield row
    for resolution in sorted(resolutions.get(item.pk, []), key=lambda r: r.position):
        yield Row("resolution", resolution.pk, str(resolution), resolution, item)
    yield from _proposal_rows(proposals.get(item.pk, []), item, board_adopted)


def _proposal_rows(proposals, item, board_adopted):
    for proposal in sorted(proposals, key=lambda p: p.position):
        subject = proposal.as_subtype()
        is_amendment = proposal.kind == Proposal.Kind.AMENDMENT
        parts = [] if is_amendment else sorted(subject.vote_parts.all(), key=lambda p: p.position)
        row = Row(
            "proposal",
            proposal.pk,
            proposal.display_name,
            subject,
            item,
            three_way=is_amendment and proposal.pk not in board_adopted,
        )
        if parts:
            row.editable = False
            row.note = gettext("Voted in parts: its outcome follows from its parts.")
        yield row
        for part in parts:
            part.motion = subject  # known: no query when it is recorded
            yield Row("part", part.pk, part.label, part, item, is_part=True)


def _record(row, data, stamps):
    """Record one changed row through motions.votes, as the meeting-day page does; `stamps`:
    the resolutions' stamps as shown, updated where a three-way vote of this save decided
    one, so that its own row is not taken for someone else's change."""
    cleaned = row.form.cleaned_data
    expected = stamps.get(row.key, cleaned["shown"])
    if row.form.three_way_given():
        resolution_key = f"resolution-{row.subject.resolution_version.resolution_id}"
        votes.record_three_way_vote(
            row.subject,
            *(cleaned[name] for name in THREE_WAY_FIELDS),
            expected=expected,
            expected_resolution=stamps.get(resolution_key, data.get(f"{resolution_key}-shown", "")),
        )
        resolution = Resolution.objects.get(pk=row.subject.resolution_version.resolution_id)
        stamps[resolution_key] = votes.outcome_stamp(resolution)
        return
    votes.record_outcome(
        row.subject,
        cleaned["status"],
        by_acclamation=cleaned["by_acclamation"],
        **{name: cleaned[name] for name in SHARE_FIELDS},
        expected=expected,
    )


class Refusal(Exception):
    """A row could not be recorded: nothing was saved."""

    def __init__(self, row, error):
        self.row, self.error = row, error
        super().__init__(str(error))


def save(meeting, user, data):
    """Save every changed row in one transaction, or none. Returns (rows, saved): `saved`
    the rows recorded, None when something was refused; the rows then carry what was typed,
    with every error at its field, and a row changed by someone else meanwhile shows what
    is stored now."""
    rows = assemble(meeting, user, data)
    editable = [row for row in rows if row.editable and row.form.is_bound]
    # Every row is checked, not only up to the first with an error.
    invalid = [row for row in editable if not row.form.is_valid()]
    if invalid:
        return rows, None
    changed = [row for row in editable if row.form.typed_changes()]
    # Three-way votes first: they decide their resolution too, whose own row may follow.
    changed.sort(key=lambda row: not row.form.three_way_given())
    stamps = {}
    try:
        with transaction.atomic():
            for row in changed:
                try:
                    _record(row, data, stamps)
                except ValidationError as error:
                    raise Refusal(row, error) from error
    except Refusal as refusal:
        return _refused(meeting, user, data, refusal), None
    return rows, changed


def _refused(meeting, user, data, refusal):
    """The table again from what is stored (the recording mutated its subjects in memory),
    with what was typed; the refused row with its error, or, when someone else changed it,
    with the stored values and what happened."""
    rows = assemble(meeting, user, data)
    for row in rows:
        if row.editable and row.form.is_bound:
            row.form.is_valid()
        if row.key != refusal.row.key:
            continue
        if isinstance(refusal.error, votes.StaleOutcome):
            bind(row)  # the stored decision, with its stamp: sent again, it goes through
            row.conflict = " ".join(refusal.error.messages)
            row.form.fields["status"].widget.attrs["aria-describedby"] = f"{row.key}-errors"
        else:
            row.form.add_error(None, refusal.error)
    return rows
