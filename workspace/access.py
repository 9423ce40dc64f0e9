"""The one workspace rule that is not simply a role: settling pre-advice. Everything else in the
workspace uses the decorators of alv.access directly (`secretariat_required` to edit,
`board_required` to read along)."""

from alv import roles
from alv.access import user_test_required

__all__ = ["can_settle", "settle_required"]


def can_settle(user):
    """The board settles pre-advice (an administrator may stand in); the secretariat does not."""
    return roles.is_board(user) or (user.is_authenticated and user.is_superuser)


# Only the board: settling pre-advice is its decision, not the secretariat's (so not
# alv.access.board_required, which lets the secretariat in as well).
settle_required = user_test_required(can_settle, {roles.BOARD})
