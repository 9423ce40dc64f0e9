"""The chair's side of an electronic vote in real Chromium: the secretariat opens a vote on the
meeting-day page, enters a paper card, sees the progress move as a member votes, closes the
vote and sees the result on the meeting-day page and on the projector. Every page passes axe.

In English: the Dutch words of these pages come with the translations."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from agenda.outcomes import Status
from alv import roles
from motions.models import Motion
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import log_in
from tests.conftest import make_user
from voting import cards, polls
from voting.models import Cast, Poll, VotingCard

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-GB", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def meeting_today():
    meeting = f.meeting(title="ALV vandaag", starts_at=timezone.now())
    item = f.item(meeting, "Moties")
    members = {
        name: f.member(name, population=population)
        for name, population in (("Amsterdam", 931_000), ("Utrecht", 374_000), ("Vlieland", 1_200))
    }
    holders = {}
    for name, member in members.items():
        holders[name] = make_user(name.lower(), roles.MEMBER, member=member)
        VotingCard.objects.create(meeting=meeting, member=member, holder=holders[name])
    motion = f.motion(item, "Ravijnjaar", submitters=[members["Vlieland"]])
    meeting.set_current(item, motion)
    return meeting, item, motion, members, holders


def test_the_chair_opens_a_vote_enters_a_paper_card_follows_the_progress_and_closes_it(
    page, live_server, secretariat_user, meeting_today
):
    meeting, item, motion, members, holders = meeting_today
    cards.register(meeting, members["Amsterdam"], "online")
    log_in(page, live_server, secretariat_user)
    day = live_server.url + reverse("live:meeting_day", args=[meeting.pk]) + f"?item={item.pk}"
    page.goto(day)

    subject = page.get_by_role("region", name=motion.display_name)
    subject.get_by_label("votes can be changed").check()
    subject.get_by_role("button", name="Open the poll", exact=True).click()
    panel = page.get_by_role("region", name="Poll", exact=True)
    expect(panel).to_contain_text("0 of 3 cards voted")
    expect(panel).to_contain_text("votes can be changed")
    assert serious_violations(page) == []

    # Utrecht hands in a paper card.
    panel.get_by_role("link", name="Paper voting cards").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Paper voting cards")
    assert serious_violations(page) == []
    page.get_by_role("radio", name="Against Utrecht").check()
    page.get_by_role("button", name="Enter the paper votes").click()
    panel = page.get_by_role("region", name="Poll", exact=True)
    expect(panel).to_contain_text("1 of 3 cards voted")
    poll = Poll.objects.get()
    assert Cast.objects.get(poll=poll, member=members["Utrecht"]).on_paper

    # Amsterdam votes on its phone: the panel follows without a reload, and shows no result.
    polls.cast_vote(poll, members["Amsterdam"], "for", holders["Amsterdam"])
    expect(panel).to_contain_text("2 of 3 cards voted")
    expect(panel).to_contain_text("Weight voted: 1305000 of 1306200")
    expect(panel).not_to_contain_text("%")

    panel.get_by_text("Close the poll", exact=True).click()
    panel.get_by_role("button", name="Yes, close the poll").click()
    last = page.get_by_role("region", name="Last poll")
    result = last.get_by_role("table")
    expect(result.get_by_role("row", name="For")).to_contain_text("71.34%")
    expect(result.get_by_role("row", name="Against")).to_contain_text("28.66%")
    expect(last).to_contain_text("Recorded: adopted with 71.34% for, 28.66% against")
    assert Motion.objects.get(pk=motion.pk).status == Status.ADOPTED
    expect(subject).to_contain_text("adopted with 71.34% for")
    assert serious_violations(page) == []

    page.goto(live_server.url + reverse("live:projector", args=[meeting.pk]))
    projector = page.get_by_role("table", name=f"Result of the poll on {poll.title}")
    expect(projector.get_by_role("row", name="For")).to_contain_text("71.34%")
    assert serious_violations(page) == []


def test_the_attendance_page_registers_a_member_at_the_door(
    page, live_server, secretariat_user, meeting_today
):
    meeting, _item, _motion, members, _holders = meeting_today
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("live:attendance", args=[meeting.pk]))
    assert serious_violations(page) == []
    page.get_by_label("Presence of Utrecht").select_option("hall")
    page.get_by_role("row", name="Utrecht").get_by_role("button", name="Save").click()
    expect(page.locator("#presence")).to_contain_text("1 of 3")
    expect(page.locator("#presence")).to_contain_text("374000 of 1306200")
    assert meeting.attendances.get().member == members["Utrecht"]
    assert serious_violations(page) == []
