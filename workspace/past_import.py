"""Entering a past meeting in bulk (issue 23): its agenda as a list and its motions with their
pre-advice and outcomes as a CSV, checked completely before anything is saved.

`plan_import` reads both texts and returns what would be created, with every problem and its
line; it writes nothing. `apply_plan` makes the plan again inside one transaction, with the
meeting locked, and saves it only when it has no problems and is still the plan the
secretariat saw (`Plan.fingerprint`); otherwise nothing at all. The columns and rules are
documented in docs/past-meetings.md.

Everything is created through the models' own paths, so the history records it as any edit:
items with `Meeting.add_item`, motions saved as `Motion` with `set_submitters`, pre-advice
settled with `PreAdvice.settle(by_secretariat=True)`, outcomes with `motions.votes.record_outcome`
(an adopted motion gets its follow-up track, a held-over one waits for a later agenda)."""

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agenda.models import Meeting
from agenda.outcomes import Status
from alv.ordering import letters
from members.models import Member, SubmitterGroup
from members.names import TRAILING_NOTES, fold, match_members
from motions import votes
from motions.models import Motion, PreAdvice, Proposal, next_apart_position
from workspace.forms import clean_title

MAX_LINES = 2000
MAX_BYTES = 2_000_000

# The CSV's columns: the Dutch header (as documented) first, then other spellings accepted.
COLUMNS = {
    "number": ("nummer", "nr", "number"),
    "item": ("agendapunt", "punt", "item", "agenda item"),
    "title": ("titel", "title"),
    "submitters": ("indieners", "indiener", "submitters"),
    "pre_advice": ("preadvies", "pre-advies", "pre-advice", "pre_advice"),
    "outcome": ("uitkomst", "besluit", "outcome"),
    "percent_for": ("voor", "for"),
    "percent_against": ("tegen", "against"),
    "percent_abstain": ("onthouding", "onthoudingen", "abstain"),
}
REQUIRED_COLUMNS = ("title", "submitters")
SHARE_COLUMNS = ("percent_for", "percent_against", "percent_abstain")

PRE_ADVICE_WORDS = {
    **{value: value for value in PreAdvice.Value.values},
    "afraden": PreAdvice.Value.ADVISE_AGAINST,
    "geen preadvies": PreAdvice.Value.NONE,
}

ACCLAMATION = "acclamation"
OUTCOME_WORDS = {
    "aangenomen": Status.ADOPTED,
    "verworpen": Status.REJECTED,
    "ingetrokken": Status.WITHDRAWN,
    "aangehouden": Status.HELD_OVER,
    "bij acclamatie": ACCLAMATION,
    "aangenomen bij acclamatie": ACCLAMATION,
    "adopted": Status.ADOPTED,
    "rejected": Status.REJECTED,
    "withdrawn": Status.WITHDRAWN,
    "held over": Status.HELD_OVER,
    "by acclamation": ACCLAMATION,
}
BOARD_WORDS = ("het bestuur", "bestuur")

# 7, 7. 7) Title; 8a, 8a. Title (the letter right after the number).
_AGENDA_LINE = re.compile(r"^(?P<main>\d+)(?P<sub>[a-z]{1,2})?[.):]?(?:\s+(?P<title>.*))?$", re.I)
_QUOTES = "\"'“”„‘’«»"


class ImportRefused(Exception):
    """The plan cannot be saved: it has problems, or the meeting changed since the preview.
    `plan` is the plan as it is now, to show again."""

    def __init__(self, message, plan):
        super().__init__(message)
        self.plan = plan


@dataclass
class Problem:
    source: str  # "agenda", "csv", or "" for the whole import
    line: int | None
    message: str


@dataclass
class ItemPlan:
    line: int
    number: str
    title: str
    parent: "ItemPlan | None" = None
    children: list = field(default_factory=list)


