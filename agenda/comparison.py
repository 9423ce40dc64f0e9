"""What changed between two versions of a resolution ("concept" and "geactualiseerde"
resolutie), word by word: the intro, the numbered clauses and the explanation."""

from dataclasses import dataclass

from alv import textdiff


@dataclass
class VersionComparison:
    old: object  # ResolutionVersion
    new: object
    intro_html: str
    clauses: list  # of textdiff.ClauseChange
    explanation_html: str
    intro_changed: bool
    explanation_changed: bool

    @property
    def has_changes(self):
        return (
            self.intro_changed
            or self.explanation_changed
            or any(row.is_change for row in self.clauses)
        )


def compare(old, new):
    """Compare two versions; needs their clauses (prefetched by `Resolution.visible_to()`)."""
    intro = textdiff.word_diff(old.intro, new.intro)
    explanation = textdiff.word_diff(old.explanation, new.explanation)
    return VersionComparison(
        old=old,
        new=new,
        intro_html=textdiff.render(intro),
        clauses=textdiff.clause_diff(
            [c.text for c in old.clauses.all()], [c.text for c in new.clauses.all()]
        ),
        explanation_html=textdiff.render(explanation),
        intro_changed=textdiff.has_changes(intro),
        explanation_changed=textdiff.has_changes(explanation),
    )
