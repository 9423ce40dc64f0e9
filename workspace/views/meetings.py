"""Meetings: the list, a new meeting (optionally with a previous meeting's standard items),
editing a meeting's details, and its history."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from agenda.models import AgendaItem, Meeting
from alv.access import board_required, secretariat_required
from motions.models import Proposal
from workspace import history
from workspace.forms import MeetingForm, NewMeetingForm
from workspace.views.common import announce, meeting_or_404, page_or_fragment, posted


def _count(model, **filters):
    rows = model.objects.filter(meeting=OuterRef("pk"), **filters).order_by()
    return Subquery(rows.values("meeting").annotate(n=Count("pk")).values("n"))


@board_required
@require_GET
def meeting_list(request):
    meetings = Meeting.objects.visible_to(request.user).annotate(
        item_count=_count(AgendaItem), proposal_count=_count(Proposal)
    )
    return page_or_fragment(
        request, "workspace/meeting_list.html", "meetings", {"meetings": meetings}
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def meeting_new(request):
    form = NewMeetingForm(posted(request))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            meeting = form.save()
            previous = form.cleaned_data["copy_from"]
            copied = meeting.copy_standard_items_from(previous) if previous else []
        messages.success(
            request,
            _("Meeting created with %(count)d standard items.") % {"count": len(copied)}
            if previous
            else _("Meeting created."),
        )
        return redirect("workspace:agenda", meeting.pk)
    return render(request, "workspace/meeting_new.html", {"form": form, "can_edit": True})


def _meeting_history(meeting):
    return history.entries((Meeting.history.filter(id=meeting.pk), lambda r: _("meeting")))


@secretariat_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = meeting_or_404(request, pk)
    form = MeetingForm(posted(request), instance=meeting)
    saved = request.method == "POST" and form.is_valid() and form.save_checked()
    if saved and not request.htmx:
        messages.success(request, _("The meeting is saved."))
        return redirect("workspace:meeting_edit", meeting.pk)
    if saved:
        form = MeetingForm(instance=meeting)
    context = {
        "meeting": meeting,
        "form": form,
        "section": "meeting",
        "history": _meeting_history(meeting),
    }
    response = page_or_fragment(request, "workspace/meeting_edit.html", "meeting-form", context)
    return announce(response, _("The meeting is saved.")) if saved else response
