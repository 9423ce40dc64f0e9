"""Formatted text in the book (issue 23): agenda texts, explanations, pre-advice rationales and
follow-up reports may carry the little HTML `alv.formatting` allows (bold, italics, lists,
links). The assembly carries each as the sanitized HTML the pages show (`RichText`); the PDF
prints that HTML, Word writes runs, list paragraphs and hyperlinks. No renderer prints a tag
as text, and plain text keeps its paragraphs and line breaks."""

import io
import re

import docx
import pypdf
import pytest
from django.db import transaction
from docx.oxml.ns import qn
from weasyprint.formatting_structure import boxes

from agenda.outcomes import Status
from alv import formatting
from book import assembly, pdf
from book import docx as word
from motions import votes
from tests import factories as f
from tests.book import libreoffice

pytestmark = pytest.mark.django_db

ITEM_TEXT = (
    "Het bestuur stelt <strong>twee</strong> dingen voor:\n\n"
    '<ol start="1"><li>de <em>contributie</em> blijft gelijk;</li><li>de reserve groeit.</li></ol>'
    '\n\nZie <a href="https://www.vng.nl/begroting?jaar=2027&amp;versie=2">de begroting</a>.'
)
EXPLANATION = "<ul><li>Eerste punt</li><li>Tweede <b>vette</b> punt</li></ul>"
RATIONALE = (
    "Het bestuur <em>ontraadt</em> de motie.<script>alert(1)</script>\n"
    "Een tweede regel.\n\n<ol><li>Een</li><li>Twee</li></ol>"
)
REPORT = 'Uitgevoerd, zie <a href="mailto:secretariaat@vng.nl">het secretariaat</a>.'
PLAIN = "Eerste alinea, regel een.\nRegel twee.\n\nTweede alinea."
TAG = re.compile(r"</?(strong|em|b|i|u|ul|ol|li|a|p|br|script)\b", re.IGNORECASE)


def make_meeting():
    meeting = f.meeting(title="ALV met opmaak")
    item = f.item(meeting, "Begroting", text=ITEM_TEXT)
    resolution = f.resolution(item, "Begroting 2027", clauses=("Vast te stellen.",))
    version = resolution.current_version
    version.explanation = EXPLANATION
    version.save()
    motion = f.motion(item, "Motie over de reserve", explanation=PLAIN)
    f.pre_advice(motion, "ontraden", rationale=RATIONALE)
    follow_up_item = f.item(meeting, "Verantwoording", is_follow_up=True)
    old = f.motion(f.item(f.meeting(days=-300)), "Oude motie")
    votes.record_outcome(old, Status.ADOPTED, by_acclamation=True)
    f.follow_up(follow_up_item, old, report=REPORT)
    return meeting


