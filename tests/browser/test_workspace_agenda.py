import pytest
from django.urls import reverse
from playwright.sync_api import expect

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


def agenda_numbers(page):
    return page.locator(".ws-agenda__row .ws-agenda__number").all_inner_texts()


def agenda_titles(page):
    return page.locator(".ws-agenda__row .ws-agenda__title > a").all_inner_texts()


def numbers_in_db(meeting):
    return [(item.number, item.title) for item in meeting.ordered_items()]


@pytest.fixture
def agenda(page, live_server, secretariat_user):
    meeting = f.meeting(published=False)
    for title in ("Opening", "Notulen", "Moties", "Rondvraag", "Sluiting"):
        f.item(meeting, title)
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("workspace:agenda", args=[meeting.pk]))
    return meeting


def test_the_secretariat_reorders_the_agenda_by_drag_and_drop(page, agenda):
    rows = page.locator(".ws-agenda__item")
    # Drag "Sluiting" onto the upper half of "Notulen": it lands before it.
    page.locator("#item-row-" + str(agenda.items.get(title="Sluiting").pk)).drag_to(
        page.locator("#item-row-" + str(agenda.items.get(title="Notulen").pk)),
        target_position={"x": 40, "y": 3},
    )
    status = page.locator("#ws-status")
    status.get_by_text("De nieuwe volgorde van de agenda is opgeslagen.").wait_for()
    assert agenda_titles(page) == ["Opening", "Sluiting", "Notulen", "Moties", "Rondvraag"]
    assert agenda_numbers(page) == ["1", "2", "3", "4", "5"]
    assert numbers_in_db(agenda)[1] == ("2", "Sluiting")
    assert rows.count() == 5


def test_the_secretariat_reorders_the_agenda_with_the_keyboard(page, agenda):
    notulen = agenda.items.get(title="Notulen")
    page.locator(f"#item-{notulen.pk}-up").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".ws-agenda__title > a").first).to_have_text("Notulen")
    # First now, it cannot go up: the focus stays with the moved item, on its Down button.
    expect(page.locator(f"#item-{notulen.pk}-up")).to_be_disabled()
    expect(page.locator(f"#item-{notulen.pk}-down")).to_be_focused()
    assert "“Notulen” is nu punt 1." in page.locator("#ws-status").inner_text()

    moties = agenda.items.get(title="Moties")
    rondvraag = agenda.items.get(title="Rondvraag")
    page.locator(f"#item-{rondvraag.pk}-indent").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".ws-agenda__item--sub")).to_have_count(1)
    assert agenda_numbers(page) == ["1", "2", "3", "3a", "4"]
    assert numbers_in_db(agenda) == [
        ("1", "Notulen"),
        ("2", "Opening"),
        ("3", "Moties"),
        ("3a", "Rondvraag"),
        ("4", "Sluiting"),
    ]
    assert moties.children.count() == 1
    assert serious_violations(page) == []


def test_pressing_again_the_moment_the_focus_is_back_moves_the_item_again_in_place(page, agenda):
    sluiting = agenda.items.get(title="Sluiting")
    same_document = press_again_the_moment_the_focus_is_back(page)
    page.locator(f"#item-{sluiting.pk}-up").focus()
    page.keyboard.press("Enter")
    page.locator("#ws-status").get_by_text("“Sluiting” is nu punt 3.").wait_for()
    assert agenda_titles(page) == ["Opening", "Notulen", "Sluiting", "Moties", "Rondvraag"]
    assert numbers_in_db(agenda)[2] == ("3", "Sluiting")
    expect(page.locator(f"#item-{sluiting.pk}-up")).to_be_focused()
    assert same_document()


def test_the_secretariat_adds_and_renames_an_item_inline(page, agenda):
    adding = page.get_by_role("region", name="Punt toevoegen", exact=True)
    adding.get_by_label("Titel").fill("Mededelingen")
    adding.get_by_role("button", name="Punt toevoegen").click()
    expect(page.locator(".ws-agenda__item")).to_have_count(6)
    assert agenda_titles(page)[-1] == "Mededelingen"

    opening = agenda.items.get(title="Opening")
    page.locator(f"#item-{opening.pk}-edit").click()
    field = page.locator(f"#id_item-{opening.pk}-title")
    expect(field).to_be_focused()
    field.fill("Opening en vaststelling agenda")
    page.locator(f"#item-row-{opening.pk}").get_by_role("button", name="Opslaan").click()
    expect(page.locator(".ws-agenda__title > a").first).to_have_text(
        "Opening en vaststelling agenda"
    )
    expect(page.locator(f"#item-{opening.pk}-edit")).to_be_focused()
    opening.refresh_from_db()
    assert opening.title == "Opening en vaststelling agenda"
    assert serious_violations(page) == []
