"""Word-level differences between two texts, shown as tracked changes.

Members read what an amendment changes in a clause, and what changed between two versions of
a resolution; the secretariat's workspace and the meeting book show the same. All of them use
this module, so a change looks the same everywhere. The comparison is Python's difflib; this
module only cuts text into words and writes the result as HTML.

The HTML escapes the texts (they are typed by users) and marks changes with <del> and <ins>,
each with visually hidden words that say where a change begins and ends: screen readers do
not announce <del>/<ins> by themselves, and colour or strike-through alone is not enough."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

EQUAL, DELETE, INSERT = "equal", "delete", "insert"

# The `rewrite_ratio` the secretariat's workspace uses: texts sharing less than half their
# words count as rewritten.
MOSTLY_REWRITTEN = 0.5

# Words, runs of white space, and every other character on its own (punctuation), so that a
# changed comma does not mark the whole word before it as changed.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Segment:
    op: str  # EQUAL, DELETE or INSERT
    text: str


def tokens(text):
    return _TOKEN.findall(text or "")


def word_diff(old, new, *, rewrite_ratio=None):
    """The segments that turn `old` into `new`: equal, deleted and inserted runs of words,
    in reading order (a deletion before the insertion that replaces it).

    With `rewrite_ratio`, two texts that share less than that part of their words show as
    the whole old text deleted and the whole new one inserted: for a text that was mostly
    rewritten (a placeholder replaced by the real text), a word salad of small matches reads
    worse than old, then new."""
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if rewrite_ratio is not None and a and b and matcher.ratio() < rewrite_ratio:
        return [Segment(DELETE, old), Segment(INSERT, new)]
    segments = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment(EQUAL, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment(DELETE, "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment(INSERT, "".join(b[j1:j2])))
    return _merge(_absorb_spaces(segments))


def _absorb_spaces(segments):
    """A lone space between two changes belongs to the change: "a b c" -> "x y z" reads as
    one struck phrase and one inserted phrase, not as three word pairs."""
    result = list(segments)
    for index in range(1, len(result) - 1):
        seg = result[index]
        if (
            seg.op == EQUAL
            and seg.text.isspace()
            and result[index - 1].op != EQUAL
            and result[index + 1].op != EQUAL
        ):
            result[index] = [Segment(DELETE, seg.text), Segment(INSERT, seg.text)]
    flat = []
    for seg in result:
        flat.extend(seg if isinstance(seg, list) else [seg])
    # Within a run of changes, deletions first, then insertions.
    ordered, run = [], []
    for seg in flat:
        if seg.op == EQUAL:
            ordered.extend(sorted(run, key=lambda s: s.op != DELETE))
            ordered.append(seg)
            run = []
        else:
            run.append(seg)
    ordered.extend(sorted(run, key=lambda s: s.op != DELETE))
    return ordered


def _merge(segments):
    merged = []
    for seg in segments:
        if not seg.text:
            continue
        if merged and merged[-1].op == seg.op:
            merged[-1] = Segment(seg.op, merged[-1].text + seg.text)
        else:
            merged.append(seg)
    return merged


def has_changes(segments):
    return any(seg.op != EQUAL for seg in segments)


def render(segments):
    """The segments as HTML: escaped text, <del> and <ins> with hidden begin and end words."""
    parts = []
    for seg in segments:
        if seg.op == EQUAL:
            parts.append(conditional_escape(seg.text))
        elif seg.op == DELETE:
            parts.append(_marked("del", seg.text, _("deleted text:"), _("end of deleted text")))
        else:
            parts.append(_marked("ins", seg.text, _("inserted text:"), _("end of inserted text")))
    return mark_safe("".join(str(part) for part in parts))


def _marked(tag, text, begin, end):
    return format_html(
        '<{tag} class="alv-change alv-change--{tag}"><span class="alv-visually-hidden">'
        '[{begin} </span>{text}<span class="alv-visually-hidden"> {end}]</span></{tag}>',
        tag=mark_safe(tag),
        begin=begin,
        text=text,
        end=end,
    )


def diff_html(old, new):
    """`old` changed into `new`, as tracked changes in HTML."""
    return render(word_diff(old, new))


@dataclass(frozen=True)
class ClauseChange:
    """One row of a comparison of two numbered lists (clauses of two versions)."""

    op: str  # EQUAL, DELETE, INSERT or "replace"
    old_number: int | None
    new_number: int | None
    segments: tuple  # of Segment

    @property
    def is_change(self):
        return self.op != EQUAL

    @property
    def html(self):
        return render(self.segments)


def clause_diff(old_texts, new_texts, *, rewrite_ratio=None):
    """Compare two lists of clause texts: clauses that stayed, went, came or changed,
    each with its number in the old and in the new list. Clauses are matched as wholes
    first (an inserted clause does not make all later ones look changed), then a changed
    clause is compared word by word (`rewrite_ratio` as in `word_diff`)."""
    old_texts, new_texts = list(old_texts), list(new_texts)
    matcher = difflib.SequenceMatcher(None, old_texts, new_texts, autojunk=False)
    rows = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for offset in range(i2 - i1):
                text = old_texts[i1 + offset]
                rows.append(
                    ClauseChange(EQUAL, i1 + offset + 1, j1 + offset + 1, _whole(EQUAL, text))
                )
            continue
        # A replaced block: pair clauses in order, the rest went or came.
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for offset in range(pairs):
            old, new = old_texts[i1 + offset], new_texts[j1 + offset]
            segments = tuple(word_diff(old, new, rewrite_ratio=rewrite_ratio))
            rows.append(ClauseChange("replace", i1 + offset + 1, j1 + offset + 1, segments))
        for index in range(i1 + pairs, i2):
            rows.append(ClauseChange(DELETE, index + 1, None, _whole(DELETE, old_texts[index])))
        for index in range(j1 + pairs, j2):
            rows.append(ClauseChange(INSERT, None, index + 1, _whole(INSERT, new_texts[index])))
    return rows


def _whole(op, text):
    return (Segment(op, text),) if text else ()
