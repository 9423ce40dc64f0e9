"""The secretariat opens a written consultation of the members ("ledenraadpleging"): a set
of votes on published papers of a meeting, open from a date to a date, announced by mail to
the card holders, votable on the members' vote page, closed by the worker at its end."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from agenda.models import AgendaItem, Meeting, Resolution
from alv.access import get_for_meeting, secretariat_required
from alv.confirmation import require_confirmation
from alv.forms import StyledFormMixin
from members.views import base_url
from motions.models import Proposal
from voting import polls, tasks
from voting.models import Poll

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def subjects(meeting):
    """What members can be consulted on: the meeting's published motions, amendments and
    resolutions, and its agenda items as such; keyed "proposal-12", "resolution-3",
    "item-5"."""
    choices = []
    for item in meeting.ordered_items():
        choices.append((f"item-{item.pk}", f"{item.number} {item.title}".strip()))
    for resolution in Resolution.objects.filter(agenda_item__meeting=meeting).order_by(
        "agenda_item__position", "position"
    ):
        choices.append((f"resolution-{resolution.pk}", str(resolution)))
    published = Proposal.objects.filter(agenda_item__meeting=meeting, is_draft=False)
    for proposal in published.order_by("agenda_item__position", "position"):
        choices.append((f"proposal-{proposal.pk}", proposal.display_name))
    return choices


def subject_for(meeting, key):
    kind, _sep, pk = key.partition("-")
    model = {"item": AgendaItem, "resolution": Resolution, "proposal": Proposal}[kind]
    lookup = {"meeting": meeting} if model is AgendaItem else {"agenda_item__meeting": meeting}
    found = model.objects.get(pk=int(pk), **lookup)
    return found.as_subtype() if isinstance(found, Proposal) else found


class ConsultationForm(StyledFormMixin, forms.Form):
    subjects = forms.MultipleChoiceField(
        label=gettext_lazy("Vote on"), widget=forms.CheckboxSelectMultiple
    )
    opens_at = forms.DateTimeField(label=gettext_lazy("Open from"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=gettext_lazy("Open until"), widget=DATETIME)
    secret = forms.BooleanField(
        label=gettext_lazy("Secret: publish only the totals, not each member's vote"),
        required=False,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["subjects"].choices = subjects(meeting)

    def clean(self):
        cleaned = super().clean()
        opens_at, closes_at = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens_at and closes_at and closes_at <= max(opens_at, timezone.now()):
            self.add_error("closes_at", _("The end lies after the start and ahead."))
        return cleaned


@secretariat_required
@require_http_methods(["GET", "POST"])
def consultation(request, pk):
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)
    polls.close_due()
    form = ConsultationForm(request.POST or None, meeting=meeting)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                with transaction.atomic():  # every vote of the consultation, or none
                    opened = [
                        polls.open_poll(
                            subject_for(meeting, key),
                            request.user,
                            secret=form.cleaned_data["secret"],
                            written=True,
                            opens_at=form.cleaned_data["opens_at"],
                            closes_at=form.cleaned_data["closes_at"],
                        )
                        for key in form.cleaned_data["subjects"]
                    ]
                    tasks.queue_consultation(opened, base_url(request))
            except ValidationError as invalid:
                form.add_error("subjects", invalid.messages)
            else:
                messages.success(
                    request,
                    _("The written consultation is open; the card holders are mailed."),
                )
                return redirect("voting:consultation", pk=meeting.pk)
        status = 400
    written = (
        Poll.objects.filter(meeting=meeting, written=True)
        .exclude(state=Poll.State.CANCELLED)
        .order_by("-opens_at", "pk")
    )
    rows = [(poll, polls.progress(poll) if poll.is_open else None) for poll in written]
    has_results = any(poll.state == Poll.State.CLOSED for poll, _progress in rows)
    return render(
        request,
        "voting/consultation.html",
        {"meeting": meeting, "form": form, "rows": rows, "has_results": has_results},
        status=status,
    )


@secretariat_required
def close_consultation_poll(request, pk, poll_pk):
    """Close one vote of a written consultation early (the association's rules allow it),
    once confirmed: the page asks first."""
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)
    poll = get_for_meeting(Poll.objects.filter(written=True), meeting, pk=poll_pk)
    # After the lookup: another meeting's vote is a 404 whatever the method.
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        if poll.is_open:  # else the closing's own refusal holds, confirmed or not
            require_confirmation(
                request,
                _(
                    "Nothing was closed: confirm first that the poll is closed and its result "
                    "recorded."
                ),
            )
        polls.close_poll(poll, request.user)
    except ValidationError as invalid:
        messages.error(request, " ".join(invalid.messages))
    else:
        messages.success(request, _("The vote is closed and its result recorded."))
    return redirect("voting:consultation", pk=meeting.pk)
