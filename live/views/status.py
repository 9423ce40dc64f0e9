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


def _render(request, meeting, error="", status=200, placing=None):
    """The page; `error` at its top, or `placing` (a refused placement: the hold-over, the item
    chosen and why) at the select of that hold-over."""
    # The overview reads no motion's parts (its pictures are of whole motions).
    meeting_papers = contents.assemble(meeting, request.user, vote_parts=False)
    items = [entry.item for entry in meeting_papers.items]
    follow_up_items = [
        (item, len(followup.open_motions_for(item))) for item in items if item.is_follow_up
    ]
    held_over = list(holdover.awaiting_placement(meeting))
    if placing and not any(h.pk == placing["hold_over"] for h in held_over):
        # No longer waiting (placed meanwhile): there is no select to mark.
        error, placing = placing["error"], None
    return render(
        request,
        "live/status.html",
        {
            "meeting": meeting,
            "overview": charts.status_overview(meeting_papers),
            "held_over": held_over,
            "items": items,
            "follow_up_items": follow_up_items,
            "error": error,
            "placing": placing,
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
    """Place a held-over motion of an earlier meeting under an item of this meeting. A refusal
    comes back at the select of that motion, with the item chosen still chosen."""
    meeting = _meeting(request, pk)
    hold_over = HoldOver.objects.filter(
        pk=object_id(request.POST.get("hold_over")), to_item__isnull=True
    ).first()
    if hold_over is None:
        message = _("This motion has already been placed on an agenda.")
        return _render(request, meeting, error=message, status=400)
    chosen = object_id(request.POST.get("item"))
    item = AgendaItem.objects.filter(meeting=meeting, pk=chosen).first()
    try:
        if item is None:
            raise ValidationError(_("Choose the agenda item to place the motion under."))
        holdover.place(hold_over, item)
    except ValidationError as error:
        placing = {"hold_over": hold_over.pk, "item": chosen, "error": " ".join(error.messages)}
        return _render(request, meeting, placing=placing, status=400)
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
