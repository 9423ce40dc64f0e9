"""Whole pages for the public and for members, cached under the papers' revision.

Members and the public read the same meeting page over and over; rendering even its chrome
costs a Django template several milliseconds. For readers of one audience (alv.roles) the page
differs from one request to the next only in the CSRF token (of the language switch, the log-out
button and htmx) and, for a member, the name on the log-out button. So it is rendered once with
placeholders where those go and served from then on with the reader's own put in. The key holds
the papers' revision (alv.freshness), so any change to the papers is served at once, and the
day, on which the live panel depends. A page is only ever stored after the view rendered it for
a reader of the audience it is stored under, which is the check of who may see it.

Not cached: the secretariat's and the board's pages (their chrome depends on more than their
audience, and there are few of them), and a page with a message waiting for the reader.

The pages are kept in this process's memory as they are, not pickled the way Django's
local-memory cache keeps values: unpickling half a megabyte on every request would cost more
than the rest of serving it."""

import functools
import hashlib
import re
import secrets
import threading
from collections import OrderedDict

from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.html import escape
from django.utils.translation import get_language

from alv import freshness, roles

# Placeholders start with a prefix random per process: no text of the papers can contain it.
_PREFIX = secrets.token_hex(30)
_SPLIT = re.compile(f"({_PREFIX}[a-z_]+;)".encode())


def placeholder(name):
    """Where the reader's own `name` goes in a cached page: a view puts it in its page and
    passes cached_page() what to put there (`personal`)."""
    return f"{_PREFIX}{name};"


_CSRF = placeholder("csrf")
_NAME = placeholder("name")

CACHED_AUDIENCES = ("public", "member")
MAX_PAGES = 32


class _Pages:
    """The most recently used pages, each as the list of its parts between placeholders."""

    def __init__(self, size):
        self._size = size
        self._pages = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            parts = self._pages.get(key)
            if parts is not None:
                self._pages.move_to_end(key)
            return parts

    def put(self, key, parts):
        with self._lock:
            self._pages[key] = parts
            self._pages.move_to_end(key)
            while len(self._pages) > self._size:
                self._pages.popitem(last=False)

    def clear(self):
        with self._lock:
            self._pages.clear()


_pages = _Pages(MAX_PAGES)


def clear():
    _pages.clear()


class _NameHolder:
    """The reader, but with a placeholder for a name."""

    def __init__(self, user):
        self._user = user

    def __getattr__(self, name):
        return getattr(self._user, name)

    def get_username(self):
        return _NAME


def whole_page(name):
    """Decorate a view taking `extra_context` to have its page cached by cached_page()."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            return cached_page(
                request, name, lambda extra: view(request, *args, extra_context=extra, **kwargs)
            )

        return wrapped

    return decorate


def cached_page(request, name, render_page, personal=None):
    """The response of `render_page(extra_context)`, cached whole under `name`, the request's
    full address, the language, the day, the reader's audience and the papers' revision. Only
    a 200 is stored; any other answer is passed on as it is.

    `personal` maps a placeholder's name to a function giving the reader's own HTML for it
    (for instance their own member's motions), called only when the page holds it: it is put
    in on every response, cached or not, so one reader's part never reaches another."""
    personal = {placeholder(key).encode(): part for key, part in (personal or {}).items()}
    audience = roles.audience(request.user)
    if audience not in CACHED_AUDIENCES or len(messages.get_messages(request)):
        response = render_page({})
        if personal and response.status_code == 200:
            response.content = _filled(_SPLIT.split(response.content), {}, personal)
        return response
    # With the host, which pages put in their permalinks. Hashed: the query string is the
    # reader's, of any length and with any characters.
    path = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    key = (
        name,
        path,
        get_language(),
        timezone.localdate(),
        audience,
        # The menu of a member's people differs: "Motions" for anyone who speaks for a
        # member, "My municipality" and "Voting cards" for its contact person.
        bool(getattr(request.user, "member_id", None)),
        bool(getattr(request.user, "is_contact", False)),
        freshness.revision_for(request),
    )
    parts = _pages.get(key)
    if parts is None:
        extra = {"csrf_token": _CSRF}
        if request.user.is_authenticated:
            extra["user"] = _NameHolder(request.user)
        response = render_page(extra)
        if response.status_code != 200:
            return response
        parts = _SPLIT.split(response.content)
        _pages.put(key, parts)
    own = {_CSRF.encode(): get_token(request).encode()}
    if request.user.is_authenticated:
        own[_NAME.encode()] = escape(request.user.get_username()).encode()
    response = HttpResponse(_filled(parts, own, personal))
    # The page carries the reader's own CSRF token (and name): no shared cache may keep it,
    # and the browser asks again each time (the papers change without notice).
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _filled(parts, own, personal):
    """The page from its parts, each placeholder replaced by the reader's own."""
    for part in parts:
        if part in personal and part not in own:
            own[part] = personal[part]().encode()
    return b"".join(own.get(part, part) for part in parts)
