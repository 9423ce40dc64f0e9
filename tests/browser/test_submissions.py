"""A member's griffier drafts a motion online, invites Enschede, whose clerk accepts in another
browser; the griffier submits it and the secretariat accepts it into the papers as a draft.
A late motion asks why at its field. Every page passes axe, and the member's pages fit a
phone (390 px) without sideways scrolling."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from alv import roles
from motions.models import Motion
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


def test_a_motion_goes_from_draft_to_the_papers_with_a_co_submitter(
    page, browser, browser_context_args, live_server, secretariat_user
):
    meeting = f.meeting(title="ALV december", days=40)
    f.item(meeting, "Opening")
    f.item(meeting, "Moties")
    haaksbergen, enschede = f.member("Haaksbergen"), f.member("Enschede")
    griffier = make_user("griffier", roles.MEMBER, member=haaksbergen)
    clerk = make_user("enschede", roles.MEMBER, member=enschede)
    policy = watch_policy(page)
    page.set_viewport_size(PHONE)
    log_in(page, live_server, griffier)
    page.goto(live_server.url + reverse("home"))
    page.get_by_role("link", name="Onze moties", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Haaksbergen")
    assert serious_violations(page) + policy() == [] and fits_the_screen(page)

    page.get_by_role("link", name="Motie opstellen").click()
    page.locator("#id_agenda_item").select_option(label="2 Moties")
    page.get_by_label("Titel").fill("Ravijnjaar, twee over twaalf!")
    page.get_by_label("Constaterende dat").fill("gemeenten in 2026 een ravijnjaar tegemoet gaan;")
    page.get_by_label("Overwegende dat").fill("de tijd dringt;")
    page.get_by_label("Verzoeken aan het bestuur").fill("")
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.locator("#id_requests_error")).to_have_text(
        "Geef ten minste één verzoek aan het bestuur."
    )
    expect(page.get_by_label("Titel")).to_have_value("Ravijnjaar, twee over twaalf!")
    assert serious_violations(page) + policy() == [] and fits_the_screen(page)
    page.get_by_label("Verzoeken aan het bestuur").fill("het kabinet aan te spreken,")
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.locator(".alv-messages")).to_contain_text("concept is opgeslagen")
    page.get_by_label("Lid", exact=True).fill("Enschede")
    page.get_by_role("button", name="Uitnodigen als mede-indiener").click()
    expect(page.get_by_role("listitem").filter(has_text="Enschede")).to_contain_text(
        "nog niet beantwoord"
    )
    expect(page.get_by_text("De algemene ledenvergadering van de VNG")).to_be_visible()
    assert serious_violations(page) + policy() == [] and fits_the_screen(page)

    # Enschede's clerk, in a browser of their own, reads it and submits it too.
    other = browser.new_context(**browser_context_args, viewport=PHONE)
    clerk_page = other.new_page()
    log_in(clerk_page, live_server, clerk)
    clerk_page.goto(live_server.url + reverse("submissions:list"))
    clerk_page.get_by_role("link", name="Ravijnjaar, twee over twaalf!").click()
    clerk_page.get_by_role("button", name="Mee indienen").click()
    expect(clerk_page.locator(".alv-messages")).to_contain_text("U dient deze motie in")
    assert serious_violations(clerk_page) == [] and fits_the_screen(clerk_page)
    other.close()

    page.reload()
    expect(page.get_by_role("listitem").filter(has_text="Enschede")).to_contain_text("dient mee in")
    page.get_by_role("button", name="Motie indienen").click()
    expect(page.locator(".alv-messages")).to_contain_text("Uw motie is ingediend")
    expect(page.locator(".alv-facts")).to_contain_text("ingediend")
    expect(page.get_by_role("button", name="Concept opslaan")).to_have_count(0)

    # The secretariat takes it in.
    staff = browser.new_context(**browser_context_args)
    staff_page = staff.new_page()
    log_in(staff_page, live_server, secretariat_user)
    staff_page.goto(live_server.url + reverse("workspace:dashboard", args=[meeting.pk]))
    staff_page.get_by_role("link", name="Ingediende moties").click()
    row = staff_page.get_by_role("row").filter(has_text="Ravijnjaar")
    expect(row).to_contain_text("op tijd")
    assert serious_violations(staff_page) == []
    row.get_by_role("link").click()
    assert serious_violations(staff_page) == []
    staff_page.get_by_role("button", name="Accepteren").click()
    expect(staff_page.locator(".alv-messages")).to_contain_text("Geaccepteerd")
    staff.close()
    motion = Motion.objects.get()
    assert motion.is_draft and motion.submitter_names == ["Haaksbergen", "Enschede"]
    page.reload()
    expect(page.locator(".alv-facts")).to_contain_text("geaccepteerd")
    assert policy() == []


def test_a_word_file_becomes_a_draft_and_a_bad_file_is_refused_at_its_field(
    page, live_server, tmp_path
):
    from tests.test_word_import import fill_template

    meeting = f.meeting(title="ALV december", days=40)
    f.item(meeting, "Moties")
    griffier = make_user("griffier", roles.MEMBER, member=f.member("Haaksbergen"))
    page.set_viewport_size(PHONE)
    log_in(page, live_server, griffier)
    page.goto(live_server.url + reverse("submissions:new"))
    word = page.locator("form").filter(has=page.locator("#id_word-file"))
    word.get_by_label("Agendapunt").select_option(label="1 Moties")
    bad = tmp_path / "motie.docx"
    bad.write_bytes(b"%PDF-1.7 geen Word-bestand")
    word.get_by_label("Word-bestand (.docx)").set_input_files(bad)
    word.get_by_role("button", name="Maak een concept van het bestand").click()
    expect(page.locator("#id_word-file_error")).to_be_visible()
    assert serious_violations(page) == [] and fits_the_screen(page)
    good = tmp_path / "ravijnjaar.docx"
    good.write_bytes(
        fill_template(
            {
                "[titel van de motie]": "Ravijnjaar",
                "[Wat de vergadering het bestuur vraagt": "het kabinet aan te spreken;",
            }
        )
    )
    word = page.locator("form").filter(has=page.locator("#id_word-file"))
    word.get_by_label("Agendapunt").select_option(label="1 Moties")
    word.get_by_label("Word-bestand (.docx)").set_input_files(good)
    word.get_by_role("button", name="Maak een concept van het bestand").click()
    expect(page.locator(".alv-messages")).to_contain_text("Uw Word-bestand is nu een concept")
    expect(page.get_by_label("Verzoeken aan het bestuur")).to_have_value(
        "het kabinet aan te spreken;"
    )


def test_a_late_motion_is_sent_with_the_reason_it_cannot_wait(page, live_server):
    # The meeting is in three days: the deadline (nine working days before) has passed.
    meeting = f.meeting(
        title="ALV over drie dagen", starts_at=timezone.now() + dt.timedelta(days=3)
    )
    item = f.item(meeting, "Moties")
    haaksbergen = f.member("Haaksbergen")
    griffier = make_user("griffier", roles.MEMBER, member=haaksbergen)
    submission = Submission.objects.create(
        meeting=meeting, agenda_item=item, member=haaksbergen, title="Asielopvang", requests="x,"
    )
    page.set_viewport_size(PHONE)
    log_in(page, live_server, griffier)
    page.goto(live_server.url + submission.get_absolute_url())
    page.get_by_role("button", name="Indienen als nagekomen motie").click()
    expect(page.locator("#id_late_reason_error")).to_be_visible()
    assert serious_violations(page) == [] and fits_the_screen(page)
    page.get_by_label("Waarom het niet kan wachten").fill("Het kabinet besluit deze week.")
    page.get_by_role("button", name="Indienen als nagekomen motie").click()
    expect(page.locator(".alv-messages")).to_contain_text("Uw motie is ingediend")
    expect(page.locator(".alv-facts")).to_contain_text("Het kabinet besluit deze week.")
    submission.refresh_from_db()
    assert submission.is_late and submission.state == Submission.State.SUBMITTED
