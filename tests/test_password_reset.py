"""A user who forgot the password gets a link by e-mail and chooses a new one."""

import re

import pytest
from django.core import mail

from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(db):
    user = make_user("griffier")
    user.email = "griffier@gemeente.example"
    user.save(update_fields=["email"])
    return user


def test_development_prints_e_mail_on_the_console():
    from alv import settings as base

    assert base.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"


def test_the_reset_mail_carries_a_link_that_sets_a_new_password(client, user):
    response = client.post("/accounts/password_reset/", {"email": user.email})
    assert response["Location"] == "/accounts/password_reset/done/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "nieuw wachtwoord" in message.subject
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)

    form = client.get(link, follow=True)
    assert "Kies een nieuw wachtwoord" in form.content.decode()
    new_password = "Vergadering-in-december-2025"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    assert done["Location"] == "/accounts/reset/done/"
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, user):
    response = client.post("/accounts/password_reset/", {"email": "niemand@example.org"})
    assert response["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []


def test_a_used_or_wrong_link_says_so(client, user):
    html = client.get("/accounts/reset/MQ/wrong-token/").content.decode()
    assert "niet meer geldig" in html
