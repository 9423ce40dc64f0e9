"""Prepare the load benchmark's database and print what to measure, one target a line:
name, path and request headers, tab-separated. Run by bench/load.py in its own database."""

import django


def second_factor_passed(user, session):
    """Mark `session` as after entering a code of the user's authenticator (made if they have
    none): the secretariat's pages answer only such sessions (alv/second_factor.py)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id


def session_cookie(user):
    """A logged-in session for `user` (past the second factor), as the Cookie header wrk
    sends."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    from alv.backends import PASSWORD_BACKEND

    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = PASSWORD_BACKEND
    session["_auth_user_hash"] = user.get_session_auth_hash()
    second_factor_passed(user, session)
    session.create()
    return f"Cookie: {settings.SESSION_COOKIE_NAME}={session.session_key}"


def main():
    # Imported once Django is set up: this runs as a script, not inside the app.
    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from agenda.models import Meeting
    from alv import roles
    from book.management.commands.create_bench_meeting import TITLE
    from motions.models import Motion

    call_command("create_bench_meeting", verbosity=0)
    meeting = Meeting.objects.get(title=TITLE)
    user, _ = get_user_model().objects.get_or_create(username="bench-secretariat")
    user.groups.add(Group.objects.get(name=roles.SECRETARIAT))
    member, _ = get_user_model().objects.get_or_create(username="bench-member")
    member.groups.add(Group.objects.get(name=roles.MEMBER))
    motion = Motion.objects.filter(meeting=meeting).order_by("pk")[100]
    live = reverse("live:fragment", args=[meeting.pk])
    # The live fragment as members poll it: with the validator of their last answer.
    etag = Client(HTTP_HOST="127.0.0.1").get(live)["ETag"]
    # A member's validator is bound to their session: the one wrk sends.
    member_cookie = session_cookie(member)
    member_etag = Client(HTTP_HOST="127.0.0.1", HTTP_COOKIE=member_cookie.split(": ", 1)[1]).get(
        live
    )["ETag"]
    targets = [
        ("ceiling", reverse("bench_ceiling"), []),
        ("member meeting page", reverse("meeting_detail", args=[meeting.pk]), []),
        ("motion page", reverse("motion_detail", args=[motion.pk]), []),
        (
            "pre-advice overview",
            reverse("workspace:pre_advice", args=[meeting.pk]),
            [session_cookie(user)],
        ),
        ("live fragment (304)", live, [f"If-None-Match: {etag}"]),
        # The same two for a logged-in member: the session, the user and their roles on top.
        (
            "member meeting page, logged in",
            reverse("meeting_detail", args=[meeting.pk]),
            [member_cookie],
        ),
        (
            "live fragment (304), logged in",
            live,
            [f"If-None-Match: {member_etag}", member_cookie],
        ),
    ]
    for name, path, headers in targets:
        print("\t".join([name, path, *headers]))


if __name__ == "__main__":
    main()
