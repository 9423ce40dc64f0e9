"""Word by word differences, for resolution versions, amendments and the history.

Built on difflib (the standard library's sequence matcher), not on an algorithm of our own."""

import difflib
import re

# Words and the whitespace between them, so that the text reassembles exactly.
_TOKENS = re.compile(r"\s+|\S+")


def word_diff(old, new):
    """[(op, text)], op being "equal", "delete" or "insert": `old` turned into `new`."""
    before, after = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    segments = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    if before and after and matcher.ratio() < 0.5:
        # Mostly rewritten: a word salad of small matches reads worse than old, then new.
        return [("delete", old), ("insert", new)]
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(("equal", "".join(before[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("delete", "".join(before[i1:i2])))
        if j2 > j1:
            segments.append(("insert", "".join(after[j1:j2])))
    return segments


def clause_diff(old_clauses, new_clauses):
    """Line up two lists of clause texts (a clause inserted midway does not make every later
    clause look changed) and diff each pair: [(old number, new number, segments)]."""
    rows = []
    matcher = difflib.SequenceMatcher(None, old_clauses, new_clauses, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = max(i2 - i1, j2 - j1)
        for offset in range(pairs):
            i, j = i1 + offset, j1 + offset
            old = old_clauses[i] if i < i2 else None
            new = new_clauses[j] if j < j2 else None
            rows.append(
                (
                    i + 1 if old is not None else None,
                    j + 1 if new is not None else None,
                    word_diff(old, new) if tag != "equal" else [("equal", new)],
                )
            )
    return rows
