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


class Attendance(models.Model):
    """A member present at a meeting, in the hall or online: registered by its card holder
    or by the secretariat at the door."""

    class Mode(models.TextChoices):
        HALL = "hall", _("in the hall")
        ONLINE = "online", _("online")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="attendances"
    )
    mode = models.CharField(_("present"), max_length=10, choices=Mode.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_one_per_member"),
            models.CheckConstraint(
                condition=models.Q(mode__in=["hall", "online"]), name="attendance_mode_valid"
            ),
        ]

    def __str__(self):
        return f"{self.member} ({self.get_mode_display()})"


class Proxy(models.Model):
    """A machtiging: at this meeting member `grantor` lets member `holder` vote for it; the
    holder's card then votes for both, each with its own weight."""

    class State(models.TextChoices):
        ACTIVE = "active", _("active")
        WITHDRAWN = "withdrawn", _("withdrawn")
        REFUSED = "refused", _("refused by the secretariat")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="proxies"
    )
    grantor = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="proxies_given"
    )
    holder = models.ForeignKey(
        Member,
        verbose_name=_("votes for it"),
        on_delete=models.PROTECT,
        related_name="proxies_held",
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.ACTIVE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("given at"), auto_now_add=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "grantor"],
                condition=models.Q(state="active"),
                name="proxy_one_active_per_grantor",
            ),
            models.CheckConstraint(
                condition=~models.Q(grantor=models.F("holder")), name="proxy_not_to_itself"
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["active", "withdrawn", "refused"]),
                name="proxy_state_valid",
            ),
        ]

    def __str__(self):
        return f"{self.grantor} → {self.holder}"


class PollQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=Poll.State.OPEN)


class Poll(models.Model):
    """Members vote with their cards on one subject: a motion or amendment (`proposal`), a
    part of a motion, a resolution or an agenda item as such; at the meeting, or in a written
    consultation open from `opens_at` to `closes_at`."""

    class Kind(models.TextChoices):
        FOR_AGAINST = "for_against", _("for, against, abstain")
        THREE_WAY = "three_way", _("the board's proposal, the amended proposal, against both")
        PRE_ADVICE = "pre_advice", _("on the board's pre-advice")

    class State(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")
        CANCELLED = "cancelled", _("cancelled")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="polls"
    )
    proposal = models.ForeignKey(
        "motions.Proposal", null=True, blank=True, on_delete=models.CASCADE, related_name="polls"
    )
    resolution = models.ForeignKey(
        "agenda.Resolution", null=True, blank=True, on_delete=models.CASCADE, related_name="polls"
    )
    vote_part = models.ForeignKey(
        "motions.VotePart", null=True, blank=True, on_delete=models.CASCADE, related_name="polls"
    )
    agenda_item = models.ForeignKey(
        "agenda.AgendaItem", null=True, blank=True, on_delete=models.CASCADE, related_name="polls"
    )
    title = models.CharField(_("vote on"), max_length=300)
    kind = models.CharField(_("options"), max_length=20, choices=Kind.choices)
    secret = models.BooleanField(
        _("secret"),
        default=False,
        help_text=_("Nobody, the secretariat included, can see what a member voted."),
    )
    changeable = models.BooleanField(_("votes can be changed until the vote closes"), default=False)
    written = models.BooleanField(_("written consultation"), default=False)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Whether the result was recorded as the subject's outcome on closing (a vote against the
    # pre-advice decides nothing by itself).
    recorded = models.BooleanField(default=False)

    objects = PollQuerySet.as_manager()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(proposal__isnull=False)
                    & models.Q(resolution__isnull=True)
                    & models.Q(vote_part__isnull=True)
                    & models.Q(agenda_item__isnull=True)
                )
                | (
                    models.Q(proposal__isnull=True)
                    & models.Q(resolution__isnull=False)
                    & models.Q(vote_part__isnull=True)
                    & models.Q(agenda_item__isnull=True)
                )
                | (
                    models.Q(proposal__isnull=True)
                    & models.Q(resolution__isnull=True)
                    & models.Q(vote_part__isnull=False)
                    & models.Q(agenda_item__isnull=True)
                )
                | (
                    models.Q(proposal__isnull=True)
                    & models.Q(resolution__isnull=True)
                    & models.Q(vote_part__isnull=True)
                    & models.Q(agenda_item__isnull=False)
                ),
                name="poll_one_subject",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["for_against", "three_way", "pre_advice"]),
                name="poll_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["open", "closed", "cancelled"]),
                name="poll_state_valid",
            ),
            # A secret vote cannot be changed: its choice is not kept to change.
            models.CheckConstraint(
                condition=models.Q(secret=False) | models.Q(changeable=False),
                name="poll_secret_not_changeable",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.state == self.State.OPEN

    @staticmethod
    def in_period(opens_at, closes_at, now):
        """Whether a poll opened at `opens_at` and open until `closes_at` (None: until the
        chair closes it) takes votes at `now`. The one rule for the vote page, its polled
        fragment (which reads the two moments without the row) and the vote itself."""
        return opens_at <= now and (closes_at is None or closes_at > now)

    def takes_votes_at(self, now):
        """Open (the caller asked), begun, and not past a written consultation's end."""
        return self.in_period(self.opens_at, self.closes_at, now)

    def choices(self):
        from motions.models import Ballot

        if self.kind == self.Kind.THREE_WAY:
            return [Ballot.Choice.ORIGINAL, Ballot.Choice.AMENDED, Ballot.Choice.NEITHER]
        return [Ballot.Choice.FOR, Ballot.Choice.AGAINST, Ballot.Choice.ABSTAIN]


class Cast(models.Model):
    """That a member's card voted in a poll, once. In a named poll with its choice and weight;
    in a secret poll without either, and without a time: the choice only goes into the running
    totals (Tally), in the same transaction, so nothing links the two."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="casts")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="casts")
    on_paper = models.BooleanField(_("paper card"), default=False)
    receipt = models.CharField(_("receipt"), max_length=12)
    choice = models.CharField(_("vote"), max_length=20, blank=True)
    weight = models.PositiveBigIntegerField(_("weight"), null=True)

    class Meta:
        verbose_name = _("cast vote")
        verbose_name_plural = _("cast votes")
        constraints = [
            models.UniqueConstraint(fields=["poll", "member"], name="cast_one_per_card"),
        ]

    def __str__(self):
        return f"{self.poll}: {self.member}"


class Tally(models.Model):
    """The running weighted total of one option of a poll."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="tallies")
    choice = models.CharField(max_length=20)
    weight = models.PositiveBigIntegerField(default=0)
    cards = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poll", "choice"], name="tally_one_per_option"),
        ]

    def __str__(self):
        return f"{self.poll}: {self.choice}"
