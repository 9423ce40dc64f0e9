"""A user who forgot the password gets a link by e-mail and chooses a new one. The mail is sent
by the background worker, and the pages are throttled per e-mail address and per client
without telling whether an address has an account."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django_tasks_db.models import DBTaskResult

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

RESET = "/accounts/password_reset/"
DONE = "/accounts/password_reset/done/"


@pytest.fixture(autouse=True)
def _at_the_start_of_an_hour():
    # The throttles count in fixed windows (alv/throttle.py): no test starts near the end of
    # one, where its count would begin again halfway.
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, 1, tzinfo=dt.UTC), tick=True):
        yield


@pytest.fixture
def user(db):
    user = make_user("griffier")
    user.email = "griffier@gemeente.example"
    user.save(update_fields=["email"])
    return user


def ask(client, email, address="10.0.0.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def test_development_prints_e_mail_on_the_console():
    from alv import settings as base

    assert base.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"


def test_the_reset_mail_carries_a_link_that_sets_a_new_password(
    client,
    user,
    work_off_queue,
):
    response = ask(client, user.email)
    assert response["Location"] == DONE
    assert work_off_queue() == 1
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


def test_the_mail_is_sent_by_the_worker_not_inside_the_request(client, user):
    ask(client, user.email)
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(task_path__endswith="send_password_reset_mail").count() == 1


def test_the_mail_has_a_text_and_an_html_part_in_the_recipient_s_language(
    user,
    work_off_queue,
):
    from django.test import Client

    user.language = "en"
    user.save(update_fields=["language"])
    # Asked in Dutch, for someone who reads English.
    Client(HTTP_ACCEPT_LANGUAGE="nl").post(RESET, {"email": user.email})
    work_off_queue()
    message = mail.outbox[0]
    assert "Choose a new password" in message.subject
    assert "Someone asked for a new password for your account griffier" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    link = re.search(r"http://testserver/accounts/reset/\S+/", message.body).group(0)
    assert f'href="{link}"' in html
    assert "Someone asked for a new password" in html
    assert '<html lang="en">' in html


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    client,
    user,
    work_off_queue,
):
    known = ask(client, user.email, address="10.0.0.1")
    unknown = ask(client, "niemand@example.org", address="10.0.0.2")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert work_off_queue() == 1
    assert [message.to for message in mail.outbox] == [[user.email]]


def test_a_used_or_wrong_link_says_so(client, user):
    html = client.get("/accounts/reset/MQ/wrong-token/").content.decode()
    assert "niet meer geldig" in html


def test_one_address_gets_at_most_three_mails_an_hour_and_the_same_answer_after(
    client,
    user,
    work_off_queue,
):
    answers = [ask(client, user.email, address=f"10.0.0.{n}") for n in range(1, 6)]
    assert {(a.status_code, a["Location"]) for a in answers} == {(302, DONE)}
    work_off_queue()
    assert len(mail.outbox) == 3
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)):
        ask(client, user.email, address="10.0.0.9")
        work_off_queue()
    assert len(mail.outbox) == 4


def test_an_unknown_address_is_limited_in_the_same_way(client, user):
    answers = [ask(client, "niemand@example.org", address=f"10.0.0.{n}") for n in range(1, 6)]
    assert {(a.status_code, a["Location"]) for a in answers} == {(302, DONE)}


def test_one_client_may_ask_ten_times_an_hour_over_any_addresses(client, user):
    for n in range(10):
        assert ask(client, f"iemand{n}@example.org").status_code == 302
    refused = ask(client, user.email)
    assert refused.status_code == 429
    assert "Te veel pogingen" in refused.content.decode()
    # Another client is not held up, and the first may ask again after the hour.
    assert ask(client, user.email, address="10.9.9.9").status_code == 302
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)):
        assert ask(client, user.email).status_code == 302


def test_the_set_password_link_is_throttled_per_client(client, user):
    for _ in range(30):
        assert client.get("/accounts/reset/MQ/wrong-token/", REMOTE_ADDR="10.0.0.1").status_code
    assert client.get("/accounts/reset/MQ/wrong-token/", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get("/accounts/reset/MQ/wrong-token/", REMOTE_ADDR="10.0.0.2").status_code == 200
