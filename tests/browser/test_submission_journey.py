"""The whole journey of a motion submitted online (issue 18), in Chromium, as people click it.

Haaksbergen's clerk is invited by the secretariat, chooses a password from the link in the
mail, drafts a motion on her phone and invites Enschede; Enschede's contact person, in a
browser of her own, follows the link in the mail that reaches her, logs in and submits it too.
The clerk submits it before the deadline; the worker mails the receipt, with the whole text
and the time in Amsterdam, to both members' contact persons. The secretariat (password and a
code of its authenticator app) takes it in on time and publishes it: it is in the papers with
both submitters, and in the meeting book the worker makes. After the deadline Enschede's
contact person sends a motion of her own: refused at its field without a reason, sent as a
late motion with one, and the intake shows it as late.

The server runs in another thread: the clock is moved with time-machine, which every thread
sees (the meeting of tests/submissions: Thursday 18 March 2027 10:00, motions due Friday
5 March 12:00, Europe/Amsterdam). Every member page passes axe and fits a phone (390 px)."""

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pypdf
import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import formats, translation
from playwright.sync_api import expect

from alv import roles
from alv.models import User
from book import refresh
from members import people
from motions.models import Motion
from submissions.models import Submission
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import PHONE, dutch, fits_the_screen, watch_policy
from tests.second_factor import current_code, device_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PASSWORD = "Moties-voor-de-ALV-2027"

# Tuesday 2 March 2027, 10:00 in Amsterdam: three days before the deadline.
BEFORE_THE_DEADLINE = dt.datetime(2027, 3, 2, 10, 0, tzinfo=AMSTERDAM)
# Monday 8 March 2027, 14:30: the deadline has passed, the meeting is ten days away.
AFTER_THE_DEADLINE = dt.datetime(2027, 3, 8, 14, 30, tzinfo=AMSTERDAM)

TITLE = "Ravijnjaar, twee over twaalf!"
FINDINGS = [
    "gemeenten in 2026 een ravijnjaar tegemoet gaan;",
    "het gemeentefonds vanaf 2026 fors krimpt;",
]
CONSIDERATIONS = ["de tijd dringt;"]
REQUESTS = ["het kabinet aan te spreken op de financiële positie van gemeenten;"]

LATE_TITLE = "Opvang van asielzoekers na de brand in Ter Apel"
LATE_REASON = "Het kabinet besluit op 12 maart over de opvang; dat kan niet wachten."


@pytest.fixture
def browser_context_args(browser_context_args):
    return dutch(browser_context_args)


@pytest.fixture
def clock():
    """The clock of the test and of the live server's threads, ticking from BEFORE_THE_DEADLINE.
    Chromium keeps its own clock, which does no harm: the pages show the server's times, and
    Django's cookies last by Max-Age, not by a date in the server's year."""
    with time_machine.travel(BEFORE_THE_DEADLINE, tick=True) as traveller:
        yield traveller


def member_page_is_fine(page, policy):
    """No serious axe finding, no policy violation, and no sideways scrolling on a phone."""
    assert policy() == []  # read before axe, which adds a style of its own
    assert serious_violations(page) == []
    assert fits_the_screen(page)


def link_in(message, live_server, path_pattern):
    (path,) = re.findall(r"https?://[^/\s]+(" + path_pattern + r")", message.body)
    return live_server.url + path


def amsterdam_time(moment, pattern):
    with translation.override("nl"):
        return formats.date_format(moment.astimezone(AMSTERDAM), pattern)


def log_in_with_two_factors(page, live_server, user, next_url):
    """The login form, then a code of the user's authenticator app."""
    page.goto(f"{live_server.url}{reverse('login')}?next={next_url}")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill("pw-" + user.username)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vul uw code in")
    page.get_by_label("Code").fill(current_code(device_of(user)))
    page.get_by_role("button", name="Verder").click()
    page.wait_for_url(live_server.url + next_url)


