"""Following the meeting live: the panel on the members' meeting page and the projector view
for the screen in the hall. Both poll a fragment every few seconds; the fragment answers a
conditional request with 304 Not Modified when nothing changed, decided from the papers'
revision (alv.freshness) alone, by the validator of alv.polling: a poll with nothing new costs
no rendering, and at most one small query a second per worker, so a thousand members watching
cost little."""

import json

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from agenda.models import Meeting
from alv import polling
from live.state import live_state

POLL_SECONDS = 3


def _meeting(request, pk):
    """The meeting if the reader may see it."""
    if not hasattr(request, "_live_meeting"):
        request._live_meeting = Meeting.objects.visible_to(request.user).filter(pk=pk).first()
    return request._live_meeting


_etag = polling.etag
_live = polling.polled


def _fragment(request, pk, kind, template, extra=None):
    meeting = _meeting(request, pk)
    if meeting is None:
        raise Http404
    context = {
        "meeting": meeting,
        "state": live_state(meeting),
        "poll_seconds": POLL_SECONDS,
        # The next poll sends this back; if nothing changed the answer is an empty 304.
        "poll_headers": json.dumps({"If-None-Match": _etag(kind)(request, pk)}),
        **(extra or {}),
    }
    return render(request, template, context)


@_live("panel")
def live_fragment(request, pk):
    """The live panel of the members' meeting page."""
    return _fragment(request, pk, "panel", "live/_live_status.html")


@_live("projector")
def projector_fragment(request, pk):
    return _fragment(request, pk, "projector", "live/_projector_status.html")


@require_safe
def projector(request, pk):
    """The screen in the hall: large type, high contrast, only what every member may read."""
    return _fragment(request, pk, "projector", "live/projector.html")
