"""Loading a new list of members (for the VNG: the CBS list of municipalities of 1 January).

A list is read and checked completely before anything is saved: `plan_import` returns what it
would do (new, renamed, merged, ended, population changed, unchanged) and every problem with
its line number; `apply_plan` saves a plan without problems in one transaction, or nothing.

The list names the members valid from its date on. Columns: `code`, `name`, `population`, and
optionally `kind`, `province`, `successor_code`. A row with a successor code is a member that
merged: its membership ends the day before the list's date, linked to its successor(s) (several
codes separated by ";"), which must be members in the same list. A member of a kind the list
holds that the list leaves out ends the day before as well; members without a code, and members
of kinds the list does not hold (a special member in a list of municipalities), are left alone.
"""

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from alv.models import Association
from members.models import Member, MemberKind, Population

MUNICIPALITIES_CSV = Path(settings.BASE_DIR) / "fixtures" / "gemeenten.csv"
MUNICIPALITIES_VALID_FROM = dt.date(2025, 1, 1)

REQUIRED_COLUMNS = ("code", "name", "population")
OPTIONAL_COLUMNS = ("kind", "province", "successor_code")
MAX_ROWS = 5000


class ImportRefused(Exception):
    """The plan cannot be saved: it has problems, or the members changed since it was made."""


@dataclass
class Row:
    line: int
    code: str
    name: str
    population: int | None
    kind: str
    province: str
    successor_codes: list


@dataclass
class Plan:
    valid_from: dt.date
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # (line or None, message)
    new: list = field(default_factory=list)  # rows
    renamed: list = field(default_factory=list)  # (member, row)
    details_changed: list = field(default_factory=list)  # (member, row): kind or province
    merged: list = field(default_factory=list)  # (member, [successor codes])
    ended: list = field(default_factory=list)  # members
    population_changed: list = field(default_factory=list)  # (member, old, row)
    unchanged: int = 0

    @property
    def ok(self):
        return not self.problems

    @property
    def merged_into(self):
        """(member, the names of its successors as the list gives them)."""
        names = {r.code: r.name for r in self.rows}
        return [(m, ", ".join(names[code] for code in codes)) for m, codes in self.merged]

    def counts(self):
        return {
            "new": len(self.new),
            "renamed": len(self.renamed),
            "details_changed": len(self.details_changed),
            "merged": len(self.merged),
            "ended": len(self.ended),
            "population_changed": len(self.population_changed),
            "unchanged": self.unchanged,
        }

    def fingerprint(self):
        """What the plan would change, as one short string: a confirmation is refused when
        the plan made again differs from the one the secretariat saw."""
        parts = [self.valid_from.isoformat()]
        parts += [f"new:{r.code}" for r in self.new]
        parts += [f"renamed:{m.pk}:{r.name}" for m, r in self.renamed]
        parts += [f"details:{m.pk}:{r.kind}:{r.province}" for m, r in self.details_changed]
        parts += [f"merged:{m.pk}:{','.join(codes)}" for m, codes in self.merged]
        parts += [f"ended:{m.pk}" for m in self.ended]
        parts += [
            f"population:{r.code}:{old}:{r.population}" for _m, old, r in self.population_changed
        ]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def decode(data):
    """The text of an uploaded list: UTF-8 (with or without a BOM), else Windows-1252, the
    encoding Excel writes CSV files in on Dutch Windows machines."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def association_kinds():
    """The kinds of member the association has, by every way a list may write them: the
    code ("municipality") or the name in Dutch or English ("gemeente"), in any case. The
    association's first kind comes first: it is the kind of a row that names none."""
    kinds = {}
    for value in Association.current().member_kinds:
        kinds[value.casefold()] = value
        label = MemberKind(value).label
        for language in ("nl", "en"):
            with translation.override(language):
                kinds[str(label).casefold()] = value
    return kinds