def fill_the_motion(form, title, findings, considerations, requests, item="2 Moties"):
    form.get_by_label("Agendapunt").select_option(label=item)
    form.get_by_label("Titel").fill(title)
    form.get_by_label("Constaterende dat").fill("\n".join(findings))
    form.get_by_label("Overwegende dat").fill("\n".join(considerations))
    form.get_by_label("Verzoeken aan het bestuur").fill("\n".join(requests))


def test_a_motion_from_invitation_to_the_book_and_a_late_motion(
    clock,
    page,
    browser,
    browser_context_args,
    live_server,
    secretariat_user,
    work_off_queue,
    book_storage,
):
    meeting = f.meeting(
        title="ALV maart 2027",
        starts_at=dt.datetime(2027, 3, 18, 10, 0, tzinfo=AMSTERDAM),
        visibility="public",
    )
    f.item(meeting, "Opening")
    f.item(meeting, "Moties")
    haaksbergen, enschede = f.member("Haaksbergen"), f.member("Enschede")
    enschede_contact = User.objects.create_user(
        "ellen@enschede.example",
        email="ellen@enschede.example",
        password=PASSWORD,
        first_name="Ellen",
        last_name="Eshuis",
        member=enschede,
        is_contact=True,
    )
    enschede_contact.groups.add(Group.objects.get(name=roles.MEMBER))
    device_of(secretariat_user)  # the secretariat signs in with an authenticator app

    # 1. The secretariat invites Haaksbergen's clerk; the worker sends the mail with the link.
    people.invite(
        secretariat_user,
        email="greet@haaksbergen.example",
        member=haaksbergen,
        first_name="Greet",
        last_name="Griffioen",
        function=User.Function.CLERK,
        is_contact=True,
        base_url=live_server.url + "/",
    )
    work_off_queue()
    (invitation,) = mail.outbox
    assert invitation.to == ["greet@haaksbergen.example"]

    # She opens it on her phone and chooses a password: she is logged in.
    policy = watch_policy(page)
    page.set_viewport_size(PHONE)
    page.goto(link_in(invitation, live_server, r"/accounts/invitation/\S+/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kies uw wachtwoord")
    page.get_by_label("Nieuw wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Nieuw wachtwoord bevestigen").fill(PASSWORD)
    page.get_by_role("button", name="Bewaar het wachtwoord en log in").click()
    expect(page.get_by_text("Uw wachtwoord is ingesteld en u bent ingelogd.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Haaksbergen — collega’s")

    # 2. From "Mijn gemeente" to the motions, and a new one under item 2.
    expect(page.get_by_role("link", name="Mijn gemeente")).to_be_visible()
    page.get_by_role("link", name="Onze moties", exact=True).click()
    expect(page).to_have_title(re.compile("^Onze moties"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Haaksbergen — moties")
    member_page_is_fine(page, policy)
    page.get_by_role("link", name="Motie opstellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Motie opstellen")
    member_page_is_fine(page, policy)
    typed = page.locator("form", has=page.get_by_role("button", name="Concept opslaan"))
    fill_the_motion(typed, TITLE, FINDINGS, CONSIDERATIONS, REQUESTS)
    typed.get_by_role("button", name="Concept opslaan").click()
    expect(page.locator(".alv-messages")).to_contain_text("Uw concept is opgeslagen.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Motie Haaksbergen “{TITLE}”")
    expect(page.locator(".alv-facts")).to_contain_text("vrijdag 5 maart 2027, 12:00")
    member_page_is_fine(page, policy)
    submission = Submission.objects.get()
    assert submission.state == Submission.State.DRAFT

    # 3. She invites Enschede; the worker tells Enschede's contact person.
    page.get_by_label("Lid", exact=True).fill("Enschede")
    page.get_by_role("button", name="Uitnodigen als mede-indiener").click()
    expect(page.locator(".alv-messages")).to_contain_text(
        "Enschede is uitgenodigd om de motie met u in te dienen."
    )
    submitters = page.get_by_role("region", name="Indieners")
    expect(submitters.get_by_role("listitem").filter(has_text="Enschede")).to_contain_text(
        "nog niet beantwoord"
    )
    member_page_is_fine(page, policy)
    mail.outbox.clear()
    work_off_queue()
    (invited,) = mail.outbox
    assert invited.to == ["ellen@enschede.example"]
    assert invited.subject == f"Haaksbergen nodigt u uit om de motie “{TITLE}” in te dienen"

    # 4. Enschede's contact person, in a browser of her own, follows the link and logs in.
    enschede_browser = browser.new_context(**browser_context_args, viewport=PHONE)
    ellen = enschede_browser.new_page()
    ellen_policy = watch_policy(ellen)
    ellen.goto(link_in(invited, live_server, r"/my-municipality/motions/\d+/"))
    ellen.get_by_label("Gebruikersnaam").fill("ellen@enschede.example")
    ellen.get_by_label("Wachtwoord").fill(PASSWORD)
    ellen.get_by_role("button", name="Inloggen").click()
    expect(ellen.get_by_role("heading", level=1)).to_have_text(f"Motie Haaksbergen “{TITLE}”")
    expect(ellen.get_by_text(REQUESTS[0])).to_be_visible()
    member_page_is_fine(ellen, ellen_policy)
    ellen.get_by_role("button", name="Mee indienen").click()
    expect(ellen.locator(".alv-messages")).to_contain_text("U dient deze motie in met Haaksbergen.")
    member_page_is_fine(ellen, ellen_policy)

    # 5. The clerk sees the answer and submits; the worker mails the receipt to both members.
    page.reload()
    expect(submitters.get_by_role("listitem").filter(has_text="Enschede")).to_contain_text(
        "dient mee in"
    )
    page.get_by_role("button", name="Motie indienen").click()
    expect(page.locator(".alv-messages")).to_contain_text("Uw motie is ingediend.")
    expect(page.locator(".alv-facts")).to_contain_text("ingediend")
    expect(page.get_by_role("button", name="Concept opslaan")).to_have_count(0)
    member_page_is_fine(page, policy)
    submission.refresh_from_db()
    assert submission.state == Submission.State.SUBMITTED and not submission.is_late
    sent_at = amsterdam_time(submission.submitted_at, "l j F Y, H:i:s")
    assert sent_at.startswith("dinsdag 2 maart 2027, 10:")  # Amsterdam's hour, not UTC's 9
    mail.outbox.clear()
    work_off_queue()
    receipts = {message.to[0]: message for message in mail.outbox}
    assert sorted(receipts) == ["ellen@enschede.example", "greet@haaksbergen.example"]
    for receipt in receipts.values():
        assert receipt.subject == f"Ontvangen: motie “{TITLE}”"
        body = receipt.body
        assert f"ontvangen op {sent_at} (Nederlandse tijd)" in body
        assert "Zij is op tijd ingediend." in body
        assert "Haaksbergen, Enschede" in body
        assert f"Motie Haaksbergen “{TITLE}”" in body
        assert "De algemene ledenvergadering van de VNG" in body  # the opening formula
        findings = "constaterende dat:\n" + "".join(f"- {line}\n" for line in FINDINGS)
        considerations = "overwegende dat:\n" + "".join(f"- {line}\n" for line in CONSIDERATIONS)
        requests = "verzoekt het bestuur:\n" + "".join(f"- {line}\n" for line in REQUESTS)
        assert findings + considerations + requests in body
        assert "en gaat over tot de orde van de dag." in body

    # 6. The secretariat signs in with its second factor and takes it in: on time, accepted.
    office = browser.new_context(**browser_context_args)
    staff = office.new_page()
    staff_policy = watch_policy(staff)
    intake_url = reverse("workspace:intake", args=[meeting.pk])
    log_in_with_two_factors(staff, live_server, secretariat_user, intake_url)
    expect(staff.get_by_role("heading", level=1)).to_have_text("Ingediende moties")
    row = staff.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text("op tijd")
    expect(row).to_contain_text("+ Enschede")
    assert staff_policy() == []
    assert serious_violations(staff) == []
    row.get_by_role("link", name=f"Haaksbergen “{TITLE}”").click()
    expect(staff.locator(".alv-facts")).to_contain_text("Haaksbergen, Enschede")
    assert staff_policy() == []
    assert serious_violations(staff) == []
    staff.get_by_role("button", name="Accepteren").click()
    # To the motion in the papers, a draft under item 2 (the message is the app's to word).
    staff.wait_for_url(re.compile(r"/workspace/proposals/\d+/$"))
    expect(staff.locator(".alv-messages")).to_be_visible()
    expect(staff.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(staff.locator("#proposal-editor .alv-badge--draft")).to_be_visible()
    motion = Motion.objects.get()
    assert motion.is_draft and motion.submitter_names == ["Haaksbergen", "Enschede"]

    # A draft motion of the papers: the clerk reads "accepted", but it is not in the papers yet.
    page.goto(live_server.url + reverse("submissions:list"))
    mine = page.get_by_role("article", name=TITLE)
    expect(mine).to_contain_text("geaccepteerd")
    expect(mine.get_by_role("link", name="in de stukken, met preadvies en uitkomst")).to_have_count(
        0
    )

    # The secretariat publishes the motion: no longer a draft.
    staff.get_by_label("Concept", exact=True).uncheck()
    staff.get_by_role("button", name="Opslaan", exact=True).click()
    expect(staff.locator("#proposal-editor .alv-badge--draft")).to_have_count(0)
    expect(staff.get_by_label("Concept", exact=True)).not_to_be_checked()
    motion.refresh_from_db()
    assert not motion.is_draft
    assert staff_policy() == []

    # The clerk finds it in the papers, with both submitters.
    page.reload()
    member_page_is_fine(page, policy)
    mine.get_by_role("link", name="in de stukken, met preadvies en uitkomst").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    facts = page.locator(".alv-facts")
    expect(facts).to_contain_text("Haaksbergen, Enschede")
    expect(facts.get_by_role("link", name="Haaksbergen", exact=True)).to_be_visible()
    expect(facts.get_by_role("link", name="Enschede", exact=True)).to_be_visible()
    expect(page.get_by_text(REQUESTS[0])).to_be_visible()
    member_page_is_fine(page, policy)

    # So does the public (the meeting is public), on the meeting page and the motion's own.
    visitor = browser.new_page(**browser_context_args)
    visitor.goto(live_server.url + reverse("meeting_detail", args=[meeting.pk]))
    # The agenda is an overview: the visitor opens the item that holds the motion.
    visitor.locator(".alv-agenda-item__details", has_text=TITLE).locator("summary").first.click()
    visitor.get_by_role("link", name=re.compile(re.escape(TITLE))).click()
    expect(visitor.locator(".alv-facts")).to_contain_text("Haaksbergen, Enschede")
    expect(visitor.get_by_text(FINDINGS[1])).to_be_visible()
    visitor.close()

    # And in the meeting book, which the worker makes after the change (book/refresh.py).
    page.goto(live_server.url + reverse("meeting_detail", args=[meeting.pk]))
    page.get_by_role("link", name="Download het vergaderboek (pdf)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vergaderboek")
    expect(page.get_by_text("De pdf wordt klaargemaakt")).to_be_visible()
    refresh.refresh(refresh.published_meetings().filter(pk=meeting.pk))  # the sweep, now
    with page.expect_download(timeout=60_000) as download:
        work_off_queue()  # the builds; the page downloads the book once it is made
    with open(download.value.path(), "rb") as pdf:
        reader = pypdf.PdfReader(io.BytesIO(pdf.read()))
    book = re.sub(r"\s+", " ", " ".join(sheet.extract_text() for sheet in reader.pages))
    assert TITLE in book
    assert "Haaksbergen" in book and "Enschede" in book

    # 7. After the deadline Enschede's contact person sends a motion of her own: late.
    clock.move_to(AFTER_THE_DEADLINE)
    ellen.goto(live_server.url + reverse("submissions:list"))
    ellen.get_by_role("link", name="Motie opstellen").click()
    typed = ellen.locator("form", has=ellen.get_by_role("button", name="Concept opslaan"))
    fill_the_motion(
        typed,
        LATE_TITLE,
        ["de opvang in Ter Apel sinds de brand van 6 maart vol is;"],
        ["gemeenten deze week plaatsen moeten vinden;"],
        ["het kabinet te vragen om noodopvang met de gemeenten te regelen;"],
    )
    typed.get_by_role("button", name="Concept opslaan").click()
    expect(ellen.locator(".alv-messages")).to_contain_text("Uw concept is opgeslagen.")
    expect(ellen.get_by_text("De termijn is verstreken.")).to_be_visible()
    member_page_is_fine(ellen, ellen_policy)

    # Without a reason: refused at the field, the motion as it was.
    ellen.get_by_role("button", name="Indienen als nagekomen motie").click()
    reason = ellen.get_by_label("Waarom het niet kan wachten")
    expect(ellen.locator("#id_late_reason_error")).to_contain_text("De termijn is verstreken")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(ellen.get_by_label("Titel")).to_have_value(LATE_TITLE)
    expect(ellen.locator(".alv-facts")).to_contain_text("concept")
    member_page_is_fine(ellen, ellen_policy)
    late = Submission.objects.get(title=LATE_TITLE)
    assert late.state == Submission.State.DRAFT and late.submitted_at is None

    # With one: sent, late.
    reason.fill(LATE_REASON)
    ellen.get_by_role("button", name="Indienen als nagekomen motie").click()
    expect(ellen.locator(".alv-messages")).to_contain_text("Uw motie is ingediend.")
    expect(ellen.locator(".alv-facts")).to_contain_text("ingediend (nagekomen)")
    expect(ellen.locator(".alv-facts")).to_contain_text(LATE_REASON)
    member_page_is_fine(ellen, ellen_policy)
    late.refresh_from_db()
    assert late.state == Submission.State.SUBMITTED and late.is_late
    assert late.late_reason == LATE_REASON
    mail.outbox.clear()
    work_off_queue()
    (late_receipt,) = [m for m in mail.outbox if m.to == ["ellen@enschede.example"]]
    assert amsterdam_time(late.submitted_at, "l j F Y, H:i:s").startswith(
        "maandag 8 maart 2027, 14:"
    )
    assert LATE_REASON in late_receipt.body
    assert ellen_policy() == []
    enschede_browser.close()

    # The intake shows it as late ("nagekomen"), the first one still on time.
    staff.goto(live_server.url + intake_url)
    late_row = staff.get_by_role("row").filter(has_text=LATE_TITLE)
    expect(late_row).to_contain_text("nagekomen")
    expect(late_row).to_contain_text("ingediend")
    expect(staff.get_by_role("row").filter(has_text=TITLE)).to_contain_text("op tijd")
    assert serious_violations(staff) == []
    staff.get_by_role("navigation", name="Toon").get_by_role("link", name="Nagekomen").click()
    expect(staff.get_by_role("row").filter(has_text=LATE_TITLE)).to_be_visible()
    expect(staff.get_by_role("row").filter(has_text=TITLE)).to_have_count(0)
    staff.get_by_role("row").filter(has_text=LATE_TITLE).get_by_role("link").click()
    expect(staff.locator(".alv-facts")).to_contain_text(LATE_REASON)
    assert staff_policy() == []
    assert serious_violations(staff) == []
    office.close()
    assert policy() == []
