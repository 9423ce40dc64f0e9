"""Following the meeting live: the panel on the members' meeting page and the projector view
for the screen in the hall. Both poll a fragment every few seconds; the fragment answers a
conditional request with 304 Not Modified when nothing changed, decided from the meeting's
live revision, which is cached under the papers' revision (alv.freshness): a poll with nothing
new costs one small query and no rendering, so a thousand members watching cost little."""

import json

from django.core.cache import cache
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
    """The meeting if the reader may see it, fetched once per request (the validator and the
    view both need it)."""
    if not hasattr(request, "_live_meeting"):
        request._live_meeting = Meeting.objects.visible_to(request.user).filter(pk=pk).first()
    return request._live_meeting


def _revisions(request, pk):
    """(live revision, revision) of the meeting, or None if the reader may not see it. Every
    meeting-day action and every edit writes the meeting, which raises the papers' revision,
    so the answer is cached per audience under it."""
    key = f"live-revisions:{pk}:{roles.audience(request.user)}:{freshness.papers_revision()}"
    revisions = cache.get(key)
    if revisions is None:
        meeting = _meeting(request, pk)
        revisions = (meeting.live_revision, meeting.revision) if meeting else ()
        cache.set(key, revisions, None)
    return revisions or None


def _etag(kind):
    def etag(request, pk):
        revisions = _revisions(request, pk)
        if revisions is None:
            return None  # the view answers 404
        # The live revision changes with every meeting-day action, the revision with every
        # edit of the meeting; the date decides whether the meeting is still live.
        live_revision, revision = revisions
        return (
            f'W/"{kind}-{pk}-{live_revision}-{revision}-'
            f'{get_language()}-{timezone.localdate():%Y%m%d}"'
        )

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
