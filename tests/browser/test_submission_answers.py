"""The submitters answer the board's request to withdraw their motion online, and a draft is
withdrawn after a confirmation. Both pages pass axe and fit a phone (390 px)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from alv import roles
from motions.models import Motion, PreAdvice
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


def test_the_submitters_answer_the_board_that_they_maintain_their_motion(
    page, live_server, secretariat_user
):
    meeting = f.meeting(title="ALV december", days=40)
    item = f.item(meeting, "Moties")
    haaksbergen = f.member("Haaksbergen")
    griffier = make_user("griffier", roles.MEMBER, member=haaksbergen)
    sent = Submission.objects.create(
        meeting=meeting, agenda_item=item, member=haaksbergen, title="Ravijnjaar", requests="x,"
    )
    sent.submit(sent.revision, griffier)
    motion = sent.accept(Submission.objects.get().revision, secretariat_user)
    Motion.objects.filter(pk=motion.pk).update(is_draft=False)
    PreAdvice.objects.create(
        proposal=motion,
        value=PreAdvice.Value.WITHDRAW,
        rationale="Het bestuur neemt dit al mee.",
        state=PreAdvice.State.SETTLED,
        published_at=timezone.now(),
    )
    policy = watch_policy(page)
    page.set_viewport_size(PHONE)
    log_in(page, live_server, griffier)
    page.goto(live_server.url + sent.get_absolute_url())
    expect(
        page.get_by_role("heading", name="Het bestuur vraagt u de motie in te trekken")
    ).to_be_visible()
    expect(page.get_by_text("Het bestuur neemt dit al mee.")).to_be_attached()
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.locator("#id_response_error")).to_be_visible()
    assert serious_violations(page) + policy() == [] and fits_the_screen(page)
    page.get_by_label("Uw antwoord").select_option(label="de indieners handhaven haar")
    page.get_by_label("Toelichting").fill("Het kabinet doet nog niets.")
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.locator(".alv-messages")).to_contain_text(
        "Uw antwoord aan het bestuur is opgeslagen"
    )
    advice = PreAdvice.objects.get()
    assert (advice.response, advice.response_note) == ("maintains", "Het kabinet doet nog niets.")
    # Everyone reads the answer with the pre-advice on the motion's page.
    page.goto(live_server.url + motion.get_absolute_url())
    expect(page.get_by_text("Het kabinet doet nog niets.")).to_be_visible()
    assert serious_violations(page) + policy() == [] and fits_the_screen(page)


def test_a_draft_is_withdrawn_after_a_confirmation(page, live_server):
    meeting = f.meeting(title="ALV december", days=40)
    haaksbergen = f.member("Haaksbergen")
    griffier = make_user("griffier", roles.MEMBER, member=haaksbergen)
    draft = Submission.objects.create(
        meeting=meeting,
        agenda_item=f.item(meeting, "Moties"),
        member=haaksbergen,
        title="Ravijnjaar",
        requests="x,",
    )
    policy = watch_policy(page)
    page.set_viewport_size(PHONE)
    log_in(page, live_server, griffier)
    page.goto(live_server.url + draft.get_absolute_url())
    page.get_by_role("link", name="Motie intrekken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("“Ravijnjaar” intrekken?")
    assert serious_violations(page) + policy() == [] and fits_the_screen(page)
    # Cancel changes nothing.
    page.get_by_role("link", name="Annuleren").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ravijnjaar")
    assert Submission.objects.get().state == Submission.State.DRAFT
    page.get_by_role("link", name="Motie intrekken").click()
    page.get_by_role("button", name="Motie intrekken").click()
    expect(page.locator(".alv-messages")).to_contain_text("De motie is ingetrokken.")
    expect(page.locator(".alv-facts")).to_contain_text("ingetrokken")
    assert Submission.objects.get().state == Submission.State.WITHDRAWN
    page.goto(live_server.url + reverse("submissions:list"))
    assert serious_violations(page) + policy() == [] and fits_the_screen(page)
