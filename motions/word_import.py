"""Reading motions that members send in as Word files (.docx).

`read_upload()` checks a file before anything parses it; `extract_blocks()` reads its paragraphs,
including text that python-docx's `paragraph.text` would drop (tracked insertions, content
controls, fields, hyperlinks); `parse_motion()` places them into a motion's fields, by the
template's headings or else by the usual opening words ("constaterende dat", ...), and says
what it could not place. Nothing is saved until `ParsedMotion.create_draft()`."""

import io
import re
import zipfile
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from lxml import etree

from alv.models import Association
from alv.text import strip_control_characters
from members.names import MatchResult, match_members

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ENTRIES = 2000

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


class UploadRejected(Exception):
    """A file that cannot be read as a motion; the message says why, for the uploader."""


@dataclass
class Block:
    text: str
    style: str = ""
    bold: bool = False
    numbered: bool = False

    @property
    def is_heading(self):
        style = self.style.lower()
        return style.startswith(("heading", "kop", "title", "titel"))


def read_upload(name, data):
    """Check an uploaded file and return its paragraphs, or raise UploadRejected."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRejected(_("The file is larger than 10 MB."))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UploadRejected(
            _("This is an old Word file (.doc). Save it as a Word document (.docx) and try again.")
        )
    if data.startswith(b"%PDF"):
        raise UploadRejected(_("This is a PDF, not a Word document (.docx)."))
    if not data.startswith(b"PK"):
        raise UploadRejected(_("This is not a Word document (.docx)."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadRejected(
            _("The file is damaged: it cannot be opened as a Word document.")
        ) from None
    # Check the unpacked size before reading anything, so a zip bomb is never unpacked.
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if len(entries) > MAX_ENTRIES or unpacked > MAX_UNPACKED_BYTES:
        raise UploadRejected(_("The file unpacks to more than a Word document can hold."))
    if unpacked / packed > MAX_COMPRESSION_RATIO:
        raise UploadRejected(_("The file unpacks to more than a Word document can hold."))
    names = {entry.filename for entry in entries}
    try:
        content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError):
        raise UploadRejected(_("This is not a Word document (.docx).")) from None
    if (
        DOCM_MAIN in content_types
        or any(n.lower().endswith("vbaproject.bin") for n in names)
        or name.lower().endswith(".docm")
    ):
        raise UploadRejected(
            _("The file contains macros (.docm). Save it as a plain Word document (.docx).")
        )
    if DOCX_MAIN not in content_types or "word/document.xml" not in names:
        raise UploadRejected(_("This is not a Word document (.docx)."))
    try:
        blocks = extract_blocks(archive.read("word/document.xml"), _styles(archive, names))
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError):
        raise UploadRejected(_("The file is damaged: its text cannot be read.")) from None
    if not any(block.text for block in blocks):
        raise UploadRejected(_("The file contains no text."))
    return blocks


def _styles(archive, names):
    """Style id -> style name, so "Kop1" and "Heading1" both read as headings."""
    if "word/styles.xml" not in names:
        return {}
    root = etree.fromstring(archive.read("word/styles.xml"), _parser())
    styles = {}
    for style in root.iterfind("w:style", NS):
        style_id = style.get(f"{{{W}}}styleId")
        name = style.find("w:name", NS)
        styles[style_id] = name.get(f"{{{W}}}val") if name is not None else style_id
    return styles


def _parser():
    # No network, no entity expansion: Word files come from outside.
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def extract_blocks(document_xml, styles=None):
    styles = styles or {}
    root = etree.fromstring(document_xml, _parser())
    body = root.find("w:body", NS)
    blocks = []
    for paragraph in body.iter(f"{{{W}}}p"):
        pieces = []
        for node in paragraph.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br"):
            # Deleted text of a tracked change is w:delText and never matches here; text of a
            # tracked insertion, a content control or a field result is a plain w:t.
            if node.tag == f"{{{W}}}t":
                pieces.append(node.text or "")
            else:
                pieces.append(" ")
        text = re.sub(r"\s+", " ", "".join(pieces)).strip()
        style_node = paragraph.find("w:pPr/w:pStyle", NS)
        style_id = style_node.get(f"{{{W}}}val") if style_node is not None else ""
        runs = [r for r in paragraph.iter(f"{{{W}}}r") if r.find("w:t", NS) is not None]
        bold = bool(runs) and all(_is_bold(r) for r in runs)
        numbered = paragraph.find("w:pPr/w:numPr", NS) is not None
        blocks.append(Block(text, styles.get(style_id, style_id), bold, numbered))
    return [b for b in blocks if b.text]


def _is_bold(run):
    bold = run.find("w:rPr/w:b", NS)
    return bold is not None and bold.get(f"{{{W}}}val", "true") not in ("0", "false")


# The usual opening words of a motion's parts, in Dutch.
def section_openings():
    """The patterns that open a motion's parts. The request may name the board of the
    association by its own short name ("verzoekt het bestuur van de UvW")."""
    own = re.escape(Association.current().short_name)
    return [
        ("finding", re.compile(r"^constaterende(?: dat)?\b[:,]?\s*", re.I)),
        ("consideration", re.compile(r"^overwegende(?: dat)?\b[:,]?\s*", re.I)),
        (
            "request",
            re.compile(
                r"^(?P<intro>(?:verzoekt|roept|draagt)(?: het bestuur)?"
                rf"(?: van (?:de |het )?{own})?(?: op)?)"
                r"\b[:,]?\s*",
                re.I,
            ),
        ),
        ("explanation", re.compile(r"^toelichting\b[:,]?\s*", re.I)),
    ]


PREAMBLE = re.compile(r"^de (?:algemene )?ledenvergadering\b", re.I)


def preamble_test():
    """Whether a paragraph opens the motion: "De (algemene) ledenvergadering ...", or the
    fixed start of the association's own opening formula ("Het congres van ...")."""
    own = Association.current().motion_opening.split("{")[0].strip().casefold()
    return lambda text: (
        bool(PREAMBLE.match(text)) or (len(own) >= 8 and text.casefold().startswith(own))
    )


