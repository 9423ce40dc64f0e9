"""Matching the submitters a text names ("Sliedrecht en Gorinchem") to members.

Names are never split on " en ": `Son en Breugel` is one municipality. The text is read from the
left, always taking the longest member name that fits, then a separator (" en ", a comma, "&")."""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from members.models import Member

SEPARATORS = re.compile(r"^(?:,|&|\ben\b|\band\b|;|/)\s*", re.IGNORECASE)
TRAILING_NOTES = re.compile(r"\s*\b(e\.a\.|c\.s\.|ea|cs)\s*$", re.IGNORECASE)
PREFIX = re.compile(r"^(?:de\s+)?(?:gemeenten?|motie|amendement)\s+", re.IGNORECASE)


def fold(text):
    """Compare names without case, accents, apostrophe or dash variants."""
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'").replace("–", "-")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().casefold()


# Names in common use that differ from the CBS name.
ALIASES = {"den haag": "'s-gravenhage"}


@dataclass
class MatchResult:
    members: list = field(default_factory=list)
    unmatched: list = field(default_factory=list)
    ambiguous: dict = field(default_factory=dict)
    note: str = ""

    def problems(self):
        """What a person is told about the names that did not match, one line each: the same
        words in the Word import, the groups of submitters and the co-submitter invitation."""
        problems = []
        for name in self.unmatched:
            if name in self.ambiguous:
                problems.append(
                    _("“%(name)s” can mean more than one member: %(options)s.")
                    % {"name": name, "options": ", ".join(self.ambiguous[name])}
                )
            else:
                problems.append(_("“%(name)s” is not a member.") % {"name": name})
        return problems


def _index(members):
    """Folded name -> the members it may mean (more than one: ambiguous)."""
    index = {}
    for member in members:
        index.setdefault(fold(member.name), []).append(member)
        # CBS adds a province to a few names ("Bergen (NH.)"); papers usually leave it off.
        bare = re.sub(r"\s*\(.*\)$", "", member.name)
        if bare != member.name:
            index.setdefault(fold(bare), []).append(member)
    for alias, name in ALIASES.items():
        if name in index:
            index.setdefault(alias, index[name])
    return index


def match_members(text, members=None):
    members = list(Member.objects.active()) if members is None else members
    index = _index(members)
    longest = max((len(k) for k in index), default=0)
    result = MatchResult()
    rest = text.strip()
    note = TRAILING_NOTES.search(rest)
    if note:
        result.note = note.group(1)
        rest = rest[: note.start()]
    rest = PREFIX.sub("", rest).strip()
    while rest:
        folded = fold(rest)
        found = None
        for length in range(min(len(folded), longest), 0, -1):
            candidate = folded[:length]
            boundary = length == len(folded) or not folded[length].isalnum()
            if boundary and candidate in index:
                found = (index[candidate], length)
                break
        if found:
            candidates, length = found
            name = _take(rest, length)
            if len(candidates) > 1:
                result.unmatched.append(name)
                result.ambiguous[name] = [m.name for m in candidates]
            elif candidates[0] not in result.members:
                result.members.append(candidates[0])
            rest = rest[len(name) :]
        else:
            unknown = re.split(r"\s*(?:,|&|;|/|\s\ben\b\s)\s*", rest, maxsplit=1)[0]
            result.unmatched.append(unknown.strip())
            rest = rest[len(unknown) :]
        rest = SEPARATORS.sub("", rest.strip()).strip()
    return result


def _take(text, folded_length):
    """The start of `text` whose folded form has `folded_length` characters."""
    for cut in range(len(text) + 1):
        if len(fold(text[:cut])) >= folded_length:
            return text[:cut]
    return text
