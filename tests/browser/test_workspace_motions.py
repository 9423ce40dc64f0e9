"""The order of the motions and amendments under an agenda item, and deleting one, in the
browser: by drag and drop, with the keyboard, and checked with axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from motions.models import Proposal
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import dutch, log_in, press_again_the_moment_the_focus_is_back

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return dutch(browser_context_args)


@pytest.fixture
def item(page, live_server, secretariat_user):
    item = f.item(f.meeting(published=False), "Financiën")
    haaksbergen = f.member("Haaksbergen")
    for title in ("Ravijnjaar", "Ravijnjaar (dubbel uit Word)", "Jeugdzorg"):
        f.motion(item, title, submitters=[haaksbergen])
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("workspace:item", args=[item.pk]))
    return item


def shown(page):
    rows = page.locator("#proposals .ws-agenda__row")
    numbers = rows.locator(".ws-agenda__number").all_inner_texts()
    titles = [
        text.split("“")[1].rstrip("”")
        for text in rows.locator(".ws-agenda__title > a").all_inner_texts()
    ]
    return list(zip(numbers, titles, strict=True))


def in_db(item):
    return list(
        Proposal.objects.filter(agenda_item=item)
        .order_by("position")
        .values_list("position", "title")
    )


def test_the_secretariat_deletes_a_duplicate_motion_after_confirming(page, item):
    duplicate = Proposal.objects.get(title="Ravijnjaar (dubbel uit Word)")
    page.locator(f"#proposal-{duplicate.pk}-delete").click()
    confirm = page.locator(f"#proposal-{duplicate.pk}-confirm-delete")
    confirm.wait_for()
    # Asking is not deleting.
    assert Proposal.objects.filter(pk=duplicate.pk).exists()
    assert serious_violations(page) == []

    confirm.click()
    page.locator("#ws-status").get_by_text("is verwijderd.").wait_for()
    assert shown(page) == [("1.1", "Ravijnjaar"), ("1.2", "Jeugdzorg")]
    assert in_db(item) == [(1, "Ravijnjaar"), (2, "Jeugdzorg")]
    assert serious_violations(page) == []


def test_cancelling_a_deletion_keeps_the_motion(page, item):
    duplicate = Proposal.objects.get(title="Ravijnjaar (dubbel uit Word)")
    page.locator(f"#proposal-{duplicate.pk}-delete").click()
    page.locator(f"#proposal-row-{duplicate.pk}").get_by_role("link", name="Annuleren").click()
    expect(page.locator(f"#proposal-{duplicate.pk}-delete")).to_be_visible()
    assert len(in_db(item)) == 3


def test_the_secretariat_reorders_motions_with_the_keyboard(page, item):
    last = Proposal.objects.get(title="Jeugdzorg")
    page.locator(f"#proposal-{last.pk}-up").focus()
    page.keyboard.press("Enter")
    page.locator("#ws-status").get_by_text("heeft nu nummer 1.2.").wait_for()
    # The focus stays on the moved motion's button, so it can be pressed again.
    expect(page.locator(f"#proposal-{last.pk}-up")).to_be_focused()
    page.keyboard.press("Enter")
    page.locator("#ws-status").get_by_text("heeft nu nummer 1.1.").wait_for()
    assert shown(page) == [
        ("1.1", "Jeugdzorg"),
        ("1.2", "Ravijnjaar"),
        ("1.3", "Ravijnjaar (dubbel uit Word)"),
    ]
    assert in_db(item)[0] == (1, "Jeugdzorg")
    assert serious_violations(page) == []


def test_the_secretariat_reorders_motions_by_drag_and_drop(page, item):
    first = Proposal.objects.get(title="Ravijnjaar")
    last = Proposal.objects.get(title="Jeugdzorg")
    # Drag the first onto the lower half of the last: it lands after it.
    box = page.locator(f"#proposal-row-{last.pk}").bounding_box()
    page.locator(f"#proposal-row-{first.pk}").drag_to(
        page.locator(f"#proposal-row-{last.pk}"),
        target_position={"x": 40, "y": box["height"] - 3},
    )
    page.locator("#ws-status").get_by_text(
        "De nieuwe volgorde van de moties is opgeslagen."
    ).wait_for()
    assert [title for _n, title in shown(page)] == [
        "Ravijnjaar (dubbel uit Word)",
        "Jeugdzorg",
        "Ravijnjaar",
    ]
    assert in_db(item)[2] == (3, "Ravijnjaar")
    assert serious_violations(page) == []


def test_pressing_again_the_moment_the_focus_is_back_moves_the_motion_again_in_place(page, item):
    last = Proposal.objects.get(title="Jeugdzorg")
    same_document = press_again_the_moment_the_focus_is_back(page)
    page.locator(f"#proposal-{last.pk}-up").focus()
    page.keyboard.press("Enter")
    page.locator("#ws-status").get_by_text("heeft nu nummer 1.1.").wait_for()
    assert shown(page)[0] == ("1.1", "Jeugdzorg")
    assert in_db(item)[0] == (1, "Jeugdzorg")
    # First now, it cannot go up: the focus stays with the moved motion, on its Down button.
    expect(page.locator(f"#proposal-{last.pk}-down")).to_be_focused()
    assert same_document()
