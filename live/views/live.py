"""Following the meeting live: the panel on the members' meeting page and the projector view
for the screen in the hall. Both poll a fragment every few seconds; the fragment answers a
conditional request with 304 Not Modified when nothing changed, decided from the papers'
revision (alv.freshness) alone: a poll with nothing new costs one small query and no
rendering, so a thousand members watching cost little."""

import json

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe
from django.views.decorators.vary import vary_on_cookie

from agenda.models import Meeting
from alv import freshness, roles
from live.state import live_state

POLL_SECONDS = 3


def _meeting(request, pk):
    """The meeting if the reader may see it."""
    if not hasattr(request, "_live_meeting"):
        request._live_meeting = Meeting.objects.visible_to(request.user).filter(pk=pk).first()
    return request._live_meeting


def _etag(kind):
    def etag(request, pk):
        # The papers' revision goes up with every meeting-day action and every edit of the
        # papers (alv.freshness); the audience decides what the reader may see of them, the
        # date whether the meeting is still live. So the validator needs neither the meeting
        # nor any rendering. A reader holds it only from a 200 for this meeting, audience and
        # revision (a hidden meeting answers 404 and no validator); a guessed one gets an
        # empty 304 and learns nothing.
        if not hasattr(request, "_live_etag"):
            request._live_etag = (
                f'W/"{kind}-{pk}-{freshness.revision_for(request)}-{roles.audience(request.user)}-'
                f'{get_language()}-{timezone.localdate():%Y%m%d}"'
            )
        return request._live_etag

    return etag


def _live(kind):
    """Conditional GET for a polled fragment: private, revalidated every time."""

    def decorate(view):
        view = condition(etag_func=_etag(kind))(view)
        view = require_safe(view)
        view = vary_on_cookie(view)
        return cache_control(private=True, no_cache=True)(view)

    return decorate


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
