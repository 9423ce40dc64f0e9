"""The Word renderer of the meeting book: the assembled book (book/assembly.py), the same data
the PDF is made of, written with python-docx into our shipped template (book/docx_template.py),
so Word's styles, navigation pane and fields do the rest: headings for items and papers, a
table of contents and page numbers that Word and LibreOffice fill in when the file opens."""

import hashlib
import io
from functools import cache
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from alv import textdiff
from book.assembly import DECISIONS
from book.docx_template import CLAUSE, META, PRE_ADVICE, TEMPLATE_PATH

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


def _paragraphs(document, texts, style=None):
    for text in texts:
        _text(document.add_paragraph(style=style), text)


def _pre_advice(document, advice):
    head = document.add_paragraph(style=PRE_ADVICE)
    head.add_run(f"{_('Pre-advice of the board')}: ").bold = True
    if advice is None:
        head.add_run(_("pre-advice to follow"))
        return
    head.add_run(advice.label).bold = True
    if not advice.is_published:
        head.add_run(f" ({_('not published')})").italic = True
    _paragraphs(document, advice.rationale, style=PRE_ADVICE)
    if advice.response:
        paragraph = document.add_paragraph(style=PRE_ADVICE)
        paragraph.add_run(f"{_('Answer of the submitters')}: ").bold = True
        paragraph.add_run(advice.response)


def _meta(document, block):
    paragraph = document.add_paragraph(style=META)
    paragraph.add_run(f"{_('Submitted by')}: ").bold = True
    paragraph.add_run(", ".join(block.submitters))
    flags = []
    if block.is_late:
        flags.append(_("late"))
    if block.is_draft:
        flags.append(_("draft, not published"))
    if block.status_label:
        flags.append(block.status_label)
    if flags:
        paragraph.add_run(" · " + " · ".join(flags)).italic = True


def _explanation(document, block):
    if block.explanation:
        document.add_paragraph().add_run(_("Explanation")).bold = True
        _paragraphs(document, block.explanation)


def _resolution(document, block):
    document.add_paragraph(block.heading, style="Heading 2")
    if not block.has_text:
        document.add_paragraph(_("The text of this resolution follows."))
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


def _follow_up(document, block):
    document.add_paragraph(block.heading, style="Heading 2")
    paragraph = document.add_paragraph(style=META)
    paragraph.add_run(f"{_('Submitted by')}: {', '.join(block.submitters)}")
    paragraph.add_run(f" · {_('Adopted at')}: {block.adopted_at}")
    if block.theme:
        paragraph.add_run(f" · {block.theme}")
    if block.report:
        document.add_paragraph().add_run(_("Report on the follow-up")).bold = True
        _paragraphs(document, block.report)
    if block.proposed_decision:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{_('Proposed decision')}: ").bold = True
        paragraph.add_run(block.proposed_decision)
    _pre_advice(document, block.pre_advice)


def _section(document, section, follows_an_item=False):
    heading = document.add_paragraph(f"{section.number}. {section.title}", style="Heading 1")
    if section.is_empty and follows_an_item:
        # An item without papers takes no page of its own, as in the PDF.
        heading.paragraph_format.page_break_before = False
    document.add_paragraph(section.kind_label[:1].upper() + section.kind_label[1:], style=META)
    _paragraphs(document, section.text)
    if section.is_empty:
        document.add_paragraph(_("There are no papers for this item."))
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
                ", ".join(row.submitters),
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
            merged.paragraphs[0].add_run(f"{section.number}. {section.title}").bold = True
            for block in section.proposals:
                advice = block.pre_advice
                cells = table.add_row().cells
                values = [
                    block.number,
                    block.heading,
                    ", ".join(block.submitters),
                    (advice.label if advice else _("pre-advice to follow"))
                    + ("" if not advice or advice.is_published else f" ({_('not published')})"),
                    "\n\n".join(advice.rationale) if advice else "",
                    block.status_label or (_("draft, not published") if block.is_draft else ""),
                ]
                for cell, value in zip(cells, values, strict=True):
                    cell.text = value
        return _save(document)
