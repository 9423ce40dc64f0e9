"""Who votes for a member: per meeting, at most one of its people holds the member's voting
card."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agenda.models import Meeting
from members.models import Member


class VotingCard(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="voting_cards"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="voting_cards"
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="voting_cards",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("voting card")
        verbose_name_plural = _("voting cards")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="votingcard_one_per_member"),
        ]

    def __str__(self):
        return f"{self.member}: {self.holder}"

    def clean(self):
        if self.holder_id and (
            self.holder.member_id != self.member_id or not self.holder.is_active
        ):
            raise ValidationError(
                {"holder": _("The card is held by an active person of the member itself.")}
            )
