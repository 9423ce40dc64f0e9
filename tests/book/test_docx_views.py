"""The Word book and the pre-advice overview through the site: download buttons on the book
page, builds per format, the stored member .docx read as text by the permission matrix's
unpublished-content check, and the overview for the secretariat and the board only."""

import io

import docx
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from book import assembly, builds
from book.models import BookBuild
from book.views import file_url
from tests import factories as f
from tests import urlmatrix
from tests.samples import build_samples

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def meeting():
    item = f.item(f.meeting(title="Najaars-ALV"), "Financiën")
    f.motion(item, "Geld voor gemeenten", advice="overnemen")
    f.motion(item, "Nog in concept", is_draft=True)
    return item.meeting


def ready_docx(meeting, edition, work_off_queue):
    builds.request(meeting, edition, fmt="docx")
    work_off_queue()
    return builds.state(meeting, edition, fmt="docx").ready


def text_of(data):
    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def test_the_book_page_offers_word_next_to_pdf_for_both_editions(client, meeting, secretariat_user):
    client.force_login(secretariat_user)
    html = client.get(reverse("book:page", args=[meeting.pk])).content.decode()
    assert html.count("Word (.docx)") == 2 and html.count('-pdf">Pdf</h3>') == 2
    assert html.count("?format=docx") >= 2  # each edition's Word build form
    assert reverse("book:pre_advice_overview", args=[meeting.pk]) in html


def test_a_member_downloads_the_word_book_once_built(client, meeting, member_user, work_off_queue):
    builds.request(meeting, "member", fmt="docx")
    work_off_queue()
    client.force_login(member_user)
    build = BookBuild.objects.get(format="docx")
    assert build.is_ready and build.content_hash.endswith("-docx")
    response = client.get(reverse("book:get", args=[meeting.pk, "member"]) + "?format=docx")
    assert response.status_code == 302 and response["Location"] == file_url(build)
    download = client.get(response["Location"])
    assert download["Content-Type"] == DOCX
    assert download["Content-Disposition"].endswith('.docx"')
    text = text_of(b"".join(download.streaming_content))
    assert "Geld voor gemeenten" in text and "Nog in concept" not in text
    # The PDF is a book of its own: not built by asking for the Word file.
    assert not builds.state(meeting, "member").ready


def test_an_unchanged_meeting_keeps_its_word_book(meeting, work_off_queue):
    first = ready_docx(meeting, "member", work_off_queue)
    assert builds.state(meeting, "member", fmt="docx").is_current
    assert builds.request(meeting, "member", fmt="docx").ready == first
    assert BookBuild.objects.count() == 1


def test_the_stored_member_docx_holds_no_unpublished_text(work_off_queue):
    samples = build_samples()
    public = samples.resolve("meeting")
    member_build = ready_docx(public, assembly.MEMBER, work_off_queue)
    secretariat_build = ready_docx(public, assembly.SECRETARIAT, work_off_queue)

    def file_case(build):
        return urlmatrix.Case(
            kwargs={
                "build_id": urlmatrix.literal(build.pk),
                "name": urlmatrix.literal(builds.download_name(build)),
            },
            get=urlmatrix.ANYONE,
            post=urlmatrix.ANYONE,
        )

    member_file = {"book:file": file_case(member_build)}
    assert urlmatrix.unpublished_leaks("book:file", member_file, samples) == []
    # The check has teeth: the secretariat's .docx, read the same way, has the drafts.
    url = urlmatrix.url_for("book:file", file_case(secretariat_build), samples)
    response, _ = urlmatrix.fetch("secretariat", "GET", url, samples)
    assert urlmatrix.leaks(urlmatrix.response_text(response), "member")


def test_the_pre_advice_overview_is_for_the_secretariat_and_the_board(
    client, meeting, member_user, board_user
):
    url = reverse("book:pre_advice_overview", args=[meeting.pk])
    client.force_login(member_user)
    assert client.get(url).status_code == 403
    client.force_login(board_user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == (
        f'attachment; filename="najaars-alv-{timezone.localdate(meeting.starts_at):%Y-%m-%d}-preadviezen.docx"'
    )
    document = docx.Document(io.BytesIO(response.content))
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert "Geld voor gemeenten" in " ".join(cells) and "overnemen" in cells
    assert "“Nog in concept”" in " ".join(cells)  # drafts included, marked
    assert "concept, niet gepubliceerd" in cells


def test_export_book_writes_the_word_book(tmp_path, meeting):
    out = tmp_path / "boek.docx"
    call_command(
        "export_book", str(meeting.pk), "--format", "docx", "--edition", "member", "-o", str(out)
    )
    document = docx.Document(str(out))
    assert document.core_properties.title == "Najaars-ALV"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Geld voor gemeenten" in text and "Nog in concept" not in text
    secretariat = tmp_path / "concept.docx"
    call_command(
        "export_book", str(meeting.pk), "--format", "docx", "--edition", "secretariat",
        "-o", str(secretariat),
    )  # fmt: skip
    assert "Nog in concept" in text_of(secretariat.read_bytes())
