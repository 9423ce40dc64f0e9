"""The motion template members fill in (.docx). Its headings are what `word_import` reads, so
they are in the association's language, Dutch, like the papers themselves."""

import io

from docx import Document

from alv.models import Association

PLACEHOLDER_PREFIX = "["

SECTIONS = [
    ("constaterende dat:", "[Wat de vergadering vaststelt; één alinea per punt.]"),
    ("overwegende dat:", "[Wat de vergadering overweegt; één alinea per punt.]"),
    ("verzoekt het bestuur:", "[Wat de vergadering het bestuur vraagt; één alinea per verzoek.]"),
]


def motion_template_docx():
    document = Document()
    document.core_properties.title = "Motie voor de algemene ledenvergadering"
    document.add_paragraph("Titel: [titel van de motie]", style="Title")
    document.add_paragraph(
        "Indieners: [gemeente(n) die de motie indienen, in volgorde, de eerste is de "
        "hoofdindiener; bijvoorbeeld: Sliedrecht, Gorinchem]"
    )
    document.add_paragraph(Association.current().opening_of_motion("[datum]"))
    for heading, hint in SECTIONS:
        document.add_heading(heading, level=2)
        document.add_paragraph(hint)
    document.add_paragraph("en gaat over tot de orde van de dag.")
    document.add_heading("Toelichting", level=2)
    document.add_paragraph("[De toelichting bij de motie.]")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
