"""The meeting book as data: its ordered sections, as one edition's reader may see them.

Written once and rendered twice: the PDF renderer (book/pdf.py) turns it into HTML for
WeasyPrint, the Word renderer into a .docx. So everything here is plain data (dataclasses of
strings, numbers and lists), never markup of our own. The one exception are the texts users
may format (agenda texts, explanations, rationales, reports): they are `RichText`, the same
sanitized HTML the web pages show, carried once and rendered by each renderer in its own way.
Built on `papers.contents.assemble`, so the book shows what the pages show.

Editions: the member edition is what a member may read (published papers only); the
secretariat edition is everything, marked "Concept" when anything in it is unpublished. The
reader of an edition is a stand-in user with that role, so the visibility QuerySets answer for
the book exactly as they answer for a person.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.utils import formats, timezone, translation
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from alv import formatting, roles, textdiff
from alv.models import Association
from motions import votes
from papers import contents
from papers import decisions as decision_list
from voting import record

MEMBER = "member"
SECRETARIAT = "secretariat"
EDITIONS = (MEMBER, SECRETARIAT)

MEETING = "meeting"
ITEM = "item"
PROPOSAL = "proposal"
# The decision list (besluitenlijst) of the meeting: another document of the same meeting,
# built, stored and served like the book, in the same two editions.
DECISIONS = "decisions"
SCOPES = (MEETING, ITEM, PROPOSAL, DECISIONS)

# Raise when the book's layout changes in a way its templates and stylesheet do not show
# (for example the renderer's options): every stored book is then built anew.
LAYOUT_VERSION = 1


def edition_reader(edition):
    """A user who sees what the edition shows: a member without a municipality, or the
    secretariat. Never saved; its roles are set directly, so asking them costs no query."""
    if edition not in EDITIONS:
        raise ValueError(f"Unknown edition: {edition!r}")
    user = get_user_model()(username=f"{edition}-edition")
    user._alv_role_names = frozenset({roles.MEMBER if edition == MEMBER else roles.SECRETARIAT})
    return user


@dataclass
class RichText:
    """A text a user may format a little (bold, italics, lists, links), as the sanitized HTML
    the web pages show it in (`alv.formatting.rich_text`): the PDF prints that HTML, the Word
    renderer turns it into runs, list paragraphs and hyperlinks. Plain text stays plain: blank
    lines make paragraphs, a single line break a line break. Made by `formatted`, which
    sanitizes; never from HTML that was not."""

    html: str = ""

    def __bool__(self):
        return bool(self.html)

    def __str__(self):
        # Django's templates print it as it is (they take str() of an object, then keep a
        # safe string unescaped): it was sanitized when it was made.
        return mark_safe(self.html)

    __html__ = __str__


def formatted(text):
    """The user's `text` as RichText (empty when there is no text)."""
    if not (text or "").strip():
        return RichText()
    return RichText(str(formatting.rich_text(text)))


@dataclass
class PreAdviceBlock:
    """The pre-advice as its one reading says it (motions.models.PreAdvice.reading): `label`
    the advice in words, with advice per part of a motion each part's ("per onderdeel:
    verzoek 1: overnemen; verzoek 2: ontraden"), and those `parts` one by one."""

    value: str  # overnemen, ontraden, ...
    label: str
    rationale: RichText
    is_published: bool
    response: str = ""
    parts: list = field(default_factory=list)  # motions.models.AdvicePartReading
    whole: str = ""  # with parts: the advice on the motion as a whole, if the board gave one


@dataclass
class OutcomeLine:
    """The decision on a resolution, motion or amendment as the pages and the decision list
    read it (agenda.outcomes.Reading): its words with exactly the shares that are known, and
    for a motion voted in parts each part's (`name`: the part's label)."""

    text: str
    status: str
    parts: list = field(default_factory=list)  # OutcomeLine
    name: str = ""
    # A decision on an agenda item as such has a text of its own ("De notulen worden
    # vastgesteld."), printed under its reading.
    note: str = ""


@dataclass
class ClauseLine:
    number: int
    text: str


@dataclass
class ResolutionBlock:
    anchor: str
    heading: str
    title: str
    version_label: str
    is_draft: bool
    intro: str
    clauses: list
    explanation: RichText
    submitters: list
    has_text: bool = True
    kind: str = "resolution"
    outcome: OutcomeLine | None = None


