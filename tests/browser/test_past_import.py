"""The secretariat enters a meeting held years ago from lists (issue 23): pastes the agenda and
the motions, sees a problem at its line in the preview, corrects it, saves, and finds the
meeting with its items and motions."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from agenda.outcomes import Status
from motions.models import Motion
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import PHONE, fits_the_screen, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AGENDA = "1 Opening\n2 Financiën\n2a Begroting 2020\n2b Jaarrekening 2018\n3 Sluiting\n"
MOTIONS = (
    "nummer;agendapunt;titel;indieners;preadvies;uitkomst;voor;tegen;onthouding\n"
    "2a.1;2a;Ravijnjaar, twee over twaalf!;Haaksbergen;intrekken;ingetrokken;;;\n"
    "2b.1;2b;Landelijke tarieven;Atlantis;overnemen;aangenomen;91,80;6,20;2,00\n"
)


def test_the_secretariat_enters_a_past_meeting_from_lists(page, live_server, secretariat_user):
    starts_at = timezone.make_aware(dt.datetime(2019, 6, 5, 10, 0))
    meeting = f.meeting(published=False, starts_at=starts_at, title="ALV juni 2019")
    f.member("Haaksbergen")
    f.member("Deventer")
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("workspace:agenda", args=[meeting.pk]))
    page.get_by_role("link", name="Enter its agenda and motions from lists").click()

    page.get_by_label("Agenda", exact=True).fill(AGENDA)
    page.get_by_label("Motions (CSV)").fill(MOTIONS)
    page.get_by_role("button", name="Preview").click()
    problems = page.locator("#past-import-problems")
    expect(problems).to_contain_text("Line 3: “Atlantis” is not a member.")
    expect(page.get_by_role("button", name="Save")).to_have_count(0)
    # What was pasted stays, to correct in place.
    expect(page.get_by_label("Motions (CSV)")).to_have_value(MOTIONS)
    assert serious_violations(page) == []
    assert not meeting.items.exists()

    page.get_by_label("Motions (CSV)").fill(MOTIONS.replace("Atlantis", "Deventer"))
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#past-import-preview")
    expect(preview).to_contain_text("2b Jaarrekening 2018")
    motions = page.get_by_role("table", name="2 motions")
    expect(motions).to_contain_text("Deventer")
    expect(motions).to_contain_text("adopted with 91.80% for, 6.20% against and 2.00% abstaining")
    expect(page.locator("#past-import-problems")).to_have_count(0)
    assert serious_violations(page) == []
    page.set_viewport_size(PHONE)
    assert fits_the_screen(page)
    assert not meeting.items.exists()

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The meeting is entered: 3 items, 2 sub-items")).to_be_visible()
    expect(page.locator("#agenda")).to_contain_text("Jaarrekening 2018")
    expect(page.locator("#agenda")).to_contain_text("Landelijke tarieven")
    assert serious_violations(page) == []
    adopted = Motion.objects.get(title="Landelijke tarieven")
    assert (adopted.number, adopted.status) == ("2b.1", Status.ADOPTED)
    assert adopted.submitter_names == ["Deventer"]
