"""Whole pages for anonymous readers, cached under the papers' revision.

The public reads the same meeting page over and over; rendering even its chrome costs a
Django template several milliseconds. For a reader who is not logged in the page differs from
one request to the next only in the CSRF token (of the language switch and htmx), so it is
rendered once with a placeholder where the token goes and served from then on with the
reader's own token put in. The key holds the papers' revision (alv.freshness), so any change
to the papers is served at once, and a page is only ever stored after the view rendered it
for the public, which is the check of who may see it: a hit needs no query but the revision.
Logged-in readers, and anyone with a message waiting, get the page rendered as usual."""

import hashlib
import secrets

from django.contrib import messages
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from alv import freshness

# Random per process: no text of the papers can contain it.
_PLACEHOLDER = "csrf" + secrets.token_hex(30)


def anonymous_page(request, name, render_page):
    """The response of `render_page(extra_context)`, cached whole for anonymous readers under
    `name`, the request's full path, the language and the papers' revision."""
    if request.user.is_authenticated or len(messages.get_messages(request)):
        return render_page({})
    cache = caches["papers"]
    # Hashed: the query string is the reader's, of any length and with any characters.
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    key = f"page:{name}:{path}:{get_language()}:{freshness.revision_for(request)}"
    body = cache.get(key)
    if body is None:
        response = render_page({"csrf_token": _PLACEHOLDER})
        body = response.content
        cache.set(key, body, None)
    return HttpResponse(body.replace(_PLACEHOLDER.encode(), get_token(request).encode()))
