from django.conf import settings
from django.core.exceptions import PermissionDenied

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
