"""The record of a meeting in a real browser (issue 23): a member reads the decisions on agenda
items on the meeting page, on a phone; the secretariat votes a motion in parts on the meeting
day and finds the buttons of its parts, none for the motion as a whole beside them. Both pages
pass axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from agenda.models import AgendaItem
from agenda.outcomes import Status
from motions import votes
from motions.models import Motion
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import PHONE, dutch, fits_the_screen, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return dutch(browser_context_args)


def decide(item, status, text, **figures):
    decision = votes.item_decision(item)
    decision.text = text
    return votes.record_outcome(decision, status, **figures)


def test_a_member_reads_the_decisions_on_items_on_a_phone(
    page, live_server, demo_meeting, member_user
):
    minutes = AgendaItem.objects.get(meeting=demo_meeting, title="Notulen")
    AgendaItem.objects.filter(pk=minutes.pk).update(text="")  # no papers: a line of its own
    decide(minutes, Status.ADOPTED, "De notulen worden vastgesteld.", by_acclamation=True)
    with_papers = AgendaItem.objects.get(meeting=demo_meeting, title="Contractstandaarden Wmo 2015")
    decide(with_papers, Status.ADOPTED, "", percent_for="91.80", percent_against="8.20")
    typed_in = AgendaItem.objects.get(meeting=demo_meeting, title="Vaststelling agenda")
    decide(typed_in, Status.SUBMITTED, "Nog niet besloten.")

    log_in(page, live_server, member_user)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("meeting_detail", args=[demo_meeting.pk]))
    agenda = page.get_by_role("region", name="Agenda")
    # An item without papers shows its decision at once, under its line.
    decision = page.locator(f"#item-{minutes.pk}-decision")
    expect(decision).to_be_visible()
    expect(decision).to_contain_text("Besluit over het agendapunt: aangenomen bij acclamatie")
    expect(decision).to_contain_text("De notulen worden vastgesteld.")
    # An item with papers shows it when opened, first after its own text.
    item = agenda.locator("details", has=page.get_by_role("heading", name="Contractstandaarden"))
    item.locator("summary").first.click()
    expect(page.locator(f"#item-{with_papers.pk}-decision")).to_contain_text(
        "aangenomen met 91,80% voor en 8,20% tegen"
    )
    # A text typed in before the vote is no decision.
    expect(agenda).not_to_contain_text("Nog niet besloten.")
    assert fits_the_screen(page)
    assert serious_violations(page) == []


def test_the_meeting_day_offers_the_parts_buttons_and_none_for_the_whole_motion(
    page, live_server, demo_meeting, secretariat_user
):
    motion = Motion.objects.get(meeting=demo_meeting, title="Landelijke tarieven inkoop jeugdzorg")
    first, second = (votes.add_part(motion, label) for label in ("1e deel", "2e deel"))
    votes.record_outcome(first, Status.ADOPTED, percent_for="92.16")

    log_in(page, live_server, secretariat_user)
    url = reverse("live:meeting_day", args=[demo_meeting.pk])
    page.goto(f"{live_server.url}{url}?item={motion.agenda_item_id}")
    section = page.get_by_role("region", name=motion.display_name)
    expect(section).to_contain_text("In delen gestemd: de uitkomst volgt uit de delen.")
    for control in ("acclamation", "withdrawn", "vote", "open-poll"):
        expect(page.locator(f"#proposal-{motion.pk}-{control}")).to_have_count(0)
    for part in (first, second):
        part_section = page.get_by_role("region", name=part.label, exact=True)
        expect(part_section.get_by_role("button", name="Aangenomen bij acclamatie")).to_be_visible()
    # The first part's result stands; the second is still open, so the motion too.
    expect(page.locator(f"#part-{first.pk}-undo")).to_be_visible()
    expect(page.locator(f"#part-{second.pk}-undo")).to_have_count(0)
    assert serious_violations(page) == []
