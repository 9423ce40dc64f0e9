"""The association's members over time: who was a member when, under which name, how many
inhabitants it had (and so how much its vote weighed), and who succeeded it after a merger.

A meeting asks for the members and figures valid on its own date, so loading a new list never
changes an old meeting's submitters, weights or results."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from alv.models import (  # the kinds an association may have (Association.member_kinds)
    MemberKind,
    Revisioned,
    member_noun,
)


def membership_on(date, prefix=""):
    """The condition "a member on `date`": joined on or before it, not ended before it."""
    return (
        Q(**{f"{prefix}member_from__isnull": True}) | Q(**{f"{prefix}member_from__lte": date})
    ) & (Q(**{f"{prefix}member_until__isnull": True}) | Q(**{f"{prefix}member_until__gte": date}))


class MemberQuerySet(models.QuerySet):
    def on(self, date):
        """The members of the association on `date` (a date, Europe/Amsterdam)."""
        return self.filter(membership_on(date))

    def active(self):
        """The members today."""
        return self.on(timezone.localdate())

    def with_populations(self):
        """With every population figure at hand, so `population_on` asks no query."""
        return self.prefetch_related(
            models.Prefetch(
                "populations", queryset=Population.objects.order_by("valid_from"), to_attr="figures"
            )
        )


class Member(models.Model):
    """A member of the association: for the VNG a municipality (or a special member such as
    a public body of the Caribbean Netherlands)."""

    kind = models.CharField(
        _("kind"), max_length=30, choices=MemberKind.choices, default=MemberKind.MUNICIPALITY
    )
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        blank=True,
        null=True,
        help_text=_("The official code, such as the CBS code of a municipality (GM0363)."),
    )
    province = models.CharField(_("province"), max_length=100, blank=True)
    vote_weight = models.PositiveIntegerField(
        _("vote weight"),
        default=1,
        help_text=_(
            "The weight of this member's voting card where the association enters it per member."
        ),
    )
    member_from = models.DateField(_("member from"), null=True, blank=True)
    member_until = models.DateField(
        _("member until"),
        null=True,
        blank=True,
        help_text=_("The last day of the membership, for instance the day before a merger."),
    )
    successors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        verbose_name=_("successors"),
        help_text=_("The member(s) it became part of when it merged."),
    )

    objects = MemberQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["successors"])

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member_from__isnull=True)
                | Q(member_until__isnull=True)
                | Q(member_until__gte=models.F("member_from")),
                name="member_period_in_order",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("member_detail", args=[self.pk])

    @property
    def noun(self):
        """What it is called on its own pages: "My municipality", "My water board"."""
        return member_noun(self.kind)

    def is_member_on(self, date):
        return (self.member_from is None or self.member_from <= date) and (
            self.member_until is None or self.member_until >= date
        )

    @property
    def has_ended(self):
        return self.member_until is not None and self.member_until < timezone.localdate()

    def population_on(self, date):
        """Inhabitants by the figure valid on `date`: the latest one from on or before it.
        Before the first figure known, that first one: the oldest list loaded is the best
        knowledge of the years before it (a weight is never 1 for want of a figure). None
        when the member has no figure at all."""
        figures = getattr(self, "figures", None)
        if figures is None:
            figures = list(self.populations.order_by("valid_from"))
        valid = [f for f in figures if f.valid_from <= date]
        chosen = valid[-1] if valid else (figures[0] if figures else None)
        return chosen.inhabitants if chosen else None

    @property
    def population(self):
        """Inhabitants by today's figure."""
        return self.population_on(timezone.localdate())


class Population(models.Model):
    """A member's number of inhabitants from a date on (the CBS figure of 1 January)."""

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="populations"
    )
    valid_from = models.DateField(_("valid from"))
    inhabitants = models.PositiveIntegerField(_("inhabitants"))

    class Meta:
        verbose_name = _("population")
        verbose_name_plural = _("populations")
        ordering = ["member", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "valid_from"], name="population_unique_per_date"
            ),
        ]

    def __str__(self):
        return f"{self.member}: {self.inhabitants} ({self.valid_from:%Y-%m-%d})"


