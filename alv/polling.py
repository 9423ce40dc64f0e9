"""Polled fragments that answer a conditional GET with 304 Not Modified when nothing changed.

A fragment that a page polls every few seconds (the live panel, the projector, the voter's
open votes) is given a validator with every 200: what the papers looked like to this reader
(their revision, alv.freshness), what the reader may see of them (the audience), the language
and the day, and, for a fragment that also shows the reader's own rows, a short `personal`
digest of those. The next poll sends it back in If-None-Match; if it still describes the
papers, the answer is an empty 304 that cost no rendering.

The validator is signed and bound to the reader's session cookie: only a validator this session
was given with a 200 is ever answered with a 304, and the audience written in it can be
trusted, so a poll with nothing new needs neither the reader's session nor their roles nor
their rows."""

import re
import time

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe
from django.views.decorators.vary import vary_on_cookie

from alv import freshness, roles

_VALIDATOR = re.compile(
    r'W/"(?P<kind>[a-z]+)-(?P<pk>\d+)-\d+-(?P<audience>[a-z]+)-\d{8}'
    r'-(?P<personal>[0-9a-f]*)-(?P<until>\d+)-[A-Za-z_-]+-[0-9a-f]{20}"'
)


def validator(request, kind, pk, revision, audience, personal="", until=0):
    """The signed validator of fragment `kind` of meeting `pk` as this reader sees it.
    `personal` is a digest of the reader's own rows the fragment showed, `until` the moment
    (a Unix time) at which it changes by the clock alone (0: never)."""
    day = f"{timezone.localdate():%Y%m%d}"
    fields = f"{kind}-{pk}-{revision}-{audience}-{day}-{personal}-{until}-{get_language()}"
    session = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    signature = salted_hmac("live.validator", f"{fields}-{session}").hexdigest()[:20]
    return f'W/"{fields}-{signature}"'


def still_current(request, kind, pk):
    """The reader's validator if it still describes the papers, else None. Takes the
    audience, the personal digest and the moment the fragment changes by the clock from the
    validator, which the signature vouches for; the revision as this process read it at most
    a second ago (freshness.recent_revision). So a poll with nothing new needs neither the
    reader's session nor their roles nor their rows: at most one query a second per process."""
    given = request.headers.get("If-None-Match", "").strip()
    match = _VALIDATOR.match(given)
    if not match or match["kind"] != kind or match["pk"] != str(pk):
        return None
    until = int(match["until"])
    if until and time.time() >= until:
        return None
    current = validator(
        request,
        kind,
        pk,
        freshness.recent_revision(),
        match["audience"],
        match["personal"],
        until,
    )
    return current if constant_time_compare(current, given) else None


def etag(kind, personal=None):
    """The function that gives the validator for a request of fragment `kind`, once per
    request. `personal(request, pk)`, if given, returns the digest of the reader's own rows
    the fragment shows and the moment it changes by the clock; it is asked only when the
    fragment is rendered (a 200), never for a 304. So the reader's own rows that change
    without the papers' revision (their votes) are seen at once in the answer to their own
    request, and otherwise with the next change of the papers or a reload."""

    def current_etag(request, pk, **kwargs):
        # A hidden meeting answers 404 and no validator, and a validator cannot be made up
        # (it is signed): a 304 only ever tells a reader that what they were shown is current.
        if not hasattr(request, "_live_etag"):
            # A POST that answers with the fragment (a vote) changed what it shows.
            safe = request.method in ("GET", "HEAD")
            request._live_etag = still_current(request, kind, pk) if safe else None
            if request._live_etag is None:
                digest, until = personal(request, pk) if personal else ("", 0)
                request._live_etag = validator(
                    request,
                    kind,
                    pk,
                    freshness.revision_for(request),
                    roles.audience(request.user),
                    digest,
                    until,
                )
        return request._live_etag

    return current_etag


def polled(kind, personal=None):
    """Conditional GET for a polled fragment: private, revalidated every time. Put it
    outside the view's access decorator: a 304 is answered before the session is read."""

    def decorate(view):
        view = condition(etag_func=etag(kind, personal))(view)
        view = require_safe(view)
        view = vary_on_cookie(view)
        return cache_control(private=True, no_cache=True)(view)

    return decorate
