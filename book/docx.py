"""The Word renderer of the meeting book: the assembled book (book/assembly.py), the same data
the PDF is made of, written with python-docx into our shipped template (book/docx_template.py),
so Word's styles, navigation pane and fields do the rest: headings for items and papers, a
table of contents and page numbers that Word and LibreOffice fill in when the file opens."""

import hashlib
import io
import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor

from alv import textdiff
from book.assembly import DECISIONS
from book.docx_template import CLAUSE, HYPERLINK, META, PRE_ADVICE, TEMPLATE_PATH

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Elements that follow w:updateFields in CT_Settings: it goes before the first of them, or
# Word reports the file as damaged.
_AFTER_UPDATE_FIELDS = [
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
]


@cache
def layout_digest():
    """The template and this renderer: changing either makes every stored .docx outdated."""
    digest = hashlib.sha256()
    for path in (TEMPLATE_PATH, Path(__file__)):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def new_document():
    return Document(str(TEMPLATE_PATH))


def _text(paragraph, text, **style):
    """Adds `text` as runs; its single line breaks become line breaks, not new paragraphs."""
    run = paragraph.add_run()
    for index, line in enumerate((text or "").split("\n")):
        if index:
            run.add_break(WD_BREAK.LINE)
        run.add_text(line)
    for key, value in style.items():
        setattr(run.font, key, value)
    return paragraph


def _field(paragraph, instruction, placeholder=""):
    """A complex field (begin, instruction, separate, shown text, end)."""

    def char(kind, dirty=False):
        run = OxmlElement("w:r")
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if dirty:
            element.set(qn("w:dirty"), "true")
        run.append(element)
        paragraph._p.append(run)

    char("begin", dirty=True)
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run.append(instr)
    paragraph._p.append(run)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


def _simple_field(paragraph, instruction, placeholder="1"):
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _update_fields_on_open(document):
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    for name in _AFTER_UPDATE_FIELDS:
        successor = settings.find(qn(f"w:{name}"))
        if successor is not None:
            successor.addprevious(element)
            return
    settings.append(element)


def _repeat_header(row):
    trPr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trPr.append(header)


def _table(document, headers, rows, widths=None):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    _repeat_header(table.rows[0])
    for cell, label in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(label).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    return table


def _footer(document, book):
    section = document.sections[0]
    paragraph = section.footer.paragraphs[0]
    paragraph.text = ""
    paragraph.add_run(f"{book.meeting_title} · {pgettext('page footer', 'page')} ")
    _simple_field(paragraph, "PAGE")
    paragraph.add_run(f" {pgettext('page footer', 'of')} ")
    _simple_field(paragraph, "NUMPAGES")
    if book.is_concept:
        header = section.header.paragraphs[0]
        header.text = ""
        header.add_run(_("Concept").upper()).bold = True


def _properties(document, book):
    core = document.core_properties
    core.title = book.title
    core.author = book.author
    core.language = book.language
    core.subject = _("Agenda and meeting papers")
    core.keywords = book.edition
    core.comments = book.cover.edition_label


def _cover(document, book):
    cover = book.cover
    document.add_paragraph(cover.association, style=META)
    document.add_paragraph(book.title, style="Title")
    document.add_paragraph(_("Agenda and meeting papers"))
    for label, value in (
        (_("Kind"), cover.kind_label),
        (_("Date"), cover.date),
        (_("Time"), cover.time),
        (_("Location"), cover.location),
    ):
        if value:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(str(value))
    paragraph = document.add_paragraph()
    paragraph.add_run(cover.edition_label).bold = book.is_concept
    if cover.published:
        document.add_paragraph(cover.published, style=META)


def _contents(document, book):
    style = "TOC Heading" if _has(document, "TOC Heading") else META
    document.add_paragraph(_("Contents"), style=style).runs[0].bold = True
    paragraph = document.add_paragraph()
    _field(
        paragraph,
        'TOC \\o "1-2" \\h \\z \\u',
        _("The table of contents is filled in when the document is opened."),
    )


def _has(document, style_name):
    return any(s.name == style_name for s in document.styles)


def _agenda(document, book):
    heading = document.add_paragraph(_("Agenda"), style="Heading 1")
    heading.paragraph_format.page_break_before = True
    for line in book.agenda:
        paragraph = document.add_paragraph()
        if line.is_sub_item:
            paragraph.paragraph_format.left_indent = Cm(0.8)
        paragraph.add_run(f"{line.number}.\t").bold = True
        paragraph.add_run(line.title)


