"""The secretariat prepares the papers in the browser: the seed's item 8b built from an empty
agenda, pre-advice edited in the overview table, a new resolution version and its diff."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from agenda.models import Resolution
from members.imports import load_municipalities
from motions.models import Motion, PreAdvice
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import dutch, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EIGHT_B = (
    "Resolutie “Zorg voor congruent asielbeleid en behoud instrumentarium tot de keten op orde "
    "is” en resolutie ‘Naar een houdbaar perspectief voor de gemeentelijke opvang voor Oekraïners”"
)
RESOLUTIONS = [
    "Zorg voor congruent asielbeleid en behoud instrumentarium tot de keten op orde is",
    "Naar een houdbaar perspectief voor de gemeentelijke opvang voor Oekraïners",
]
MOTIONS = [
    (["Sliedrecht", "Gorinchem"], "Solidariteit in de asielopvang", "aanhouden"),
    (
        ["Zoetermeer", "Leidschendam-Voorburg"],
        "Synchronisatie termijnen huisvesting statushouders",
        "neutraal",
    ),
    (
        ["Nunspeet", "Harderwijk"],
        "Financiering van asielzoekerskinderen in de jeugdzorg",
        "overnemen",
    ),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return dutch(browser_context_args)


def choose_submitter(page, name):
    search = page.get_by_role("searchbox", name="Indieners")
    search.fill(name[:6])
    page.locator(f'[data-add-submitter][data-member-name="{name}"]').click()
    page.locator(f'[data-chip-label]:text-is("{name}")').wait_for()


def test_the_secretariat_builds_item_8b_from_an_empty_agenda(page, live_server, secretariat_user):
    load_municipalities()
    meeting = f.meeting(published=False, title="ALV december")
    eight = None
    for n in range(1, 9):
        item = f.item(meeting, f"Agendapunt {n}")
        eight = item if n == 8 else eight
    f.item(meeting, "Stop met gesprekken vervolg IZA", parent=eight)
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("workspace:agenda", args=[meeting.pk]))

    # The item: a sub-item of 8, so it becomes 8b.
    adding = page.get_by_role("region", name="Punt toevoegen", exact=True)
    adding.get_by_label("Titel").fill(EIGHT_B)
    adding.get_by_label("Onder punt").select_option(label="8. Agendapunt 8")
    adding.get_by_role("button", name="Punt toevoegen").click()
    page.locator("#ws-status").get_by_text("is toegevoegd").wait_for()
    row = page.locator(".ws-agenda__item--sub", has_text="Oekraïners")
    assert row.locator(".ws-agenda__number").first.inner_text() == "8b"

    # Two resolutions, each with a clause.
    for title in RESOLUTIONS:
        page.goto(live_server.url + reverse("workspace:agenda", args=[meeting.pk]))
        row = page.locator(".ws-agenda__item--sub", has_text="Oekraïners")
        row.get_by_role("link", name="Resolutie toevoegen").click()
        page.get_by_label("Titel").fill(title)
        page.get_by_role("button", name="Resolutie aanmaken").click()
        page.get_by_label("Tekst van het nieuwe punt").fill(f"Eerste punt van “{title}”.")
        page.get_by_role("button", name="Punt toevoegen").click()
        page.locator(".ws-part__number", has_text="1.").wait_for()
        assert serious_violations(page) == []

    # Three motions, with their submitters chosen from the member list.
    for submitters, title, _advice in MOTIONS:
        page.goto(live_server.url + reverse("workspace:agenda", args=[meeting.pk]))
        row = page.locator(".ws-agenda__item--sub", has_text="Oekraïners")
        row.get_by_role("link", name="Motie toevoegen").click()
        page.get_by_label("Titel").fill(title)
        for name in submitters:
            choose_submitter(page, name)
        page.get_by_role("button", name="Opslaan").click()
        page.get_by_role("heading", level=1, name=re.compile(re.escape(title))).wait_for()
    assert serious_violations(page) == []

    # The board's pre-advice, given in the overview table.
    page.goto(live_server.url + reverse("workspace:pre_advice", args=[meeting.pk]))
    for _submitters, title, advice in MOTIONS:
        motion = Motion.objects.get(title=title)
        row = page.locator(f"#pa-proposal-{motion.pk}")
        row.get_by_role("link", name="Bewerken").click()
        editing = page.locator(f"#pa-proposal-{motion.pk}.ws-row--editing")
        editing.get_by_label("Preadvies").select_option(advice)
        editing.get_by_label("Toelichting").fill(f"Toelichting bij {title}.")
        editing.get_by_role("button", name="Opslaan").click()
        page.locator(f"#pa-proposal-{motion.pk}:not(.ws-row--editing)").wait_for()
        assert advice in page.locator(f"#pa-proposal-{motion.pk}").inner_text()

    item = meeting.items.get(parent=eight, position=2)
    assert item.number == "8b"
    assert [
        r.title for r in Resolution.objects.filter(agenda_item=item).order_by("position")
    ] == RESOLUTIONS
    made = [
        (m.submitter_names, m.title, m.pre_advice.value)
        for m in Motion.objects.filter(agenda_item=item).order_by("position")
    ]
    assert made == [(names, title, advice) for names, title, advice in MOTIONS]
    assert str(Motion.objects.get(title=MOTIONS[1][1])) == (
        "Motie Zoetermeer en Leidschendam-Voorburg “Synchronisatie termijnen huisvesting statushouders”"
    )
    assert not PreAdvice.objects.filter(published_at__isnull=False).exists()


def test_the_secretariat_makes_a_new_resolution_version_and_sees_the_diff(
    page, live_server, secretariat_user
):
    meeting = f.meeting(published=True)
    item = f.item(meeting, "VNG-inzet richting kabinet")
    resolution = f.resolution(
        item,
        "VNG-inzet richting kabinet",
        clauses=("Dat gemeenten voldoende middelen dienen te hebben;", "Dat er overleg komt."),
    )
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("workspace:resolution", args=[resolution.pk]))
    page.get_by_label("Aanduiding van de nieuwe versie").fill("geactualiseerde resolutie")
    page.get_by_role("button", name="Nieuwe versie maken").click()
    page.get_by_role("heading", level=2, name="Versie 2: geactualiseerde resolutie").wait_for()

    # Edit the first clause in place; the old version keeps its text.
    version = Resolution.objects.get(pk=resolution.pk).current_version
    first = version.clauses.get(position=1)
    page.locator(f"#clause-{first.pk}-edit").click()
    text = page.locator(f"#id_clause-{first.pk}-text")
    # The form takes the focus, so typing can start at once.
    expect(text).to_be_focused()
    text.fill("Dat gemeenten structureel voldoende middelen dienen te hebben;")
    page.locator(f"#clause-{first.pk}").get_by_role("button", name="Opslaan").click()
    page.locator(f"#clause-{first.pk} .ws-part__text", has_text="structureel").wait_for()
    # The save has settled (and put the focus back) once it is announced.
    page.locator("#ws-status").get_by_text("Punt 1 is opgeslagen.").wait_for()
    # And add a clause by keyboard only.
    new_clause = page.get_by_label("Tekst van het nieuwe punt")
    new_clause.fill("Dat er een Extra ALV komt.")
    expect(new_clause).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.locator("#ws-status").get_by_text("Punt 3 is toegevoegd.").wait_for()

    page.get_by_role("link", name="Versies vergelijken").click()
    page.get_by_role("heading", name="Van versie 1 naar versie 2").wait_for()
    inserted = page.locator("ins.ws-ins").all_inner_texts()
    assert any("structureel" in text for text in inserted)
    assert any("Dat er een Extra ALV komt." in text for text in inserted)
    assert page.locator("del.ws-del").count() == 0  # only words were added
    assert serious_violations(page) == []

    # Comparing the other way round marks the same words as deleted, without a reload.
    page.get_by_label("Vergelijk versie").select_option("2")
    page.get_by_label("met versie").select_option("1")
    page.get_by_role("button", name="Vergelijk", exact=True).click()
    page.get_by_role("heading", name="Van versie 2 naar versie 1").wait_for()
    assert any("structureel" in text for text in page.locator("del.ws-del").all_inner_texts())
    assert "old=2" in page.url and "new=1" in page.url

    old = resolution.versions.get(number=1)
    assert list(old.clauses.values_list("text", flat=True)) == [
        "Dat gemeenten voldoende middelen dienen te hebben;",
        "Dat er overleg komt.",
    ]


@pytest.fixture
def board_page(browser, browser_context_args):
    """A second browser, for the board; closed with the test, like pytest-playwright's page."""
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


