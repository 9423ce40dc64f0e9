"""A card holder reads the results of a written consultation on a phone: from the vote page to
each member's vote and the receipts of a secret vote, without scrolling sideways."""

import datetime as dt

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


def test_a_card_holder_reads_the_results_of_a_written_consultation_on_a_phone(page, live_server):
    meeting = f.meeting(title="ALV vandaag", starts_at=timezone.now().replace(microsecond=0))
    item = f.item(meeting, "Moties")
    voters = [
        f.member(name, population=population)
        for name, population in (
            ("Amsterdam", 931_000),
            ("Utrecht", 374_000),
            ("Súdwest-Fryslân", 92_000),
            ("Vlieland", 1_200),
        )
    ]
    holder = make_user("griffier@utrecht.example", roles.MEMBER, member=voters[1])
    VotingCard.objects.create(meeting=meeting, member=voters[1], holder=holder)
    now = timezone.now()
    period = {"written": True, "opens_at": now, "closes_at": now + dt.timedelta(days=7)}
    named = polls.open_poll(f.motion(item, "Ravijnjaar voorkomen"), holder, **period)
    secret = polls.open_poll(f.motion(item, "Geheim stemmen"), holder, secret=True, **period)
    for poll in (named, secret):
        for voter, choice in zip(voters, ("against", "for", "for", "abstain"), strict=True):
            polls.cast_vote(poll, voter, choice, holder, on_paper=voter.name == "Vlieland")
        polls.close_poll(poll)

    page.set_viewport_size(PHONE)
    log_in(page, live_server, holder)
    page.goto(live_server.url + reverse("voting:vote", args=[meeting.pk]))
    page.get_by_role("link", name="Results of the written consultation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Results of the written consultation — ALV vandaag"
    )
    votes = page.get_by_role("table", name=f"Votes per member on {named.title}")
    expect(votes.get_by_role("row", name="Súdwest-Fryslân For 92000 no")).to_be_visible()
    expect(votes.get_by_role("row", name="Vlieland Abstain 1200 yes")).to_be_visible()
    expect(page.get_by_role("table", name=f"Votes per member on {secret.title}")).to_have_count(0)
    receipts = page.locator(f"#poll-{secret.pk} .alv-receipt")
    expect(receipts).to_have_count(4)
    assert receipts.all_inner_texts() == sorted(
        Cast.objects.filter(poll=secret).values_list("receipt", flat=True)
    )
    assert fits_the_screen(page)
    assert serious_violations(page) == []
