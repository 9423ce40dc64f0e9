"""Who may use the meeting-day pages: the secretariat.

Kept in this one place until the project's shared access decorators land; then this module
becomes an import of those."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from alv import roles


def secretariat_required(view):
    """Anonymous visitors are sent to log in; logged-in users who are not the secretariat
    get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not roles.is_secretariat(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
