"""Two-factor sign-in: a TOTP device (an authenticator app) and recovery codes, by django-otp.

After the password, a session counts as verified once a code of the user's device (or one of
their recovery codes, each usable once) has been entered: `request.user.is_verified()`
(django-otp's OTPMiddleware). `SecondFactorMiddleware` sends

- a user who must have a second factor (`alv.access.second_factor_required`) and has none
  yet to the set-up page,
- a user with a second factor whose session is not verified to the verification page,

from every page but those of `EXEMPT_URL_NAMES`, logging out and the static files.

Only where settings.ALV_DEMO_ALLOWED is on, a login with the demo password (the demo users
of `make run`) is not asked for a second factor: the demo must open without an app.
"""

import base64
import io

import segno
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_htmx.http import HttpResponseClientRedirect
from django_otp import user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from alv.access import second_factor_required

# Set at login: the user had a confirmed device then (spares asking the database on every
# page of a member without one), and: logged in with the demo password where allowed.
HAS_DEVICE_SESSION_KEY = "alv_second_factor"
DEMO_SESSION_KEY = "alv_demo_login"

# The pages a user who still owes the second factor may open.
EXEMPT_URL_NAMES = {
    "logout",
    "two_factor_setup",
    "two_factor_verify",
    "two_factor_recovery_codes",
    "set_language",
}


def has_device(user):
    return user_has_device(user, confirmed=True)


def waived(request):
    """The demo users of a development or demo installation, and nobody in production."""
    return settings.ALV_DEMO_ALLOWED and request.session.get(DEMO_SESSION_KEY, False)


def pending(request):
    """What the session still owes: "setup", "verify" or None."""
    user = request.user
    if not user.is_authenticated or user.is_verified() or waived(request):
        return None
    if second_factor_required(user):
        return "verify" if has_device(user) else "setup"
    if request.session.get(HAS_DEVICE_SESSION_KEY) and has_device(user):
        return "verify"
    return None


# The polled fragments, answered with an empty 304 while nothing changed (alv/polling.py).
POLL_URL_NAMES = {"live:fragment", "live:projector_fragment", "voting:fragment"}


class SecondFactorMiddleware:
    """Checks in process_view, where Django has resolved the URL once already: resolving it
    again here would cost a third of a polled fragment's 304."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_alv_check_after_poll", False):
            # A 304 to a poll sends nothing, so it was answered without loading the session
            # and the user; any other answer is held to the check now.
            if response.status_code == 304:
                return response
            return self._redirect(request, pending(request)) or response
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        name = request.resolver_match.view_name
        if name in EXEMPT_URL_NAMES or request.path_info.startswith(settings.STATIC_URL):
            return None
        if (
            request.method in ("GET", "HEAD")
            and "If-None-Match" in request.headers
            and name in POLL_URL_NAMES
        ):
            # The live panel's and the voter's poll (every second or few, reading only): the
            # view answers first, and __call__ checks what it answered.
            request._alv_check_after_poll = True
            return None
        return self._redirect(request, pending(request))

    def _redirect(self, request, owed):
        """Where a session that owes the second factor goes instead, or None."""
        if owed is None:
            return None
        page = "two_factor_setup" if owed == "setup" else "two_factor_verify"
        htmx = getattr(request, "htmx", False)
        back = (htmx.current_url_abs_path if htmx else None) or request.get_full_path()
        target = reverse(page)
        if request.method == "GET" or htmx:
            target += "?" + urlencode({"next": back})
        return HttpResponseClientRedirect(target) if htmx else redirect(target)


def remember_at_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    request.session[HAS_DEVICE_SESSION_KEY] = has_device(user)
    if getattr(request, "alv_demo_password", False) and settings.ALV_DEMO_ALLOWED:
        request.session[DEMO_SESSION_KEY] = True


def safe_next(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(default)


# --- Setting up ---------------------------------------------------------------------------------


def new_key():
    return random_hex(20)


def unsaved_device(user, key):
    return TOTPDevice(user=user, key=key, name="default", confirmed=False)


def qr_code_data_uri(device):
    """The device's otpauth:// address as an SVG QR code, inline (no network, no file)."""
    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(
        buffer, kind="svg", scale=5, border=2, xmldecl=False, svgns=True
    )
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def manual_key(device):
    """The key as an authenticator app asks to type it: base32, in groups of four."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def code_matches_key(key, code):
    """Whether `code` is a current code of the (not yet saved) device with `key`."""
    code = "".join(str(code).split())
    if not code.isdigit() or len(code) != 6:
        return False
    device = unsaved_device(None, key)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return totp.verify(int(code), device.tolerance)


@transaction.atomic
def confirm_device(user, key):
    """Make the device with `key` the user's only second factor, with fresh recovery codes.
    Returns (device, recovery codes)."""
    remove(user)
    device = TOTPDevice.objects.create(user=user, key=key, name="default", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.ALV_SECOND_FACTOR_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return device, codes


@transaction.atomic
def remove(user):
    """Remove every second factor of `user` (their sessions stop counting as verified)."""
    found = TOTPDevice.objects.filter(user=user).delete()[0]
    found += StaticDevice.objects.filter(user=user).delete()[0]
    return found > 0


def remaining_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
