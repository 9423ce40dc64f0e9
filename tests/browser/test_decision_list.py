"""The decision list page's download buttons in Chromium: a member clicks PDF and Word on a
published decision list, has each made by the worker and downloads it; axe checks the pages."""

import io

import docx
import pypdf
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from tests.book.test_decision_list import make_decided_meeting, publish
from tests.browser.test_smoke import serious_violations
from tests.conftest import make_worker

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL"}


@pytest.fixture(autouse=True)
def book_storage(settings, tmp_path):
    settings.BOOK_STORAGE = tmp_path / "books"


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def test_a_member_downloads_the_published_decision_list_as_pdf_and_word(
    page, live_server, member_user
):
    meeting = make_decided_meeting()
    publish(meeting)
    log_in(page, live_server, member_user)
    decisions_page = live_server.url + reverse("live:decisions", args=[meeting.pk])
    page.goto(decisions_page)
    downloads = page.get_by_role("region", name="De besluitenlijst downloaden")
    assert serious_violations(page) == []

    downloads.get_by_role("link", name="Besluitenlijst als pdf").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Besluitenlijst als pdf")
    assert serious_violations(page) == []
    page.get_by_role("button", name="De besluitenlijst maken").click()
    expect(page.get_by_role("progressbar")).to_be_visible()
    make_worker().run()
    link = page.get_by_role("link", name="Download de besluitenlijst (pdf)")
    expect(link).to_be_visible(timeout=15_000)
    assert serious_violations(page) == []
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith("-besluitenlijst.pdf")
    with open(download.value.path(), "rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Besluitenlijst Decemberledenvergadering" in text and "92,16%" in text

    page.goto(decisions_page)
    downloads.get_by_role("link", name="Besluitenlijst als Word-bestand").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Besluitenlijst als Word-bestand")
    page.get_by_role("button", name="De besluitenlijst maken").click()
    expect(page.get_by_role("progressbar")).to_be_visible()
    make_worker().run()
    link = page.get_by_role("link", name="Download de besluitenlijst (Word)")
    expect(link).to_be_visible(timeout=15_000)
    assert serious_violations(page) == []
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith("-besluitenlijst.docx")
    document = docx.Document(download.value.path())
    assert document.paragraphs[1].text == "Besluitenlijst Decemberledenvergadering"
    assert document.paragraphs[1].style.name == "Title"


def test_the_secretariat_gets_the_concept_before_publication(page, live_server, secretariat_user):
    meeting = make_decided_meeting()
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("live:decisions", args=[meeting.pk]))
    downloads = page.get_by_role("region", name="De besluitenlijst downloaden")
    expect(downloads).to_contain_text("Concept, niet gepubliceerd")
    expect(downloads.get_by_role("link")).to_have_count(2)
    assert serious_violations(page) == []
    downloads.get_by_role(
        "link", name="Besluitenlijst, editie van het secretariaat, als pdf"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Besluitenlijst als pdf")
