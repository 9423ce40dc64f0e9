"""The decision list page's download buttons in Chromium: a member clicks PDF and Word on a
published decision list and downloads each as soon as the worker has made it (publishing
queued them); axe checks the pages."""

import io

import docx
import pypdf
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from book import refresh
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
    refresh.refresh_now(meeting)  # as publishing it does: its files are queued at once
    log_in(page, live_server, member_user)
    decisions_page = live_server.url + reverse("live:decisions", args=[meeting.pk])
    page.goto(decisions_page)
    downloads = page.get_by_role("region", name="De besluitenlijst downloaden")
    assert serious_violations(page) == []

    downloads.get_by_role("link", name="Besluitenlijst als pdf").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Besluitenlijst als pdf")
    expect(page.get_by_text("De pdf wordt klaargemaakt")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("button")).to_have_count(0)
    assert serious_violations(page) == []
    # The page downloads the list as soon as the worker has made it.
    with page.expect_download(timeout=30_000) as download:
        make_worker().run()
    assert download.value.suggested_filename.endswith("-besluitenlijst.pdf")
    with open(download.value.path(), "rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Besluitenlijst Decemberledenvergadering" in text and "92,16%" in text

    # The Word file was made with it: the link gives the file straight away.
    page.goto(decisions_page)
    with page.expect_download() as download:
        downloads.get_by_role("link", name="Besluitenlijst als Word-bestand").click()
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
