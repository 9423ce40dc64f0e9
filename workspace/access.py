"""Who may use the workspace, in one place: the secretariat edits; the board reads along and
settles pre-advice; nobody else gets in. Built on the shared decorators of alv.access
(anonymous visitors go to the login page, others without the role get 403)."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from alv import roles
from alv.access import login_redirect, secretariat_required, staff_role_required

__all__ = [
    "board_required",
    "can_settle",
    "secretariat_or_board_required",
    "secretariat_required",
]

secretariat_or_board_required = staff_role_required(roles.SECRETARIAT, roles.BOARD)


def can_settle(user):
    """The board settles pre-advice (an administrator may stand in); the secretariat does not."""
    return roles.is_board(user) or (user.is_authenticated and user.is_superuser)


def board_required(view):
    """Only the board: settling pre-advice is its decision, not the secretariat's."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return login_redirect(request)
        if not can_settle(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.required_roles = frozenset({roles.BOARD})
    return wrapper