@dataclass
class _List:
    ordered: bool
    start: int = 1
    count: int = 0
    num_id: int | None = None  # the Word numbering that restarts at `start`, once made


class _RichTextWriter(HTMLParser):
    """Writes a text users format (book.assembly.RichText: the sanitized HTML of
    alv.formatting, so only p, br, strong/b, em/i, u, ul/ol/li and a) into a document or a
    table cell: a paragraph per <p> in `style`, bold, italic and underlined runs, a list item
    as a paragraph in the template's List Bullet or List Number style (2 and 3 for nested
    lists), a link as a real hyperlink."""

    def __init__(self, container, style=None, first=None):
        super().__init__(convert_charrefs=True)
        self.container = container
        self.part = container.part
        self.style = style
        self.first = first  # an empty paragraph to write into before adding any
        self.styles = {s.name for s in self.part.document.styles}
        self.paragraph = None
        self.written = False  # whether the current paragraph has text of the HTML yet
        self.line_break = False
        self.bold = self.italic = self.underline = 0
        self.link = None
        self.lists = []

    def _new_paragraph(self, style):
        if self.first is not None:
            paragraph, self.first = self.first, None
            paragraph.style = style
        else:
            paragraph = self.container.add_paragraph(style=style)
        self.paragraph = paragraph
        self.written = False
        self.line_break = False
        return paragraph

    def _list_item(self):
        current = self.lists[-1]
        current.count += 1
        kind = "Number" if current.ordered else "Bullet"
        depth = min(len(self.lists), 3)
        name = f"List {kind}" if depth == 1 else f"List {kind} {depth}"
        if name not in self.styles:
            # An association's own template without list styles: the mark as text.
            paragraph = self._new_paragraph(self.style)
            paragraph.paragraph_format.left_indent = Cm(0.6 * depth)
            mark = f"{current.start + current.count - 1}." if current.ordered else "•"
            paragraph.add_run(f"{mark}\t")
            return
        paragraph = self._new_paragraph(name)
        if current.ordered:
            # The style's numbering runs on through the whole document; every list starts
            # anew (at its own start) with a numbering instance of its own.
            if current.num_id is None:
                current.num_id = self._restarted_numbering(name, current.start)
            if current.num_id is not None:
                num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = current.num_id

    def _restarted_numbering(self, style_name, start):
        ppr = self.part.document.styles[style_name].element.pPr
        num_pr = ppr.numPr if ppr is not None else None
        if num_pr is None or num_pr.numId is None:
            return None
        numbering = self.part.numbering_part.element
        try:
            abstract = numbering.num_having_numId(num_pr.numId.val).abstractNumId.val
        except KeyError:
            return None
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return num.numId

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p":
            # A list item that opens with a paragraph keeps its own (bulleted) paragraph.
            if self.written:
                self.paragraph = None
        elif tag == "br":
            # Kept until text follows: a break that ends a paragraph adds nothing.
            self.line_break = self.paragraph is not None
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "u":
            self.underline += 1
        elif tag in ("ul", "ol"):
            start = attrs.get("start") or "1"
            self.lists.append(
                _List(ordered=tag == "ol", start=int(start) if start.isdigit() else 1)
            )
            self.paragraph = None
        elif tag == "li" and self.lists:
            self._list_item()
        elif tag == "a" and attrs.get("href"):
            if self.paragraph is None:
                self._new_paragraph(self.style)
            self.link = OxmlElement("w:hyperlink")
            self.link.set(
                qn("r:id"),
                self.part.relate_to(attrs["href"], RELATIONSHIP_TYPE.HYPERLINK, is_external=True),
            )
            self.paragraph._p.append(self.link)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in ("p", "li"):
            self.paragraph = None
        elif tag in ("strong", "b"):
            self.bold = max(self.bold - 1, 0)
        elif tag in ("em", "i"):
            self.italic = max(self.italic - 1, 0)
        elif tag == "u":
            self.underline = max(self.underline - 1, 0)
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.paragraph = None
        elif tag == "a":
            self.link = None

    def handle_data(self, data):
        # HTML's white space: a run of it is one space, and none opens a paragraph (the line
        # breaks between the blocks of the HTML are not text).
        text = re.sub(r"\s+", " ", data)
        if self.paragraph is None:
            text = text.lstrip()
            if not text:
                return
            self._new_paragraph(self.style)
        elif not self.written:
            text = text.lstrip()
        if not text:
            return
        self.written = True
        run = self.paragraph.add_run()
        if self.line_break:
            run.add_break(WD_BREAK.LINE)
            text = text.lstrip()
            self.line_break = False
        run.add_text(text)
        run.bold = bool(self.bold) or None
        run.italic = bool(self.italic) or None
        if self.underline:
            run.underline = True
        if self.link is not None:
            self.link.append(run._r)
            if HYPERLINK in self.styles:
                run.style = HYPERLINK
            else:
                run.font.underline = True
                run.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)