@pytest.fixture(scope="module")
def formatted(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        book = assembly.build(make_meeting(), assembly.MEMBER)
        html = pdf.render_html(book)
        document = pdf.layout(html)
        data = document.write_pdf(**pdf.PDF_OPTIONS)
        docx_data, _ = word.render_docx(book)
        transaction.set_rollback(True)
    return book, html, document, pypdf.PdfReader(io.BytesIO(data)), docx_data


def sections(book):
    return {section.title: section for section in book.items}


# --- The assembly ---------------------------------------------------------------------------


def test_the_assembly_carries_the_html_the_pages_show(formatted):
    book = formatted[0]
    item = sections(book)["Begroting"]
    assert item.text.html == str(formatting.rich_text(ITEM_TEXT))
    assert item.resolutions[0].explanation.html == str(formatting.rich_text(EXPLANATION))
    motion = item.proposals[0]
    assert motion.explanation.html == str(formatting.rich_text(PLAIN))
    assert motion.pre_advice.rationale.html == str(formatting.rich_text(RATIONALE))
    assert "<script" not in motion.pre_advice.rationale.html
    report = sections(book)["Verantwoording"].follow_ups[0].report
    assert report.html == str(formatting.rich_text(REPORT))


def test_an_empty_text_is_empty():
    assert not assembly.formatted("")
    assert not assembly.formatted("  \n\n ")
    assert not assembly.formatted(None)
    assert assembly.formatted("x")


def test_the_content_hash_changes_with_the_formatting_alone():
    meeting = f.meeting()
    item = f.item(meeting, "Begroting", text="Twee dingen.")
    before = assembly.build(meeting, assembly.MEMBER).content_hash()
    item.text = "<strong>Twee</strong> dingen."
    item.save()
    assert assembly.build(meeting, assembly.MEMBER).content_hash() != before


# --- The PDF --------------------------------------------------------------------------------


def pdf_text(reader):
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_the_pdf_prints_the_sanitized_html_not_its_tags(formatted):
    book, html, _document, reader, _docx = formatted
    item = sections(book)["Begroting"]
    for text in (item.text, item.resolutions[0].explanation, item.proposals[0].explanation):
        assert text.html in html
    assert "&lt;strong&gt;" not in html and "&lt;li&gt;" not in html
    text = pdf_text(reader)
    assert not TAG.search(text), TAG.search(text)
    for words in ("twee dingen voor", "de contributie blijft gelijk", "Tweede vette punt",
                  "Het bestuur ontraadt de motie.", "het secretariaat"):  # fmt: skip
        assert words in text
    assert "alert(1)" not in text


def test_the_pdf_sets_bold_italics_lists_and_links(formatted):
    _book, _html, document, reader, _docx = formatted
    styles = {}
    for page in document.pages:
        for box in descendants(page._page_box):
            if isinstance(box, boxes.TextBox):
                styles.setdefault(box.text.strip(), box.style)
    assert styles["twee"]["font_weight"] == 700
    assert styles["vette"]["font_weight"] == 700
    assert styles["contributie"]["font_style"] == "italic"
    # The lists are lists: markers drawn by the layout, and L/LI in the tagged structure.
    assert "1." in styles and "2." in styles
    kinds = structure_kinds(reader)
    assert {"/L", "/LI", "/LBody", "/Link"} <= kinds
    uris = {
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    }
    assert "https://www.vng.nl/begroting?jaar=2027&versie=2" in uris
    assert "mailto:secretariaat@vng.nl" in uris


def descendants(box):
    yield box
    for child in getattr(box, "children", []):
        yield from descendants(child)


def structure_kinds(reader):
    kinds, todo = set(), [reader.trailer["/Root"]["/StructTreeRoot"]]
    while todo:
        node = todo.pop().get_object()
        if not hasattr(node, "get"):
            continue
        if "/S" in node:
            kinds.add(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            kids = kids.get_object()
            todo.extend(kids if isinstance(kids, list) else [kids])
    return kinds


def test_plain_text_keeps_its_paragraphs_and_line_breaks_in_the_pdf(formatted):
    html = formatted[1]
    assert "<p>Eerste alinea, regel een.<br>Regel twee.</p>\n<p>Tweede alinea.</p>" in html


# --- Word -----------------------------------------------------------------------------------


def paragraphs_after(document, text, count):
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith(text))
    return paragraphs[start : start + count]


def test_word_writes_bold_and_italic_runs_and_no_tags(formatted):
    document = docx.Document(io.BytesIO(formatted[4]))
    text = "\n".join(p.text for p in document.paragraphs)
    assert not TAG.search(text), TAG.search(text)
    assert "alert(1)" not in text
    runs = [run for p in document.paragraphs for run in p.runs]
    assert any(run.text == "twee" and run.bold for run in runs)
    assert any(run.text == "vette" and run.bold for run in runs)
    assert any(run.text == "contributie" and run.italic for run in runs)
    assert any(run.text == "ontraadt" and run.italic for run in runs)
    assert not any(run.text.startswith("Het bestuur stelt") and run.bold for run in runs)


def test_word_writes_lists_in_the_templates_list_styles_each_numbered_from_its_start(formatted):
    document = docx.Document(io.BytesIO(formatted[4]))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("List Number", "de contributie blijft gelijk;") in styles
    assert ("List Number", "de reserve groeit.") in styles
    assert ("List Bullet", "Eerste punt") in styles
    assert ("List Bullet", "Tweede vette punt") in styles
    assert ("List Number", "Een") in styles and ("List Number", "Twee") in styles
    # Two numbered lists: each has a numbering of its own that starts at 1, so the second
    # does not go on at 3.
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert num_ids[0] == num_ids[1] != num_ids[2] == num_ids[3]
    numbering = document.part.numbering_part.element
    for num_id in {num_ids[0], num_ids[2]}:
        num = numbering.num_having_numId(num_id)
        (start,) = num.findall(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        assert start.get(qn("w:val")) == "1"


def test_word_writes_links_as_hyperlinks(formatted):
    document = docx.Document(io.BytesIO(formatted[4]))
    links = {
        link.text: link.url for paragraph in document.paragraphs for link in paragraph.hyperlinks
    }
    assert links["de begroting"] == "https://www.vng.nl/begroting?jaar=2027&versie=2"
    assert links["het secretariaat"] == "mailto:secretariaat@vng.nl"
    (paragraph,) = [p for p in document.paragraphs if p.text.startswith("Zie de begroting")]
    assert paragraph.text == "Zie de begroting."
    (link,) = paragraph.hyperlinks
    assert link.runs[0].style.name == "Hyperlink"


def test_word_keeps_plain_texts_paragraphs_and_line_breaks(formatted):
    document = docx.Document(io.BytesIO(formatted[4]))
    first, second = paragraphs_after(document, "Eerste alinea", 2)
    assert first.text == "Eerste alinea, regel een.\nRegel twee."  # a line break, one paragraph
    assert first._p.findall(f".//{qn('w:br')}")
    assert second.text == "Tweede alinea."


def test_word_keeps_a_rationale_in_the_pre_advice_style_with_its_line_break(formatted):
    document = docx.Document(io.BytesIO(formatted[4]))
    (rationale,) = paragraphs_after(document, "Het bestuur ontraadt", 1)
    assert rationale.style.name == "ALV Pre-advice"
    assert rationale.text == "Het bestuur ontraadt de motie.\nEen tweede regel."


def test_the_pre_advice_overview_formats_the_rationale_in_its_cell(formatted):
    book = formatted[0]
    document = docx.Document(io.BytesIO(word.render_pre_advice_overview(book)))
    (table,) = document.tables
    cell = next(row.cells[4] for row in table.rows if row.cells[0].text == "1.1")
    texts = [p.text for p in cell.paragraphs]
    assert texts == ["Het bestuur ontraadt de motie.\nEen tweede regel.", "Een", "Twee"]
    assert [p.style.name for p in cell.paragraphs][1:] == ["List Number", "List Number"]


def written(html, remove_styles=()):
    document = word.new_document()
    for name in remove_styles:
        document.styles.element.remove(document.styles[name].element)
    word._rich(document, assembly.formatted(html))
    return [
        (p.style.name, p.text) for p in document.paragraphs if p.text or p.style.name != "Normal"
    ]


def test_word_follows_the_shape_of_the_html():
    # A paragraph inside a list item, a nested list, a break that ends a paragraph and the
    # empty paragraph the sanitizer leaves after a list: no empty or stray paragraphs.
    assert written("Intro\n<ul><li><p>Een</p></li><li>Twee<ul><li>Twee a</li></ul></li></ul>") == [
        ("Normal", "Intro"),
        ("List Bullet", "Een"),
        ("List Bullet", "Twee"),
        ("List Bullet 2", "Twee a"),
    ]
    assert written("x < 5 &amp; y") == [("Normal", "x < 5 & y")]


def test_word_writes_the_marks_itself_when_a_template_has_no_list_styles():
    html = '<ol start="4"><li>vier</li><li>vijf</li></ol><ul><li>punt</li></ul>'
    assert written(html, remove_styles=("List Number", "List Bullet")) == [
        ("Normal", "4.\tvier"),
        ("Normal", "5.\tvijf"),
        ("Normal", "•\tpunt"),
    ]


def test_libreoffice_numbers_each_list_from_its_start_and_shows_the_bullets(formatted, tmp_path):
    text = libreoffice.as_text(formatted[4], tmp_path, "opmaak")
    lines = [line.strip() for line in text.splitlines()]
    assert "1. de contributie blijft gelijk;" in lines and "2. de reserve groeit." in lines
    assert "• Eerste punt" in lines and "• Tweede vette punt" in lines
    # The rationale's list is a list of its own: 1 and 2 again, not 3 and 4.
    assert "1. Een" in lines and "2. Twee" in lines
