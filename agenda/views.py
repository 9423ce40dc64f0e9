from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from agenda.models import Meeting
from alv import papers


def _visible_meeting(request, pk):
    return get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)


@require_safe
def meeting_detail(request, pk):
    meeting = _visible_meeting(request, pk)
    return render(
        request,
        "agenda/meeting_detail.html",
        {"meeting": meeting, "papers": papers.assemble(meeting, request.user)},
    )