def _rich(container, text, style=None, first=None):
    """Writes `text` (book.assembly.RichText) into `container`, a document or a table cell."""
    html = getattr(text, "html", "")
    if not html:
        return
    writer = _RichTextWriter(container, style=style, first=first)
    writer.feed(html)
    writer.close()


def _pre_advice(document, advice):
    head = document.add_paragraph(style=PRE_ADVICE)
    head.add_run(f"{_('Pre-advice of the board')}: ").bold = True
    if advice is None:
        head.add_run(_("pre-advice to follow"))
        return
    if advice.parts:
        # Advice per part of the motion (PreAdvice.reading): each part on a line of its own.
        head.runs[0].text = f"{_('Pre-advice of the board per part')}: "
    else:
        head.add_run(advice.label).bold = True
    if not advice.is_published:
        head.add_run(f" ({_('not published')})").italic = True
    for part in advice.parts:
        line = document.add_paragraph(style=PRE_ADVICE)
        line.add_run(f"{part.label}: ")
        line.add_run(part.value_text).bold = True
        if part.rationale:
            line.add_run(f" — {part.rationale}")
    if advice.whole:
        line = document.add_paragraph(style=PRE_ADVICE)
        line.add_run(f"{_('the motion as a whole:')} ")
        line.add_run(advice.whole).bold = True
    _rich(document, advice.rationale, style=PRE_ADVICE)
    if advice.response:
        paragraph = document.add_paragraph(style=PRE_ADVICE)
        paragraph.add_run(f"{_('Answer of the submitters')}: ").bold = True
        paragraph.add_run(advice.response)


def _meta(document, block):
    paragraph = document.add_paragraph(style=META)
    paragraph.add_run(f"{_('Submitted by')}: ").bold = True
    paragraph.add_run(block.submitted_by)
    flags = []
    if block.is_late:
        flags.append(_("late"))
    if block.is_draft:
        flags.append(_("draft, not published"))
    if flags:
        paragraph.add_run(" · " + " · ".join(flags)).italic = True


def _outcome(document, outcome, label=None):
    """The decision on a paper, read as on the pages (book.assembly.OutcomeLine); `label`
    names a decision on an agenda item as such, whose text (`note`) follows."""
    if outcome is None:
        return
    paragraph = document.add_paragraph(style=PRE_ADVICE)
    paragraph.add_run(f"{label or _('Outcome')}: ").bold = True
    paragraph.add_run(outcome.text).bold = True
    for part in outcome.parts:
        paragraph = document.add_paragraph(style=PRE_ADVICE)
        paragraph.add_run(f"{part.name}: ").bold = True
        paragraph.add_run(part.text)
    if outcome.note:
        _text(document.add_paragraph(style=PRE_ADVICE), outcome.note)


def _explanation(document, block):
    if block.explanation:
        document.add_paragraph().add_run(_("Explanation")).bold = True
        _rich(document, block.explanation)


def _resolution(document, block):
    document.add_paragraph(block.heading, style="Heading 2")
    if not block.has_text:
        document.add_paragraph(_("The text of this resolution follows."))
        _outcome(document, block.outcome)
        return
    meta = document.add_paragraph(block.version_label, style=META)
    if block.is_draft:
        meta.add_run(f" · {_('draft, not published')}").italic = True
    if block.submitters:
        meta.add_run(f" · {_('Submitted by')} {', '.join(block.submitters)}")
    if block.intro:
        _text(document.add_paragraph(), block.intro)
    for clause in block.clauses:
        # The number is text, not Word numbering: it survives any editing of the file.
        _text(document.add_paragraph(style=CLAUSE), f"{clause.number}.\t{clause.text}")
    _explanation(document, block)
    _outcome(document, block.outcome)


def _amendment(document, block):
    document.add_paragraph(f"{block.number} {block.heading}", style="Heading 2")
    _meta(document, block)
    document.add_paragraph(block.change_label)
    if block.segments:
        paragraph = document.add_paragraph(style=CLAUSE if block.clause_number else None)
        for segment in block.segments:
            run = paragraph.add_run(segment["text"])
            if segment["op"] == textdiff.DELETE:
                run.font.strike = True
            elif segment["op"] == textdiff.INSERT:
                run.font.underline = True
        document.add_paragraph(
            _("Struck-through words are removed, underlined words are added."), style=META
        )
    _explanation(document, block)
    _pre_advice(document, block.pre_advice)
    _outcome(document, block.outcome)


