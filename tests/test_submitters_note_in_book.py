"""The submitters' note ("e.a.", "c.s.") in the meeting book (issue 23): the book's "Ingediend
door" line and its overview table of motions and amendments, in PDF and Word, and the Word
overview of the pre-advice print who submitted a motion as its page does, note included
(book.assembly.submitted_by)."""

import io

import docx
import pypdf
import pytest
from django.utils.translation import gettext

from book import assembly, pdf
from book import docx as word
from tests import factories as f
from tests.test_outcome_reading import normalized, text_of_html

pytestmark = pytest.mark.django_db

NOTE = "e.a."


@pytest.fixture
def papers():
    """A published meeting: a motion of two members with a note, one without a note, and
    under the follow-up item a motion of an earlier meeting with a note."""
    earlier = f.meeting(days=-200, title="Eerdere ALV")
    old = f.motion(
        f.item(earlier, "Financiën"),
        "Eerder",
        submitters=[f.member("Goirle")],
        submitters_note="c.s.",
    )
    meeting = f.meeting(title="Najaars-ALV")
    item = f.item(meeting, "Zorg")
    with_note = f.motion(
        item,
        "Samen",
        submitters=[f.member("Ede"), f.member("Epe")],
        submitters_note=NOTE,
        advice="overnemen",
    )
    without = f.motion(item, "Alleen", submitters=[f.member("Oss")], advice="ontraden")
    follow_up_item = f.item(meeting, "Verantwoording", is_follow_up=True)
    f.follow_up(follow_up_item, old)
    return meeting, with_note, without, old


def test_one_helper_names_the_submitters_with_their_note(papers):
    _, with_note, without, old = papers
    assert assembly.submitted_by(with_note) == "Ede, Epe e.a."
    assert assembly.submitted_by(without) == "Oss"
    assert assembly.submitted_by(old) == "Goirle c.s."


def test_the_book_names_the_submitters_as_the_motion_page_does(client, papers):
    meeting, with_note, without, _ = papers
    book = assembly.build(meeting, assembly.MEMBER)
    blocks = {block.title: block for block in book.proposals}
    rows = {row.title: row for row in book.appendix}
    for motion in (with_note, without):
        # The page links each member: "Ede</a>, <a ...>Epe</a> e.a." reads "Ede, Epe e.a.".
        page = text_of_html(client.get(motion.get_absolute_url()).content).replace(" ,", ",")
        shown = assembly.submitted_by(motion)
        assert shown.lower() in page
        assert blocks[motion.title].submitted_by == shown
        assert rows[motion.title].submitted_by == shown
    follow_up = book.items[-1].follow_ups[0]
    assert follow_up.submitted_by == "Goirle c.s."


def test_the_pdf_prints_the_note_under_the_motion_and_in_the_overview(papers):
    meeting, _, _, _ = papers
    data, _ = pdf.render_pdf(assembly.build(meeting, assembly.MEMBER))
    text = normalized("\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages))
    submitted_by = gettext("Submitted by").lower()
    assert f"{submitted_by}: ede, epe e.a." in text
    assert f"{submitted_by}: goirle c.s." in text
    # Once under the motion, once in the overview table (the headings name it "Ede en Epe").
    assert text.count("ede, epe e.a.") == 2


def test_the_word_file_prints_the_note_under_the_motion_and_in_the_overview(papers):
    meeting, _, _, _ = papers
    data, _ = word.render_docx(assembly.build(meeting, assembly.MEMBER))
    document = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    submitted_by = gettext("Submitted by")
    assert f"{submitted_by}: Ede, Epe e.a." in paragraphs
    assert any(p.startswith(f"{submitted_by}: Goirle c.s. · ") for p in paragraphs)
    overview = document.tables[-1]
    cells = [cell.text for row in overview.rows for cell in row.cells]
    assert "Ede, Epe e.a." in cells
    assert "Oss" in cells


def test_the_word_overview_of_the_pre_advice_prints_the_note(papers):
    meeting, _, _, _ = papers
    data = word.render_pre_advice_overview(assembly.build(meeting, assembly.MEMBER))
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Ede, Epe e.a." in cells
