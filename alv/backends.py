from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

# The backend that checks user names and passwords; a view that logs someone in itself (after
# they set their password) names it.
PASSWORD_BACKEND = "alv.backends.CaseInsensitiveModelBackend"

# The demo users' shared password (papers.demo sets it; `make run` prints it).
DEMO_PASSWORD = "alv-demo-2024"


class DemoPasswordBackend:
    """Refuses the demo password where the demo is not allowed (production settings).

    The demo users share a published password; should a demo user ever reach a production
    database (a copied development database, a load_demo by mistake), this keeps the password
    from opening it. Raising PermissionDenied stops Django from asking the next backends, and
    counts as a failed login for the throttling. It has no get_user(): it never logs anyone
    in, so no session ever names it.

    Where the demo is allowed, it marks the request of a demo-password login, so that the demo
    secretariat and board are not asked for a second factor (alv.second_factor.waived)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password == DEMO_PASSWORD and not settings.ALV_DEMO_ALLOWED:
            raise PermissionDenied
        if password == DEMO_PASSWORD and request is not None:
            # Where the demo is allowed, a demo login skips the second factor
            # (alv/second_factor.py); noted here, applied when the login succeeds.
            request.alv_demo_password = True
        return None


def canonical_username(username):
    """The user name as stored for what was typed: a member's people log in with their e-mail
    address, which they type in any case ("Nina@Utrecht.nl" for nina@utrecht.nl). Only when
    exactly one account matches without regard to case; otherwise what was typed."""
    if not username:
        return username
    matches = list(
        get_user_model()
        ._default_manager.filter(username__iexact=username.strip())
        .values_list("username", flat=True)[:2]
    )
    return matches[0] if len(matches) == 1 else username


def throttled_username(request, credentials=None):
    """The account a login attempt counts against (django-axes): without regard to case, so
    "NINA@..." and "nina@..." are one account to the throttle as well."""
    data = credentials if credentials is not None else request.POST
    return (data.get("username") or "").strip().lower() or None


class CaseInsensitiveModelBackend(ModelBackend):
    """The user name and password check, with the user name found without regard to case."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        return super().authenticate(
            request, username=canonical_username(username), password=password, **kwargs
        )
