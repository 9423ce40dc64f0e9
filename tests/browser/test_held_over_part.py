"""A part of a motion held over while its other part was adopted, placed by the secretariat on
the next meeting's agenda from the status overview, in real Chromium; axe checks the page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from agenda.outcomes import Status
from motions import votes
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import dutch, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return dutch(browser_context_args)


def test_the_secretariat_places_a_held_over_part_on_the_next_agenda(
    page, live_server, secretariat_user
):
    earlier_item = f.item(f.meeting(days=-100, title="ALV juni"), "Financien")
    motion = f.motion(earlier_item, "Fiscale ruimte")
    adopted = votes.add_part(motion, "1e deel")
    held = votes.add_part(motion, "2e deel")
    votes.record_outcome(adopted, Status.ADOPTED)
    votes.record_outcome(held, Status.HELD_OVER)
    later = f.meeting(days=30, title="ALV december")
    f.item(later, "Opening")
    f.item(later, "Moties")

    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("live:status", args=[later.pk]))
    waiting = page.get_by_role("listitem").filter(has_text="Fiscale ruimte")
    expect(waiting).to_contain_text("2e deel")
    assert serious_violations(page) == []

    waiting.get_by_label("Plaatsen onder").select_option(label="2. Moties")
    waiting.get_by_role("button", name="Plaatsen").click()
    expect(page.get_by_text("Er wachten geen aangehouden moties.")).to_be_visible()

    page.goto(live_server.url + reverse("meeting_detail", args=[later.pk]))
    expect(page.get_by_role("main")).to_contain_text("Fiscale ruimte (2e deel)")
