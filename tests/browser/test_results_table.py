"""The results table in real Chromium: the secretariat types a meeting's results with the
keyboard only, saves them at once, and the decision list shows them."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from agenda.models import AgendaItem
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import dutch, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**dutch(browser_context_args), "viewport": {"width": 1280, "height": 900}}


def test_the_secretariat_types_the_results_with_the_keyboard_and_the_decision_list_shows_them(
    page, live_server, secretariat_user
):
    meeting = f.meeting(title="Najaars-ALV")
    f.item(meeting, "Notulen", kind=AgendaItem.Kind.DECISION)
    item = f.item(meeting, "Zorg")
    motion = f.motion(item, "Ravijnjaar, twee over twaalf!")
    other = f.motion(item, "Gelijkwaardigheid")
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("live:results", args=[meeting.pk]))
    assert serious_violations(page) == []

    # The first motion: adopted with 90,04% for, the only figure published.
    page.locator(f"#proposal-{motion.pk}-status").focus()
    page.keyboard.type("a")  # "aangenomen"
    page.keyboard.press("Tab")  # by acclamation
    page.keyboard.press("Tab")
    page.keyboard.type("90,04")
    # The next motion: rejected with 43,02% for and 56,98% against.
    page.locator(f"#proposal-{other.pk}-status").focus()
    page.keyboard.type("v")  # "verworpen"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("43,02")
    page.keyboard.press("Tab")
    page.keyboard.type("56,98")
    page.keyboard.press("Enter")  # submits the form

    # Untranslated until the new msgids are in the Dutch catalogue.
    expect(page.locator("#results-saved")).to_contain_text(re.compile("2 (uitslagen|results)"))
    page.get_by_role("link", name="Besluitenlijst").first.click()
    # (The words "met ... voor" need the compiled catalogue of the shares' new msgids.)
    main = page.locator("main")
    expect(main).to_contain_text(re.compile("aangenomen (met|with) 90,04% (voor|for)", re.I))
    expect(main).to_contain_text(
        re.compile("verworpen (met|with) 43,02% (voor|for) (en|and) 56,98% (tegen|against)", re.I)
    )


def test_a_refused_row_is_marked_and_nothing_is_saved(page, live_server, secretariat_user):
    meeting = f.meeting(title="Najaars-ALV")
    motion = f.motion(f.item(meeting, "Zorg"), "Ravijnjaar")
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("live:results", args=[meeting.pk]))
    page.locator(f"#proposal-{motion.pk}-status").focus()
    page.keyboard.type("v")
    page.locator(f"#proposal-{motion.pk}-percent_against").fill("57,5")
    page.keyboard.press("Enter")
    field = page.locator(f"#proposal-{motion.pk}-percent_against")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_value("57,5")
    expect(page.locator("#results-refused")).to_be_visible()
    assert serious_violations(page) == []
