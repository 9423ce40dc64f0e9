"""The daily paths of the secretariat and the board in the browser (issue 22): the secretariat
logs in from the home page, lands on its workspace and follows the meeting menu to the meeting
day, the projector view and the decision list, on a phone too; the board finds what waits for
it at the top of the pre-advice page and settles it there."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from alv import roles
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import PHONE, dutch, fits_the_screen, log_in
from tests.conftest import make_user
from tests.second_factor import current_code, device_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return dutch(browser_context_args)


def test_the_secretariat_logs_in_and_follows_the_menu_to_the_meeting_day(page, live_server):
    meeting = f.meeting(title="ALV juni")
    f.motion(f.item(meeting, "Financiën"), "Ravijnjaar", advice="intrekken")
    device = device_of(make_user("sec", roles.SECRETARIAT))

    page.goto(live_server.url + reverse("home"))
    page.get_by_role("link", name="Inloggen").click()
    page.get_by_label("Gebruikersnaam").fill("sec")
    page.get_by_label("Wachtwoord").fill("pw-sec")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vul uw code in")
    page.get_by_label("Code").fill(current_code(device))
    page.get_by_role("button", name="Verder").click()

    # Not the home page it came from: the workspace.
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkruimte: vergaderingen")
    page.get_by_role("link", name="ALV juni").click()
    page.wait_for_url(f"**{reverse('workspace:dashboard', args=[meeting.pk])}")
    # On a phone the menu wraps onto more lines and nothing scrolls sideways.
    page.set_viewport_size(PHONE)
    menu = page.locator("nav.ws-subnav")
    menu.get_by_role("link", name="Vergadergegevens").click()
    page.wait_for_url(f"**{reverse('workspace:meeting_edit', args=[meeting.pk])}")
    tops = {
        round(box["y"]) for box in (link.bounding_box() for link in menu.get_by_role("link").all())
    }
    assert len(tops) > 2
    assert fits_the_screen(page)
    assert serious_violations(page) == []

    for link, heading in [
        ("Vergaderdag", "Vergaderdag: ALV juni"),
        ("Beamerweergave", "ALV juni"),
        ("Besluitenlijst", "Besluitenlijst: ALV juni"),
    ]:
        menu.get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        page.go_back()
        expect(menu).to_be_visible()


def test_the_board_settles_what_waits_for_it_from_the_top_of_the_page(
    page, live_server, board_user
):
    meeting = f.meeting(title="ALV december")
    item = f.item(meeting, "Financiën")
    first = f.motion(item, "Ravijnjaar", advice="intrekken", published_advice=False)
    f.motion(item, "Twee over twaalf", advice="overnemen", published_advice=False)
    f.motion(item, "Al vastgesteld", advice="ontraden")
    log_in(page, live_server, board_user)
    page.goto(live_server.url + reverse("workspace:pre_advice", args=[meeting.pk]))

    waiting = page.locator("#board-waiting")
    expect(waiting.get_by_role("listitem")).to_have_count(2)
    assert serious_violations(page) == []

    # Each waiting motion leads to its row in the table, where the board settles it.
    waiting.get_by_role("listitem").filter(has_text="Ravijnjaar").get_by_role("link").click()
    row = page.locator(f"#pa-proposal-{first.pk}")
    row.get_by_role("button", name=re.compile("^Vaststellen")).click()
    expect(waiting.get_by_role("listitem")).to_have_count(1)

    waiting.get_by_role("link").click()
    page.locator("tr:target").get_by_role("button", name=re.compile("^Vaststellen")).click()
    expect(waiting.get_by_role("listitem")).to_have_count(0)
    expect(waiting.get_by_role("paragraph")).to_be_visible()
