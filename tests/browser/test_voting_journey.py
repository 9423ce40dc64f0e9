"""An electronic vote from beginning to end, in Dutch, in real Chromium: four members, three
of them in browsers of their own (phones), one of those voting for a fourth by proxy, and one
member on a paper card; the chair opens the vote, they vote, the chair closes it, and the
projector and the decision list show the weighted result."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from agenda.outcomes import Status
from alv import roles
from alv.models import Association
from motions.models import Motion
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import PHONE, dutch, fits_the_screen, log_in
from tests.conftest import make_user
from voting.models import Cast, Poll, Proxy, VotingCard

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

POPULATIONS = {"Amsterdam": 931_000, "Utrecht": 374_000, "Groningen": 233_000, "Vlieland": 1_200}


@pytest.fixture
def browser_context_args(browser_context_args):
    return dutch(browser_context_args)


@pytest.fixture
def assembly():
    Association.objects.update(proxies_per_holder=1)
    meeting = f.meeting(title="ALV vandaag", starts_at=timezone.now().replace(microsecond=0))
    item = f.item(meeting, "Moties")
    members = {name: f.member(name, population=n) for name, n in POPULATIONS.items()}
    holders = {}
    for name, member in members.items():
        holders[name] = make_user(f"griffier@{name.lower()}.example", roles.MEMBER, member=member)
        holders[name].is_contact = True
        holders[name].save(update_fields=["is_contact"])
        VotingCard.objects.create(meeting=meeting, member=member, holder=holders[name])
    motion = f.motion(item, "Ravijnjaar", submitters=[members["Vlieland"]])
    meeting.set_current(item, motion)
    return meeting, item, motion, members, holders


def phone(browser, browser_context_args, live_server, user, meeting):
    context = browser.new_context(**browser_context_args, viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server, user)
    page.goto(live_server.url + reverse("voting:vote", args=[meeting.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Stemmen — {meeting.title}")
    return page


def test_members_vote_with_their_weight_by_proxy_and_on_paper_and_the_result_is_recorded(
    page, browser, browser_context_args, live_server, secretariat_user, assembly
):
    meeting, item, motion, members, holders = assembly

    # Vlieland cannot be there: it lets Utrecht vote for it.
    vlieland = phone(browser, browser_context_args, live_server, holders["Vlieland"], meeting)
    vlieland.get_by_label("Laat een ander lid namens Vlieland stemmen").select_option(
        label="Utrecht"
    )
    vlieland.get_by_role("button", name="Machtiging geven").click()
    # Withdrawing it is asked first: a folded confirmation, opened by this.
    expect(vlieland.get_by_text("Machtiging intrekken", exact=True)).to_be_visible()
    assert Proxy.objects.get(state=Proxy.State.ACTIVE).holder == members["Utrecht"]

    # Amsterdam and Utrecht wait on their vote page.
    amsterdam = phone(browser, browser_context_args, live_server, holders["Amsterdam"], meeting)
    utrecht = phone(browser, browser_context_args, live_server, holders["Utrecht"], meeting)
    expect(amsterdam.get_by_text("Er is nu geen stemming open.")).to_be_visible()

    # The chair opens the vote on the motion under discussion.
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("live:meeting_day", args=[meeting.pk]) + f"?item={item.pk}")
    subject = page.get_by_role("region", name=motion.display_name)
    subject.get_by_role("button", name="Stemming openen", exact=True).click()
    panel = page.get_by_role("region", name="Stemming", exact=True)
    expect(panel).to_contain_text("Met 0 van 4 stemkaarten is gestemd")

    # The vote appears on the phones without a reload; Amsterdam votes for.
    ballot = amsterdam.get_by_role("group", name="Uw stem")
    expect(ballot).to_be_visible()
    assert fits_the_screen(amsterdam)
    assert serious_violations(amsterdam) == []
    ballot.get_by_role("radio", name="Voor").check()
    amsterdam.get_by_role("button", name="Stem uitbrengen").click()
    expect(amsterdam.locator(".alv-ballot__receipt")).to_contain_text("Uw stem is geteld")

    # Utrecht votes against for itself, and for Vlieland as Vlieland asked it to.
    own = utrecht.get_by_role("group", name="Uw stem — Utrecht")
    expect(own).to_be_visible()
    own.get_by_role("radio", name="Tegen").check()
    utrecht.locator("form").filter(has=own).get_by_role("button", name="Stem uitbrengen").click()
    expect(utrecht.locator(".alv-ballot__receipt")).to_have_count(1)
    for_vlieland = utrecht.get_by_role("group", name="Uw stem — Vlieland (via machtiging)")
    for_vlieland.get_by_role("radio", name="Voor").check()
    utrecht.locator("form").filter(has=for_vlieland).get_by_role(
        "button", name="Stem uitbrengen"
    ).click()
    expect(utrecht.locator(".alv-ballot__receipt")).to_have_count(2)
    assert fits_the_screen(utrecht)
    assert serious_violations(utrecht) == []

    # Groningen handed in a paper card: against.
    expect(panel).to_contain_text("Met 3 van 4 stemkaarten is gestemd")
    expect(panel).not_to_contain_text("%")  # never the interim result
    panel.get_by_role("link", name="Papieren stemkaarten").click()
    page.get_by_role("row", name=re.compile("Groningen")).get_by_role(
        "radio", name=re.compile("^Tegen")
    ).check()
    page.get_by_role("button", name="Papieren stemmen invoeren").click()
    panel = page.get_by_role("region", name="Stemming", exact=True)
    expect(panel).to_contain_text("Met 4 van 4 stemkaarten is gestemd")

    # The chair closes it: 932,200 for (Amsterdam, Vlieland), 607,000 against.
    panel.get_by_text("Stemming sluiten", exact=True).click()
    panel.get_by_role("button", name="Ja, stemming sluiten").click()
    last = page.get_by_role("region", name="Laatste stemming")
    expect(last).to_contain_text("60,56%")
    assert serious_violations(page) == []
    assert Motion.objects.get(pk=motion.pk).status == Status.ADOPTED
    poll = Poll.objects.get()
    assert Cast.objects.filter(poll=poll).count() == 4
    assert Cast.objects.get(poll=poll, member=members["Groningen"]).on_paper

    # The voters see the result; the hall's screen and the decision list show it.
    expect(amsterdam.locator("#result-heading")).to_be_visible()
    page.goto(live_server.url + reverse("live:projector", args=[meeting.pk]))
    expect(
        page.get_by_role("table", name=f"Uitslag van de stemming over {poll.title}")
    ).to_contain_text("60,56%")
    page.goto(live_server.url + reverse("live:decisions", args=[meeting.pk]))
    expect(page.locator("strong.alv-status").filter(has_text="60,56% voor")).to_be_visible()
    page.get_by_text(re.compile("de stemmen per lid")).click()  # unfold the votes
    per_member = page.get_by_role("table", name=re.compile("Stemmen per lid over"))
    groningen = per_member.get_by_role("row", name=re.compile("Groningen"))
    expect(groningen).to_contain_text("Tegen")
    expect(groningen.get_by_role("cell").last).to_have_text("ja")  # on a paper card
    expect(per_member.get_by_role("row", name=re.compile("Vlieland"))).to_contain_text("Voor")
    assert serious_violations(page) == []
    for voter in (vlieland, amsterdam, utrecht):
        voter.context.close()  # they poll: not past the end of the test