@dataclass
class AmendmentBlock:
    anchor: str
    number: str
    heading: str
    title: str
    submitters: list
    resolution_title: str
    change: str  # replace, insert, delete
    clause_number: int | None
    change_label: str
    segments: list  # alv.textdiff.Segment as dicts: op, text
    explanation: RichText
    pre_advice: PreAdviceBlock | None
    is_draft: bool
    is_late: bool
    kind: str = "amendment"
    outcome: OutcomeLine | None = None
    # "Ingediend door": the submitters with their note, as the pages read them (submitted_by).
    submitted_by: str = ""


@dataclass
class MotionPartLine:
    kind: str  # preamble, finding, consideration, request, closing
    label: str  # "constaterende dat" ... or ""
    text: str


@dataclass
class MotionBlock:
    anchor: str
    number: str
    heading: str
    title: str
    submitters: list
    parts: list
    explanation: RichText
    pre_advice: PreAdviceBlock | None
    is_draft: bool
    is_late: bool
    related_resolution: str = ""
    kind: str = "motion"
    outcome: OutcomeLine | None = None
    # "Ingediend door": the submitters with their note, as the pages read them (submitted_by).
    submitted_by: str = ""


@dataclass
class FollowUpBlock:
    anchor: str
    heading: str
    submitters: list
    adopted_at: str
    theme: str
    report: RichText
    proposed_decision: str
    pre_advice: PreAdviceBlock | None
    kind: str = "follow_up"
    # "Ingediend door": the submitters with their note, as the pages read them (submitted_by).
    submitted_by: str = ""


@dataclass
class ItemSection:
    anchor: str
    number: str
    title: str
    kind_label: str
    is_sub_item: bool
    text: RichText
    resolutions: list = field(default_factory=list)
    proposals: list = field(default_factory=list)
    follow_ups: list = field(default_factory=list)
    # The motions outside the agenda's items: a section after the items, headed by its title
    # alone (no item number), in the table of contents but not in the agenda.
    is_apart: bool = False
    # The decision on the item as such, once taken (papers.contents.ItemPapers.decision),
    # read as every page reads it; `decision_label` names it: on the item, or on the package
    # of a follow-up item.
    decision: OutcomeLine | None = None
    decision_label: str = ""

    @property
    def has_papers(self):
        return bool(self.resolutions or self.proposals or self.follow_ups)

    @property
    def is_brief(self):
        """Without papers (at most a text of its own): in the book it takes no page of its own
        but follows the item before it, as printed meeting books do."""
        return not self.has_papers

    @property
    def is_empty(self):
        return not (self.text or self.has_papers)

    @property
    def running_title(self):
        return self.title if self.is_apart else f"{self.number}. {self.title}"


@dataclass
class TocEntry:
    anchor: str
    number: str
    label: str
    level: int


@dataclass
class AgendaLine:
    anchor: str
    number: str
    title: str
    kind_label: str
    is_sub_item: bool


@dataclass
class AppendixRow:
    anchor: str
    number: str
    kind_label: str
    title: str
    submitters: list
    item_number: str
    pre_advice: str
    # "Ingediend door": the submitters with their note, as the pages read them (submitted_by).
    submitted_by: str = ""


@dataclass
class Cover:
    association: str
    # The association's colours (validated hex) for the PDF: the brand colour as a background
    # with its text colour on it, and the link colour (readable on white) for headings.
    colours: dict
    meeting_title: str
    kind_label: str
    date: str
    time: str
    location: str
    edition_label: str
    published: str