@dataclass
class MotionPlan:
    line: int
    number: str
    item_number: str  # "" outside the agenda's items
    title: str
    members: list = field(default_factory=list)
    submitter_names: list = field(default_factory=list)
    by_board: bool = False
    group: SubmitterGroup | None = None
    note: str = ""
    pre_advice: str = ""
    status: str = Status.SUBMITTED
    by_acclamation: bool = False
    percent_for: Decimal | None = None
    percent_against: Decimal | None = None
    percent_abstain: Decimal | None = None

    @property
    def submitters_label(self):
        if self.by_board:
            return Proposal.BOARD_NAME
        if self.group is not None:
            return self.group.name
        return "; ".join(self.submitter_names)

    @property
    def pre_advice_label(self):
        return PreAdvice.Value(self.pre_advice).label if self.pre_advice else ""

    def reading(self):
        """The outcome as the pages will read it ("aangenomen met 90,04% voor")."""
        return Motion(
            status=self.status,
            by_acclamation=self.by_acclamation,
            percent_for=self.percent_for,
            percent_against=self.percent_against,
            percent_abstain=self.percent_abstain,
        ).reading()


@dataclass
class Plan:
    meeting: Meeting
    items: list = field(default_factory=list)  # ItemPlan, main items and sub-items in order
    motions: list = field(default_factory=list)  # MotionPlan
    problems: list = field(default_factory=list)  # Problem
    state: str = ""  # the meeting's agenda and motions as the plan found them

    @property
    def main_items(self):
        return [item for item in self.items if item.parent is None]

    def problems_of(self, source):
        return [p for p in self.problems if p.source == source]

    @property
    def agenda_problems(self):
        return self.problems_of("agenda")

    @property
    def csv_problems(self):
        return self.problems_of("csv")

    @property
    def general_problems(self):
        return self.problems_of("")

    @property
    def agenda_problem_lines(self):
        return {p.line for p in self.agenda_problems}

    @property
    def csv_problem_lines(self):
        return {p.line for p in self.csv_problems}

    def counts(self):
        return {
            "items": len(self.main_items),
            "sub_items": len(self.items) - len(self.main_items),
            "motions": len(self.motions),
            "pre_advice": sum(1 for m in self.motions if m.pre_advice),
            "outcomes": sum(1 for m in self.motions if m.status != Status.SUBMITTED),
        }

    def fingerprint(self):
        """What the plan would create, and the meeting it would create it in, as one short
        string: saving is refused when the plan made again differs from the one shown."""
        parts = [str(self.meeting.pk), self.state]
        parts += [f"item:{i.number}:{i.title}" for i in self.items]
        for m in self.motions:
            parts.append(
                f"motion:{m.number}:{m.item_number}:{m.title}:"
                f"{','.join(str(x.pk) for x in m.members)}:{m.by_board}:"
                f"{m.group.pk if m.group else ''}:{m.note}:{m.pre_advice}:{m.status}:"
                f"{m.by_acclamation}:{m.percent_for}:{m.percent_against}:{m.percent_abstain}"
            )
        parts += [f"problem:{p.source}:{p.line}:{p.message}" for p in self.problems]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