def test_the_secretariat_edits_pre_advice_in_the_table_and_the_board_settles_it(
    page, board_page, live_server, secretariat_user, board_user
):
    load_municipalities()
    meeting = f.meeting(published=False)
    item = f.item(meeting, "Contractstandaarden Wmo 2015")
    motion = f.motion(item, "Landelijke tarieven inkoop jeugdzorg")
    other = f.motion(item, "Al geadviseerd", advice="ontraden", published_advice=False)
    url = live_server.url + reverse("workspace:pre_advice", args=[meeting.pk])

    log_in(page, live_server, secretariat_user)
    page.goto(url)
    page.get_by_label("Preadvies", exact=True).select_option("none")
    page.get_by_role("button", name="Filteren").click()
    page.get_by_text("1 van 2 getoond.").wait_for()
    assert "advice=none" in page.url
    assert page.locator(f"#pa-proposal-{other.pk}").count() == 0
    page.locator(f"#pa-proposal-{motion.pk}-edit").click()
    row = page.locator(f"#pa-proposal-{motion.pk}")
    row.get_by_label("Preadvies").select_option("overnemen")
    row.get_by_label("Toelichting").fill("Het bestuur neemt de motie over.")
    row.get_by_role("button", name="Opslaan").click()
    page.locator(f"#pa-proposal-{motion.pk}-edit").wait_for()
    assert "Het bestuur neemt de motie over." in row.inner_text()
    assert serious_violations(page) == []

    log_in(board_page, live_server, board_user)
    board_page.goto(url)
    board_page.locator(f"#pa-proposal-{motion.pk}-settle").click()
    board_page.locator(f"#pa-proposal-{motion.pk}-reopen").wait_for()
    assert "vastgesteld" in board_page.locator(f"#pa-proposal-{motion.pk}").inner_text()
    assert PreAdvice.objects.get(proposal=motion).is_settled
    assert serious_violations(board_page) == []


def test_a_submitter_typed_while_the_page_still_loads_is_searched_once_it_has_loaded(
    page, live_server, secretariat_user
):
    load_municipalities()
    item = f.item(f.meeting(published=False), "Moties")
    log_in(page, live_server, secretariat_user)
    url = live_server.url + reverse("workspace:proposal_new", args=[item.meeting.pk, "motion"])
    # A slow connection: htmx arrives only after the secretariat has typed.
    held = []
    page.route("**/htmx-2*.js", lambda route: held.append(route))
    with page.expect_request("**/htmx-2*.js"):
        page.goto(f"{url}?item={item.pk}", wait_until="commit")
    page.get_by_role("searchbox", name="Indieners").fill("Zoeter")
    assert held, "htmx was requested and held back"
    held[0].continue_()
    page.locator('[data-add-submitter][data-member-name="Zoetermeer"]').click()
    expect(page.locator('[data-chip-label]:text-is("Zoetermeer")')).to_be_visible()
