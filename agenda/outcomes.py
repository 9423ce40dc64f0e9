"""What the assembly decided: shared by resolutions, motions and amendments, and how a
decision reads wherever it is shown (`Outcome.reading`: the pages, the decision list, the book
and their PDF and Word files all print that one reading)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    WITHDRAWN = "withdrawn", _("withdrawn")
    ADOPTED = "adopted", _("adopted")
    REJECTED = "rejected", _("rejected")
    HELD_OVER = "held_over", _("held over")


DECIDED_BY_VOTE = (Status.ADOPTED, Status.REJECTED, Status.HELD_OVER)
PERCENT_FIELDS = ("percent_for", "percent_against", "percent_abstain")
# Published shares are rounded to two decimals each, so three that add up to 100 may come
# to 99.99 or 100.01; more than this is a typing error.
TOLERANCE = Decimal("0.05")

STATUS_WORDS = {
    Status.SUBMITTED: _("not yet decided"),
    Status.WITHDRAWN: _("withdrawn"),
    Status.ADOPTED: _("adopted"),
    Status.REJECTED: _("rejected"),
    Status.HELD_OVER: _("held over"),
}

# The column heads of a result's shares, in the order the papers print them.
SHARE_LABELS = {
    "for": pgettext_lazy("vote", "For"),
    "against": pgettext_lazy("vote", "Against"),
    "abstain": pgettext_lazy("vote", "Abstain"),
    "original": _("For the board's proposal"),
    "amended": _("For the amended proposal"),
    "neither": _("Against both"),
}
THREE_WAY_SHARES = (
    ("original", "percent_original"),
    ("amended", "percent_amended"),
    ("neither", "percent_neither"),
)


def percent(value):
    """90,04%: two decimals in the language's number format, as the papers publish them."""
    return f"{number_format(value, 2)}%"


@dataclass
class Share:
    kind: str  # for, against, abstain; original, amended, neither in a three-way vote
    value: Decimal

    @property
    def label(self):
        return SHARE_LABELS[self.kind]

    @property
    def percent(self):
        return percent(self.value)


@dataclass
class Reading:
    """A decision as every page and file shows it: `text` in words with exactly the shares
    that are known ("aangenomen met 90,04% voor"), those `shares` one by one, and for a
    motion voted in parts the reading of each part (`name`: the part's label)."""

    status: str
    text: str
    shares: list = field(default_factory=list)  # Share
    parts: list = field(default_factory=list)  # Reading
    name: str = ""

    @property
    def is_decided(self):
        return self.status != Status.SUBMITTED


def describe(outcome):
    """The decision on `outcome` (any Outcome, also a part or a held-over motion) in words:
    with the shares that are known and no other, never a 0% for a figure not given."""
    status = outcome.status
    words = str(STATUS_WORDS[status])
    if status in (Status.SUBMITTED, Status.WITHDRAWN):
        return words
    if outcome.by_acclamation:
        return gettext("adopted by acclamation")
    if getattr(outcome, "percent_original", None) is not None:
        return gettext(
            "%(status)s in a three-way vote: %(original)s for the board's proposal, "
            "%(amended)s for the amended proposal, %(neither)s against both"
        ) % {
            "status": words,
            "original": percent(outcome.percent_original),
            "amended": percent(outcome.percent_amended),
            "neither": percent(outcome.percent_neither),
        }
    if getattr(outcome, "on_pre_advice", False):
        words = gettext("%(status)s in accordance with the pre-advice") % {"status": words}
    figures = {
        "status": words,
        "for": _percent_or_none(outcome.percent_for),
        "against": _percent_or_none(outcome.percent_against),
        "abstain": _percent_or_none(outcome.percent_abstain),
    }
    if figures["for"] is None:
        return words
    if figures["against"] is None:
        return gettext("%(status)s with %(for)s for") % figures
    if figures["abstain"] is None:
        return gettext("%(status)s with %(for)s for and %(against)s against") % figures
    return (
        gettext("%(status)s with %(for)s for, %(against)s against and %(abstain)s abstaining")
        % figures
    )


