from django.shortcuts import get_object_or_404, render

from agenda.models import Meeting
from alv import papers


def _visible_meeting(request, pk):
    return get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)


def meeting_detail(request, pk):
    meeting = _visible_meeting(request, pk)
    return render(
        request,
        "agenda/meeting_detail.html",
        {"meeting": meeting, "papers": papers.assemble(meeting, request.user)},
    )
