"""Pictures drawn on the server as SVG, for people who would rather look than read: vote
results as bars and the secretariat's status overview. Each comes with a title, a
description and a text equivalent on the page; no chart library in the browser.

Geometry is computed here and formatted as plain strings, so templates never localise a
coordinate ("12,5" is no SVG number)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy

from agenda.outcomes import Status
from motions import votes
from papers import contents

LABEL_WIDTH = 230
BAR_WIDTH = 300
VALUE_WIDTH = 90
ROW = 34
BAR_HEIGHT = 22


def _n(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass
class Bar:
    kind: str
    label: str
    value: object
    y: str = ""
    text_y: str = ""
    width: str = ""
    value_x: str = ""

    @property
    def text(self):
        return votes.percent(self.value)


@dataclass
class VoteChart:
    uid: str
    title: str
    description: str
    bars: list = field(default_factory=list)
    label_width: str = str(LABEL_WIDTH)
    width: str = str(LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH)
    height: str = ""


def vote_chart(outcome, uid, name=""):
    """Bars for a vote result (for / against / abstain, or the three ways of an amendment
    vote), or None when there was no vote with percentages."""
    if getattr(outcome, "percent_original", None) is not None:
        rows = [
            ("original", gettext("the board's proposal"), outcome.percent_original),
            ("amended", gettext("the amended proposal"), outcome.percent_amended),
            ("neither", gettext("against both"), outcome.percent_neither),
        ]
    elif getattr(outcome, "percent_for", None) is not None:
        rows = [
            ("for", gettext("for"), outcome.percent_for),
            ("against", gettext("against"), outcome.percent_against),
            ("abstain", gettext("abstain"), outcome.percent_abstain),
        ]
    else:
        return None
    # A figure that was not published is no bar: never a 0% for what is not known.
    rows = [row for row in rows if row[2] is not None]
    chart = VoteChart(
        uid=uid,
        title=gettext("Vote result: %(name)s") % {"name": name} if name else gettext("Vote result"),
        description=votes.describe(outcome),
    )
    for index, (kind, label, value) in enumerate(rows):
        width = float(value) / 100 * BAR_WIDTH
        chart.bars.append(
            Bar(
                kind=kind,
                label=label,
                value=value,
                y=_n(index * ROW + (ROW - BAR_HEIGHT) / 2),
                text_y=_n(index * ROW + ROW / 2 + 6),
                width=_n(width),
                value_x=_n(LABEL_WIDTH + BAR_WIDTH + 8),
            )
        )
    chart.height = str(len(rows) * ROW)
    return chart


# The status overview: per agenda item, its motions and amendments by pre-advice and by outcome.

PRE_ADVICE_KINDS = [
    ("overnemen", gettext_lazy("overnemen")),
    ("ontraden", gettext_lazy("ontraden")),
    ("aanhouden", gettext_lazy("aanhouden")),
    ("neutraal", gettext_lazy("neutraal")),
    ("intrekken", gettext_lazy("intrekken")),
    ("geen", gettext_lazy("geen preadvies")),
    ("none", gettext_lazy("no pre-advice yet")),
]
OUTCOME_KINDS = [
    (Status.ADOPTED, gettext_lazy("adopted")),
    (Status.REJECTED, gettext_lazy("rejected")),
    (Status.HELD_OVER, gettext_lazy("held over")),
    (Status.WITHDRAWN, gettext_lazy("withdrawn")),
    (Status.SUBMITTED, gettext_lazy("undecided")),
]
STATUS_LABEL = 70
STATUS_BAR = 480
STATUS_ROW = 70
STATUS_BAR_HEIGHT = 24


@dataclass
class Segment:
    kind: str
    label: str
    count: int
    x: str = ""
    width: str = ""
    text_x: str = ""
    show_count: bool = False


@dataclass
class StatusRow:
    item: object
    total: int
    pre_advice: list
    outcomes: list
    y: str = ""
    pre_advice_y: str = ""
    outcome_y: str = ""
    label_y: str = ""
    pre_advice_text_y: str = ""
    outcome_text_y: str = ""


@dataclass
class StatusOverview:
    rows: list
    pre_advice_kinds: list
    outcome_kinds: list
    width: str = str(STATUS_LABEL + STATUS_BAR + 10)
    height: str = ""
    label_width: str = str(STATUS_LABEL)

    @property
    def total(self):
        return sum(row.total for row in self.rows)


def _segments(counts, kinds, scale):
    segments, x = [], STATUS_LABEL
    for kind, label in kinds:
        count = counts.get(kind, 0)
        if not count:
            continue
        width = count * scale
        segments.append(
            Segment(
                kind=kind,
                label=str(label),
                count=count,
                x=_n(x),
                width=_n(width),
                text_x=_n(x + width / 2),
                show_count=width >= 22,
            )
        )
        x += width
    return segments


def status_overview(meeting_papers):
    """Rows for the agenda items that hold motions or amendments, with bar geometry scaled to
    the busiest item."""
    counted = []
    # The motions outside the agenda's items make a row of their own, after the items.
    groups = [(entry.item, entry.proposals) for entry in meeting_papers.items]
    groups.append((contents.OutsideTheAgenda(), meeting_papers.apart))
    for item, proposals in groups:
        if not proposals:
            continue
        advice, outcome = {}, {}
        for proposal in proposals:
            pre_advice = getattr(proposal, "pre_advice", None)
            key = pre_advice.value if pre_advice is not None else "none"
            advice[key] = advice.get(key, 0) + 1
            outcome[proposal.status] = outcome.get(proposal.status, 0) + 1
        counted.append((item, len(proposals), advice, outcome))
    most = max((total for _, total, _, _ in counted), default=1)
    scale = STATUS_BAR / most
    rows = []
    for index, (item, total, advice, outcome) in enumerate(counted):
        top = index * STATUS_ROW
        rows.append(
            StatusRow(
                item=item,
                total=total,
                pre_advice=_segments(advice, PRE_ADVICE_KINDS, scale),
                outcomes=_segments(outcome, OUTCOME_KINDS, scale),
                y=_n(top),
                label_y=_n(top + 38),
                pre_advice_y=_n(top + 6),
                outcome_y=_n(top + 6 + STATUS_BAR_HEIGHT + 4),
                pre_advice_text_y=_n(top + 6 + 17),
                outcome_text_y=_n(top + 6 + STATUS_BAR_HEIGHT + 4 + 17),
            )
        )
    return StatusOverview(
        rows=rows,
        pre_advice_kinds=[(k, str(label)) for k, label in PRE_ADVICE_KINDS],
        outcome_kinds=[(k, str(label)) for k, label in OUTCOME_KINDS],
        height=str(max(len(rows), 1) * STATUS_ROW),
    )
