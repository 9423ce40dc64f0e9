"""One real SMTP hop: the worker sends a receipt through Django's SMTP backend to an SMTP
server running in the test process (aiosmtpd), as production sends it to its relay. The other
mail tests use Django's in-memory backend."""

import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.test import Client, override_settings
from django.urls import reverse

from submissions.models import Submission
from tests.submissions.conftest import amsterdam, draft

pytestmark = pytest.mark.django_db


class Inbox:
    """What the SMTP server received: one envelope per message."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    """An SMTP server on 127.0.0.1 on a free port, and Django's SMTP backend pointed at it;
    stopped afterwards, whatever the test did."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=controller.port,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_TIMEOUT=10,
            DEFAULT_FROM_EMAIL="alv@vng.example",
        ):
            yield inbox
    finally:
        controller.stop()


def test_the_receipt_travels_through_smtp_with_the_text_and_the_amsterdam_time(
    smtp_server, item, haaksbergen, enschede, enschede_person, griffier, now_is, work_off_queue
):
    griffier.email, griffier.is_contact = "griffie@haaksbergen.example", True
    griffier.save()
    enschede_person.email, enschede_person.is_contact = "griffie@enschede.example", True
    enschede_person.save()
    submission = draft(item, haaksbergen)
    submission.invite(enschede).give_answer(enschede_person, True, submission.text_revision)
    now_is(amsterdam(2027, 3, 5, 11, 58, 30))  # 10:58:30 UTC
    client = Client()
    client.force_login(griffier)
    client.post(
        reverse("submissions:submit", args=[submission.pk]),
        {"revision": Submission.objects.get().revision},
    )
    assert smtp_server.envelopes == []  # not inside the request

    assert work_off_queue() == 1

    envelopes = sorted(smtp_server.envelopes, key=lambda e: e.rcpt_tos)
    assert [e.rcpt_tos for e in envelopes] == [
        ["griffie@enschede.example"],
        ["griffie@haaksbergen.example"],
    ]
    assert {e.mail_from for e in envelopes} == {"alv@vng.example"}
    message = message_from_bytes(envelopes[1].original_content, policy=policy.default)
    assert message["To"] == "griffie@haaksbergen.example"
    assert message["Subject"] == "Ontvangen: motie “Ravijnjaar”"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "vrijdag 5 maart 2027, 11:58:30" in body and "10:58" not in body
    assert "Haaksbergen, Enschede" in body
    assert "- het kabinet aan te spreken;" in body and "- de leden te informeren," in body
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "het kabinet aan te spreken;" in html
