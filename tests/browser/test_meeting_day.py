"""The meeting day in real Chromium: the secretariat runs the meeting in one browser, a member
follows it in another; and every page of the meeting day passes axe."""

import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from agenda.models import AgendaItem, Meeting
from agenda.outcomes import Status
from motions import votes
from motions.models import Proposal
from tests.browser.test_content_security_policy import LISTEN
from tests.browser.test_smoke import serious_violations
from tests.conftest import make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FIVE_SECONDS = 5_000


@pytest.fixture
def new_context(browser):
    """Browser contexts in Dutch, optionally logged in; closed after the test, so no page
    keeps polling a server that is gone."""
    contexts = []

    def make(live_server=None, user=None, **options):
        options = {"locale": "nl-NL", "viewport": {"width": 1280, "height": 900}, **options}
        context = browser.new_context(**options)
        context.add_init_script(LISTEN)  # collects Content-Security-Policy violations
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies["sessionid"].value
            context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def today(demo_meeting):
    """The demo meeting, held today: starting now, which is today in Amsterdam at any hour
    (a few minutes from now would be tomorrow just before midnight)."""
    Meeting.objects.filter(pk=demo_meeting.pk).update(starts_at=timezone.now())
    return Meeting.objects.get(pk=demo_meeting.pk)


def test_a_member_sees_the_next_item_and_an_outcome_within_five_seconds(
    new_context, live_server, today, secretariat_user
):
    member = make_user("raadslid", "member")
    follower = new_context(live_server, member).new_page()
    follower.goto(live_server.url + reverse("meeting_detail", args=[today.pk]))
    live = follower.get_by_role("region", name="Live uit de vergadering")
    expect(live).to_contain_text("De vergadering behandelt nu geen agendapunt.")

    secretariat = new_context(live_server, secretariat_user).new_page()
    secretariat.goto(live_server.url + reverse("live:meeting_day", args=[today.pk]))
    now = secretariat.get_by_role("region", name="Nu", exact=True)

    def within_five_seconds_of(action, *expectations):
        started = time.monotonic()
        action()
        for locator, text in expectations:
            expect(locator).to_contain_text(text, timeout=FIVE_SECONDS)
        assert time.monotonic() - started < 5

    # Advance the agenda: the first item, then straight to 8c.
    within_five_seconds_of(
        secretariat.get_by_role("button", name="Volgend agendapunt").click,
        (now, "Opening"),
        (live, "Opening"),
    )
    within_five_seconds_of(
        secretariat.get_by_role("button", name="Behandel 8c").click,
        (now, "Contractstandaarden Wmo 2015"),
        (live, "Contractstandaarden Wmo 2015"),
    )
    motion = secretariat.get_by_role("region", name="Motie Deventer")
    within_five_seconds_of(
        motion.get_by_role("button", name="In behandeling").click,
        (now, "Motie Deventer “Landelijke tarieven inkoop jeugdzorg”"),
        (live, "Landelijke tarieven inkoop jeugdzorg"),
    )

    # Record a vote result, typed the Dutch way.
    motion = secretariat.get_by_role("region", name="Motie Deventer")
    motion.get_by_label("aangenomen").check()
    motion.get_by_label("Voor (%)").fill("91,80")
    motion.get_by_label("Tegen (%)").fill("6,20")
    motion.get_by_label("Onthouding (%)").fill("2")
    within_five_seconds_of(
        motion.get_by_role("button", name="Vastleggen").click,
        (now, "aangenomen met 91,80% voor"),
        (
            live.get_by_role("listitem").first,
            "aangenomen met 91,80% voor, 6,20% tegen en 2,00% onthouding",
        ),
    )

    assert Proposal.objects.get(title__startswith="Landelijke").status == Status.ADOPTED
    assert serious_violations(follower) == []
    assert serious_violations(secretariat) == []
    assert csp_violations(follower) == [] and csp_violations(secretariat) == []


def csp_violations(page):
    return page.evaluate("window.__violations")


def test_bad_percentages_show_a_message_and_keep_the_motion_undecided(
    new_context, live_server, demo_meeting, secretariat_user
):
    item = AgendaItem.objects.get(meeting=demo_meeting, title__contains="Contractstandaarden")
    page = new_context(live_server, secretariat_user).new_page()
    page.goto(
        live_server.url + reverse("live:meeting_day", args=[demo_meeting.pk]) + f"?item={item.pk}"
    )
    motion = page.get_by_role("region", name="Motie Deventer")
    motion.get_by_label("verworpen").check()
    motion.get_by_label("Voor (%)").fill("40")
    motion.get_by_label("Tegen (%)").fill("50")
    motion.get_by_label("Onthouding (%)").fill("5")
    motion.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("100")
    assert Proposal.objects.get(agenda_item=item).status == Status.SUBMITTED