def decode(data):
    """An uploaded file's text: UTF-8 (with or without the BOM Excel writes), else
    Windows-1252, Excel's encoding on Dutch Windows machines."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# ---------------------------------------------------------------------------------------------
# The agenda list


def _read_agenda(text, plan, existing_main_count):
    """The items of the agenda list, in order. Main items continue the meeting's agenda:
    the first is number (items already on it) + 1. A sub-item (8a) comes right under its main
    item of the list, its letters in order."""
    last_main = existing_main_count
    current = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if number > MAX_LINES:
            plan.problems.append(
                Problem(
                    "agenda", number, _("A list has at most %(max)s lines.") % {"max": MAX_LINES}
                )
            )
            break

        def problem(message, line=number):
            plan.problems.append(Problem("agenda", line, message))

        match = _AGENDA_LINE.match(line)
        if not match:
            problem(_("the line does not start with the item's number (such as 7 or 8a)."))
            continue
        main, sub = int(match["main"]), (match["sub"] or "").lower()
        try:
            title = clean_title(match["title"])
        except ValidationError as error:
            problem(" ".join(error.messages))
            title = ""
        if len(title) > 300:
            problem(_("the title is longer than %(max)s characters.") % {"max": 300})
        if not sub:
            if main != last_main + 1:
                problem(
                    _("item %(number)s does not follow: the next main item is %(expected)s.")
                    % {"number": main, "expected": last_main + 1}
                )
            last_main = main
            current = ItemPlan(line=number, number=str(main), title=title)
            plan.items.append(current)
            continue
        if current is None or main != int(current.number):
            problem(
                _("sub-item %(number)s does not come right under its main item %(main)s.")
                % {"number": f"{main}{sub}", "main": main}
            )
            continue
        expected = letters(len(current.children) + 1)
        if sub != expected:
            problem(
                _("sub-item %(number)s does not follow: the next sub-item is %(expected)s.")
                % {"number": f"{main}{sub}", "expected": f"{main}{expected}"}
            )
        child = ItemPlan(line=number, number=f"{main}{sub}", title=title, parent=current)
        current.children.append(child)
        plan.items.append(child)


# ---------------------------------------------------------------------------------------------
# The CSV of motions


def _dialect(text):
    """Excel's way of quoting, with the separator of the header line: ";" (Excel on a Dutch
    machine), "," or a tab. Only the separator is sniffed: a header has no quotes to learn
    from, and Excel doubles a quote inside a quoted cell (Wet ""Kwaliteitsborging"")."""
    header = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(header, delimiters=";,\t").delimiter
    except csv.Error:
        counts = {d: header.count(d) for d in ";,\t"}
        delimiter = max(counts, key=counts.get)

    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter
    Dialect.skipinitialspace = True
    return Dialect


def _column_names():
    names = {}
    for key, spellings in COLUMNS.items():
        for spelling in spellings:
            names[fold(spelling)] = key
    return names


def _share(value):
    """A Dutch percentage ("90,04", "90,04%", "90.04") as a Decimal; None when empty."""
    text = value.replace("%", "").replace(" ", "").strip()
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(value) from None
    if not number.is_finite():
        raise ValueError(value)
    return number


def _unquoted(title):
    title = title.strip()
    while len(title) >= 2 and title[0] in _QUOTES and title[-1] in _QUOTES:
        title = title[1:-1].strip()
    return title


def _submitters(cell, motion, members, problems):
    """Fill `motion`'s submitters from `cell`: members separated by ";" (the first leads),
    or the board, or a group of submitters; e.a. / c.s. at the end is kept as the note."""
    text = cell.strip()
    note = TRAILING_NOTES.search(text)
    if note:
        motion.note = note.group(1)
        text = text[: note.start()].strip()
    names = [name.strip() for name in text.split(";") if name.strip()]
    if not names:
        problems.append(
            _(
                "name the submitters: members separated by “;”, a group of submitters or "
                "“het bestuur”."
            )
        )
        return
    if len(names) == 1 and fold(names[0]) in BOARD_WORDS:
        motion.by_board = True
        return
    if len(names) == 1:
        group = SubmitterGroup.objects.filter(name__iexact=names[0]).first()
        if group is not None:
            motion.group = group
            return
    for name in names:
        result = match_members(name, members)
        if result.unmatched or len(result.members) != 1:
            if len(result.members) > 1 and not result.unmatched:
                problems.append(
                    _("“%(name)s” names more than one member: separate them with “;”.")
                    % {"name": name}
                )
            else:
                problems.extend(
                    result.problems() or [_("“%(name)s” is not a member.") % {"name": name}]
                )
            continue
        member = result.members[0]
        if member in motion.members:
            problems.append(_("A member can submit it only once."))
            continue
        motion.members.append(member)
        motion.submitter_names.append(member.name)


def _read_motions(text, plan, item_numbers, next_positions):
    """The motions of the CSV, each checked on its own and numbered as it will be: under its
    item after what that item already holds, or outside the agenda (M1, M2)."""
    reader = csv.reader(io.StringIO(text), dialect=_dialect(text))
    header = next(reader, None)
    names = _column_names()
    columns = {}
    unknown = []
    for index, name in enumerate(header or []):
        key = names.get(fold(name))
        if key is None and name.strip():
            unknown.append(name.strip())
        elif key is not None:
            columns.setdefault(key, index)
    missing = [COLUMNS[key][0] for key in REQUIRED_COLUMNS if key not in columns]
    if missing or unknown:
        if missing:
            plan.problems.append(
                Problem(
                    "csv",
                    1,
                    _("The first line must name the columns; missing: %(columns)s.")
                    % {"columns": ", ".join(missing)},
                )
            )
        if unknown:
            plan.problems.append(
                Problem(
                    "csv",
                    1,
                    _("Unknown columns: %(columns)s. The columns are: %(known)s.")
                    % {
                        "columns": ", ".join(unknown),
                        "known": ", ".join(spellings[0] for spellings in COLUMNS.values()),
                    },
                )
            )
        return
    members = list(Member.objects.on(plan.meeting.date))
    positions = dict(next_positions)
    start = 1
    for row in reader:
        line = start + 1
        start = reader.line_num
        if line > MAX_LINES:
            plan.problems.append(
                Problem("csv", line, _("A list has at most %(max)s lines.") % {"max": MAX_LINES})
            )
            break
        if not any(cell.strip() for cell in row):
            continue

        def cell(key, row=row):
            index = columns.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        problems = []
        item_number = cell("item").lower().rstrip(".")
        if item_number and item_number not in item_numbers:
            problems.append(_("there is no agenda item %(number)s.") % {"number": item_number})
        title = _unquoted(cell("title"))
        motion = MotionPlan(line=line, number="", item_number=item_number, title=title)
        if item_number in item_numbers or not item_number:
            key = item_number or None
            position = positions.get(key, 1)
            positions[key] = position + 1
            motion.number = (
                f"{item_number}.{position}" if item_number else f"{Proposal.APART_PREFIX}{position}"
            )
            typed = cell("number").rstrip(".")
            if typed and typed.upper() != motion.number.upper():
                problems.append(
                    _(
                        "the number %(typed)s does not follow: this motion becomes %(number)s "
                        "(numbers follow the order of the lines per item)."
                    )
                    % {"typed": typed, "number": motion.number}
                )
        _submitters(cell("submitters"), motion, members, problems)
        advice = fold(cell("pre_advice"))
        if advice:
            motion.pre_advice = PRE_ADVICE_WORDS.get(advice, "")
            if not motion.pre_advice:
                problems.append(
                    _("the pre-advice “%(value)s” is not one of: %(values)s.")
                    % {"value": cell("pre_advice"), "values": ", ".join(PreAdvice.Value.values)}
                )
        outcome = fold(cell("outcome"))
        if outcome:
            status = OUTCOME_WORDS.get(outcome)
            if status is None:
                problems.append(
                    _("the outcome “%(value)s” is not one of: %(values)s.")
                    % {
                        "value": cell("outcome"),
                        "values": "aangenomen, verworpen, ingetrokken, aangehouden, bij acclamatie",
                    }
                )
            elif status == ACCLAMATION:
                motion.status, motion.by_acclamation = Status.ADOPTED, True
            else:
                motion.status = status
        for key in SHARE_COLUMNS:
            try:
                setattr(motion, key, _share(cell(key)))
            except ValueError:
                problems.append(
                    _("%(column)s: “%(value)s” is not a percentage.")
                    % {"column": COLUMNS[key][0], "value": cell(key)}
                )
        problems += _model_problems(plan.meeting, motion)
        for problem in problems:
            plan.problems.append(Problem("csv", line, problem))
        plan.motions.append(motion)


def _model_problems(meeting, motion):
    """What the motion's own validation (the forms' too) refuses: the title, the outcome
    and its shares (`Outcome.clean_outcome`), the field sizes."""
    instance = Motion(
        kind=Proposal.Kind.MOTION,
        meeting=meeting,
        position=1,
        title=motion.title,
        submitted_by_board=motion.by_board,
        submitters_note=motion.note,
        status=motion.status,
        by_acclamation=motion.by_acclamation,
        percent_for=motion.percent_for,
        percent_against=motion.percent_against,
        percent_abstain=motion.percent_abstain,
    )
    problems = []
    try:
        clean_title(motion.title)
    except ValidationError as error:
        problems += error.messages
    try:
        instance.full_clean(
            exclude=["agenda_item", "submitter_group", "resolution", "meeting"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        labels = {key: COLUMNS[key][0] for key in SHARE_COLUMNS}
        labels["title"] = COLUMNS["title"][0]
        labels["submitters_note"] = COLUMNS["submitters"][0]
        for name, messages in error.message_dict.items():
            if name == "title" and not motion.title:
                continue  # said above
            for message in messages:
                label = labels.get(name)
                problems.append(f"{label}: {message}" if label else message)
    return problems


# ---------------------------------------------------------------------------------------------
# The plan, and saving it


def _state(meeting):
    """The meeting's agenda and motions as they stand, in one string (see Plan.fingerprint)."""
    items = [f"{i.pk}:{i.number}:{i.title}" for i in meeting.ordered_items()]
    proposals = Proposal.objects.dealt_with_at(meeting).order_by("pk")
    rows = [f"{p.pk}:{p.agenda_item_id}:{p.position}" for p in proposals]
    return hashlib.sha256("\n".join(["items", *items, "proposals", *rows]).encode()).hexdigest()


