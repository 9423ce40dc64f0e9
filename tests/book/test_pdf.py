"""The PDF as a reader gets it: text, table of contents, bookmarks, tags and metadata, and
hard content that must neither break the render nor run off the page. Each book is rendered
once per module (a rendering takes seconds) inside a transaction that is rolled back."""

import io
import re
from types import SimpleNamespace

import pypdf
import pytest
from django.db import transaction
from weasyprint.formatting_structure import boxes

from book import assembly, pdf
from members.models import Member
from papers import demo
from tests import factories as f

# The books are made by module fixtures; the mark makes the test database exist for them.
pytestmark = pytest.mark.django_db


def rendered(book):
    html = pdf.render_html(book)
    document = pdf.layout(html)
    data = document.write_pdf(**pdf.PDF_OPTIONS)
    reader = pypdf.PdfReader(io.BytesIO(data))
    return SimpleNamespace(book=book, html=html, document=document, data=data, reader=reader)


def page_texts(reader):
    return [normalize(page.extract_text()) for page in reader.pages]


def normalize(text):
    # Undo hyphenation and line breaks of the layout, so sentences can be found whole.
    text = re.sub(r"[\u2010\u00ad]\s*\n", "", text)
    text = re.sub(r"-\s*\n", "-", text)
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def demo_pdf(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        result = rendered(assembly.build(demo.load(), assembly.MEMBER))
        transaction.set_rollback(True)
    return result


SEED_PROPOSALS = {
    "7": [
        ("Motie Alphen aan den Rijn “Dringende Actie voor Betrouwbare en Voldoende Financiering voor Gemeentelijke Taken”", "intrekken"),
        ("Motie Haaksbergen “Ravijnjaar, twee over twaalf!”", "intrekken"),
        ("Motie Son en Breugel “Kabinet kom over de brug of krijg de taken terug”", "intrekken"),
    ],
    "8a": [
        ("Amendement Hilversum en 's-Hertogenbosch", "ontraden"),
        ("Motie Apeldoorn “Gelijkwaardigheid als basis voor (aanvullend) Zorgakkoord”", "overnemen"),
    ],
    "8b": [
        ("Motie Sliedrecht en Gorinchem “Solidariteit in de asielopvang”", "aanhouden"),
        ("Motie Zoetermeer en Leidschendam-Voorburg “Synchronisatie termijnen huisvesting statushouders”", "neutraal"),
        ("Motie Nunspeet en Harderwijk “Financiering van asielzoekerskinderen in de jeugdzorg”", "overnemen"),
    ],
    "8c": [("Motie Deventer “Landelijke tarieven inkoop jeugdzorg”", "overnemen")],
    "9": [
        ("Motie Gooise Meren “Nieuwe taken en eisen aan Omgevingsdiensten worden budgettair gedekt via het bevoegd gezag (gemeenten en provincies)”", "overnemen"),
        ("Motie Krimpen aan den IJssel “Uitvoeringslasten: taken kunnen niet zonder knaken”", "overnemen"),
        ("Motie Nieuwegein “dringende oproep tot herziening Wet Kwaliteitsborging voor het bouwen”", "ontraden"),
        ("Motie Goirle “Compensatie onderwijshuisvesting”", "overnemen"),
    ],
}  # fmt: skip


def item_pages(texts):
    """Agenda item number -> its text, from its heading to the next item's heading: an item
    without papers shares a page with the item before it, so a page may hold several."""
    # After cover, contents and agenda; the heading is in capitals, the running header not.
    parts = re.split(r"AGENDAPUNT (\d+[A-Z]?) ", " ".join(texts[3:]))
    return {number.lower(): text for number, text in zip(parts[1::2], parts[2::2], strict=True)}


def test_every_seed_motion_stands_under_its_agenda_item_with_its_pre_advice(demo_pdf):
    sections = item_pages(page_texts(demo_pdf.reader))
    for number, proposals in SEED_PROPOSALS.items():
        text = sections[number]
        for name, advice in proposals:
            # Amendments carry a number before the name; the pre-advice follows the name.
            position = text.find(name)
            assert position >= 0, f"{name} not under item {number}"
            advice_text = f"Preadvies van het bestuur: {advice.upper()}"
            assert advice_text in text[position:], f"no pre-advice {advice} after {name}"
        for other, others in SEED_PROPOSALS.items():
            if other != number:
                for name, _ in others:
                    assert name not in text, f"{name} also under item {number}"


def test_every_seed_submitter_is_named(demo_pdf):
    text = " ".join(page_texts(demo_pdf.reader))
    for name in [
        "Alphen aan den Rijn", "Haaksbergen", "Son en Breugel", "Hilversum", "'s-Hertogenbosch",
        "Apeldoorn", "Sliedrecht", "Gorinchem", "Zoetermeer", "Leidschendam-Voorburg",
        "Nunspeet", "Harderwijk", "Deventer", "Gooise Meren", "Krimpen aan den IJssel",
        "Nieuwegein", "Goirle",
    ]:  # fmt: skip
        assert f"Ingediend door: {name}" in text or f", {name}" in text or f" {name}," in text


def test_the_six_clauses_of_the_item_7_resolution_stand_in_order(demo_pdf):
    text = item_pages(page_texts(demo_pdf.reader))["7"]
    positions = [
        text.find(f"{n}. {clause[:40]}") for n, clause in enumerate(demo.ITEM_7_CLAUSES, 1)
    ]
    assert -1 not in positions
    assert positions == sorted(positions)
    assert demo.ITEM_7_INTRO in text


def test_the_contents_give_the_pages_where_the_headings_stand(demo_pdf):
    texts = page_texts(demo_pdf.reader)
    anchors = {}  # a box split over pages has its anchor on each: keep the first page
    for n, page in enumerate(demo_pdf.document.pages, 1):
        for anchor in page.anchors:
            anchors.setdefault(anchor, n)
    printed = toc_page_numbers(demo_pdf.document)
    entries = {e.anchor: e for e in demo_pdf.book.toc}
    assert set(printed) == set(entries)
    for anchor, number in printed.items():
        assert anchors[anchor] == number
        entry = entries[anchor]
        if anchor.startswith("item-"):
            heading = f"AGENDAPUNT {entry.number.upper()} "
            assert heading in texts[number - 1]
            assert heading not in texts[number - 2]
        elif entry.number:  # a motion or amendment: its number and name open its heading
            assert f"{entry.number} {entry.label[:30]}" in texts[number - 1]


def toc_page_numbers(document):
    """What the contents print as page number per entry: anchor -> number."""
    printed = {}
    for page in document.pages[1:3]:
        for box in descendants(page._page_box):
            element = getattr(box, "element", None)
            if (
                isinstance(box, boxes.TextBox)
                and element is not None
                and element.get("class") == "toc-page"
            ):
                printed[element.get("data-target")[1:]] = int(box.text)
    return printed


def descendants(box):
    yield box
    for child in getattr(box, "children", []):
        yield from descendants(child)


def test_the_outline_has_an_entry_per_agenda_item_and_motion(demo_pdf):
    def titles(outline):
        for entry in outline:
            if isinstance(entry, list):
                yield from titles(entry)
            else:
                yield entry.title

    outline = list(titles(demo_pdf.reader.outline))
    for section in demo_pdf.book.items:
        assert f"Agendapunt {section.number}: {section.title}" in outline
        for block in section.proposals:
            assert f"{block.number} {block.heading}" in outline
    # Motions hang under their item: item 7's entry is followed by a nested list.
    top = demo_pdf.reader.outline
    index = next(
        i for i, e in enumerate(top) if getattr(e, "title", "").startswith("Agendapunt 7:")
    )
    assert isinstance(top[index + 1], list)


def test_the_pdf_is_tagged_with_title_author_and_language(demo_pdf):
    reader = demo_pdf.reader
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert reader.metadata.title == "Algemene ledenvergadering VNG"
    assert reader.metadata.author == "Vereniging van Nederlandse Gemeenten"
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "pdfuaid:part" in xmp


def test_every_page_but_the_cover_says_pagina_x_van_y(demo_pdf):
    texts = page_texts(demo_pdf.reader)
    total = len(texts)
    assert "pagina 1 van" not in texts[0]
    for number, text in enumerate(texts[1:], start=2):
        assert f"pagina {number} van {total}" in text


COLOURS = {"background": "#14397a", "on_background": "#ffffff", "heading": "#14397a"}
HARD_WORD = "Rijksoverheidsfinancieringsverhoudingsbijstellingsmechanismeoverleg" * 3
HARD_URL = "https://www.vng.nl/" + "/".join(f"sub-{n}-directory-with-long-name" for n in range(12))


@pytest.fixture(scope="module")
def hard_pdf(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        meeting = f.meeting(title="ALV met lastige inhoud")
        f.item(meeting, "Leeg agendapunt")
        item = f.item(meeting, "Opvang voor Oekraïners", text=f"Zie {HARD_URL} en {HARD_WORD}.")
        resolution = f.resolution(
            item, clauses=[f"Een ‘citaat’ met “aanhalingstekens” {HARD_WORD}"]
        )
        f.amendment(item, resolution, new_text=f"Nieuw: {HARD_URL}")
        bosch = Member.objects.create(name="'s-Hertogenbosch", code="GM0796")
        twenty = [bosch] + [f.member(f"Gemeente Met Een Lange Naam {n}") for n in range(19)]
        f.motion(item, f"Motie met twintig indieners {HARD_WORD}", submitters=twenty,
                 advice="overnemen")  # fmt: skip
        result = rendered(assembly.build(meeting, assembly.SECRETARIAT))
        transaction.set_rollback(True)
    return result


def test_hard_content_renders_with_every_name_and_quote(hard_pdf):
    text = " ".join(page_texts(hard_pdf.reader))
    assert "Opvang voor Oekraïners" in text
    assert "'s-Hertogenbosch" in text
    assert "Een ‘citaat’ met “aanhalingstekens”" in text
    assert "Gemeente Met Een Lange Naam 18" in text
    assert "There are no papers for this item." in text or "Bij dit agendapunt" in text


def test_no_text_runs_off_the_page(hard_pdf):
    for number, page in enumerate(hard_pdf.document.pages, start=1):
        page_box = page._page_box
        left = page_box.content_box_x()
        right = left + page_box.width
        for child in page_box.children:
            if isinstance(child, boxes.MarginBox):
                continue  # header and footer live in the margins by design
            for box in descendants(child):
                if isinstance(box, boxes.TextBox):
                    assert box.position_x >= left - 0.5, (number, box.text)
                    assert box.position_x + box.width <= right + 0.5, (number, box.text)


def test_no_page_ends_with_a_heading(demo_pdf):
    def last_text(box, in_heading=False):
        in_heading = in_heading or getattr(box, "element_tag", "") in {"h1", "h2", "h3", "h4"}
        found = None
        if isinstance(box, boxes.TextBox) and box.text.strip():
            found = (box.text, in_heading)
        for child in getattr(box, "children", []):
            found = last_text(child, in_heading) or found
        return found

    for number, page in enumerate(demo_pdf.document.pages[:-1], start=1):
        content = [c for c in page._page_box.children if not isinstance(c, boxes.MarginBox)]
        text, in_heading = last_text(content[0])
        assert not in_heading, f"page {number} ends with the heading {text!r}"


def test_a_long_table_repeats_its_header_row_on_every_page():
    book = assembly.Book(
        edition=assembly.MEMBER,
        scope=assembly.MEETING,
        language="nl",
        title="Lange bijlage",
        author="VNG",
        meeting_title="Lange bijlage",
        is_concept=False,
        cover=assembly.Cover(
            "VNG", "#14397a", "Lange bijlage", "ALV", "1 juni 2026", "10:00", "", "", ""
        ),
        toc=[],
        agenda=[],
        items=[],
        appendix=[
            assembly.AppendixRow(f"p{n}", f"9.{n}", "Motie", f"Motie nummer {n}", ["Ede"], "9", "")
            for n in range(1, 121)
        ],
    )
    reader = pypdf.PdfReader(io.BytesIO(pdf.render_pdf(book)[0]))
    pages = [normalize(page.extract_text()) for page in reader.pages]
    table_pages = [text for text in pages if "Motie nummer" in text]
    assert len(table_pages) >= 3
    for text in table_pages:
        assert "Nr. Soort Titel Ingediend door Punt Preadvies" in text


def test_the_member_pdf_holds_no_unpublished_text_and_the_secretariat_pdf_says_concept():
    from agenda.models import ResolutionVersion

    meeting = f.meeting(title="ALV met concepten")
    item = f.item(meeting, "Financiën")
    f.motion(item, "Conceptmotie", is_draft=True)
    f.motion(item, "Motie met stil advies", advice="ontraden", published_advice=False)
    resolution = f.resolution(item, clauses=["Gepubliceerde tekst."])
    draft = ResolutionVersion.objects.create(resolution=resolution, number=2)
    draft.clauses.create(position=1, text="Geheime nieuwe tekst.")
    resolution.current_version = draft
    resolution.save(update_fields=["current_version"])

    def text(edition):
        data, _ = pdf.render_pdf(assembly.build(meeting, edition))
        return " ".join(page_texts(pypdf.PdfReader(io.BytesIO(data))))

    member = text(assembly.MEMBER)
    assert "Motie met stil advies" in member and "Gepubliceerde tekst." in member
    for secret in ("Conceptmotie", "Toelichting bij Motie met stil advies", "ONTRADEN",
                   "Geheime nieuwe tekst.", "CONCEPT"):  # fmt: skip
        assert secret not in member
    secretariat = text(assembly.SECRETARIAT)
    for shown in ("Conceptmotie", "Toelichting bij Motie met stil advies", "ONTRADEN",
                  "Geheime nieuwe tekst.", "NIET GEPUBLICEERD"):  # fmt: skip
        assert shown in secretariat
    assert secretariat.count("CONCEPT") >= 5  # the cover and the foot of every page


@pytest.fixture(scope="module")
def brief_items_pdf(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        meeting = f.meeting(title="ALV met korte punten")
        long_item = f.item(meeting, "Financiën", text="Een lange toelichting. " * 400)
        f.motion(long_item, "Motie over de begroting")
        f.item(meeting, "Rondvraag")
        f.item(meeting, "Sluiting")
        later = f.item(meeting, "Jeugdzorg")
        f.motion(later, "Motie over de jeugdzorg")
        result = rendered(assembly.build(meeting, assembly.MEMBER))
        transaction.set_rollback(True)
    return result


def test_items_without_papers_share_the_page_of_the_item_before_them(brief_items_pdf):
    texts = page_texts(brief_items_pdf.reader)
    page_of = {
        title: next(n for n, text in enumerate(texts) if f"AGENDAPUNT {number} {title}" in text)
        for number, title in (("1", "Financiën"), ("2", "Rondvraag"), ("3", "Sluiting"),
                              ("4", "Jeugdzorg"))
    }  # fmt: skip
    # The first item's long text runs over more than one page; the two items without
    # papers follow on its last page, together; the next item with papers starts a page.
    assert page_of["Rondvraag"] > page_of["Financiën"]
    assert page_of["Sluiting"] == page_of["Rondvraag"]
    assert "Motie over de begroting" in texts[page_of["Rondvraag"]]
    assert page_of["Jeugdzorg"] == page_of["Sluiting"] + 1
    assert texts[page_of["Rondvraag"]].count("Bij dit agendapunt horen geen stukken.") == 2


def test_the_running_header_names_the_item_a_page_starts_in(brief_items_pdf):
    texts = page_texts(brief_items_pdf.reader)
    shared = next(n for n, text in enumerate(texts) if "AGENDAPUNT 2 Rondvraag" in text)
    # The page starts with the rest of item 1: its header says so, not "Agendapunt 2".
    assert "Agendapunt 1: Financiën" in texts[shared]
    assert "Agendapunt 2: Rondvraag" not in texts[shared]
    assert "Agendapunt 4: Jeugdzorg" in texts[shared + 1]
