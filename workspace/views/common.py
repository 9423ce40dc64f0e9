"""What every workspace view shares: fetching what the user may touch, and answering an htmx
request with just the fragment that changed."""

from django.shortcuts import get_object_or_404, render
from django.utils.html import format_html

from agenda.models import Meeting
from alv import roles


def posted(request):
    """The form data of a POST (bound even when empty), None for a GET (an unbound form)."""
    return request.POST if request.method == "POST" else None


def meeting_or_404(request, pk):
    return get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)


def page_or_fragment(request, template, fragment, context, status=200):
    """The whole page, or only `fragment` (a partialdef of the page) for an htmx request."""
    context.setdefault("can_edit", roles.is_secretariat(request.user))
    name = f"{template}#{fragment}" if request.htmx else template
    return render(request, name, context, status=status)


def announce(response, message):
    """Add an out-of-band status line to an htmx response, read out by screen readers."""
    response.content += format_html(
        '<div hx-swap-oob="innerHTML:#ws-status"><p>{}</p></div>', message
    ).encode()
    return response
