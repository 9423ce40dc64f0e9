"""The Word template the .docx book is rendered with: python-docx's default document, with our
few styles added and the language set to Dutch. Generated once and shipped
(book/templates/book/docx/template.docx); an association restyles the book by editing that
file in Word (keeping the style names), or regenerates it with `manage.py docx_template`."""

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TEMPLATE_PATH = Path(__file__).parent / "templates" / "book" / "docx" / "template.docx"

# The style names the renderer uses besides Word's built-in ones (Title, Heading 1/2, ...,
# List Bullet and List Number with their 2 and 3 for the lists of formatted texts).
PRE_ADVICE = "ALV Pre-advice"
CLAUSE = "ALV Clause"
META = "ALV Meta"
# Word's own name for the look of a link; python-docx's default document does not define it.
HYPERLINK = "Hyperlink"


def _left_border(style, color="1F4E79"):
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in {"w:val": "single", "w:sz": "18", "w:space": "6", "w:color": color}.items():
        left.set(qn(key), value)
    borders.append(left)
    style.element.get_or_add_pPr().append(borders)


def _language(document, lang="nl-NL"):
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr = rpr.find(qn("w:rPr"))
    element = rpr.find(qn("w:lang"))
    if element is None:
        element = OxmlElement("w:lang")
        rpr.append(element)
    element.set(qn("w:val"), lang)


def build_template():
    document = Document()
    _language(document)
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 24), ("Heading 1", 16), ("Heading 2", 13)):
        styles[name].font.name = "Liberation Sans"
        styles[name].font.size = Pt(size)
        styles[name].font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
    styles["Heading 1"].paragraph_format.page_break_before = True

    clause = styles.add_style(CLAUSE, WD_STYLE_TYPE.PARAGRAPH)
    clause.base_style = normal
    clause.paragraph_format.left_indent = Cm(0.8)
    clause.paragraph_format.first_line_indent = Cm(-0.8)

    advice = styles.add_style(PRE_ADVICE, WD_STYLE_TYPE.PARAGRAPH)
    advice.base_style = normal
    advice.paragraph_format.left_indent = Cm(0.4)
    _left_border(advice)

    meta = styles.add_style(META, WD_STYLE_TYPE.PARAGRAPH)
    meta.base_style = normal
    meta.font.size = Pt(9)
    meta.font.color.rgb = RGBColor(0x55, 0x55, 0x55)

    # Links in formatted texts: underlined (colour alone does not mark a link), in Word's blue.
    hyperlink = styles.add_style(HYPERLINK, WD_STYLE_TYPE.CHARACTER, builtin=True)
    hyperlink.priority = 99
    hyperlink.unhide_when_used = True
    hyperlink.font.underline = True
    hyperlink.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)

    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    return document


def write_template(path=TEMPLATE_PATH):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    build_template().save(path)
    return path
