"""Who may use the workspace, in one place, so that the shared decorators of alv/ (the roles
issue) can replace these without touching the views.

The secretariat edits; the board reads along and settles pre-advice; nobody else gets in.
An anonymous visitor is sent to the login page, anyone else logged in is refused (403)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django_htmx.http import HttpResponseClientRedirect

from alv import roles


def _requires(test):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                if request.htmx:
                    # A fragment request would otherwise swap the login page into the page.
                    login = redirect_to_login(request.htmx.current_url_abs_path or "/")
                    return HttpResponseClientRedirect(login.url)
                return redirect_to_login(request.get_full_path())
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def can_settle(user):
    """The board settles pre-advice (an administrator may stand in)."""
    return roles.is_board(user) or (user.is_authenticated and user.is_superuser)


secretariat_required = _requires(roles.is_secretariat)
secretariat_or_board_required = _requires(roles.can_see_unpublished)
board_required = _requires(can_settle)
