"""A card holder votes on a phone: the vote appears without reloading, by keyboard."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from alv import roles
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import PHONE, fits_the_screen, log_in
from tests.conftest import make_user
from voting import polls
from voting.models import Cast, VotingCard

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    # In English: the assertions read the English texts (the Dutch ones are tested apart).
    return {**browser_context_args, "locale": "en-GB"}


def test_a_card_holder_sees_a_vote_appear_and_votes_by_keyboard_on_a_phone(page, live_server):
    meeting = f.meeting(title="ALV vandaag", starts_at=timezone.now().replace(microsecond=0))
    motion = f.motion(f.item(meeting, "Moties"), "Ravijnjaar")
    utrecht = f.member("Utrecht", population=374_000)
    holder = make_user("griffier@utrecht.example", roles.MEMBER, member=utrecht)
    VotingCard.objects.create(meeting=meeting, member=utrecht, holder=holder)
    page.set_viewport_size(PHONE)
    log_in(page, live_server, holder)

    page.goto(live_server.url + reverse("meeting_detail", args=[meeting.pk]))
    page.get_by_role("link", name="Vote", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vote — ALV vandaag")
    expect(page.get_by_text("No vote is open now.")).to_be_visible()

    poll = polls.open_poll(motion, holder)
    ballot = page.get_by_role("group", name="Your vote")
    expect(ballot).to_be_visible(timeout=5000)  # polled every second, no reload
    assert fits_the_screen(page)
    assert serious_violations(page) == []

    ballot.get_by_role("radio", name="For").focus()
    page.keyboard.press("ArrowDown")  # to "Against"
    expect(ballot.get_by_role("radio", name="Against")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Cast vote")).to_be_focused()
    page.keyboard.press("Enter")

    counted = page.locator(".alv-ballot__receipt")
    expect(counted).to_contain_text("Your vote has been counted: against.")
    cast = Cast.objects.get(poll=poll, member=utrecht)
    expect(counted).to_contain_text(re.compile(rf"Receipt code: {cast.receipt}"))
    expect(counted).to_be_focused()
    assert cast.choice == "against"
    assert page.url.endswith(reverse("voting:vote", args=[meeting.pk]))  # no page load
    assert fits_the_screen(page)
    assert serious_violations(page) == []
