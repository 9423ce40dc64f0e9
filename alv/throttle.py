"""Throttling: how often a client or an account may try something in a while.

    from alv import throttle

    if not throttle.hit(("invitation", throttle.client(request)), limit=10, window=3600):
        return throttle.too_many(request)

`hit` counts one attempt under `key_parts` in the current window of `window` seconds (or a
timedelta) and says whether it is still within `limit`. A window starts with the first attempt
of a key and ends `window` later, whatever the clock says: there is no boundary on the hour at
which counts restart. `blocked`
asks without counting (for "count only failures": check first, `hit` on a failure), `clear`
forgets a count (a success).

Counts are kept in the "throttle" cache: in the database (a table created by a migration), so
every app server process and the worker count together. A throttle is a brake, not a lock:
two requests at the same instant may both pass.

Failed logins are counted by django-axes, with `LoginFailureHandler` giving each lockout
parameter its own limit (settings.ALV_LOGIN_FAILURE_LIMITS).
"""

import datetime as dt
import hashlib
import time

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.core.cache import caches
from django.db.models import Sum
from django.template.response import TemplateResponse

from alv.security import client_ip


def _seconds(window):
    seconds = window.total_seconds() if isinstance(window, dt.timedelta) else window
    return max(1, int(seconds))


def _key(key_parts, window):
    seconds = _seconds(window)
    text = "\x1f".join(str(part).strip().lower() for part in key_parts)
    digest = hashlib.sha256(text.encode()).hexdigest()
    return f"throttle:{digest}:{seconds}", seconds


def _cache():
    return caches[settings.ALV_THROTTLE_CACHE]


def _count(cache, key, seconds):
    """(start of the window, attempts in it); a window over is a count of nothing."""
    start, count = cache.get(key) or (None, 0)
    now = time.time()
    if start is None or now - start >= seconds:
        return now, 0
    return start, count


def hit(key_parts, limit, window):
    """Count one attempt of `key_parts` (a tuple of strings: what is tried, and by whom or on
    what) and say whether it is allowed: at most `limit` attempts per window."""
    key, seconds = _key(key_parts, window)
    cache = _cache()
    start, count = _count(cache, key, seconds)
    count += 1
    # The entry lives as long as its window; it is set, not incremented, because it holds
    # the window's start too.
    cache.set(key, (start, count), timeout=max(1, int(start + seconds - time.time()) + 1))
    return count <= limit


def blocked(key_parts, limit, window):
    """Whether `key_parts` has used up its `limit` in this window (without counting)."""
    key, seconds = _key(key_parts, window)
    return _count(_cache(), key, seconds)[1] >= limit


def clear(key_parts, window):
    key, _ = _key(key_parts, window)
    _cache().delete(key)


def client(request):
    """The client, as throttles count it: its address (see alv.security.client_ip)."""
    return client_ip(request) or "unknown"


def too_many(request, status=429):
    """The answer to a throttled client: the same page whatever was asked."""
    return TemplateResponse(request, "registration/throttled.html", status=status)


class LoginFailureHandler(AxesDatabaseHandler):
    """django-axes' database handler with one limit per lockout parameter.

    Axes compares the largest count over AXES_LOCKOUT_PARAMETERS with one AXES_FAILURE_LIMIT;
    here each parameter group's failures are scaled to that limit, so that the pair (username,
    address) locks at its own limit, the account alone (from any address) and the address
    alone (over any accounts) at their higher ones. A successful login resets only the pair:
    logging in to one's own account must not wipe the count of the address (an attacker with
    an account of their own would reset their guessing) or of the account (guesses from
    elsewhere keep counting)."""

    def get_failures(self, request, credentials=None):
        base = settings.AXES_FAILURE_LIMIT
        limits = [limit for _, limit in settings.ALV_LOGIN_FAILURE_LIMITS]
        scaled = 0
        for attempts, limit in zip(
            self.get_user_attempts(request, credentials), limits, strict=True
        ):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            scaled = max(scaled, failures * base // limit)
        return scaled

    def reset_user_attempts(self, request, credentials=None):
        pair = self.filter_user_attempts(request, credentials)[0]
        count, _ = pair.delete()
        return count
