"""Reading motions from Word files: the template, real-world variants, and bad files."""

import io
import zipfile

import pytest
from docx import Document
from docx.oxml import parse_xml

from members.imports import load_municipalities
from members.models import Member
from motions.models import Motion
from motions.word_import import UploadRejected, parse_motion, read_upload
from motions.word_template import motion_template_docx
from tests import factories as f

pytestmark = pytest.mark.django_db

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.fixture
def municipalities(db):
    load_municipalities()
    return list(Member.objects.all())


def save(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def fill_template(values):
    """The template as a member fills it in: each [hint] replaced by real text."""
    document = Document(io.BytesIO(motion_template_docx()))
    for paragraph in document.paragraphs:
        for hint, text in values.items():
            if hint in paragraph.text:
                before, after = paragraph.text.split("[", 1)[0], paragraph.text.split("]", 1)[1]
                paragraph.text = before + text + after
    return save(document)


def parse(data, members):
    return parse_motion(read_upload("motie.docx", data), members)


def test_it_reads_the_filled_in_template(municipalities):
    data = fill_template(
        {
            "[titel van de motie]": "Solidariteit in de asielopvang",
            "[gemeente(n) die de motie": "Sliedrecht en Gorinchem",
            "[datum]": "11 december 2024",
            "[Wat de vergadering vaststelt": "de opvang ongelijk verdeeld is;",
            "[Wat de vergadering overweegt": "solidariteit de basis is;",
            "[Wat de vergadering het bestuur vraagt": "in overleg te gaan met het rijk;",
            "[De toelichting bij de motie.]": "Een toelichting.",
        }
    )
    parsed = parse(data, municipalities)
    assert parsed.title == "Solidariteit in de asielopvang"
    assert [m.name for m in parsed.submitters] == ["Sliedrecht", "Gorinchem"]
    kinds = [kind for kind, _ in parsed.parts]
    assert kinds == ["preamble", "finding", "consideration", "request", "closing"]
    assert ("request", "in overleg te gaan met het rijk;") in parsed.parts
    assert parsed.explanation == "Een toelichting."
    assert parsed.problems == []


def test_son_en_breugel_is_one_member(municipalities):
    document = Document()
    document.add_paragraph("Kabinet kom over de brug of krijg de taken terug").runs[0].bold = True
    document.add_paragraph("Indieners: Son en Breugel")
    document.add_paragraph("verzoekt het bestuur om de taken terug te geven.")
    parsed = parse(save(document), municipalities)
    assert [m.name for m in parsed.submitters] == ["Son en Breugel"]


def test_it_matches_s_hertogenbosch_with_either_apostrophe(municipalities):
    for name in ("’s-Hertogenbosch", "'s-Hertogenbosch"):
        document = Document()
        document.add_heading("Amendement IZA", level=1)
        document.add_paragraph(f"Ingediend door: Hilversum en {name}")
        parsed = parse(save(document), municipalities)
        assert [m.name for m in parsed.submitters] == ["Hilversum", "'s-Hertogenbosch"]


def test_it_reads_a_file_without_the_template_by_its_opening_words(municipalities):
    document = Document()
    document.add_paragraph("Motie Haaksbergen “Ravijnjaar, twee over twaalf!”")
    document.add_paragraph("De algemene ledenvergadering van de VNG, bijeen op 11 december 2024,")
    document.add_paragraph("constaterende dat gemeenten in 2026 een ravijnjaar tegemoet gaan;")
    document.add_paragraph("overwegende dat de tijd dringt;")
    document.add_paragraph("roept het bestuur op om het kabinet aan te spreken,")
    document.add_paragraph("en gaat over tot de orde van de dag.")
    document.add_paragraph("Met vriendelijke groet, de raad van Haaksbergen")
    parsed = parse(save(document), municipalities)
    assert parsed.title == "Ravijnjaar, twee over twaalf!"
    assert [m.name for m in parsed.submitters] == ["Haaksbergen"]
    assert parsed.request_intro == "roept het bestuur op"
    assert ("finding", "gemeenten in 2026 een ravijnjaar tegemoet gaan;") in parsed.parts
    assert ("request", "om het kabinet aan te spreken,") in parsed.parts
    # What fits nowhere is kept, in the explanation, and the preview says so.
    assert "Met vriendelijke groet" in parsed.explanation
    assert any("konden niet worden geplaatst" in p for p in parsed.problems)


def test_it_reads_the_opening_of_another_association_s_motion(municipalities, set_association):
    set_association(motion_opening="Het congres van {name}, bijeen op {date},")
    document = Document()
    document.add_paragraph("Motie Haaksbergen “Ledenraadpleging”")
    document.add_paragraph("Het congres van de Partij, bijeen op 6 juni 2026,")
    document.add_paragraph("roept het bestuur op om de leden te raadplegen,")
    parsed = parse(save(document), municipalities)
    assert ("preamble", "Het congres van de Partij, bijeen op 6 juni 2026,") in parsed.parts
    assert "congres" not in parsed.explanation


def test_a_request_to_the_board_of_another_association_names_it_as_typed(
    municipalities, set_association
):
    set_association(name="Unie van Waterschappen", short_name="UvW")
    document = Document()
    document.add_paragraph("Motie Haaksbergen “Schoon water”")
    document.add_paragraph("VERZOEKT HET BESTUUR VAN DE UVW om het rijk aan te spreken,")
    parsed = parse(save(document), municipalities)
    assert parsed.request_intro == "verzoekt het bestuur van de UvW"
    assert ("request", "om het rijk aan te spreken,") in parsed.parts
    assert parsed.unplaced == []


def paragraph_xml(inner):
    return parse_xml(f"<w:p {W}>{inner}</w:p>")


def test_it_keeps_text_of_tracked_insertions_content_controls_and_fields(municipalities):
    document = Document()
    document.add_paragraph("Titel: Gelijkwaardigheid als basis")
    document.add_paragraph("Indieners: Apeldoorn")
    body = document.element.body
    finding = paragraph_xml(
        "<w:r><w:t xml:space='preserve'>constaterende dat het akkoord </w:t></w:r>"
        "<w:ins w:id='1' w:author='x' w:date='2024-11-01T00:00:00Z'>"
        "<w:r><w:t xml:space='preserve'>niet gelijkwaardig </w:t></w:r></w:ins>"
        "<w:del w:id='2' w:author='x' w:date='2024-11-01T00:00:00Z'>"
        "<w:r><w:delText>GESCHRAPT </w:delText></w:r></w:del>"
        "<w:r><w:t>is;</w:t></w:r>"
    )
    control = parse_xml(
        f"<w:sdt {W}><w:sdtContent><w:p><w:r><w:t>overwegende dat gemeenten partner zijn;</w:t>"
        "</w:r></w:p></w:sdtContent></w:sdt>"
    )
    field = paragraph_xml(
        "<w:r><w:t xml:space='preserve'>verzoekt het bestuur vóór </w:t></w:r>"
        "<w:fldSimple w:instr='DATE'><w:r><w:t>1 januari</w:t></w:r></w:fldSimple>"
        "<w:r><w:t xml:space='preserve'> te rapporteren.</w:t></w:r>"
    )
    for element in (finding, control, field):
        body.insert(len(body) - 1, element)
    parsed = parse(save(document), municipalities)
    assert ("finding", "het akkoord niet gelijkwaardig is;") in parsed.parts
    assert ("consideration", "gemeenten partner zijn;") in parsed.parts
    assert ("request", "vóór 1 januari te rapporteren.") in parsed.parts
    assert "GESCHRAPT" not in " ".join(parsed.source)


def test_it_reads_a_numbered_list_of_requests_as_separate_requests(municipalities):
    document = Document()
    document.add_heading("Landelijke tarieven inkoop jeugdzorg", level=1)
    document.add_paragraph("Indieners: Deventer")
    document.add_heading("verzoekt het bestuur:", level=2)
    for text in ("landelijke tarieven te bepleiten;", "de leden te informeren;"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("en gaat over tot de orde van de dag.")
    parsed = parse(save(document), municipalities)
    assert parsed.title == "Landelijke tarieven inkoop jeugdzorg"
    requests = [text for kind, text in parsed.parts if kind == "request"]
    assert requests == ["landelijke tarieven te bepleiten;", "de leden te informeren;"]


def test_it_flags_names_that_are_not_members(municipalities):
    document = Document()
    document.add_heading("Titel", level=1)
    document.add_paragraph("Indieners: Atlantis en Goirle")
    parsed = parse(save(document), municipalities)
    assert [m.name for m in parsed.submitters] == ["Goirle"]
    assert parsed.unmatched_submitters == ["Atlantis"]
    assert "“Atlantis” is geen lid." in parsed.problems


def test_it_creates_a_draft_motion_with_its_parts_and_submitters(municipalities):
    item = f.item(f.meeting())
    document = Document()
    document.add_heading("Solidariteit in de asielopvang", level=1)
    document.add_paragraph("Indieners: Sliedrecht, Gorinchem")
    document.add_paragraph("constaterende dat de opvang schuurt;")
    parsed = parse(save(document), municipalities)
    motion = parsed.create_draft(item)
    motion = Motion.objects.get(pk=motion.pk)
    assert motion.is_draft
    assert motion.submitter_names == ["Sliedrecht", "Gorinchem"]
    assert [(p.kind, p.text) for p in motion.parts.all()] == [("finding", "de opvang schuurt;")]


def zip_bytes(entries, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


class TestBadFiles:
    def rejected(self, name, data):
        with pytest.raises(UploadRejected) as error:
            read_upload(name, data)
        return str(error.value)

    def test_it_rejects_a_file_that_is_not_a_docx(self):
        assert "geen Word-document" in self.rejected("motie.docx", b"Gewone tekst")

    def test_it_rejects_an_old_doc_renamed_to_docx(self):
        assert ".doc" in self.rejected(
            "motie.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 600
        )

    def test_it_rejects_a_pdf(self):
        assert "pdf" in self.rejected("motie.docx", b"%PDF-1.7\n...")

    def test_it_rejects_a_corrupt_zip(self):
        good = save(Document())
        assert "beschadigd" in self.rejected("motie.docx", good[:200] + b"\x00" * 300)

    def test_it_rejects_a_zip_bomb_before_unpacking_it(self):
        bomb = zip_bytes({"[Content_Types].xml": "x", "word/document.xml": b"0" * 30_000_000})
        assert len(bomb) < 100_000
        assert "pakt uit tot meer" in self.rejected("motie.docx", bomb)

    def test_it_rejects_files_over_ten_megabytes(self):
        assert "10 MB" in self.rejected("motie.docx", b"PK" + b"\x00" * (10 * 1024 * 1024))

    def test_it_rejects_a_file_without_text(self):
        assert "geen tekst" in self.rejected("leeg.docx", save(Document()))

    def test_it_rejects_a_file_with_macros(self):
        data = save(Document())
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            entries = {i.filename: source.read(i.filename) for i in source.infolist()}
        entries["word/vbaProject.bin"] = b"macro"
        assert "macro" in self.rejected("motie.docm", zip_bytes(entries))
