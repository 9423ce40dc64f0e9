"""Where a login lands, the site's icon at /favicon.ico, and the association's stylesheet and
logo, under addresses that carry its revision.

The Content-Security-Policy allows no inline style, so the association's colours (design
tokens overriding static/css/theme.css) come as a small stylesheet. Its address changes with
every edit of the association, so browsers may keep it for a year."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from alv import roles, uploads
from alv.models import Association

YEAR = 365 * 24 * 3600
DAY = 24 * 3600


@require_safe
def after_login(request):
    """Where a login without a page to return to lands (settings.LOGIN_REDIRECT_URL): the
    secretariat and the board at their workspace, everyone else on the home page. After the
    second factor the session comes back here too, as the `next` of the verification."""
    if roles.can_see_unpublished(request.user):
        return redirect("workspace:meetings")
    return redirect("home")


@require_safe
def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever a page names: the icon
    among the static files. That file's address changes with its content (the manifest storage)
    and is kept for a year; this redirect is kept for a day, so a new icon reaches browsers."""
    response = redirect(static("favicon.ico"))
    patch_cache_control(response, public=True, max_age=DAY)
    return response


def _cache_headers(response, association, revision):
    if revision == association.revision:
        patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    else:
        # An old address (a page cached before the edit): the current file, not kept.
        patch_cache_control(response, no_cache=True)
    return response


@require_safe
def theme_css(request, revision):
    association = Association.current(request)
    response = HttpResponse(association.theme_css, content_type="text/css; charset=utf-8")
    return _cache_headers(response, association, revision)


@require_safe
def logo(request, revision):
    association = Association.current(request)
    if not association.logo:
        raise Http404
    try:
        response = uploads.image_response(association.logo)
    except (ValidationError, FileNotFoundError) as refused:
        raise Http404 from refused
    return _cache_headers(response, association, revision)
