"""The mail of the members' people, sent by the task worker (`manage.py db_worker`), never in
a request. Each mail has a plain-text and an HTML part, in the recipient's language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from alv.models import Association, User
from members import people


def send(template, to, language, context, folder="members/mail"):
    """Render templates/<folder>/<template>_subject.txt, .txt and .html in `language` and
    send them to `to` as one mail."""
    with translation.override(language):
        association = Association.current()
        context = {
            "association_name": association.name,
            "association_short_name": association.short_name,
            **context,
        }
        base = f"{folder}/{template}"
        subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
        message = EmailMultiAlternatives(subject, render_to_string(f"{base}.txt", context), to=[to])
        message.attach_alternative(render_to_string(f"{base}.html", context), "text/html")
    message.send()


def absolute(base_url, path):
    return (settings.ALV_BASE_URL or base_url.rstrip("/")) + path


@task()
def send_invitation(user_id, base_url):
    """Mail a fresh invitation link to a person who has not chosen a password yet."""
    person = User.objects.filter(pk=user_id, is_active=True).select_related("member").first()
    if person is None or person.has_usable_password() or not person.email:
        return False
    path = reverse(
        "members:accept",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
            "token": people.invitation_tokens.make_token(person),
        },
    )
    send(
        "invitation",
        person.email,
        person.language,
        {
            "person": person,
            "member": person.member,
            "link": absolute(base_url, path),
            "valid_until": people.valid_until(),
            "login_url": absolute(base_url, reverse("login")),
        },
    )
    return True


@task()
def send_account_notice(email, language, base_url):
    """Tell an address that was invited that it has an account already (instead of telling
    the person who invited it)."""
    send(
        "account_exists",
        email,
        language,
        {
            "email": email,
            "login_url": absolute(base_url, reverse("login")),
            "reset_url": absolute(base_url, reverse("password_reset")),
        },
    )
    return True
