"""The secretariat makes the installation another association's in the workspace: a wrong
colour is refused at its field, the corrected form is saved, and every page then carries the
new name and colours. axe finds nothing serious on the page, with and without errors."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from alv.models import Association
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import dutch, log_in, watch_policy

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return dutch(browser_context_args)


def test_the_secretariat_makes_it_the_water_boards_association(page, live_server, secretariat_user):
    policy = watch_policy(page)
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("workspace:meetings"))
    page.get_by_role("link", name="Vereniging", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vereniging")
    assert serious_violations(page) + policy() == []

    page.locator("#id_name").fill("Unie van Waterschappen")
    page.locator("#id_short_name").fill("UvW")
    page.locator("#id_primary_colour").fill("groen")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#id_primary_colour_error")).to_be_visible()
    expect(page.locator("#id_name")).to_have_value("Unie van Waterschappen")
    assert serious_violations(page) + policy() == []
    assert Association.objects.get().short_name == "VNG"

    page.locator("#id_primary_colour").fill("#00566e")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".alv-messages")).to_contain_text("opgeslagen")
    expect(page.locator(".alv-brand__short")).to_have_text("UvW")
    expect(page.locator(".alv-header")).to_have_css("background-color", "rgb(0, 86, 110)")
    page.goto(live_server.url + reverse("home"))
    expect(page.locator(".alv-footer")).to_have_text("Unie van Waterschappen")
    assert policy() == []
