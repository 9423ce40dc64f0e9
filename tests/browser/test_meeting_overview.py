"""The meeting page as an overview in a real browser: one line per agenda item, opened in
place by keyboard, and an item's address (from search, the live panel, the book) lands on the
item opened, with or without JavaScript."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from agenda.models import AgendaItem, Meeting
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import PHONE, fits_the_screen

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


# In English: the assertions name the new texts by their message ids, which hold whatever the
# Dutch translation of the day says.
ENGLISH = "en-GB"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": ENGLISH}


def item_titled(meeting, start):
    return AgendaItem.objects.get(meeting=meeting, title__startswith=start)


def test_a_reader_opens_an_item_by_keyboard_and_a_link_to_an_item_lands_on_it_opened(
    page, browser, live_server, demo_meeting
):
    contracts = item_titled(demo_meeting, "Contractstandaarden")
    # The meeting is under way at item 8c: the live panel links to it.
    Meeting.objects.filter(pk=demo_meeting.pk).update(current_item=contracts)
    address = live_server.url + reverse("meeting_detail", args=[demo_meeting.pk])
    page.set_viewport_size(PHONE)
    page.goto(address)

    # Every item is one closed line: its number, title, kind and what it holds.
    agenda = page.get_by_role("region", name="Agenda")
    lines = agenda.locator("summary")
    expect(lines.first).to_be_visible()
    assert page.locator("details[open]").count() == 0
    line = lines.filter(has_text="Contractstandaarden Wmo 2015")
    expect(line).to_contain_text("1 motion")
    motion = page.get_by_role("heading", name="Landelijke tarieven inkoop jeugdzorg")
    expect(motion).to_be_hidden()

    # From the link above the agenda, Tab reaches the first line; Enter opens an item.
    agenda.get_by_role("link", name="Search and filter").focus()
    page.keyboard.press("Tab")
    expect(lines.first).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    line.focus()
    page.keyboard.press("Enter")
    expect(motion).to_be_visible()
    assert fits_the_screen(page)
    assert serious_violations(page) == []
    page.keyboard.press("Enter")
    expect(motion).to_be_hidden()

    # The live panel's link to the current item opens it, with its line in sight.
    page.get_by_role("region", name="Live from the meeting").get_by_role(
        "link", name="Contractstandaarden"
    ).click()
    expect(motion).to_be_visible()
    expect(line).to_be_in_viewport()

    # An address from elsewhere lands on the item opened, JavaScript or not.
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript, locale=ENGLISH)
        reader = context.new_page()
        reader.goto(f"{address}#item-{contracts.pk}")
        details = reader.locator("details", has=reader.locator(f"#item-{contracts.pk}"))
        expect(details).to_have_attribute("open", "")
        expect(
            reader.get_by_role("heading", name="Landelijke tarieven inkoop jeugdzorg")
        ).to_be_in_viewport()
        expect(reader.locator("summary", has_text="Contractstandaarden")).to_be_in_viewport()
        assert reader.locator("details[open]").count() == 1
        context.close()
