"""Two-factor sign-in in the browser: the secretariat sets up an authenticator app at its first
login and logs in with a code afterwards; a member switches it on from the account page, on a
phone too. The pages have no serious accessibility violations."""

import base64

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from playwright.sync_api import expect

from alv import roles
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import watch_policy
from tests.conftest import make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL"}


def code_for(shown_key):
    """What the authenticator app shows for the key typed from the page."""
    key = base64.b32decode(shown_key.replace(" ", ""))
    return f"{TOTP(key).token():06d}"


def log_in_with_password(page, live_server, username, next_url="/"):
    page.goto(f"{live_server.url}{reverse('login')}?next={next_url}")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("pw-" + username)
    page.get_by_role("button", name="Inloggen").click()


def set_up(page):
    """Type the key into the 'app' and enter its code; returns the recovery codes shown."""
    shown_key = page.locator("#totp-key").inner_text()
    page.get_by_label("Code").fill(code_for(shown_key))
    page.get_by_role("button", name="Aanzetten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
    return shown_key, page.get_by_role("list", name="Herstelcodes").locator(
        "code"
    ).all_inner_texts()


def page_violations(page):
    """The Content-Security-Policy violations of the page shown (watch_policy's listener)."""
    return page.evaluate("window.__violations")


def policy_then_axe(page):
    """The page's own policy violations first, then axe's findings: axe-core, run inside the
    page, may add a style element of its own, which the policy rightly refuses; that report
    is axe's, not the page's, so the policy is read before axe runs."""
    assert page_violations(page) == []
    return serious_violations(page)


def test_the_secretariat_sets_up_an_app_and_logs_in_with_its_code(page, live_server):
    make_user("sec", roles.SECRETARIAT)
    watch_policy(page)
    log_in_with_password(page, live_server, "sec", "/workspace/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Inloggen met tweede factor instellen"
    )
    expect(page.get_by_role("img", name="QR-code voor uw authenticator-app")).to_be_visible()
    assert policy_then_axe(page) == []

    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Aanzetten").click()
    expect(page.get_by_text("Deze code klopt niet")).to_be_visible()
    assert policy_then_axe(page) == []

    shown_key, codes = set_up(page)
    assert len(codes) == 10
    assert policy_then_axe(page) == []
    page.get_by_role("link", name="Ik heb ze bewaard: verder").click()
    page.wait_for_url("**/workspace/")

    page.get_by_role("button", name="Uitloggen (sec)").click()
    page.wait_for_url(live_server.url + reverse("home"))
    log_in_with_password(page, live_server, "sec", "/workspace/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vul uw code in")
    assert policy_then_axe(page) == []
    page.get_by_label("Code").fill(code_for(shown_key))
    page.get_by_role("button", name="Verder").click()
    page.wait_for_url("**/workspace/")
    assert page_violations(page) == []


def test_a_member_switches_two_factor_on_from_the_account_page_on_a_phone(page, live_server):
    make_user("lid", roles.MEMBER)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in_with_password(page, live_server, "lid")
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Inloggen met tweede factor").click()
    expect(page.get_by_text("Inloggen met tweede factor staat uit.")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("link", name="Inloggen met tweede factor instellen").click()
    expect(page.get_by_role("img", name="QR-code voor uw authenticator-app")).to_be_visible()
    assert serious_violations(page) == []
    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    assert scroll_width <= page.evaluate("window.innerWidth")

    set_up(page)
    page.get_by_role("link", name="Ik heb ze bewaard: verder").click()
    expect(page.get_by_text("Inloggen met tweede factor staat aan.")).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390


def test_the_secretariat_resets_the_second_factor_of_a_person_who_lost_it(page, live_server):
    from tests.browser.workspace import log_in
    from tests.second_factor import device_of

    person = make_user("griffier", roles.MEMBER)
    device_of(person)
    log_in(page, live_server, make_user("sec", roles.SECRETARIAT))
    page.goto(live_server.url + reverse("workspace:person_second_factor_reset", args=[person.pk]))
    expect(page.get_by_text("Tweede factor van griffier opnieuw instellen?")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Tweede factor opnieuw instellen").click()
    expect(page.get_by_role("status")).to_contain_text("De tweede factor van griffier is")
    expect(page.get_by_text("griffier heeft geen tweede factor (meer).")).to_be_visible()
    assert serious_violations(page) == []


def test_a_client_asking_too_many_password_resets_gets_a_page_that_says_so(page, live_server):
    page.goto(live_server.url + reverse("password_reset"))
    for n in range(11):
        page.get_by_label("E-mailadres").fill(f"iemand{n}@example.org")
        page.get_by_role("button", name="Stuur de link").click()
        if n < 10:
            page.wait_for_url("**/accounts/password_reset/done/")
            page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Te veel pogingen")
    assert serious_violations(page) == []
