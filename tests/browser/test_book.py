import re

import docx
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from book import refresh
from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import PHONE, fits_the_screen
from tests.conftest import make_worker

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    # A Dutch reader: the browser asks for Dutch, as the association's members do.
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


def test_the_secretariat_builds_the_book_sees_progress_and_downloads_it(
    page, live_server, secretariat_user
):
    item = f.item(f.meeting(title="Voorjaars-ALV"), "Financiën")
    f.motion(item, "Geld voor gemeenten", advice="overnemen")
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("book:page", args=[item.meeting.pk]))
    assert serious_violations(page) == []

    edition = page.get_by_role("region", name="Editie van het secretariaat").get_by_role(
        "region", name="Pdf"
    )
    edition.get_by_role("button", name="Het vergaderboek maken").click()
    expect(edition.get_by_role("progressbar", name="Voortgang van het maken")).to_be_visible()
    expect(edition).to_contain_text("Wacht op zijn beurt")
    assert serious_violations(page) == []

    make_worker().run()  # the worker of `make run`, here in the test's process

    link = edition.get_by_role("link", name="Download de editie van het secretariaat (pdf)")
    expect(link).to_be_visible(timeout=15_000)
    expect(edition.get_by_role("progressbar")).to_have_count(0)
    expect(edition).to_contain_text(re.compile(r"\(5 pagina’s, [0-9,]+\sKB\)"))
    with page.expect_download() as download:
        link.click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.value.suggested_filename.startswith("voorjaars-alv-")
    assert serious_violations(page) == []


def test_a_member_follows_the_book_link_of_just_published_papers_and_gets_the_pdf(
    page, live_server
):
    item = f.item(f.meeting(title="Leden-ALV"), "Wonen")
    f.motion(item, "Meer woningen", advice="neutraal")
    refresh.refresh_now(item.meeting)  # as publishing the papers does
    page.goto(live_server.url + reverse("meeting_detail", args=[item.meeting.pk]))
    page.get_by_role("link", name="Download het vergaderboek (pdf)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vergaderboek")
    expect(page.get_by_text("De pdf wordt klaargemaakt")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("button")).to_have_count(0)  # never builds
    assert serious_violations(page) == []
    # The page downloads the book as soon as the worker has made it.
    with page.expect_download(timeout=30_000) as download:
        make_worker().run()
    assert download.value.suggested_filename.startswith("leden-alv-")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_a_motion_page_offers_the_motion_as_pdf_and_word(page, live_server):
    item = f.item(f.meeting(title="Leden-ALV"), "Wonen")
    motion = f.motion(item, "Meer woningen", advice="neutraal")
    refresh.refresh(refresh.published_meetings())
    make_worker().run()
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("motion_detail", args=[motion.pk]))
    assert serious_violations(page) == []
    assert fits_the_screen(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("“Meer woningen” als Word")).click()
    document = docx.Document(download.value.path())
    assert "Meer woningen" in "\n".join(p.text for p in document.paragraphs)


def test_the_secretariat_builds_the_word_book_and_downloads_it(page, live_server, secretariat_user):
    item = f.item(f.meeting(title="Voorjaars-ALV"), "Financiën")
    f.motion(item, "Geld voor gemeenten", advice="overnemen")
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("book:page", args=[item.meeting.pk]))
    word = page.get_by_role("region", name="Ledeneditie").get_by_role("region", name="Word (.docx)")
    word.get_by_role("button", name="Het vergaderboek maken").click()
    expect(word).to_contain_text("Wacht op zijn beurt")
    make_worker().run()
    link = word.get_by_role("link", name="Download het vergaderboek (Word)")
    expect(link).to_be_visible(timeout=15_000)
    assert serious_violations(page) == []
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".docx")
    document = docx.Document(download.value.path())
    assert "Geld voor gemeenten" in "\n".join(p.text for p in document.paragraphs)
