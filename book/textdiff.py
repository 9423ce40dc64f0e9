"""Word-level differences between two texts, for showing an amendment as struck and inserted
words. Kept small and self-contained (difflib) so a shared helper can replace it later."""

import difflib
import re
from dataclasses import dataclass

SAME = "same"
STRUCK = "struck"
INSERTED = "inserted"

# Words with the spaces that follow them, so joining the pieces gives the text back.
_TOKENS = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Segment:
    kind: str  # SAME, STRUCK or INSERTED
    text: str


def _tokens(text):
    return _TOKENS.findall(text or "")


def word_diff(old, new):
    """The change from `old` to `new` as segments: unchanged, struck and inserted words."""
    a, b = _tokens(old), _tokens(new)
    # Compare words without their trailing spaces: "taken;" and "taken; " are the same word.
    matcher = difflib.SequenceMatcher(
        a=[t.strip() for t in a], b=[t.strip() for t in b], autojunk=False
    )
    segments = []

    def add(kind, tokens):
        text = "".join(tokens)
        if not text:
            return
        if segments and segments[-1].kind == kind:
            segments[-1] = Segment(kind, segments[-1].text + text)
        else:
            segments.append(Segment(kind, text))

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            add(SAME, b[j1:j2])
        else:
            add(STRUCK, a[i1:i2])
            add(INSERTED, b[j1:j2])
    return segments
