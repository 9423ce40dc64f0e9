import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def serious_violations(page):
    results = Axe().run(page)
    return [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_a_visitor_opens_the_demo_agenda_from_the_home_page(page, live_server, demo_meeting):
    page.goto(live_server.url + reverse("home"))
    page.get_by_role("link", name=demo_meeting.title).click()
    page.wait_for_url(f"**{reverse('meeting_detail', args=[demo_meeting.pk])}")
    assert page.get_by_role("heading", level=1).inner_text() == demo_meeting.title
    agenda = page.get_by_role("region", name="Agenda")
    assert agenda.get_by_role("heading", name="8b").count() == 1
    # Each item is a line of the agenda, opened in place.
    item = agenda.locator("details", has=page.get_by_role("heading", name="Contractstandaarden"))
    item.locator("summary").first.click()
    expect(item.get_by_role("heading", name="Landelijke tarieven inkoop jeugdzorg")).to_be_visible()
    assert serious_violations(page) == []


def test_the_home_page_has_no_serious_accessibility_violations(page, live_server, demo_meeting):
    page.goto(live_server.url + reverse("home"))
    assert serious_violations(page) == []
