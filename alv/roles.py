"""The roles of the app, as auth groups (created by a data migration).

secretariat: prepares and edits everything; board: reads everything and settles pre-advice;
member: reads what is published for members; anyone else is the public.
"""

SECRETARIAT = "secretariat"
BOARD = "board"
MEMBER = "member"
ALL = (SECRETARIAT, BOARD, MEMBER)


def role_names(user):
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_alv_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._alv_role_names = cached
    return cached


def is_secretariat(user):
    return user.is_authenticated and (user.is_superuser or SECRETARIAT in role_names(user))


def is_board(user):
    return user.is_authenticated and BOARD in role_names(user)


def can_see_unpublished(user):
    """Secretariat and board read drafts and unpublished pre-advice; nobody else does."""
    return is_secretariat(user) or is_board(user)


def is_member(user):
    """Members read members-only meetings; the secretariat and board read them as well."""
    return can_see_unpublished(user) or MEMBER in role_names(user)


def audience(user):
    """What `user` may read of the papers, in one word: "staff" (drafts and unpublished
    pre-advice too), "member" or "public". Every visibility rule depends on the reader only
    through this, so a page rendered for one reader can be cached for all of the same audience."""
    if not user.is_authenticated:
        return "public"  # without asking for roles: the live poll of the public asks this
    if can_see_unpublished(user):
        return "staff"
    return "member" if is_member(user) else "public"
