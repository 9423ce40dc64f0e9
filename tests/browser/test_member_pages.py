"""A member prepares for the meeting in a real browser: the agenda with the motions and their
pre-advice, the list with filters, a motion, its resolution. Every page passes axe and fits a
phone's screen."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from agenda.models import Resolution
from members.models import Member
from motions.models import Proposal
from tests.browser.test_smoke import serious_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    # The members' language: the interface is Dutch by default.
    return {**browser_context_args, "locale": "nl-NL"}


def log_in(page, live_server, username):
    """Log in through a session cookie: these tests are about the member pages, not the
    login form."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def member_pages(meeting):
    motion = Proposal.objects.get(meeting=meeting, title__startswith="Gelijkwaardigheid")
    amendment = Proposal.objects.get(meeting=meeting, kind="amendment")
    resolution = Resolution.objects.get(title="VNG-inzet richting kabinet")
    return {
        "meeting": reverse("meeting_detail", args=[meeting.pk]),
        "list": reverse("meeting_proposals", args=[meeting.pk]),
        "filtered list": reverse("meeting_proposals", args=[meeting.pk]) + "?advice=overnemen",
        "motion": motion.get_absolute_url(),
        "amendment": amendment.get_absolute_url(),
        "resolution": resolution.get_absolute_url(),
        "earlier version": resolution.get_absolute_url() + "?version=1",
        "changes": resolution.get_absolute_url() + "?from=1&to=2",
        "member": Member.objects.get(name="Haaksbergen").get_absolute_url(),
    }


def test_a_member_reads_item_8b_filters_on_overnemen_and_follows_a_motion_to_its_resolution(
    page, live_server, demo_meeting
):
    log_in(page, live_server, "lid")
    page.goto(live_server.url + reverse("home"))
    page.get_by_role("link", name=demo_meeting.title).click()
    page.wait_for_url(f"**{reverse('meeting_detail', args=[demo_meeting.pk])}")

    # Item 8b, opened from its line in the agenda: its three motions, each with the board's
    # pre-advice as a badge with text.
    item = page.locator("details", has=page.get_by_role("heading", name="Agendapunt 8b"))
    item.locator("summary").first.click()
    motions = item.get_by_role("article")
    assert motions.count() == 5  # two resolutions and three motions
    for title, advice in [
        ("Solidariteit in de asielopvang", "aanhouden"),
        ("Synchronisatie termijnen huisvesting statushouders", "neutraal"),
        ("Financiering van asielzoekerskinderen in de jeugdzorg", "overnemen"),
    ]:
        card = item.get_by_role("article").filter(has=page.get_by_role("heading", name=title))
        assert card.locator(".alv-pre-advice").inner_text().endswith(advice)
    # The rationale is folded until the member opens it.
    card = item.get_by_role("article").filter(has_text="Solidariteit in de asielopvang")
    rationale = card.locator("details .alv-text")
    assert not rationale.is_visible()
    card.get_by_text("Toelichting bij het preadvies").click()
    expect(rationale).to_be_visible()

    # The list of all motions, filtered on "overnemen": the address says so and can be shared.
    page.get_by_role("link", name="Zoeken en filteren in de moties en amendementen (9)").click()
    page.get_by_label("Preadvies").select_option("overnemen")
    page.wait_for_url("**advice=overnemen**")
    status = page.get_by_role("status")
    page.wait_for_function(
        "document.querySelector('#result-count').textContent.includes('3 moties')"
    )
    assert "3 moties en amendementen gevonden" in status.inner_text()
    results = page.locator("#results").get_by_role("heading", level=3)
    assert results.count() == 3
    assert all("overnemen" in t for t in page.locator("#results .alv-pre-advice").all_inner_texts())
    assert serious_violations(page) == []

    # A motion, and from it its resolution.
    page.get_by_role(
        "link", name="Gelijkwaardigheid als basis voor (aanvullend) Zorgakkoord"
    ).click()
    page.wait_for_url("**/motions/**")
    assert "Motie Apeldoorn" in page.get_by_role("heading", level=1).inner_text()
    assert "overnemen" in page.locator(".alv-facts").inner_text()
    page.get_by_role(
        "link",
        name="Resolutie “Stop met gesprekken vervolg IZA totdat is voldaan aan gestelde "
        "voorwaarden”",
        exact=True,
    ).click()
    page.wait_for_url("**/resolutions/**")
    assert "Stop met gesprekken vervolg IZA" in page.get_by_role("heading", level=1).inner_text()
    # The amendment on it is marked at the clause it changes.
    assert "Amendement Hilversum en 's-Hertogenbosch" in page.locator("#clause-1").inner_text()


def test_the_filtered_list_works_without_javascript_as_a_shared_link(
    browser, live_server, demo_meeting
):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(live_server.url + member_pages(demo_meeting)["filtered list"])
    assert "3 moties en amendementen gevonden" in page.locator("#result-count").inner_text()
    page.get_by_label("Zoek in titels en teksten").fill("jeugdzorg")
    page.get_by_role("button", name="Toon resultaten").click()
    page.wait_for_url("**q=jeugdzorg**")
    assert "2 moties en amendementen gevonden" in page.locator("#result-count").inner_text()
    context.close()


def test_every_member_page_has_no_serious_accessibility_violations(page, live_server, demo_meeting):
    log_in(page, live_server, "lid")
    for name, path in member_pages(demo_meeting).items():
        page.goto(live_server.url + path)
        assert serious_violations(page) == [], name


def test_every_member_page_fits_a_phone_screen_of_320_pixels(
    page, live_server, demo_meeting, tmp_path
):
    page.set_viewport_size({"width": 320, "height": 640})
    for name, path in member_pages(demo_meeting).items():
        page.goto(live_server.url + path)
        page.screenshot(path=tmp_path / f"{name}.png", full_page=True)
        scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
        assert scroll_width <= page.evaluate("window.innerWidth"), name


def test_the_rationale_opens_from_the_keyboard_with_a_visible_focus(
    page, live_server, demo_meeting
):
    page.goto(live_server.url + member_pages(demo_meeting)["meeting"])
    # Tab to the first rationale, as a keyboard user would: opening the first agenda item
    # that holds one on the way.
    focused = "document.activeElement"
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate(f"{focused}.matches('details.alv-details > summary')"):
            break
        if page.evaluate(
            f"{focused}.matches('.alv-agenda-item__details:not([open]) > summary')"
            f" && !!{focused}.parentElement.querySelector('details.alv-details')"
        ):
            page.keyboard.press("Enter")
    assert page.evaluate(f"{focused}.matches('details.alv-details > summary')")
    outline = page.evaluate(f"getComputedStyle({focused}).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate(f"{focused}.parentElement.open")


def test_a_printed_page_has_no_navigation_and_shows_the_folded_rationales(
    page, live_server, demo_meeting
):
    page.goto(live_server.url + member_pages(demo_meeting)["meeting"])
    page.emulate_media(media="print")
    assert not page.locator("header.alv-header").is_visible()
    assert not page.locator(".alv-all-proposals").is_visible()
    assert page.locator("details.alv-details .alv-text").first.is_visible()
    page.goto(live_server.url + member_pages(demo_meeting)["list"])
    assert not page.locator(".alv-filters").is_visible()
    assert page.locator("#results").is_visible()