def _motion(document, block):
    document.add_paragraph(f"{block.number} {block.heading}", style="Heading 2")
    _meta(document, block)
    if block.related_resolution:
        document.add_paragraph(
            _("Relates to the resolution “%(title)s”.") % {"title": block.related_resolution},
            style=META,
        )
    for part in block.parts:
        if part.label:
            document.add_paragraph().add_run(part.label).italic = True
        _text(document.add_paragraph(), part.text)
    _explanation(document, block)
    _pre_advice(document, block.pre_advice)
    _outcome(document, block.outcome)


def _follow_up(document, block):
    document.add_paragraph(block.heading, style="Heading 2")
    paragraph = document.add_paragraph(style=META)
    paragraph.add_run(f"{_('Submitted by')}: {block.submitted_by}")
    paragraph.add_run(f" · {_('Adopted at')}: {block.adopted_at}")
    if block.theme:
        paragraph.add_run(f" · {block.theme}")
    if block.report:
        document.add_paragraph().add_run(_("Report on the follow-up")).bold = True
        _rich(document, block.report)
    if block.proposed_decision:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{_('Proposed decision')}: ").bold = True
        paragraph.add_run(block.proposed_decision)
    _pre_advice(document, block.pre_advice)


def _section(document, section, follows_an_item=False):
    heading = document.add_paragraph(section.running_title, style="Heading 1")
    if section.is_brief and follows_an_item:
        # An item without papers takes no page of its own, as in the PDF: it follows the item
        # before it, and the next item does too if it has no papers either.
        heading.paragraph_format.page_break_before = False
    if section.kind_label:  # none for the motions outside the agenda
        document.add_paragraph(section.kind_label[:1].upper() + section.kind_label[1:], style=META)
    _rich(document, section.text)
    if section.is_empty:
        document.add_paragraph(_("There are no papers for this item."))
    _outcome(document, section.decision, section.decision_label)
    for block in section.resolutions:
        _resolution(document, block)
    for block in section.proposals:
        (_amendment if block.kind == "amendment" else _motion)(document, block)
    for block in section.follow_ups:
        _follow_up(document, block)


def _appendix(document, book):
    document.add_paragraph(_("Overview of motions and amendments"), style="Heading 1")
    _table(
        document,
        [_("No."), _("Kind"), _("Title"), _("Submitted by"), _("Item"), _("Pre-advice")],
        [
            [
                row.number,
                str(row.kind_label),
                row.title,
                row.submitted_by,
                row.item_number,
                row.pre_advice or _("pre-advice to follow"),
            ]
            for row in book.appendix
        ],
    )


def _save(document):
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_document(book):
    """The book as a python-docx Document."""
    with translation.override(book.language):
        document = new_document()
        _properties(document, book)
        _update_fields_on_open(document)
        _footer(document, book)
        if book.is_whole_meeting:
            _cover(document, book)
            _contents(document, book)
            _agenda(document, book)
        else:
            document.add_paragraph(book.title, style="Title")
            document.add_paragraph(book.cover.edition_label, style=META)
        for index, section in enumerate(book.items):
            _section(document, section, follows_an_item=index > 0)
        if book.appendix:
            _appendix(document, book)
        return document


def render_docx(book):
    """The book (or the decision list) as .docx bytes; its page count is Word's to know."""
    if book.scope == DECISIONS:
        return _save(render_decision_list(book)), None
    return _save(render_document(book)), None


def _shares(document, shares):
    if not shares:
        return
    table = document.add_table(rows=2, cols=len(shares))
    table.style = document.styles["Table Grid"]
    for header, value, share in zip(table.rows[0].cells, table.rows[1].cells, shares, strict=True):
        header.paragraphs[0].add_run(share.label).bold = True
        value.text = share.percent
    document.add_paragraph()


def _polls(document, polls):
    """The electronic votes on a decision as the page and the PDF show them
    (book.assembly.PollBlock): the totals, then a named poll's votes per member or a secret
    poll's receipt codes."""
    for poll in polls:
        document.add_paragraph().add_run(poll.heading).bold = True
        _table(
            document,
            [_("Option"), _("Share"), _("Weight"), _("Cards")],
            [[o.label, o.share, o.weight, o.cards] for o in poll.options],
        )
        if poll.votes:
            document.add_paragraph()
            _table(
                document,
                [_("Member"), _("Vote"), _("Weight"), _("Paper card")],
                [
                    [v.member, v.vote, v.weight, _("yes") if v.on_paper else _("no")]
                    for v in poll.votes
                ],
            )
        elif poll.receipts:
            document.add_paragraph(
                _(
                    "The receipt codes of the votes counted (each voter finds their own; none "
                    "says whose it is):"
                )
            )
            document.add_paragraph(" ".join(poll.receipts))
        document.add_paragraph()


