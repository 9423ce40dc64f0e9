"""The results of a meeting's written consultation, published as each of its votes closes: per
vote the totals, for a named vote each member's vote and weight, for a secret vote the receipt
codes it counted. Read by everyone who may see the meeting, as the decision list is once
published; rendered as the decision list renders its votes (voting.record)."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from agenda.models import Meeting
from voting import polls, record


@require_safe
def results(request, pk):
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)
    # The worker closes a consultation at its end; should it run late, the first reader closes
    # it, so its results are out the moment it ends (one query when nothing is due).
    polls.close_due()
    return render(
        request,
        "voting/results.html",
        {"meeting": meeting, "polls": record.closed_polls(meeting, written=True)},
    )
