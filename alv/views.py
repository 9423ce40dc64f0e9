from django.shortcuts import render
from django.views.decorators.http import require_safe

from agenda.models import Meeting


@require_safe
def home(request):
    meetings = Meeting.objects.visible_to(request.user)
    return render(
        request,
        "alv/home.html",
        {"upcoming": meetings.upcoming(), "past": meetings.past()},
    )
