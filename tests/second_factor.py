"""Helpers for tests of users who sign in with a second factor (alv/second_factor.py)."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from alv.access import second_factor_required


def device_of(user):
    """The user's confirmed TOTP device, made if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def current_code(device_or_key, at=None):
    """The code an authenticator app shows now for a device (or a hex key)."""
    device = device_or_key
    if isinstance(device_or_key, str):
        device = TOTPDevice(key=device_or_key)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        totp.time = at
    return f"{totp.token():06d}"


def mark_verified(client, user):
    """Make the logged-in session of `client` count as having passed the second factor, as
    after entering a code of the user's device."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device_of(user).persistent_id
    session.save()


_force_login = Client.force_login


def force_login_verified(self, user, backend=None):
    """Client.force_login for the tests: a user who must have a second factor gets a device
    and a verified session, so that tests of other pages need not enter codes. Tests of the
    second factor itself log in through the login form (or with `_force_login`)."""
    _force_login(self, user, backend)
    if second_factor_required(user):
        mark_verified(self, user)
