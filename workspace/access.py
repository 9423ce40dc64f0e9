"""The one workspace rule that is not simply a role: settling pre-advice. Everything else in the
workspace uses the decorators of alv.access directly (`secretariat_required` to edit,
`board_required` to read along)."""

from alv import roles
from alv.access import user_test_required

__all__ = ["can_settle", "settle_required", "settles_by_archive"]


def can_settle(user, meeting=None):
    """The board settles pre-advice (an administrator may stand in); the secretariat does not,
    but for an archive entry (`meeting.is_past`): it records the pre-advice of a meeting held
    long ago, which the board of then settled and the board of now does not go over again."""
    if roles.is_board(user) or (user.is_authenticated and user.is_superuser):
        return True
    return meeting is not None and meeting.is_past and roles.is_secretariat(user)


def settles_by_archive(user, meeting):
    """Whether settling now is the secretariat's, for an archive entry (recorded as such)."""
    return can_settle(user, meeting) and not can_settle(user)


# The board; and the secretariat, whose every settling the view checks against the meeting
# (`can_settle(user, meeting)`): it settles only for archive entries.
settle_required = user_test_required(
    lambda user: can_settle(user) or roles.is_secretariat(user), {roles.BOARD, roles.SECRETARIAT}
)