def read_rows(text, plan):
    """The rows of the list, each checked on its own; problems go to `plan.problems`."""
    sample = text[:2048]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        plan.problems.append(
            (
                1,
                _("The first line must name the columns; missing: %(columns)s.")
                % {"columns": ", ".join(missing)},
            )
        )
        return []
    reader.fieldnames = columns
    kinds = association_kinds()
    default_kind = next(iter(kinds.values()))
    rows, seen = [], {}
    for number, raw in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            plan.problems.append(
                (number, _("A list has at most %(max)s rows.") % {"max": MAX_ROWS})
            )
            break
        values = {k: (v or "").strip() for k, v in raw.items() if k is not None}
        if not any(values.values()):
            continue
        code, name = values.get("code", ""), values.get("name", "")
        successors = [c.strip() for c in values.get("successor_code", "").split(";") if c.strip()]
        typed_kind = values.get("kind", "")
        kind = kinds.get(typed_kind.casefold(), typed_kind) if typed_kind else default_kind
        problems = []
        if not code:
            problems.append(_("the row has no code"))
        elif code in seen:
            problems.append(
                _("code %(code)s is also on line %(line)s") % {"code": code, "line": seen[code]}
            )
        if not name:
            problems.append(_("the row has no name"))
        population = None
        text_population = values.get("population", "").replace(".", "").replace(" ", "")
        if text_population:
            if text_population.isdigit():
                population = int(text_population)
            else:
                problems.append(
                    _("the population “%(value)s” is not a number")
                    % {"value": values["population"]}
                )
        elif not successors:
            problems.append(_("the row has no population"))
        if kind not in kinds.values():
            problems.append(
                _("the kind “%(kind)s” is not one of the association's: %(kinds)s")
                % {
                    "kind": typed_kind,
                    "kinds": ", ".join(
                        str(MemberKind(value).label) for value in dict.fromkeys(kinds.values())
                    ),
                }
            )
        if code in successors:
            problems.append(_("a member cannot be its own successor"))
        if code:
            seen.setdefault(code, number)
        for problem in problems:
            plan.problems.append((number, problem))
        rows.append(
            Row(
                line=number,
                code=code,
                name=name,
                population=population,
                kind=kind,
                province=values.get("province", ""),
                successor_codes=successors,
            )
        )
    if not rows and not plan.problems:
        plan.problems.append((None, _("The list has no members.")))
    return rows


def plan_import(text, valid_from):
    """What loading `text` (the CSV) as the members from `valid_from` on would do."""
    plan = Plan(valid_from=valid_from)
    rows = read_rows(text, plan)
    plan.rows = rows
    latest = Population.objects.aggregate(latest=Max("valid_from"))["latest"]
    if latest and valid_from < latest:
        plan.problems.append(
            (
                None,
                _("A list valid from %(date)s is already loaded; a list must not be older.")
                % {"date": latest.strftime("%d-%m-%Y")},
            )
        )
    staying = {r.code: r for r in rows if r.code and not r.successor_codes}
    for row in rows:
        for successor in row.successor_codes:
            if successor not in staying:
                plan.problems.append(
                    (
                        row.line,
                        _("the successor %(code)s is not a member in this list")
                        % {"code": successor},
                    )
                )
    if plan.problems:
        return plan

    members = {m.code: m for m in Member.objects.filter(code__isnull=False).with_populations()}
    day_before = valid_from - dt.timedelta(days=1)
    for row in rows:
        member = members.get(row.code)
        if row.successor_codes:
            if member is None:
                plan.problems.append(
                    (row.line, _("%(code)s merged but is not a member yet") % {"code": row.code})
                )
            elif member.member_until is None or member.member_until >= valid_from:
                plan.merged.append((member, row.successor_codes))
            continue
        if member is None:
            plan.new.append(row)
            continue
        if member.member_until is not None and member.member_until < valid_from:
            plan.problems.append(
                (
                    row.line,
                    _("%(name)s ended its membership on %(date)s")
                    % {"name": member.name, "date": member.member_until.strftime("%d-%m-%Y")},
                )
            )
            continue
        changed = False
        if member.name != row.name:
            plan.renamed.append((member, row))
            changed = True
        if member.kind != row.kind or (row.province and member.province != row.province):
            plan.details_changed.append((member, row))
            changed = True
        old = member.population_on(valid_from)
        if old != row.population:
            plan.population_changed.append((member, old, row))
            changed = True
        if not changed:
            plan.unchanged += 1
    listed_kinds = {r.kind for r in rows}
    listed_codes = {r.code for r in rows}
    for member in members.values():
        if (
            member.code not in listed_codes
            and member.kind in listed_kinds
            and member.is_member_on(day_before)
            and (member.member_until is None or member.member_until >= valid_from)
        ):
            plan.ended.append(member)
    return plan