def _decision(document, decision, level):
    document.add_paragraph(decision.name, style=f"Heading {level}")
    document.add_paragraph().add_run(decision.result).bold = True
    _shares(document, decision.shares)
    if decision.note:
        _text(document.add_paragraph(style=META), decision.note)
    _polls(document, decision.polls)
    for part in decision.parts:
        paragraph = document.add_paragraph(style=CLAUSE)
        paragraph.add_run(f"{part.name}: ").bold = True
        paragraph.add_run(part.result)
        _shares(document, part.shares)
        _polls(document, part.polls)


def render_decision_list(decisions):
    """The decision list (book.assembly.DecisionListDocument) as a python-docx Document:
    the title, then per agenda item a heading and its decisions with their results."""
    with translation.override(decisions.language):
        document = new_document()
        core = document.core_properties
        core.title = decisions.title
        core.author = decisions.author
        core.language = decisions.language
        core.subject = _("Decision list")
        core.keywords = decisions.edition
        core.comments = decisions.cover.edition_label
        _update_fields_on_open(document)
        _footer(document, decisions)
        cover = decisions.cover
        document.add_paragraph(cover.association, style=META)
        document.add_paragraph(decisions.title, style="Title")
        when = f"{cover.kind_label} · {cover.date}, {cover.time}"
        document.add_paragraph(when + (f" · {cover.location}" if cover.location else ""))
        if decisions.is_concept or cover.edition_label:
            paragraph = document.add_paragraph(style=META)
            if decisions.is_concept:
                paragraph.add_run(f"{_('Concept')} · ").bold = True
            paragraph.add_run(cover.edition_label)
        if cover.published:
            document.add_paragraph(cover.published, style=META)
        for section in decisions.items:
            level = 2 if section.is_sub_item else 1
            heading = document.add_paragraph(section.running_title, style=f"Heading {level}")
            # One list, not a book: the items follow each other without page breaks.
            heading.paragraph_format.page_break_before = False
            if not section.decisions:
                document.add_paragraph(_("No decisions recorded."))
            for decision in section.decisions:
                _decision(document, decision, level + 1)
        return document


def render_pre_advice_overview(book):
    """The board's pre-advice on every motion and amendment in one table, grouped by agenda
    item: number, title, submitters, pre-advice, rationale, status. As .docx bytes."""
    with translation.override(book.language):
        document = new_document()
        _properties(document, book)
        document.core_properties.subject = _("Overview of the pre-advice")
        _update_fields_on_open(document)
        _footer(document, book)
        document.add_paragraph(_("Overview of the pre-advice"), style="Title")
        document.add_paragraph(f"{book.meeting_title} · {book.cover.date}", style=META)
        document.add_paragraph(book.cover.edition_label, style=META)
        headers = [
            _("No."),
            _("Title"),
            _("Submitted by"),
            _("Pre-advice"),
            _("Rationale"),
            _("Status"),
        ]
        table = document.add_table(rows=1, cols=len(headers))
        table.style = document.styles["Table Grid"]
        _repeat_header(table.rows[0])
        for cell, label in zip(table.rows[0].cells, headers, strict=True):
            cell.paragraphs[0].add_run(label).bold = True
        for section in book.items:
            if not section.proposals:
                continue
            group = table.add_row().cells
            merged = group[0].merge(group[-1])
            merged.paragraphs[0].add_run(section.running_title).bold = True
            for block in section.proposals:
                advice = block.pre_advice
                cells = table.add_row().cells
                values = [
                    block.number,
                    block.heading,
                    block.submitted_by,
                    (advice.label if advice else _("pre-advice to follow"))
                    + ("" if not advice or advice.is_published else f" ({_('not published')})"),
                    "",  # the rationale, formatted, below
                    # The decision as every page reads it, its shares included.
                    (block.outcome.text if block.outcome else "")
                    or (_("draft, not published") if block.is_draft else ""),
                ]
                for cell, value in zip(cells, values, strict=True):
                    cell.text = value
                if advice:
                    rationale = cells[4]
                    _rich(rationale, advice.rationale, first=rationale.paragraphs[0])
        return _save(document)
