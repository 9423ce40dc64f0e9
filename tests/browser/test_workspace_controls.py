"""The secretariat's daily paths, as a laptop shows them (1366 px wide): the pre-advice overview
keeps its rows short and edits in a wide panel, the agenda builder offers only the moves that
can be made and adding at the top, and the form controls are NL Design System's."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from motions.models import Motion
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import dutch, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**dutch(browser_context_args), "viewport": LAPTOP}


def box(locator):
    return locator.bounding_box()


def test_the_pre_advice_overview_keeps_rows_short_and_edits_in_a_wide_panel(
    page, live_server, secretariat_user, demo_meeting
):
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("workspace:pre_advice", args=[demo_meeting.pk]))
    rows = page.locator("#pre-advice-table tbody tr[id^='pa-']")
    heights = [box(rows.nth(n))["height"] for n in range(rows.count())]
    # 7.1, 7.2 and 7.3 share a long rationale: each row was 612 px tall.
    assert max(heights) < 200, heights

    first = Motion.objects.get(title__startswith="Dringende Actie")
    row = page.locator(f"#pa-proposal-{first.pk}")
    whole = row.locator(".ws-fold__text")
    expect(whole).to_be_hidden()
    row.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(whole).to_be_visible()
    expect(row.locator(".ws-fold__less")).to_be_visible()
    expect(row.locator(".ws-fold__start")).to_be_hidden()
    assert serious_violations(page) == []

    row.get_by_role("link", name="Bewerken").click()
    editing = page.locator(f"#pa-proposal-{first.pk}.ws-row--editing")
    expect(editing.get_by_label("Preadvies", exact=True)).to_be_focused()
    table = box(page.locator("#pre-advice-table table"))
    rationale = box(editing.get_by_label("Toelichting"))
    assert rationale["width"] > 0.6 * table["width"]
    status = editing.get_by_label("Status")
    shown = box(status)
    assert shown["x"] + shown["width"] <= table["x"] + table["width"]
    # The chosen status fits in the select, its arrow beside it.
    assert status.evaluate("s => s.scrollWidth <= s.clientWidth")
    assert shown["width"] > 150
    assert serious_violations(page) == []


def test_the_agenda_builder_offers_only_possible_moves_and_adding_at_the_top(
    page, live_server, secretariat_user
):
    meeting = f.meeting(published=False)
    items = [f.item(meeting, title) for title in ("Opening", "Notulen", "Rondvraag", "Sluiting")]
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("workspace:agenda", args=[meeting.pk]))
    expect(page.locator(f"#item-{items[0].pk}-up")).to_be_disabled()
    expect(page.locator(f"#item-{items[0].pk}-down")).to_be_enabled()
    expect(page.locator(f"#item-{items[-1].pk}-down")).to_be_disabled()
    adding = page.get_by_role("region", name="Punt toevoegen", exact=True)
    add = adding.get_by_role("button", name="Punt toevoegen")
    # In sight without scrolling, above the agenda.
    assert box(add)["y"] + box(add)["height"] <= LAPTOP["height"]
    assert box(add)["y"] < box(page.locator(f"#item-row-{items[0].pk}"))["y"]

    adding.get_by_label("Titel").fill("Mededelingen")
    add.click()
    page.locator("#ws-status").get_by_text("“Mededelingen” is toegevoegd").wait_for()
    expect(page.locator(".ws-agenda__title > a").last).to_have_text("Mededelingen")
    expect(page.locator(f"#item-{items[-1].pk}-down")).to_be_enabled()
    assert serious_violations(page) == []


def test_selects_show_their_arrow_and_checkboxes_sit_beside_their_labels(
    page, live_server, secretariat_user
):
    meeting = f.meeting(published=False)
    motion = f.motion(f.item(meeting, "Moties"), "Ravijnjaar")
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("workspace:proposal", args=[motion.pk]))

    select = page.get_by_label("Agendapunt")
    assert "utrecht-select--html-select" in select.get_attribute("class")
    assert select.evaluate("s => getComputedStyle(s).backgroundImage").startswith("url(")
    kind = page.get_by_label("Soort")
    assert "---------" not in kind.inner_text()

    checkbox = page.get_by_label("Nagekomen")
    label_line = page.locator(
        ".utrecht-form-field__label", has=page.get_by_text("Nagekomen", exact=True)
    )
    line = label_line.evaluate("p => parseFloat(getComputedStyle(p).lineHeight)")
    checkbox_box, label_box = box(checkbox), box(label_line)
    assert checkbox_box["x"] + checkbox_box["width"] <= label_box["x"]
    # The box is centred on the label's first line.
    middle = checkbox_box["y"] + checkbox_box["height"] / 2
    assert abs(middle - (label_box["y"] + line / 2)) <= 2
    # Its description lines up with the label, not with the box.
    description = page.locator(f"#{checkbox.get_attribute('id')}_helptext")
    assert abs(box(description)["x"] - label_box["x"]) <= 1

    add_part = page.get_by_role("button", name="Onderdeel toevoegen")
    assert add_part.evaluate("b => parseFloat(getComputedStyle(b).borderTopWidth)") >= 1
    assert serious_violations(page) == []