@transaction.atomic
def apply_plan(plan, expected_fingerprint=None):
    """Save `plan`; refused (nothing saved) if it has problems or, with
    `expected_fingerprint`, if it is no longer what the secretariat saw."""
    if plan.problems:
        raise ImportRefused(_("The list has problems; nothing was saved."))
    if expected_fingerprint is not None and plan.fingerprint() != expected_fingerprint:
        raise ImportRefused(
            _("The members changed since the preview; check the new preview and confirm again.")
        )
    day_before = plan.valid_from - dt.timedelta(days=1)
    # The first list names members who joined long before it: their start is not known.
    first_list = not Member.objects.filter(code__isnull=False).exists()
    for row in plan.new:
        member = Member.objects.create(
            code=row.code,
            name=row.name,
            kind=row.kind,
            province=row.province,
            member_from=None if first_list else plan.valid_from,
        )
        Population.objects.create(
            member=member, valid_from=plan.valid_from, inhabitants=row.population
        )
    for member, row in plan.renamed + plan.details_changed:
        member.name = row.name
        member.kind = row.kind
        member.province = row.province or member.province
        member.save()
    for member, _old, row in plan.population_changed:
        Population.objects.update_or_create(
            member=member,
            valid_from=plan.valid_from,
            defaults={"inhabitants": row.population},
        )
    by_code = {m.code: m for m in Member.objects.filter(code__in=[r.code for r in plan.rows])}
    for member, codes in plan.merged:
        member.member_until = day_before
        member.save()
        member.successors.set([by_code[code] for code in codes])
    for member in plan.ended:
        member.member_until = day_before
        member.save()
    return plan.counts()


def load_municipalities(path=MUNICIPALITIES_CSV, valid_from=MUNICIPALITIES_VALID_FROM):
    """Load the CBS list of municipalities the project ships (fixtures/gemeenten.csv);
    returns how many rows it has. Running it again changes nothing."""
    plan = plan_import(Path(path).read_text(encoding="utf-8"), valid_from)
    apply_plan(plan)
    return len(plan.rows)


def summary_lines(plan):
    """The plan in a few lines: the counts, then every change by name."""
    counts = plan.counts()
    lines = [
        _(
            "From %(date)s: %(new)s new, %(renamed)s renamed, %(merged)s merged, %(ended)s "
            "ended, %(population_changed)s with a new population, %(details_changed)s with "
            "another kind or province, %(unchanged)s unchanged."
        )
        % {"date": plan.valid_from.strftime("%d-%m-%Y"), **counts}
    ]
    lines += [_("new: %(name)s (%(code)s)") % {"name": r.name, "code": r.code} for r in plan.new]
    lines += [
        _("renamed: %(old)s is now %(new)s") % {"old": m.name, "new": r.name}
        for m, r in plan.renamed
    ]
    lines += [
        _("merged: %(name)s into %(successors)s") % {"name": m.name, "successors": names}
        for m, names in plan.merged_into
    ]
    lines += [_("ended: %(name)s") % {"name": m.name} for m in plan.ended]
    return lines
