"""Background tasks of the ground floor: the account e-mails (sent by `manage.py db_worker`)."""

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.utils import translation
from django_tasks import task

RESET_SUBJECT = "registration/password_reset_subject.txt"
RESET_TEXT = "registration/password_reset_email.html"
RESET_HTML = "registration/password_reset_email_body.html"


@task()
def send_password_reset_mail(user_id, language, context, from_email=None):
    """The password-reset link, in a plain-text and an HTML part, in the recipient's language
    (`language`, the language the reset was asked in, for an account without one). `context` holds the link's parts (uid, token, domain, protocol,
    site_name, email) as the reset form made them."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return 0
    with translation.override(getattr(user, "language", "") or language):
        context = {**context, "user": user}
        subject = "".join(loader.render_to_string(RESET_SUBJECT, context).splitlines())
        message = EmailMultiAlternatives(
            subject, loader.render_to_string(RESET_TEXT, context), from_email, [context["email"]]
        )
        message.attach_alternative(loader.render_to_string(RESET_HTML, context), "text/html")
    return message.send()
