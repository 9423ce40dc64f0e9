"""What the assembly decided: shared by resolutions, motions and amendments."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    WITHDRAWN = "withdrawn", _("withdrawn")
    ADOPTED = "adopted", _("adopted")
    REJECTED = "rejected", _("rejected")
    HELD_OVER = "held_over", _("held over")


DECIDED_BY_VOTE = (Status.ADOPTED, Status.REJECTED, Status.HELD_OVER)
PERCENT_FIELDS = ("percent_for", "percent_against", "percent_abstain")


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

    def clean_outcome(self):
        values = [getattr(self, name) for name in PERCENT_FIELDS]
        given = [Decimal(str(v)) for v in values if v is not None]
        if self.by_acclamation and given:
            raise ValidationError(_("A decision by acclamation has no vote percentages."))
        if given and self.status not in DECIDED_BY_VOTE:
            raise ValidationError(_("Only a decided vote has percentages."))
        if given and len(given) != len(values):
            raise ValidationError(_("Give the percentages for, against and abstain together."))
        if given and abs(sum(given) - Decimal(100)) > Decimal("0.05"):
            raise ValidationError(_("The percentages for, against and abstain must add up to 100."))
