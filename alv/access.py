"""Who may open a view, and which objects a view may touch.

Views say who they are for with one decorator:

    @secretariat_required                      # the secretariat only
    @staff_role_required(roles.SECRETARIAT, roles.BOARD)
    @member_required                           # members, and the board and secretariat

An anonymous visitor is sent to the login page (an htmx request gets an HX-Redirect, so the
login page replaces the whole page instead of landing inside a fragment); a logged-in user
without the role gets 403. What a user may *see* (published or not) is still the question of
the `visible_to(user)` querysets; these decorators only decide who may use a view at all.

Views that take a meeting and an object id fetch the object through `get_for_meeting`, so an
object of one meeting can never be read or changed through another meeting's URL.

Ids come from the address as `<id:pk>` (`IdConverter`) and from forms and query strings
through `object_id(value)`: a number no database row can have (too large for a 64-bit key,
negative, or not a number) is no id, and answers 404 or a form error, never a 500.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, resolve_url
from django_htmx.http import HttpResponseClientRedirect

from alv import roles

# The largest primary key the databases hold (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def object_id(value):
    """`value` (from a form or a query string) as a row id, or None if it cannot be one."""
    text = str(value if value is not None else "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


class IdConverter:
    """`<id:pk>` in a URL: like `<int:pk>`, but no match (a 404) for a number beyond the
    databases' keys, which SQLite would refuse with an error instead of finding nothing."""

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = object_id(value)
        if number is None:
            raise ValueError(value)
        return number

    def to_url(self, value):
        return str(value)


# The role a view asks for -> the test a user must pass. Higher roles include lower ones:
# the board and the secretariat read everything a member reads.
_ROLE_TESTS = {
    roles.SECRETARIAT: roles.is_secretariat,
    roles.BOARD: roles.is_board,
    roles.MEMBER: roles.is_member,
}


def has_any_role(user, role_names):
    return any(_ROLE_TESTS[name](user) for name in role_names)


def login_redirect(request):
    """Send an anonymous visitor to the login page and back here afterwards."""
    if getattr(request, "htmx", False):
        # A fragment request that followed a 302 would swap the login page into the fragment.
        login_url = resolve_url(settings.LOGIN_URL)
        current = request.htmx.current_url_abs_path or request.get_full_path()
        return HttpResponseClientRedirect(redirect_to_login(current, login_url).url)
    return redirect_to_login(request.get_full_path())


def staff_role_required(*role_names):
    """Let only users with one of `role_names` in; see the module docstring."""
    unknown = set(role_names) - set(_ROLE_TESTS)
    if not role_names or unknown:
        raise ImproperlyConfigured(f"Unknown roles: {sorted(unknown) or 'none given'}")
    return user_test_required(lambda user: has_any_role(user, role_names), role_names)


def user_test_required(test, role_names):
    """Let in only logged-in users who pass `test(user)`, for a rule that is not simply one of
    the roles (the board settles pre-advice, an administrator may stand in); `role_names`
    says whom the rule is for. Anonymous visitors and others are answered as by
    `staff_role_required`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return login_redirect(request)
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_roles = frozenset(role_names)
        return wrapper

    return decorator


secretariat_required = staff_role_required(roles.SECRETARIAT)
board_required = staff_role_required(roles.SECRETARIAT, roles.BOARD)
member_required = staff_role_required(roles.MEMBER)


# How each meeting-owned model reaches its meeting. A row matches a meeting through any of the
# paths (a motion held over to a later meeting stands under that meeting's agenda item).
# A new model that views fetch by id next to a meeting id gets its path(s) here.
MEETING_PATHS = {
    "agenda.Meeting": ("pk",),
    "agenda.AgendaItem": ("meeting",),
    "agenda.Resolution": ("agenda_item__meeting",),
    "agenda.ResolutionVersion": ("resolution__agenda_item__meeting",),
    "agenda.Clause": ("version__resolution__agenda_item__meeting",),
    "agenda.Attachment": ("version__resolution__agenda_item__meeting",),
    "motions.Proposal": ("meeting", "agenda_item__meeting"),
    "motions.Motion": ("meeting", "agenda_item__meeting"),
    "motions.Amendment": ("meeting", "agenda_item__meeting"),
    "motions.MotionPart": ("motion__meeting", "motion__agenda_item__meeting"),
    "motions.FollowUp": ("agenda_item__meeting",),
    "agenda.ItemDecision": ("agenda_item__meeting",),
    "motions.VotePart": ("motion__meeting", "motion__agenda_item__meeting"),
    "motions.Ballot": (
        "proposal__meeting",
        "proposal__agenda_item__meeting",
        "resolution__agenda_item__meeting",
        "vote_part__motion__agenda_item__meeting",
    ),
    "motions.FollowUpTrack": ("motion__meeting",),
    "voting.Poll": ("meeting",),
    "voting.Proxy": ("meeting",),
    "motions.FollowUpReport": ("track__motion__meeting",),
    # Held over at one meeting, placed on a later one's agenda: it belongs to both.
    "motions.HoldOver": ("from_item__meeting", "to_item__meeting"),
    "motions.PreAdvice": (
        "proposal__meeting",
        "proposal__agenda_item__meeting",
        "follow_up__agenda_item__meeting",
    ),
    "motions.PreAdvicePart": (
        "pre_advice__proposal__meeting",
        "pre_advice__proposal__agenda_item__meeting",
        "pre_advice__follow_up__agenda_item__meeting",
    ),
}


def meeting_q(model, meeting):
    label = model._meta.label
    if label not in MEETING_PATHS:
        raise ImproperlyConfigured(f"{label} has no path to its meeting in MEETING_PATHS")
    q = Q()
    for path in MEETING_PATHS[label]:
        q |= Q(**{path: meeting})
    return q


def get_for_meeting(queryset, meeting, **lookup):
    """The object matching `lookup` in `queryset`, but only if it belongs to `meeting`; 404
    otherwise. Pass the visible queryset (`Proposal.objects.visible_to(request.user)`), so
    visibility and meeting scope are both checked:

        meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=meeting_pk)
        motion = get_for_meeting(Motion.objects.visible_to(request.user), meeting, pk=pk)
    """
    model = queryset.model
    return get_object_or_404(queryset.filter(meeting_q(model, meeting)).distinct(), **lookup)


# --- Two-factor sign-in ------------------------------------------------------------------------


def second_factor_required(user):
    """Whether `user` must pass a second factor (alv/second_factor.py) before any page but
    the set-up, the verification and logging out. The secretariat and the board, whose
    accounts publish the papers, always; anyone else when a rule of
    `SECOND_FACTOR_REQUIRED_FOR` says so. Everyone may set one up (the account page)."""
    if not user.is_authenticated:
        return False
    return any(rule(user) for rule in SECOND_FACTOR_REQUIRED_FOR)


def publishes_the_papers(user):
    return roles.can_see_unpublished(user)


# The rules of second_factor_required: each takes a user and says whether it requires a second
# factor. The floors above add theirs when they load (voting.apps: voting-card holders).
SECOND_FACTOR_REQUIRED_FOR = [publishes_the_papers]
