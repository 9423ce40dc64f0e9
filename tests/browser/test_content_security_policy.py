"""The Content-Security-Policy holds in a real browser: the main pages, with htmx loaded, cause
no policy violation (so nothing inline is needed), and a violation would be noticed."""

import pytest
from django.urls import reverse

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    # Members read the app in Dutch, their browser's language.
    return {**browser_context_args, "locale": "nl-NL"}


LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


@pytest.fixture
def watched(page):
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(LISTEN)
    return page, console


def violations(page, console):
    return page.evaluate("window.__violations") + console


def test_the_main_pages_cause_no_policy_violation(watched, live_server, demo_meeting):
    page, console = watched
    for url in (
        reverse("home"),
        reverse("meeting_detail", args=[demo_meeting.pk]),
        reverse("login"),
        reverse("password_reset"),
    ):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("typeof htmx") == "object", url
        assert page.evaluate("htmx.config.includeIndicatorStyles") is False
        assert page.evaluate("document.querySelectorAll('style').length") == 0
        assert violations(page, console) == [], url


def test_a_logged_in_page_causes_no_policy_violation(watched, live_server, demo_meeting):
    page, console = watched
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Gebruikersnaam").fill("secretariaat")
    page.get_by_label("Wachtwoord").fill("alv-demo-2024")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(live_server.url + reverse("workspace:meetings"))  # the secretariat's landing
    page.goto(live_server.url + reverse("meeting_detail", args=[demo_meeting.pk]))
    page.wait_for_load_state("networkidle")
    assert violations(page, console) == []


def test_inline_style_would_be_blocked_and_reported(watched, live_server):
    page, console = watched
    page.goto(live_server.url + reverse("home"))
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_function("window.__violations.length > 0")
    assert any("style-src" in v for v in page.evaluate("window.__violations"))
