"""The secretariat's results table: every outcome of a meeting typed in at once, for a meeting
entered afterwards or results read out faster than the meeting-day page follows. It lives in
`live` beside the decision list, because it records through the same functions as the
meeting-day page (`motions.votes`) and shows what the decision list then publishes. Saving
never makes an item current: the live screens stay where the chair has them."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from agenda.models import Meeting
from alv.access import secretariat_required
from live import results
from members.views import base_url
from submissions.tasks import queue_decision_mail


@secretariat_required
@require_http_methods(["GET", "HEAD", "POST"])
def results_table(request, pk):
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)
    if request.method != "POST":
        rows = results.assemble(meeting, request.user)
        return _render(request, meeting, rows, saved=request.GET.get("saved"))
    rows, saved = results.save(meeting, request.user, request.POST)
    if saved is None:
        # Nothing was saved: the table as typed, every error at its field.
        return _render(request, meeting, rows, refused=True, status=400)
    if any(row.kind in ("proposal", "part") for row in saved):
        # Submitters of an online motion are mailed the decision, as after the meeting day.
        queue_decision_mail(meeting.pk, base_url(request))
    url = reverse("live:results", args=[meeting.pk])
    return redirect(f"{url}?saved={len(saved)}#results-saved")


def _render(request, meeting, rows, saved=None, refused=False, status=200):
    errors = sum(1 for row in rows if row.form is not None and (row.form.errors or row.conflict))
    return render(
        request,
        "live/results.html",
        {
            "meeting": meeting,
            "rows": rows,
            "saved": saved if saved is None or saved.isdigit() else None,
            "refused": refused,
            "rows_with_errors": errors,
        },
        status=status,
    )
