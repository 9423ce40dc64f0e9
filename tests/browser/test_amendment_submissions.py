"""A member's griffier drafts an amendment to one clause of a published resolution and sees
it as the tracked change members will read; the secretariat then merges a second member's
motion into a first one. Every page passes axe; the member's pages fit a phone (390 px)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from alv import roles
from submissions.models import Submission
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import PHONE, dutch, fits_the_screen, log_in, watch_policy
from tests.conftest import make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return dutch(browser_context_args)


def test_a_member_drafts_an_amendment_and_reads_it_as_a_tracked_change(page, live_server):
    meeting = f.meeting(title="ALV december", days=40)
    f.resolution(
        f.item(meeting, "Begroting"),
        title="Begroting 2028",
        clauses=("De begroting vast te stellen.", "De contributie te verhogen met 2 procent."),
    )
    griffier = make_user("griffier", roles.MEMBER, member=f.member("Haaksbergen"))
    policy = watch_policy(page)
    page.set_viewport_size(PHONE)
    log_in(page, live_server, griffier)
    page.goto(live_server.url + reverse("submissions:list"))
    page.get_by_role("link", name="Amendement opstellen").click()
    assert serious_violations(page) + policy() == [] and fits_the_screen(page)
    page.get_by_role("link", name="Begroting 2028").click()
    expect(page.get_by_role("list").filter(has_text="De begroting vast")).to_contain_text(
        "De contributie te verhogen met 2 procent."
    )
    page.get_by_label("Titel").fill("Lagere contributie")
    page.get_by_label("Het punt vervangen").check()
    page.get_by_label("Nieuwe tekst").fill("De contributie te verhogen met 1 procent.")
    page.get_by_role("button", name="Concept opslaan").click()
    # No clause chosen: refused at the field, with what was typed kept.
    expect(page.locator("#id_target_clause_error")).to_have_text(
        "Kies het punt dat wordt gewijzigd."
    )
    expect(page.get_by_label("Nieuwe tekst")).to_have_value(
        "De contributie te verhogen met 1 procent."
    )
    assert serious_violations(page) + policy() == [] and fits_the_screen(page)
    page.get_by_label("Punt", exact=True).select_option(index=2)
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.locator(".alv-messages")).to_contain_text("concept-amendement is opgeslagen")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Amendement Haaksbergen “Lagere contributie”"
    )
    tracked = page.locator(".alv-tracked")
    expect(tracked.locator("del")).to_contain_text("2")
    expect(tracked.locator("ins")).to_contain_text("1")
    expect(page.get_by_text("Vervangt punt 2")).to_be_visible()
    assert serious_violations(page) + policy() == [] and fits_the_screen(page)
    page.get_by_role("button", name="Motie indienen").click()
    expect(page.locator(".alv-messages")).to_contain_text("ingediend")
    assert Submission.objects.get().state == Submission.State.SUBMITTED


def test_the_secretariat_merges_a_motion_into_another(page, live_server, secretariat_user):
    meeting = f.meeting(title="ALV december", days=40)
    item = f.item(meeting, "Moties")
    haaksbergen, enschede = f.member("Haaksbergen"), f.member("Enschede")
    griffier = make_user("griffier", roles.MEMBER, member=haaksbergen)
    clerk = make_user("enschede", roles.MEMBER, member=enschede)
    for member, person, title in (
        (haaksbergen, griffier, "Ravijnjaar"),
        (enschede, clerk, "Ook ravijnjaar"),
    ):
        sent = Submission.objects.create(
            meeting=meeting,
            agenda_item=item,
            member=member,
            title=title,
            requests="het kabinet aan te spreken,",
        )
        sent.submit(sent.revision, person)
    policy = watch_policy(page)
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("workspace:intake", args=[meeting.pk]))
    page.get_by_role("link", name="Motie Enschede “Ook ravijnjaar”").click()
    page.get_by_role("button", name="Samenvoegen").click()
    expect(page.locator("#id_merge_into_error")).to_have_text("Kies de motie waarmee u samenvoegt.")
    expect(page.locator("#id_message_error")).to_have_count(0)
    assert serious_violations(page) + policy() == []
    page.get_by_label("Samenvoegen met").select_option(label="Haaksbergen “Ravijnjaar”")
    page.get_by_label("Bericht aan de indieners").fill("Samengevoegd met Haaksbergen.")
    page.get_by_role("button", name="Samenvoegen").click()
    expect(page.locator(".alv-messages")).to_be_visible()
    page.get_by_role("link", name="Samengevoegd").click()
    row = page.get_by_role("row").filter(has_text="Ook ravijnjaar")
    expect(row).to_contain_text("Motie Haaksbergen “Ravijnjaar”")
    assert serious_violations(page) + policy() == []
