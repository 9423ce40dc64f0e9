"""The secretariat's status overview of a meeting: pre-advice and outcomes per agenda item as
a picture and a table, and the held-over motions of earlier meetings waiting to be placed on
this meeting's agenda."""

from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from agenda.models import AgendaItem, Meeting
from alv.access import get_for_meeting, object_id, secretariat_required
from live import charts
from motions import followup, holdover
from motions.models import HoldOver
from papers import contents


def _meeting(request, pk):
    return get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)


def _render(request, meeting, error="", status=200):
    meeting_papers = contents.assemble(meeting, request.user)
    items = [entry.item for entry in meeting_papers.items]
    follow_up_items = [
        (item, len(followup.open_motions_for(item))) for item in items if item.is_follow_up
    ]
    return render(
        request,
        "live/status.html",
        {
            "meeting": meeting,
            "overview": charts.status_overview(meeting_papers),
            "held_over": list(holdover.awaiting_placement(meeting)),
            "items": items,
            "follow_up_items": follow_up_items,
            "error": error,
        },
        status=status,
    )


@secretariat_required
@require_safe
def status(request, pk):
    return _render(request, _meeting(request, pk))


@secretariat_required
@require_POST
def place_held_over(request, pk):
    """Place a held-over motion of an earlier meeting under an item of this meeting."""
    meeting = _meeting(request, pk)
    hold_over = HoldOver.objects.filter(
        pk=object_id(request.POST.get("hold_over")), to_item__isnull=True
    ).first()
    item = AgendaItem.objects.filter(
        meeting=meeting, pk=object_id(request.POST.get("item"))
    ).first()
    if hold_over is None or item is None:
        message = _("Choose the agenda item to place the motion under.")
        return _render(request, meeting, error=message, status=400)
    try:
        holdover.place(hold_over, item)
    except ValidationError as error:
        return _render(request, meeting, error=" ".join(error.messages), status=400)
    return redirect("live:status", pk=meeting.pk)


@secretariat_required
def collect_follow_ups(request, pk, item_pk):
    """List the open motions of earlier meetings under this meeting's follow-up item."""
    meeting = _meeting(request, pk)
    item = get_for_meeting(AgendaItem.objects.all(), meeting, pk=item_pk)
    if request.method != "POST":  # after the lookup: another meeting's item is a 404
        return HttpResponseNotAllowed(["POST"])
    try:
        followup.collect(item)
    except ValidationError as error:
        return _render(request, meeting, error=" ".join(error.messages), status=400)
    return redirect("live:status", pk=meeting.pk)
