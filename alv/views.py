from django.shortcuts import render

from agenda.models import Meeting


def home(request):
    meetings = Meeting.objects.visible_to(request.user)
    return render(
        request,
        "alv/home.html",
        {"upcoming": meetings.upcoming(), "past": meetings.past()},
    )
