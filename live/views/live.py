"""Following the meeting live: the panel on the members' meeting page and the projector view
for the screen in the hall. Both poll a fragment every few seconds; the fragment answers a
conditional request with 304 Not Modified when nothing changed, decided from the papers'
revision (alv.freshness) alone: a poll with nothing new costs no rendering, and at most one
small query a second per worker, so a thousand members watching cost little."""

import json
import re

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
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


_VALIDATOR = re.compile(r'W/"(?P<kind>[a-z]+)-(?P<pk>\d+)-\d+-(?P<audience>[a-z]+)-')


def _validator(request, kind, pk, revision, audience):
    """What the papers looked like to this reader: their revision, what the reader may see
    of them (the audience), the language and the day (whether the meeting is still live).
    Signed, and bound to the reader's session cookie: only a validator this session was given
    with a 200 is ever answered with a 304."""
    fields = f"{kind}-{pk}-{revision}-{audience}-{get_language()}-{timezone.localdate():%Y%m%d}"
    session = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    signature = salted_hmac("live.validator", f"{fields}-{session}").hexdigest()[:20]
    return f'W/"{fields}-{signature}"'


def _still_current(request, kind, pk):
    """The reader's validator if it still describes the papers, else None. Takes the audience
    from the validator, which the signature vouches for: so the poll of a logged-in member
    needs neither their session nor their roles, and at most one query a second."""
    given = request.headers.get("If-None-Match", "").strip()
    match = _VALIDATOR.match(given)
    if not match or match["kind"] != kind or match["pk"] != str(pk):
        return None
    current = _validator(request, kind, pk, freshness.recent_revision(), match["audience"])
    return current if constant_time_compare(current, given) else None


def _etag(kind):
    def etag(request, pk):
        # A hidden meeting answers 404 and no validator, and a validator cannot be made up
        # (it is signed): a 304 only ever tells a reader that what they were shown is current.
        if not hasattr(request, "_live_etag"):
            request._live_etag = _still_current(request, kind, pk) or _validator(
                request,
                kind,
                pk,
                freshness.revision_for(request),
                roles.audience(request.user),
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
