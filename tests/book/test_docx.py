"""The Word book as a reader gets it: read back with python-docx (styles, fields, table, core
properties, every seed motion with its submitters and pre-advice), and converted by LibreOffice
headless, which must open it and find the same text. Each book is rendered once per module
inside a transaction that is rolled back."""

import io
import zipfile
from types import SimpleNamespace

import docx
import pytest
from django.db import transaction
from docx.oxml.ns import qn

from book import assembly
from book import docx as word
from motions.models import Proposal
from papers import demo
from tests import factories as f
from tests.book import libreoffice
from tests.test_seed import normalise, seed_entries

pytestmark = pytest.mark.django_db

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def rendered(book):
    data, pages = word.render_docx(book)
    document = docx.Document(io.BytesIO(data))
    return SimpleNamespace(book=book, data=data, pages=pages, document=document)


def all_text(document):
    """Every paragraph's text, tables included, in one string."""
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return "\n".join(texts)


def part_xml(data, name):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode()


@pytest.fixture(scope="module")
def demo_docx(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        meeting = demo.load()
        result = rendered(assembly.build(meeting, assembly.MEMBER))
        reader = assembly.edition_reader(assembly.MEMBER)
        result.proposals = [
            (p.title, p.submitter_names, p.pre_advice.get_value_display() if _advice(p) else None)
            for p in Proposal.objects.visible_to(reader).filter(meeting=meeting)
        ]
        transaction.set_rollback(True)
    return result


def _advice(proposal):
    try:
        return proposal.pre_advice
    except Exception:
        return None


def test_agenda_items_are_heading_1_and_papers_heading_2_for_the_navigation_pane(demo_docx):
    styles = {}
    for paragraph in demo_docx.document.paragraphs:
        styles.setdefault(paragraph.style.name, []).append(paragraph.text)
    for section in demo_docx.book.items:
        assert f"{section.number}. {section.title}" in styles["Heading 1"]
        for block in section.proposals:
            assert f"{block.number} {block.heading}" in styles["Heading 2"]
        for block in section.resolutions:
            assert block.heading in styles["Heading 2"]
    assert "Overzicht moties en amendementen" in styles["Heading 1"]


def test_it_has_a_toc_field_that_is_filled_when_the_file_opens(demo_docx):
    body = part_xml(demo_docx.data, "word/document.xml")
    assert 'TOC \\o "1-2" \\h' in body
    settings = demo_docx.document.settings.element
    update = settings.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"
    # Schema order: updateFields stands before compat, or Word asks to repair the file.
    names = [child.tag for child in settings]
    assert names.index(f"{W}updateFields") < names.index(f"{W}compat")


def test_the_footer_says_pagina_x_van_y_with_fields(demo_docx):
    footer = demo_docx.document.sections[0].footer._element
    instructions = [field.get(qn("w:instr")) for field in footer.iter(f"{W}fldSimple")]
    assert instructions == ["PAGE", "NUMPAGES"]
    text = "".join(t.text for t in footer.iter(f"{W}t"))
    assert "pagina 1 van 1" in text


def test_the_appendix_table_repeats_its_header_row(demo_docx):
    table = demo_docx.document.tables[-1]
    header = table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
    assert [c.text for c in header.cells][:3] == ["Nr.", "Soort", "Titel"]
    assert len(table.rows) == len(demo_docx.book.appendix) + 1


def test_core_properties_name_the_meeting_the_association_and_dutch(demo_docx):
    core = demo_docx.document.core_properties
    assert core.title == demo_docx.book.title
    assert core.author == "Vereniging van Nederlandse Gemeenten"
    assert core.language == "nl"


def test_every_seed_motion_with_its_submitters_and_pre_advice_is_in_it(demo_docx):
    text = all_text(demo_docx.document)
    for title, submitters, _advice in demo_docx.proposals:
        assert title in text
        for name in submitters:
            assert name in text
    # Read from the seed file itself: each motion's heading, then the board's pre-advice on it.
    paragraphs = [(p.style.name, normalise(p.text)) for p in demo_docx.document.paragraphs]
    entries = seed_entries()
    assert len(entries) >= 10
    for _number, kind, submitters, title, advice in entries:
        name = f"“{title}”" if title else f"{kind} {submitters}"
        start = next(
            i for i, (style, t) in enumerate(paragraphs) if style == "Heading 2" and name in t
        )
        advice_line = next(
            t for style, t in paragraphs[start:] if t.startswith("Preadvies van het bestuur:")
        )
        assert advice_line.lower() == f"preadvies van het bestuur: {advice}", name


def test_clauses_carry_their_numbers_as_text():
    meeting = f.meeting()
    resolution = f.resolution(
        f.item(meeting, "Begroting"), clauses=("Vast te stellen.", "Te doen.")
    )
    assert resolution
    document = rendered(assembly.build(meeting, assembly.MEMBER)).document
    paragraphs = [p.text for p in document.paragraphs]
    assert "1.\tVast te stellen." in paragraphs and "2.\tTe doen." in paragraphs
    assert not document.element.body.findall(f".//{W}numPr")


def test_items_without_papers_follow_the_item_before_them_without_a_page_break():
    meeting = f.meeting()
    f.motion(f.item(meeting, "Financiën"), "Motie over de begroting")
    f.item(meeting, "Rondvraag")
    f.motion(f.item(meeting, "Jeugdzorg"), "Motie over de jeugdzorg")
    document = rendered(assembly.build(meeting, assembly.MEMBER)).document

    def breaks_page(text):
        paragraph = next(p for p in document.paragraphs if p.text == text)
        own = paragraph.paragraph_format.page_break_before
        return paragraph.style.paragraph_format.page_break_before if own is None else own

    assert breaks_page("1. Financiën") and breaks_page("3. Jeugdzorg")
    assert not breaks_page("2. Rondvraag")


def test_an_amendment_shows_struck_and_inserted_words():
    meeting = f.meeting()
    item = f.item(meeting, "Statuten")
    resolution = f.resolution(item, clauses=("De contributie stijgt met twee procent.",))
    f.amendment(item, resolution, new_text="De contributie stijgt met een procent.")
    document = rendered(assembly.build(meeting, assembly.MEMBER)).document
    runs = [r for p in document.paragraphs for r in p.runs]
    struck = "".join(r.text for r in runs if r.font.strike)
    inserted = "".join(r.text for r in runs if r.font.underline)
    assert "twee" in struck and "een" in inserted and "een" not in struck


def test_the_member_edition_leaves_out_unpublished_papers_and_pre_advice():
    meeting = f.meeting()
    item = f.item(meeting, "Moties")
    f.motion(item, "Gepubliceerde motie", advice="ontraden")
    f.motion(item, "GEHEIM concept", is_draft=True)
    f.motion(item, "Motie met geheim advies", advice="overnemen", published_advice=False)
    member = all_text(rendered(assembly.build(meeting, assembly.MEMBER)).document)
    assert "Gepubliceerde motie" in member and "Motie met geheim advies" in member
    assert "GEHEIM" not in member and "overnemen" not in member
    assert "Toelichting bij Motie met geheim advies" not in member
    secretariat = rendered(assembly.build(meeting, assembly.SECRETARIAT))
    text = all_text(secretariat.document)
    assert "GEHEIM concept" in text and "niet gepubliceerd" in text and "overnemen" in text
    assert "Toelichting bij Motie met geheim advies" in text
    header = secretariat.document.sections[0].header.paragraphs[0].text
    assert header == "CONCEPT"


def test_the_pre_advice_overview_is_one_table_grouped_by_item(demo_docx):
    data = word.render_pre_advice_overview(demo_docx.book)
    document = docx.Document(io.BytesIO(data))
    (table,) = document.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Nr.", "Titel", "Ingediend door", "Preadvies", "Toelichting", "Status"]
    groups = [r[0] for r in rows[1:] if len(set(r)) == 1]
    assert groups == [f"{s.number}. {s.title}" for s in demo_docx.book.items if s.proposals]
    for block in demo_docx.book.proposals:
        row = next(r for r in rows if r[0] == block.number)
        assert row[1] == block.heading
        assert row[3] == block.pre_advice.label


def test_libreoffice_opens_it_and_finds_every_seed_title(demo_docx, tmp_path):
    text = libreoffice.as_text(demo_docx.data, tmp_path)
    for title, _submitters, _advice in demo_docx.proposals:
        assert title in text
    assert demo_docx.book.items[0].title in text