@dataclass
class Book:
    edition: str
    scope: str
    language: str
    title: str
    author: str
    meeting_title: str
    is_concept: bool
    cover: Cover
    toc: list
    agenda: list
    items: list
    appendix: list

    @property
    def is_whole_meeting(self):
        return self.scope == MEETING

    @property
    def proposals(self):
        return [p for section in self.items for p in section.proposals]

    def content_hash(self):
        """A hash of everything the book shows, its edition and its layout: equal hashes,
        equal books. Nothing in the book depends on the clock, so an unchanged meeting keeps
        its hash."""
        payload = json.dumps(
            {"book": asdict(self), "layout": layout_digest()},
            ensure_ascii=False,
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(payload.encode()).hexdigest()


@cache
def layout_digest():
    """The templates and stylesheet a book is rendered with, plus LAYOUT_VERSION: changing
    any of them makes every stored book outdated."""
    from book.pdf import layout_files  # the renderer knows its own files

    digest = hashlib.sha256(str(LAYOUT_VERSION).encode())
    for path in layout_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _pre_advice(subject):
    # Visible pre-advice only is prefetched: a missing one is unpublished (or not given yet).
    try:
        advice = subject.pre_advice
    except ObjectDoesNotExist:
        return None
    if advice is None:
        return None
    reading = advice.reading()
    return PreAdviceBlock(
        value=advice.value,
        label=reading.text,
        rationale=formatted(advice.rationale),
        is_published=advice.is_published,
        response=advice.response_text(),
        parts=reading.parts,
        whole=reading.whole_text,
    )


def submitted_by(proposal):
    """Who submitted `proposal`, as its page names them (templates/motions/_submitters.html):
    the members in order (or the group, or the board), then the submitters' note ("e.a.",
    "c.s."). The book's "Ingediend door" and its overview table, in PDF and Word, print this."""
    names = ", ".join(proposal.submitter_names)
    return f"{names} {proposal.submitters_note}".strip()


def _heading(proposal):
    """The name the papers give a motion or amendment; with more than three submitters the
    first one "e.a." (the full list stands under the heading), as the papers write it."""
    names = proposal.submitter_names
    if len(names) <= 3 or proposal.submitters_note:
        return proposal.display_name
    name = f"{proposal.kind_label} {names[0]} e.a."
    return f"{name} “{proposal.title}”" if proposal.title else name


def _outcome(subject):
    """The decision on `subject` as every page reads it; None while nothing was decided."""
    reading = subject.reading()
    if not reading.is_decided and not any(part.is_decided for part in reading.parts):
        return None
    return _outcome_line(reading)


def _outcome_line(reading, note=""):
    return OutcomeLine(
        text=capfirst(reading.text),
        status=reading.status,
        parts=[_outcome_line(part) for part in reading.parts],
        name=reading.name,
        note=note,
    )


def _item_decision(entry):
    """The decision on the item of `entry` as such, as the meeting page shows it: only once
    taken (papers.contents.taken_decision), read through Outcome.reading, with its text."""
    decision = entry.decision
    if decision is None:
        return None
    return _outcome_line(decision.reading(), note=decision.text)


def _item_decision_label(item):
    if item.is_follow_up:
        return _("Decision on the package")
    return _("Decision on the item")


def _resolution(resolution):
    version = resolution.shown_version
    heading = _("Resolution “%(title)s”") % {"title": resolution.title}
    if version is None:
        return ResolutionBlock(
            anchor=f"resolution-{resolution.pk}",
            heading=heading,
            title=resolution.title,
            version_label="",
            is_draft=False,
            intro="",
            clauses=[],
            explanation=RichText(),
            submitters=resolution.submitter_names,
            has_text=False,
            outcome=_outcome(resolution),
        )
    label = version.label or _("version %(number)s") % {"number": version.number}
    return ResolutionBlock(
        anchor=f"resolution-{resolution.pk}",
        heading=heading,
        title=resolution.title,
        version_label=label[:1].upper() + label[1:],
        is_draft=version.is_draft,
        intro=version.intro,
        clauses=[ClauseLine(c.number, c.text) for c in version.clauses.all()],
        explanation=formatted(version.explanation),
        submitters=[] if resolution.submitted_by_board else resolution.submitter_names,
        outcome=_outcome(resolution),
    )


def _change_label(amendment):
    number = amendment.target_clause.number if amendment.target_clause_id else None
    title = amendment.resolution_version.resolution.title
    if amendment.change == "insert":
        if number is None:
            return _("Inserts a new clause before clause 1 of the resolution “%(title)s”.") % {
                "title": title
            }
        return _("Inserts a new clause after clause %(number)s of the resolution “%(title)s”.") % {
            "number": number,
            "title": title,
        }
    if amendment.change == "delete":
        return _("Deletes clause %(number)s of the resolution “%(title)s”.") % {
            "number": number,
            "title": title,
        }
    return _("Changes clause %(number)s of the resolution “%(title)s” to read:") % {
        "number": number,
        "title": title,
    }


def _amendment(proposal, number, visible_versions):
    amendment = proposal.amendment
    clause = amendment.target_clause
    # The old wording is shown only from a version this edition may read.
    old = clause.text if clause and amendment.resolution_version_id in visible_versions else ""
    if amendment.change == "insert":
        segments = [textdiff.Segment(textdiff.INSERT, amendment.new_text)]
    elif amendment.change == "delete":
        segments = [textdiff.Segment(textdiff.DELETE, old)] if old else []
    else:
        segments = textdiff.word_diff(old, amendment.new_text)
    return AmendmentBlock(
        anchor=f"proposal-{proposal.pk}",
        number=number,
        heading=_heading(proposal),
        title=proposal.title,
        submitters=proposal.submitter_names,
        submitted_by=submitted_by(proposal),
        resolution_title=amendment.resolution_version.resolution.title,
        change=amendment.change,
        clause_number=clause.number if clause else None,
        change_label=_change_label(amendment),
        segments=[asdict(s) for s in segments],
        explanation=formatted(proposal.explanation),
        pre_advice=_pre_advice(proposal),
        is_draft=proposal.is_draft,
        is_late=proposal.is_late,
        outcome=_outcome(amendment),
    )


PART_LABELS = {
    "finding": "constaterende dat",
    "consideration": "overwegende dat",
}


def _motion(proposal, number):
    motion = proposal.motion
    parts = []
    previous = None
    for part in motion.parts.all():
        # The opening words stand once before a run of parts of the same kind, as on paper.
        if part.kind == "request":
            label = motion.request_intro if previous != "request" else ""
        else:
            label = PART_LABELS.get(part.kind, "") if previous != part.kind else ""
        parts.append(MotionPartLine(kind=part.kind, label=label, text=part.text))
        previous = part.kind
    return MotionBlock(
        anchor=f"proposal-{proposal.pk}",
        number=number,
        heading=_heading(proposal),
        title=proposal.title,
        submitters=proposal.submitter_names,
        submitted_by=submitted_by(proposal),
        parts=parts,
        explanation=formatted(proposal.explanation),
        pre_advice=_pre_advice(proposal),
        is_draft=proposal.is_draft,
        is_late=proposal.is_late,
        related_resolution=motion.resolution.title if motion.resolution_id else "",
        outcome=_outcome(proposal),
    )


def _follow_up(follow_up):
    motion = follow_up.motion
    return FollowUpBlock(
        anchor=f"follow-up-{follow_up.pk}",
        heading=motion.display_name,
        submitters=motion.submitter_names,
        submitted_by=submitted_by(motion),
        adopted_at=str(motion.meeting),
        theme=follow_up.theme,
        report=formatted(follow_up.report),
        proposed_decision=(
            str(follow_up.get_proposed_decision_display()) if follow_up.proposed_decision else ""
        ),
        pre_advice=_pre_advice(follow_up),
    )


def _section(entry, visible_versions):
    item = entry.item
    proposals = []
    for proposal in entry.proposals:
        number = f"{item.number}.{proposal.position}"  # the item is loaded already
        if proposal.kind == "amendment":
            proposals.append(_amendment(proposal, number, visible_versions))
        else:
            proposals.append(_motion(proposal, number))
    return ItemSection(
        anchor=f"item-{item.pk}",
        number=item.number,
        title=item.title,
        kind_label=str(item.get_kind_display()),
        is_sub_item=entry.is_sub_item,
        text=formatted(item.text),
        resolutions=[_resolution(r) for r in entry.resolutions],
        proposals=proposals,
        follow_ups=[_follow_up(f) for f in entry.follow_ups],
        decision=_item_decision(entry),
        decision_label=_item_decision_label(item),
    )


def _apart_section(apart):
    """The motions outside the agenda's items (M1, M2), after the items."""
    return ItemSection(
        anchor="apart",
        number="",
        title=_("Motions outside the agenda"),
        kind_label="",
        is_sub_item=False,
        text=RichText(),
        proposals=[_motion(proposal, proposal.number) for proposal in apart],
        is_apart=True,
    )


def _is_concept(meeting, sections):
    if not meeting.is_published:
        return True
    for section in sections:
        if any(r.is_draft for r in section.resolutions):
            return True
        for block in [*section.proposals, *section.follow_ups]:
            if getattr(block, "is_draft", False):
                return True
            if block.pre_advice is not None and not block.pre_advice.is_published:
                return True
    return False


def _cover(meeting, edition, is_concept):
    starts_at = timezone.localtime(meeting.starts_at)
    if edition == MEMBER:
        edition_label = _("Member edition")
    elif is_concept:
        edition_label = _("Concept: secretariat edition, contains unpublished papers")
    else:
        edition_label = _("Secretariat edition")
    published = ""
    if meeting.published_at:
        published = _("Papers published on %(date)s") % {
            "date": formats.date_format(timezone.localtime(meeting.published_at), "j F Y")
        }
    return Cover(
        association=Association.current().name,
        colours=Association.current().book_colours,
        meeting_title=meeting.title,
        kind_label=str(meeting.get_kind_display()),
        date=formats.date_format(starts_at, "l j F Y"),
        time=formats.time_format(starts_at, "H:i"),
        location=meeting.location,
        edition_label=edition_label,
        published=published,
    )


def _toc(sections, with_appendix):
    entries = [TocEntry("agenda", "", _("Agenda"), 1)]
    for section in sections:
        level = 2 if section.is_sub_item else 1
        entries.append(TocEntry(section.anchor, section.number, section.title, level))
        for block in [*section.resolutions, *section.proposals, *section.follow_ups]:
            number = getattr(block, "number", "")
            entries.append(TocEntry(block.anchor, number, block.heading, level + 1))
    if with_appendix:
        entries.append(TocEntry("appendix", "", _("Overview of motions and amendments"), 1))
    return entries


def _appendix(sections):
    rows = []
    for section in sections:
        for block in section.proposals:
            rows.append(
                AppendixRow(
                    anchor=block.anchor,
                    number=block.number,
                    kind_label=_("Amendment") if block.kind == "amendment" else _("Motion"),
                    title=block.title
                    or _("On the resolution “%(title)s”") % {"title": block.resolution_title},
                    submitters=block.submitters,
                    submitted_by=block.submitted_by,
                    item_number=section.number,
                    pre_advice=block.pre_advice.label if block.pre_advice else "",
                )
            )
    return rows


def build(meeting, edition, scope=MEETING, target=None):
    """The book of `meeting` in `edition`: the whole meeting, or one agenda item (`target`
    an AgendaItem) or one motion or amendment (`target` a Proposal) of it; or, for scope
    DECISIONS, its decision list. Always in the association's language, whoever asks."""
    with translation.override(settings.LANGUAGE_CODE):
        if scope == DECISIONS:
            return _build_decisions(meeting, edition)
        return _build(meeting, edition, scope, target)


def build_all(meeting, edition):
    """The whole book of `meeting` in `edition` and the book of each of its agenda items and
    proposals, from one assembly of the papers: {(scope, target id): Book}, the whole book
    under (MEETING, None). For keeping every stored book of a meeting current
    (`book.refresh`): a book per target, each assembled anew, would cost the meeting's
    assembly once per item and per motion."""
    with translation.override(settings.LANGUAGE_CODE):
        entries, visible_versions, apart = _papers(meeting, edition)
        # Motions outside the agenda are in the whole book only: they have no files of their
        # own (a motion's own file is cut from its item's section).
        books = {
            (MEETING, None): _book(
                meeting, edition, MEETING, None, entries, visible_versions, apart
            )
        }
        for entry in entries:
            if not entry.is_empty:  # an item with nothing to read has no file of its own
                books[(ITEM, entry.item.pk)] = _book(
                    meeting, edition, ITEM, entry.item, entries, visible_versions
                )
            for proposal in entry.proposals:
                books[(PROPOSAL, proposal.pk)] = _book(
                    meeting, edition, PROPOSAL, proposal, entries, visible_versions
                )
        return books


def _papers(meeting, edition):
    """The meeting's papers as `edition` shows them, and the resolution versions it shows."""
    meeting_papers = contents.assemble(meeting, edition_reader(edition))
    visible_versions = {
        version.pk
        for entry in meeting_papers.items
        for resolution in entry.resolutions
        for version in resolution.visible_versions
    }
    return meeting_papers.items, visible_versions, meeting_papers.apart


def _build(meeting, edition, scope, target):
    entries, visible_versions, apart = _papers(meeting, edition)
    return _book(meeting, edition, scope, target, entries, visible_versions, apart)


def _book(meeting, edition, scope, target, entries, visible_versions, apart=()):
    if scope == ITEM:
        entries = [e for e in entries if e.item.pk == target.pk]
    elif scope == PROPOSAL:
        entries = [e for e in entries if any(p.pk == target.pk for p in e.proposals)]
    sections = [_section(entry, visible_versions) for entry in entries]
    if scope == MEETING and apart:
        sections.append(_apart_section(apart))
    if scope == PROPOSAL:
        for section in sections:
            section.text = RichText()
            section.resolutions = []
            section.follow_ups = []
            section.decision = None
            section.proposals = [
                p for p in section.proposals if p.anchor == f"proposal-{target.pk}"
            ]
    if scope != MEETING and not sections:
        raise LookupError("Not in this edition of the book.")
    is_concept = edition == SECRETARIAT and _is_concept(meeting, sections)
    if scope == MEETING:
        title = meeting.title
    elif scope == ITEM:
        title = f"{meeting.title}: {_('item')} {sections[0].running_title}"
    else:
        title = f"{meeting.title}: {sections[0].proposals[0].heading}"
    whole = scope == MEETING
    cover = _cover(meeting, edition, is_concept)
    return Book(
        edition=edition,
        scope=scope,
        language=settings.LANGUAGE_CODE,
        title=title,
        author=cover.association,
        meeting_title=meeting.title,
        is_concept=is_concept,
        cover=cover,
        toc=_toc(sections, with_appendix=whole) if whole else [],
        agenda=(
            [
                AgendaLine(s.anchor, s.number, s.title, s.kind_label, s.is_sub_item)
                for s in sections
                if not s.is_apart  # not an item of the agenda
            ]
            if whole
            else []
        ),
        items=sections,
        appendix=_appendix(sections) if whole else [],
    )


# The decision list --------------------------------------------------------------------------


@dataclass
class Share:
    label: str
    percent: str


@dataclass
class PollOption:
    label: str
    share: str  # "71,34%"; "–" when nobody voted
    weight: str
    cards: str


@dataclass
class MemberVote:
    member: str
    vote: str
    weight: str
    on_paper: bool


@dataclass
class PollBlock:
    """A closed electronic vote, as voting.record publishes it on the decision list's page:
    its totals; for a named poll each member's vote, for a secret poll only the receipt codes
    it counted (never a member beside a choice)."""

    title: str
    heading: str
    secret: bool
    options: list  # PollOption
    votes: list  # MemberVote, a named poll's
    receipts: list  # str, a secret poll's


@dataclass
class DecisionLine:
    anchor: str
    kind: str  # papers.decisions.Kind
    name: str
    result: str  # the outcome in words, percentages included
    status: str  # adopted, rejected, ...; "" when nothing was recorded
    note: str
    shares: list  # Share: for/against/abstain, or the three options of a three-way vote
    parts: list = field(default_factory=list)  # DecisionLine, for a motion voted in parts
    polls: list = field(default_factory=list)  # PollBlock: the electronic votes on it

    @property
    def has_polls(self):
        return bool(self.polls) or any(part.polls for part in self.parts)


@dataclass
class DecisionSection:
    anchor: str
    number: str
    title: str
    is_sub_item: bool
    decisions: list
    # The decisions on motions outside the agenda's items: titled without a number.
    is_apart: bool = False

    @property
    def running_title(self):
        return self.title if self.is_apart else f"{self.number}. {self.title}"


@dataclass
class DecisionListDocument:
    """The decision list as plain data, for the PDF and the Word renderer alike: built once
    from `papers.decisions.assemble`, the structure the decision list page renders."""

    edition: str
    language: str
    title: str
    author: str
    meeting_title: str
    is_concept: bool
    cover: Cover
    items: list
    scope: str = DECISIONS

    @property
    def is_whole_meeting(self):
        return False

    def content_hash(self):
        payload = json.dumps(
            {"decisions": asdict(self), "layout": layout_digest()},
            ensure_ascii=False,
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(payload.encode()).hexdigest()


def _shares(outcome):
    # The figures that are known and no others (agenda.outcomes.Outcome.known_shares).
    if outcome is None:
        return []
    return [Share(str(share.label), share.percent) for share in outcome.known_shares()]


def _decision_line(decision, anchor):
    text = decision.text
    return DecisionLine(
        anchor=anchor,
        kind=decision.kind,
        name=decision.name,
        result=text[:1].upper() + text[1:],
        status=decision.status,
        note=decision.note,
        shares=_shares(decision.outcome),
        parts=[
            _decision_line(part, f"{anchor}-part-{index}")
            for index, part in enumerate(decision.parts, start=1)
        ],
        polls=[_poll_block(poll) for poll in getattr(decision, "polls", [])],
    )


def _poll_block(poll):
    """The poll in the words and figures of the page (templates/voting/_poll_record.html)."""
    if poll.secret:
        heading = _("Secret poll on %(title)s: the totals")
    else:
        heading = _("Poll on %(title)s: the votes per member")
    return PollBlock(
        title=poll.title,
        heading=heading % {"title": poll.title},
        secret=poll.secret,
        options=[
            PollOption(
                label=capfirst(str(row["label"])),
                share="–" if row["share"] is None else votes.percent(row["share"]),
                weight=formats.localize(row["weight"]),
                cards=formats.localize(row["cards"]),
            )
            for row in poll.result.rows
        ],
        votes=[
            MemberVote(
                member=cast.member.name,
                vote=capfirst(str(cast.label)),
                weight=formats.localize(cast.weight),
                on_paper=cast.on_paper,
            )
            for cast in (poll.named if not poll.secret else [])
        ],
        receipts=[cast.receipt for cast in poll.counted] if poll.secret else [],
    )


def _holds_drafts(assembled):
    """Whether the list shows a decision on anything unpublished (only the secretariat's
    edition can)."""
    for entry in assembled.items:
        for decision in entry.decisions:
            outcome = decision.outcome
            if getattr(outcome, "is_draft", False):
                return True
            version = getattr(outcome, "shown_version", None)
            if version is not None and version.is_draft:
                return True
    return False


def _build_decisions(meeting, edition):
    try:
        assembled = decision_list.assemble(meeting, edition_reader(edition))
    except PermissionDenied:
        # An unpublished decision list has no member edition, as unpublished papers have none.
        raise LookupError("Not in this edition of the decision list.") from None
    # The electronic votes as the page shows them, under the decisions this edition holds.
    record.add_polls(assembled, meeting)
    is_concept = edition == SECRETARIAT and (
        not assembled.is_published or not meeting.is_published or _holds_drafts(assembled)
    )
    starts_at = timezone.localtime(meeting.starts_at)
    if is_concept:
        edition_label = _("the decision list or part of it is not published")
    elif edition == SECRETARIAT:
        edition_label = _("Secretariat edition")
    else:
        edition_label = ""
    published = ""
    if assembled.published_at:
        published = _("Decision list published on %(date)s") % {
            "date": formats.date_format(timezone.localtime(assembled.published_at), "j F Y")
        }
    cover = Cover(
        association=Association.current().name,
        colours=Association.current().book_colours,
        meeting_title=meeting.title,
        kind_label=str(meeting.get_kind_display()),
        date=formats.date_format(starts_at, "l j F Y"),
        time=formats.time_format(starts_at, "H:i"),
        location=meeting.location,
        edition_label=edition_label,
        published=published,
    )
    sections = []
    for entry in assembled.items:
        item = entry.item
        anchor = f"item-{item.pk}"
        sections.append(
            DecisionSection(
                anchor=anchor,
                number=item.number,
                title=item.title,
                is_sub_item=entry.is_sub_item,
                decisions=[
                    _decision_line(decision, f"{anchor}-decision-{index}")
                    for index, decision in enumerate(entry.decisions, start=1)
                ],
                is_apart=entry.is_apart,
            )
        )
    return DecisionListDocument(
        edition=edition,
        language=settings.LANGUAGE_CODE,
        title=_("Decision list %(meeting)s") % {"meeting": meeting.title},
        author=cover.association,
        meeting_title=meeting.title,
        is_concept=is_concept,
        cover=cover,
        items=sections,
    )