def plan_import(meeting, agenda_text, motions_text):
    """What entering `agenda_text` (the agenda list) and `motions_text` (the CSV of motions)
    into `meeting` would create, and every problem with its line. Writes nothing."""
    plan = Plan(meeting=meeting)
    agenda_text, motions_text = (agenda_text or "").strip("\ufeff"), (motions_text or "")
    motions_text = motions_text.lstrip("\ufeff")
    if not meeting.is_past:
        plan.problems.append(
            Problem("", None, _("Only a meeting that has been held is entered from lists."))
        )
        return plan
    if not agenda_text.strip() and not motions_text.strip():
        plan.problems.append(Problem("", None, _("Paste the agenda, the motions, or both.")))
        return plan
    existing = meeting.ordered_items()
    plan.state = _state(meeting)
    _read_agenda(agenda_text, plan, sum(1 for i in existing if i.parent_id is None))
    item_numbers = {i.number for i in existing}
    # A number of the list that is wrong still names its line's item for the motions.
    for item in plan.items:
        item_numbers.add(item.number)
    next_positions = {i.number: i.next_proposal_position() for i in existing}
    next_positions[None] = next_apart_position(meeting)
    if motions_text.strip():
        _read_motions(motions_text, plan, item_numbers, next_positions)
    return plan