def _percent_or_none(value):
    return None if value is None else percent(value)


def _percent_field(label):
    return models.DecimalField(label, max_digits=5, decimal_places=2, null=True, blank=True)


class Outcome(models.Model):
    """Status and vote result. Results are percentages of the weighted votes cast, kept
    separately for, against and abstain, because the papers report both ("verworpen met
    90,04%" and "verworpen met 43,02% voor")."""

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    by_acclamation = models.BooleanField(_("by acclamation"), default=False)
    percent_for = _percent_field(_("for (%)"))
    percent_against = _percent_field(_("against (%)"))
    percent_abstain = _percent_field(_("abstain (%)"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def outcome_constraints(cls, prefix):
        percent_in_range = models.Q()
        for name in PERCENT_FIELDS:
            percent_in_range &= models.Q(**{f"{name}__isnull": True}) | models.Q(
                **{f"{name}__gte": 0, f"{name}__lte": 100}
            )
        return [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name=f"{prefix}_status_valid"
            ),
            models.CheckConstraint(condition=percent_in_range, name=f"{prefix}_percent_range"),
            models.CheckConstraint(
                condition=models.Q(by_acclamation=False) | models.Q(status=Status.ADOPTED),
                name=f"{prefix}_acclamation_adopts",
            ),
        ]

    @property
    def has_vote_result(self):
        return self.percent_for is not None

    def known_shares(self):
        """The shares of the vote that are known, in the papers' order: for; for and against;
        all three; or the three options of a three-way vote. A figure not given is left out,
        never shown as 0%."""
        if self.by_acclamation:
            return []
        if getattr(self, "percent_original", None) is not None:
            return [Share(kind, getattr(self, name)) for kind, name in THREE_WAY_SHARES]
        return [
            Share(name.removeprefix("percent_"), getattr(self, name))
            for name in PERCENT_FIELDS
            if getattr(self, name) is not None
        ]

    def voted_parts(self):
        """The parts voted separately (a motion's `VotePart`s); none for other decisions."""
        return []

    def reading(self):
        """How this decision reads on every page and in every file (see `Reading`)."""
        return Reading(
            status=self.status,
            text=describe(self),
            shares=self.known_shares(),
            parts=[
                Reading(
                    status=part.status,
                    text=describe(part),
                    shares=part.known_shares(),
                    name=part.label,
                )
                for part in self.voted_parts()
            ],
        )

    def clean_outcome(self):
        """A result is published as the association publishes it: the share for alone
        ("aangenomen met 90,04%"), for and against, or all three. Against or abstaining
        without the share for says nothing about the outcome, and abstaining without against
        would leave the share against to be guessed: both are refused at their field."""
        given = {
            name: Decimal(str(value))
            for name in PERCENT_FIELDS
            if (value := getattr(self, name)) is not None
        }
        if self.by_acclamation and given:
            raise ValidationError(_("A decision by acclamation has no vote percentages."))
        if given and self.status not in DECIDED_BY_VOTE:
            raise ValidationError(_("Only a decided vote has percentages."))
        errors = {
            name: _("A percentage lies between 0 and 100.")
            for name, value in given.items()
            if not 0 <= value <= 100
        }
        if given and "percent_for" not in given:
            for name in given:
                errors.setdefault(name, _("Give the share for as well: it decides the vote."))
        elif "percent_abstain" in given and "percent_against" not in given:
            errors["percent_against"] = _(
                "Give the share against as well, or leave abstaining empty."
            )
        if errors:
            raise ValidationError(errors)
        total = sum(given.values())
        if len(given) == len(PERCENT_FIELDS) and abs(total - 100) > TOLERANCE:
            raise ValidationError(_("The percentages for, against and abstain must add up to 100."))
        if total > 100 + TOLERANCE:
            raise ValidationError(_("The percentages for and against add up to more than 100."))
