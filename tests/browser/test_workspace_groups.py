"""The secretariat links a group of submitters to its members: a name that is no member is
refused at its field with what was typed kept; corrected, the group's motions show on the
members' pages. axe finds nothing serious, with and without errors."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from members.models import SubmitterGroup
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import dutch, log_in, watch_policy

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return dutch(browser_context_args)


def test_the_secretariat_links_regio_twente_to_its_members(page, live_server, secretariat_user):
    enschede = f.member("Enschede")
    f.member("Almelo")
    meeting = f.meeting()
    motion = f.motion(f.item(meeting, "Moties"), "Grensregio")
    motion.submitters.clear()
    motion.submitter_group = SubmitterGroup.objects.create(name="Regio Twente")
    motion.save()
    policy = watch_policy(page)
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("workspace:meetings"))
    page.get_by_role("link", name="Groepen van indieners").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Groepen van indieners")
    assert serious_violations(page) + policy() == []

    page.get_by_role("link", name="Regio Twente").click()
    names = page.get_by_label("Leden van de groep")
    names.fill("Enschede, Almelo, Hengeloo")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#id_member_names_error")).to_have_text("“Hengeloo” is geen lid.")
    expect(names).to_have_value("Enschede, Almelo, Hengeloo")
    assert serious_violations(page) + policy() == []

    names.fill("Enschede\nAlmelo")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".alv-messages")).to_contain_text("opgeslagen")
    expect(page.get_by_role("row", name="Regio Twente")).to_contain_text("Almelo, Enschede")
    page.goto(live_server.url + enschede.get_absolute_url())
    expect(page.get_by_text("Grensregio").first).to_be_visible()
    assert policy() == []
