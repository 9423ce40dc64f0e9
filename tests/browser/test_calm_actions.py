"""Daily paths made short and calm, in real Chromium: a wrong vote result is answered at that
motion's field with what was typed kept, and corrected in place; withdrawing the papers from
members is asked first, says what happens, and is undone in one click; deleting a clause (by
htmx) and withdrawing a member's proxy are asked first as well."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from agenda.models import AgendaItem, Clause, Meeting
from agenda.outcomes import Status
from alv import roles
from alv.models import Association
from motions.models import Proposal
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import dutch, log_in
from tests.conftest import make_user
from voting import cards
from voting.models import Proxy, VotingCard

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return dutch(browser_context_args)


def test_150_percent_for_is_answered_at_that_motions_field_and_corrected_in_place(
    page, live_server, demo_meeting, secretariat_user
):
    item = AgendaItem.objects.get(meeting=demo_meeting, title__contains="Contractstandaarden")
    log_in(page, live_server, secretariat_user)
    page.goto(
        live_server.url + reverse("live:meeting_day", args=[demo_meeting.pk]) + f"?item={item.pk}"
    )
    motion = page.get_by_role("region", name="Motie Deventer")
    motion.get_by_label("aangenomen").check()
    share_for = motion.get_by_label("Voor (%)")
    share_for.fill("150")
    motion.get_by_label("Tegen (%)").fill("6,20")
    motion.get_by_label("Onthouding (%)").fill("2")
    motion.get_by_role("button", name="Vastleggen").click()

    # At that motion's field, which takes the focus; what was typed is still there.
    expect(share_for).to_have_attribute("aria-invalid", "true")
    expect(share_for).to_have_accessible_description(re.compile("hoogstens 100"))
    expect(share_for).to_be_focused()
    expect(share_for).to_have_value("150")
    expect(motion.get_by_label("Tegen (%)")).to_have_value("6,20")
    expect(motion.get_by_label("Onthouding (%)")).to_have_value("2")
    expect(motion.get_by_label("aangenomen")).to_be_checked()
    expect(motion.get_by_role("alert")).to_contain_text("Motie Deventer")
    assert Proposal.objects.get(agenda_item=item).status == Status.SUBMITTED
    assert serious_violations(page) == []

    share_for.fill("91,80")
    motion.get_by_role("button", name="Vastleggen").click()
    expect(motion).to_contain_text("aangenomen met 91,80% voor")
    expect(motion.get_by_label("Voor (%)")).not_to_have_attribute("aria-invalid", "true")
    proposal = Proposal.objects.get(agenda_item=item)
    assert (proposal.status, str(proposal.percent_for)) == (Status.ADOPTED, "91.80")


def test_withdrawing_the_papers_is_asked_first_and_undone_in_one_click(
    page, live_server, secretariat_user
):
    meeting = f.meeting(published=True, title="ALV december")
    f.motion(f.item(meeting, "Wonen"), "Ravijnjaar", advice="overnemen")
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("workspace:dashboard", args=[meeting.pk]))
    publication = page.get_by_role("region", name="Publicatie", exact=True)
    expect(publication).to_contain_text("De vergaderstukken zijn gepubliceerd")

    publication.get_by_text("Publicatie van de stukken intrekken", exact=True).click()
    asked = page.locator("#confirm-unpublish")
    expect(asked.get_by_role("listitem")).to_have_count(3)  # what happens, and the way back
    confirm = asked.get_by_role("button").last
    expect(confirm).to_have_class(re.compile("utrecht-button--danger"))
    assert serious_violations(page) == []
    assert Meeting.objects.get(pk=meeting.pk).is_published  # only asked, nothing done

    confirm.click()
    undo = page.locator("#undo-withdrawal")
    expect(undo).to_be_focused()
    expect(undo).to_contain_text("De vergaderstukken zijn niet meer gepubliceerd.")
    expect(publication).to_contain_text("De vergaderstukken zijn niet gepubliceerd")
    assert not Meeting.objects.get(pk=meeting.pk).is_published
    assert serious_violations(page) == []

    undo.get_by_role("button").click()
    expect(publication).to_contain_text("De vergaderstukken zijn gepubliceerd (sinds")
    expect(page.locator("#undo-withdrawal")).to_have_count(0)
    assert Meeting.objects.get(pk=meeting.pk).is_published


def test_the_secretariat_deletes_a_clause_after_confirming_it_without_leaving_the_page(
    page, live_server, secretariat_user
):
    item = f.item(f.meeting(published=False, title="ALV december"), "Asiel")
    texts = ("Eerste.", "Dat de opvang van asielzoekers solidair wordt verdeeld.", "Derde.")
    resolution = f.resolution(item, "Houdbaar perspectief", clauses=texts, published=False)
    first, second, third = resolution.current_version.clauses.order_by("position")
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("workspace:resolution", args=[resolution.pk]))
    page.evaluate("window.__same_document = true")  # gone if the page were loaded again

    page.locator(f"#clause-{second.pk}-delete").click()
    asked = page.locator(f"#clause-{second.pk}-confirm-delete")
    # It names the clause it deletes, and asks with a red button.
    expect(asked.get_by_text(re.compile("solidair wordt verdeeld"))).to_be_visible()
    confirm = asked.get_by_role("button")
    expect(confirm).to_be_visible()
    expect(confirm).to_have_class(re.compile("utrecht-button--danger"))
    assert serious_violations(page) == []
    assert Clause.objects.filter(pk=second.pk).exists()  # only asked, nothing done

    confirm.click()
    expect(page.locator(f"#clause-{second.pk}")).to_have_count(0)
    expect(page.locator("#ws-status")).to_contain_text("Punt 2 is verwijderd.")
    expect(page.locator("#clauses-heading")).to_be_focused()
    assert page.evaluate("window.__same_document === true")  # by htmx, in place
    # The clause after it moved up, and being last now, cannot move down.
    expect(page.locator(f"#clause-{third.pk} .ws-part__number")).to_have_text("2.")
    expect(page.locator(f"#clause-{third.pk}-down")).to_be_disabled()
    expect(page.locator(f"#clause-{first.pk}-up")).to_be_disabled()
    version = resolution.current_version
    assert list(version.clauses.order_by("position").values_list("text", flat=True)) == [
        "Eerste.",
        "Derde.",
    ]


def test_a_member_withdraws_its_proxy_after_confirming_it(page, live_server):
    Association.objects.update(proxies_per_holder=1)
    meeting = f.meeting(title="ALV december")
    vlieland = f.member("Vlieland", population=1_200)
    utrecht = f.member("Utrecht", population=374_000)
    person = make_user("griffier@vlieland.example", roles.MEMBER, member=vlieland)
    VotingCard.objects.create(meeting=meeting, member=vlieland, holder=person)
    proxy = cards.give_proxy(meeting, vlieland, utrecht)
    log_in(page, live_server, person)
    page.goto(live_server.url + reverse("voting:vote", args=[meeting.pk]))
    proxies = page.get_by_role("region", name="Machtigingen")

    proxies.get_by_text("Machtiging intrekken", exact=True).click()
    asked = page.locator("#confirm-withdraw-proxy")
    # It says who stops voting for whom, and asks with a red button.
    said = asked.locator("p")
    expect(said).to_be_visible()
    expect(said).to_contain_text("Utrecht")
    expect(said).to_contain_text("Vlieland")
    confirm = asked.get_by_role("button")
    expect(confirm).to_have_class(re.compile("utrecht-button--danger"))
    assert serious_violations(page) == []
    assert Proxy.objects.get(pk=proxy.pk).state == Proxy.State.ACTIVE  # only asked

    confirm.click()
    expect(page.get_by_text("Utrecht stemt niet langer namens Vlieland.")).to_be_visible()
    # The way back is at hand: giving a proxy again.
    expect(proxies.get_by_label("Laat een ander lid namens Vlieland stemmen")).to_be_visible()
    assert Proxy.objects.get(pk=proxy.pk).state == Proxy.State.WITHDRAWN
    assert serious_violations(page) == []
