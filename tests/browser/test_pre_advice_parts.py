"""Pre-advice per part of a motion in the browser (issue 23): the secretariat drafts the advice
on each request in the pre-advice overview, the board settles it, and once it is published a
member reads it per part on the motion's page, on a phone too."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from agenda.models import Meeting
from motions.models import PreAdvice
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import PHONE, dutch, fits_the_screen, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return dutch(browser_context_args)


@pytest.fixture
def board_page(browser, browser_context_args):
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


@pytest.fixture
def member_page(browser, browser_context_args):
    context = browser.new_context(**browser_context_args, viewport=PHONE)
    yield context.new_page()
    context.close()


def nl(message):
    with translation.override("nl"):
        return gettext(message)


def test_the_board_advises_per_part_and_a_member_reads_it_on_a_phone(
    page, board_page, member_page, live_server, secretariat_user, board_user, member_user
):
    meeting = f.meeting(title="ALV december")
    item = f.item(meeting, "Financiën")
    motion = f.motion(item, "Ravijnjaar, twee over twaalf!")
    url = live_server.url + reverse("workspace:pre_advice", args=[meeting.pk])
    key = f"proposal-{motion.pk}"

    # The secretariat drafts: no advice on the motion as a whole, one on each request.
    log_in(page, live_server, secretariat_user)
    page.goto(url)
    page.locator(f"#pa-{key}-edit").click()
    row = page.locator(f"#pa-{key}")
    row.get_by_label("Preadvies", exact=True).select_option("geen")
    row.get_by_label("Toelichting", exact=True).fill("Het bestuur adviseert per verzoek.")
    row.locator(f'[name="{key}-parts-0-label"]').fill("verzoek 1")
    row.locator(f'[name="{key}-parts-0-value"]').select_option("overnemen")
    row.locator(f'[name="{key}-parts-1-label"]').fill("verzoek 2")
    row.locator(f'[name="{key}-parts-1-value"]').select_option("ontraden")
    row.locator(f'[name="{key}-parts-1-rationale"]').fill("Loopt vooruit op het overleg.")
    assert serious_violations(page) == []
    row.get_by_role("button", name="Opslaan").click()
    page.locator(f"#pa-{key}-edit").wait_for()
    shown = re.sub(r"\s+", " ", page.locator(f"#pa-{key}").inner_text())
    assert "verzoek 1: overnemen" in shown and "verzoek 2: ontraden" in shown
    assert serious_violations(page) == []

    # Not yet published: a member reads "preadvies volgt", no advice on any part.
    log_in(member_page, live_server, member_user)
    motion_url = live_server.url + reverse("motion_detail", args=[motion.pk])
    member_page.goto(motion_url)
    assert "verzoek 2" not in member_page.content()
    assert "preadvies volgt" in member_page.content()

    # The board settles what it read, parts and all.
    log_in(board_page, live_server, board_user)
    board_page.goto(url)
    board_page.locator(f"#pa-{key}-settle").click()
    board_page.locator(f"#pa-{key}-reopen").wait_for()
    advice = PreAdvice.objects.get(proposal=motion)
    assert advice.is_settled
    assert [(p.label, p.value) for p in advice.parts.order_by("position")] == [
        ("verzoek 1", "overnemen"),
        ("verzoek 2", "ontraden"),
    ]

    # Published: the member reads the advice per part on the motion's page, on a phone.
    assert Meeting.objects.get(pk=meeting.pk).publish_pre_advice() == 1
    member_page.goto(motion_url)
    advice_region = member_page.locator(".alv-pre-advice--parts").first
    advice_region.wait_for()
    text = re.sub(r"\s+", " ", advice_region.inner_text())
    assert nl("Pre-advice of the board per part:") in text
    assert "verzoek 1: overnemen" in text
    assert "verzoek 2: ontraden — Loopt vooruit op het overleg." in text
    assert fits_the_screen(member_page)
    assert serious_violations(member_page) == []
