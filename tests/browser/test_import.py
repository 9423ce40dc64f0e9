import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from members.imports import load_municipalities
from motions.models import Motion
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.conftest import make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    # A Dutch secretariat's browser asks for Dutch.
    return {**browser_context_args, "locale": "nl-NL"}


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_the_secretariat_imports_a_word_motion_and_finds_the_draft(page, live_server, tmp_path):
    load_municipalities()
    meeting = f.meeting()
    f.item(meeting, "Opening")
    f.item(meeting, "Asiel")
    document = Document()
    document.add_heading("Synchronisatie termijnen huisvesting statushouders", level=1)
    document.add_paragraph("Indieners: Zoetermeer en Leidschendam-Voorburg")
    document.add_paragraph("verzoekt het bestuur de termijnen gelijk te trekken.")
    path = tmp_path / "motie-zoetermeer.docx"
    document.save(path)

    log_in(page, live_server, make_user("secretaris", "secretariat"))
    page.goto(live_server.url + reverse("motion_import", args=[meeting.pk]))
    assert serious_violations(page) == []
    page.get_by_label("Word-bestanden").set_input_files(str(path))
    page.get_by_role("button", name="Bestanden inlezen").click()
    preview = page.get_by_role("region", name="motie-zoetermeer.docx")
    assert "Zoetermeer, Leidschendam-Voorburg" in preview.inner_text()
    assert serious_violations(page) == []
    preview.get_by_label("Agendapunt").select_option(label="2. Asiel")
    preview.get_by_role("button", name="Conceptmotie aanmaken").click()
    page.get_by_text("Conceptmotie aangemaakt bij agendapunt 2").wait_for()

    motion = Motion.objects.get()
    assert motion.is_draft
    page.goto(live_server.url + reverse("meeting_detail", args=[meeting.pk]))
    card = page.locator("article", has_text="Synchronisatie termijnen huisvesting statushouders")
    # The agenda is an overview: the secretariat opens the item to read its motions.
    page.locator(".alv-agenda-item__details", has=card).locator("summary").first.click()
    assert "concept" in card.inner_text()