class SubmitterGroup(Revisioned):
    """A group named on a motion that is not one member ("Regio Twente"), optionally linked to
    the members it consists of: the motion is then on their pages too. The secretariat keeps
    its name and members in the workspace ("Groups of submitters")."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    members = models.ManyToManyField(
        Member, blank=True, related_name="submitter_groups", verbose_name=_("members")
    )

    history = HistoricalRecords(excluded_fields=["members"])

    class Meta:
        verbose_name = _("group of submitters")
        verbose_name_plural = _("groups of submitters")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def named(cls, name):
        """The group of this name, found without regard to case ("regio Twente" is Regio
        Twente), or a new one."""
        return cls.objects.filter(name__iexact=name).first() or cls.objects.create(name=name)


class SubmittingMember(models.Model):
    """A member on the list of those who submit a motion, amendment or resolution, under the
    name it had then: the papers of an old meeting keep "Leeuwarderadeel" after the merger."""

    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT)
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("The member's name when it submitted: old papers keep it after a rename."),
    )
    position = models.PositiveIntegerField(_("position"))

    class Meta:
        abstract = True

    def __str__(self):
        return self.shown_name

    def save(self, *args, **kwargs):
        if not self.name:
            self.name = self.member.name
        super().save(*args, **kwargs)

    @property
    def shown_name(self):
        """The name as it was on the papers, not necessarily today's."""
        return self.name or self.member.name


# ---------------------------------------------------------------------------------------------
# The mail of motions submitted online: what each person receives, and what they were sent


class MailKind(models.TextChoices):
    """The kinds of mail a member's person receives about motions submitted online
    (submissions.tasks). Each is on until the person turns it off (MailOptOut); the mail
    about their account itself (an invitation, a new password) always comes."""

    RECEIPT = "receipt", _("the receipt of a motion when it is submitted, with its full text")
    INVITED = "invited", _("a request of another member to submit a motion with them")
    RETURNED = "returned", _("a motion the secretariat returned for changes")
    ACCEPTED = "accepted", _("a motion the secretariat accepted into the papers")
    NOT_ADMISSIBLE = "not_admissible", _("a motion the secretariat declared not admissible")
    MERGED = "merged", _("a motion the secretariat merged with another member's")
    PRE_ADVICE = "pre_advice", _("the board's pre-advice on your motion, once it is published")
    DECISION = "decision", _("the decision of the assembly on your motion")
    CONSULTATION = (
        "consultation",
        _("a written consultation of the members, when you hold your member's voting card"),
    )


class MailOptOut(models.Model):
    """A kind of mail a person turned off. No row: the mail comes (everything is on until
    turned off)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="mail_opt_outs",
    )
    kind = models.CharField(_("kind of mail"), max_length=20, choices=MailKind.choices)

    class Meta:
        verbose_name = _("mail turned off")
        verbose_name_plural = _("mail turned off")
        ordering = ["person", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="mail_opt_out_once"),
            models.CheckConstraint(
                condition=Q(kind__in=MailKind.values), name="mail_opt_out_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.kind}"


class SentMail(models.Model):
    """The last mail of a kind a person was sent about one subject ("motion:12"), with the
    fingerprint of what it said. A mail that says the same again is not sent: a task run
    twice, a publication repeated or a decision saved again unchanged mails nobody twice;
    a correction (another fingerprint) is mailed once. The subject is a key, not a foreign
    key: this floor names no row of the floors above it."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind of mail"), max_length=20, choices=MailKind.choices)
    subject = models.CharField(_("about"), max_length=100)
    fingerprint = models.CharField(_("fingerprint of the content"), max_length=64)
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("mail sent")
        verbose_name_plural = _("mail sent")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "subject"], name="sent_mail_once_per_subject"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=MailKind.values), name="sent_mail_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.subject} → {self.person}"