@transaction.atomic
def apply_plan(meeting, agenda_text, motions_text, expected_fingerprint):
    """Save what `plan_import` plans, in one transaction with the meeting locked: refused
    (ImportRefused, nothing saved) if the plan has problems or is no longer the one shown."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).exists()
    plan = plan_import(meeting, agenda_text, motions_text)
    if plan.problems:
        raise ImportRefused(_("The lists have problems; nothing was saved."), plan)
    if plan.fingerprint() != expected_fingerprint:
        raise ImportRefused(
            _(
                "The meeting or the lists changed since the preview; nothing was saved. Check "
                "the new preview and save again."
            ),
            plan,
        )
    items = {item.number: item for item in meeting.ordered_items()}
    created = {}
    for item in plan.items:
        parent = created[id(item.parent)] if item.parent is not None else None
        row = meeting.add_item(parent=parent, title=item.title)
        row.parent = parent  # for its number
        created[id(item)] = row
        items[item.number] = row
    for entry in plan.motions:
        _create_motion(meeting, entry, items.get(entry.item_number))
    return plan


def _create_motion(meeting, entry, item):
    motion = Motion(
        kind=Proposal.Kind.MOTION,
        meeting=meeting,
        agenda_item=item,
        position=item.next_proposal_position() if item else next_apart_position(meeting),
        title=entry.title,
        submitted_by_board=entry.by_board,
        submitter_group=entry.group,
        submitters_note=entry.note,
    )
    motion.full_clean()
    motion.save()
    motion.set_submitters(entry.members)
    if entry.pre_advice:
        advice = PreAdvice(proposal=motion, value=entry.pre_advice)
        advice.full_clean()
        advice.save()
        advice.settle(advice.revision, by_secretariat=True)
    if entry.status != Status.SUBMITTED:
        votes.record_outcome(
            motion,
            entry.status,
            by_acclamation=entry.by_acclamation,
            percent_for=entry.percent_for,
            percent_against=entry.percent_against,
            percent_abstain=entry.percent_abstain,
            when=meeting.starts_at,
        )
    return motion