CLOSING = re.compile(r"^en gaat over tot de orde van de dag", re.I)
SUBMITTERS = re.compile(r"^(?:indiener(?:s)?|ingediend door|namens)\s*[:]\s*", re.I)
MOTION_HEADING = re.compile(r"^motie\s+(?P<submitters>.+?)\s+[“\"‘'](?P<title>.+)[”\"’']$", re.I)
TITLE_LABEL = re.compile(r"^(?:titel(?: van de motie)?)\s*:\s*", re.I)


@dataclass
class ParsedMotion:
    title: str = ""
    submitters_text: str = ""
    submitters: list = field(default_factory=list)
    unmatched_submitters: list = field(default_factory=list)
    ambiguous_submitters: dict = field(default_factory=dict)
    submitters_note: str = ""
    request_intro: str = "verzoekt het bestuur"
    parts: list = field(default_factory=list)  # (kind, text) in order
    explanation_lines: list = field(default_factory=list)
    unplaced: list = field(default_factory=list)
    source: list = field(default_factory=list)

    @property
    def explanation(self):
        return "\n\n".join(self.explanation_lines + self.unplaced)

    @property
    def problems(self):
        problems = []
        if not self.title:
            problems.append(_("No title was found."))
        if not self.submitters:
            problems.append(_("No submitting member was recognised."))
        names = MatchResult(
            unmatched=self.unmatched_submitters, ambiguous=self.ambiguous_submitters
        )
        problems.extend(names.problems())
        if self.unplaced:
            problems.append(
                _("%(count)s paragraph(s) could not be placed and were added to the explanation.")
                % {"count": len(self.unplaced)}
            )
        return problems

    @transaction.atomic
    def create_draft(self, agenda_item, submitters=None):
        """Create a draft motion under `agenda_item`, with submitters in order."""
        from motions.models import Motion, MotionPart, ProposalSubmitter

        submitters = self.submitters if submitters is None else submitters
        motion = Motion.objects.create(
            meeting=agenda_item.meeting,
            agenda_item=agenda_item,
            position=agenda_item.proposals.count() + 1,
            title=self.title[:300],
            submitters_note=self.submitters_note,
            request_intro=self.request_intro[:100],
            explanation=self.explanation,
            is_draft=True,
        )
        for position, member in enumerate(submitters, start=1):
            ProposalSubmitter.objects.create(proposal=motion, member=member, position=position)
        # A bulk insert sends no pre_save: strip what alv.text strips on save.
        MotionPart.objects.bulk_create(
            MotionPart(motion=motion, position=n, kind=kind, text=strip_control_characters(text))
            for n, (kind, text) in enumerate(self.parts, start=1)
        )
        return motion


def parse_motion(blocks, members=None):
    parsed = ParsedMotion(source=[b.text for b in blocks])
    is_preamble = preamble_test()
    openings = section_openings()
    section = None
    for index, block in enumerate(blocks):
        text = block.text
        if text.startswith("[") and text.endswith("]"):
            continue  # a hint of the template that was not filled in
        if not parsed.title and (match := MOTION_HEADING.match(text)):
            parsed.title = match["title"].strip()
            if not parsed.submitters_text:
                parsed.submitters_text = match["submitters"]
            continue
        if not parsed.title and (match := TITLE_LABEL.match(text)):
            parsed.title = _filled(text[match.end() :])
            continue
        if match := SUBMITTERS.match(text):
            parsed.submitters_text = _filled(text[match.end() :])
            continue
        if is_preamble(text):
            parsed.parts.append(("preamble", text))
            continue
        if CLOSING.match(text):
            parsed.parts.append(("closing", text))
            section = None
            continue
        opened = _opening(text, openings)
        if opened:
            section, intro, rest = opened
            if section == "request" and intro:
                parsed.request_intro = _lower_but_the_name(intro)
            if rest:
                _place(parsed, section, rest)
            continue
        if not parsed.title and (block.is_heading or block.bold) and index < 5:
            parsed.title = text.strip("“”\"'‘’ ")
            continue
        if section:
            _place(parsed, section, text)
        else:
            parsed.unplaced.append(text)
    if parsed.submitters_text:
        result = match_members(parsed.submitters_text, members)
        parsed.submitters = result.members
        parsed.unmatched_submitters = result.unmatched
        parsed.ambiguous_submitters = result.ambiguous
        parsed.submitters_note = result.note
    return parsed


def _lower_but_the_name(intro):
    """ "VERZOEKT het bestuur van de vng" is "verzoekt het bestuur van de VNG"."""
    short_name = Association.current().short_name
    return re.sub(re.escape(short_name), short_name, intro.lower(), flags=re.I)


def _filled(value):
    """A template field's value; still the template's [hint] means not filled in."""
    value = value.strip()
    return "" if value.startswith("[") else value


def _opening(text, openings):
    for kind, pattern in openings:
        match = pattern.match(text)
        if match:
            intro = match.groupdict().get("intro") or ""
            return kind, intro, text[match.end() :].strip()
    return None


def _place(parsed, section, text):
    text = re.sub(r"^[-•–]\s*", "", text)
    if section == "explanation":
        parsed.explanation_lines.append(text)
    else:
        parsed.parts.append((section, text))