def test_a_second_secretary_on_a_page_that_is_behind_cannot_overwrite_the_result(
    new_context, live_server, demo_meeting, secretariat_user
):
    item = AgendaItem.objects.get(meeting=demo_meeting, title__contains="Contractstandaarden")
    address = (
        live_server.url + reverse("live:meeting_day", args=[demo_meeting.pk]) + f"?item={item.pk}"
    )
    desk, hall = (new_context(live_server, secretariat_user).new_page() for _ in range(2))
    for page in (desk, hall):
        page.goto(address)

    def record(page, outcome, shares):
        motion = page.get_by_role("region", name="Motie Deventer")
        motion.get_by_label(outcome).check()
        for label, value in zip(("Voor (%)", "Tegen (%)", "Onthouding (%)"), shares, strict=True):
            motion.get_by_label(label).fill(value)
        motion.get_by_role("button", name="Vastleggen").click()

    record(desk, "aangenomen", ("60", "40", "0"))
    expect(desk.get_by_role("region", name="Motie Deventer")).to_contain_text(
        "aangenomen met 60,00% voor"
    )
    record(hall, "verworpen", ("30", "70", "0"))
    expect(hall.get_by_role("alert")).to_contain_text(
        "Intussen heeft iemand anders vastgelegd: aangenomen met 60,00% voor"
    )
    # The page that was behind now shows the stored result.
    expect(hall.get_by_role("region", name="Motie Deventer")).to_contain_text(
        "aangenomen met 60,00% voor"
    )
    motion = Proposal.objects.get(agenda_item=item)
    assert (motion.status, motion.percent_for) == (Status.ADOPTED, 60)
    assert serious_violations(hall) == []


def test_the_projector_follows_the_meeting_and_passes_axe(new_context, live_server, today):
    item = AgendaItem.objects.get(meeting=today, title__contains="Contractstandaarden")
    motion = Proposal.objects.get(agenda_item=item)
    hall = new_context(viewport={"width": 1600, "height": 900}).new_page()
    hall.goto(live_server.url + reverse("live:projector", args=[today.pk]))
    expect(hall.get_by_role("heading", level=2)).to_contain_text(
        "De vergadering behandelt nu geen agendapunt."
    )
    today.set_current(item, motion)
    expect(hall.get_by_role("heading", level=2)).to_contain_text(
        "Contractstandaarden Wmo 2015", timeout=FIVE_SECONDS
    )
    expect(hall.locator("main")).to_contain_text("overnemen")
    votes.record_outcome(
        motion.motion,
        Status.ADOPTED,
        percent_for="97.63",
        percent_against="2.37",
        percent_abstain=0,
    )
    expect(hall.get_by_role("img", name="Uitslag van de stemming")).to_be_visible(
        timeout=FIVE_SECONDS
    )
    assert serious_violations(hall) == []
    assert csp_violations(hall) == []


@pytest.fixture
def decided(demo_meeting):
    item = AgendaItem.objects.get(meeting=demo_meeting, title__startswith="Resolutie “Stop")
    amendment = Proposal.objects.get(agenda_item=item, kind="amendment").amendment
    votes.record_three_way_vote(amendment, 62, 34, 4)
    motion = Proposal.objects.get(agenda_item=item, kind="motion").motion
    votes.record_outcome(
        motion, Status.ADOPTED, percent_for="91.80", percent_against="6.20", percent_abstain=2
    )
    demo_meeting.set_current(item, motion)
    return demo_meeting


def test_every_meeting_day_page_passes_axe(new_context, live_server, decided, secretariat_user):
    item = AgendaItem.objects.get(meeting=decided, title__startswith="Resolutie “Stop")
    motion = Proposal.objects.get(agenda_item=item, kind="motion")
    urls = [
        reverse("live:meeting_day", args=[decided.pk]) + f"?item={item.pk}",
        reverse("live:status", args=[decided.pk]),
        reverse("live:decisions", args=[decided.pk]),
        reverse("live:follow_up_overview"),
        reverse("live:track", args=[motion.pk]),
        reverse("live:ballots", args=[decided.pk, "proposal", motion.pk]),
        reverse("meeting_detail", args=[decided.pk]),
    ]
    page = new_context(live_server, secretariat_user).new_page()
    for url in urls:
        page.goto(live_server.url + url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        if url == urls[-1]:
            expect(page.get_by_role("region", name="Live uit de vergadering")).to_contain_text(
                "Laatste besluiten"
            )
        assert serious_violations(page) == [], url
        assert csp_violations(page) == [], url
