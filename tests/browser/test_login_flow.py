"""A member logs in from the header, comes back to the page, and logs out; the account pages
have no serious accessibility violations."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from papers.demo import DEMO_PASSWORD
from tests.browser.test_smoke import serious_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    # Members read the app in Dutch, their browser's language.
    return {**browser_context_args, "locale": "nl-NL"}


def test_a_member_logs_in_from_the_meeting_page_and_out_again(page, live_server, demo_meeting):
    meeting_url = reverse("meeting_detail", args=[demo_meeting.pk])
    page.goto(live_server.url + meeting_url)
    page.get_by_role("link", name="Inloggen").click()
    page.wait_for_url("**/accounts/login/**")
    assert serious_violations(page) == []

    page.get_by_label("Gebruikersnaam").fill("lid")
    page.get_by_label("Wachtwoord").fill("niet-het-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    # The form posts and the page loads again: wait for the message, as the user does.
    expect(page.get_by_role("alert")).to_be_visible()
    assert serious_violations(page) == []

    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"**{meeting_url}")
    logout = page.get_by_role("button", name="Uitloggen (lid)")
    expect(logout).to_be_visible()

    logout.click()
    page.wait_for_url(live_server.url + reverse("home"))
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()


def test_the_password_reset_pages_have_no_serious_accessibility_violations(page, live_server):
    page.goto(live_server.url + reverse("login"))
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    page.wait_for_url("**/accounts/password_reset/")
    assert serious_violations(page) == []
    page.get_by_label("E-mailadres").fill("lid@gemeente.example")
    page.get_by_role("button", name="Stuur de link").click()
    page.wait_for_url("**/accounts/password_reset/done/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kijk in uw e-mail"
    assert serious_violations(page) == []
