"""The secretariat invites a person; the mail comes from the worker; the invitee opens the
link, chooses a password and is logged in; as the contact person she invites a colleague.
The pages pass axe, and the members' pages fit a phone screen of 390 pixels."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from alv.models import User
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import PHONE, dutch, fits_the_screen, log_in, watch_policy

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Ledenvergadering-in-juni-2026"


@pytest.fixture
def browser_context_args(browser_context_args):
    return dutch(browser_context_args)


def link_in(message, live_server):
    (path,) = re.findall(r"https?://[^/\s]+(/accounts/invitation/\S+/)", message.body)
    return live_server.url + path


def test_an_invited_person_sets_a_password_and_invites_a_colleague(
    page,
    browser,
    live_server,
    secretariat_user,
    work_off_queue,
):
    utrecht = f.member("Gemeente Utrecht")
    f.member("Gemeente Zwolle")
    violations = watch_policy(page)
    log_in(page, live_server, secretariat_user)

    # The secretariat: from the workspace to the people of the members, and an invitation.
    page.goto(live_server.url + reverse("workspace:meetings"))
    page.get_by_role("link", name="Mensen van de leden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mensen van de leden")
    assert serious_violations(page) == []
    page.get_by_role("link", name="Nodig iemand uit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nodig iemand uit")
    page.get_by_role("button", name="Verstuur de uitnodiging").click()
    expect(page.locator(".utrecht-form-field-error-message").first).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Voornaam").fill("Nina")
    page.get_by_label("Achternaam").fill("Nieuw")
    page.get_by_label("E-mailadres").fill("nina@utrecht.example")
    page.get_by_label("Lid", exact=True).select_option(label="Gemeente Utrecht")
    page.get_by_label("Functie").select_option(label="griffier")
    page.get_by_label("Contactpersoon van het lid").check()
    page.get_by_role("button", name="Verstuur de uitnodiging").click()
    expect(page.get_by_text("Uitnodiging verstuurd naar nina@utrecht.example.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Nina Nieuw"))).to_contain_text(
        "nog geen wachtwoord gekozen"
    )
    assert serious_violations(page) == []

    # The worker sends the mail.
    assert mail.outbox == []
    work_off_queue()
    (invitation,) = mail.outbox
    assert invitation.to == ["nina@utrecht.example"]

    # Nina, on her phone, opens the link.
    context = browser.new_context(locale="nl-NL", viewport=PHONE)
    phone = context.new_page()
    phone.goto(link_in(invitation, live_server))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Kies uw wachtwoord")
    assert serious_violations(phone) == []
    assert fits_the_screen(phone)
    phone.get_by_label("Nieuw wachtwoord", exact=True).fill(PASSWORD)
    phone.get_by_label("Nieuw wachtwoord bevestigen").fill(PASSWORD)
    phone.get_by_role("button", name="Bewaar het wachtwoord en log in").click()

    # Logged in, on her municipality's page of colleagues (she is the contact person).
    expect(phone.get_by_text("Uw wachtwoord is ingesteld en u bent ingelogd.")).to_be_visible()
    expect(phone.get_by_role("button", name="Uitloggen (nina@utrecht.example)")).to_be_visible()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Gemeente Utrecht — collega’s")
    assert serious_violations(phone) == []
    assert fits_the_screen(phone)

    # She invites a colleague: the form asks for no member, the colleague is Utrecht's.
    phone.get_by_label("Voornaam").fill("Karel")
    phone.get_by_label("Achternaam").fill("Collega")
    phone.get_by_label("E-mailadres").fill("karel@utrecht.example")
    phone.get_by_label("Functie").select_option(label="wethouder")
    phone.get_by_role("button", name="Verstuur de uitnodiging").click()
    expect(phone.get_by_text("Uitnodiging verstuurd naar karel@utrecht.example.")).to_be_visible()
    expect(phone.get_by_role("heading", level=3, name="Karel Collega")).to_be_visible()
    assert serious_violations(phone) == []
    assert fits_the_screen(phone)
    assert User.objects.get(username="karel@utrecht.example").member == utrecht
    work_off_queue()
    assert mail.outbox[-1].to == ["karel@utrecht.example"]

    # The used link says so.
    phone.goto(link_in(invitation, live_server))
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Deze uitnodigingslink werkt niet meer"
    )
    assert serious_violations(phone) == []
    assert fits_the_screen(phone)

    # Asking before deactivating Karel.
    phone.goto(live_server.url + reverse("members:colleagues"))
    phone.get_by_role("link", name="Deactiveer Karel Collega").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Karel Collega deactiveren?")
    assert serious_violations(phone) == []
    assert fits_the_screen(phone)
    phone.get_by_role("button", name="Deactiveren").click()
    expect(phone.get_by_text("Karel Collega is gedeactiveerd")).to_be_visible()
    context.close()
    assert violations() == []


def test_the_secretariat_edits_deactivates_and_reactivates_a_person(
    page, live_server, secretariat_user
):
    utrecht = f.member("Gemeente Utrecht")
    person = User.objects.create_user(
        "piet@utrecht.example", email="piet@utrecht.example", first_name="Piet", last_name="Raad"
    )
    person.member = utrecht
    person.save()
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("workspace:people") + f"?member={utrecht.pk}")

    page.get_by_role("link", name="Piet Raad", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Piet Raad")
    assert serious_violations(page) == []
    page.get_by_label("Functie").select_option(label="raadslid")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("row", name=re.compile("Piet Raad"))).to_contain_text("Raadslid")

    page.get_by_role("link", name="Deactiveren Piet Raad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Piet Raad deactiveren?")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Deactiveren").click()
    row = page.get_by_role("row", name=re.compile("Piet Raad"))
    expect(row).to_contain_text("gedeactiveerd")
    row.get_by_role("button", name="Heractiveren Piet Raad").click()
    expect(page.get_by_text("Piet Raad is weer actief en kan inloggen.")).to_be_visible()
    assert serious_violations(page) == []
