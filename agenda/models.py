from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alv import roles
from alv.models import Revisioned
from alv.ordering import letters
from motions.outcomes import Outcome

DEFAULT_RESOLUTION_INTRO = "De leden wordt voorgesteld om uit te spreken:"


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def visible_to(self, user):
        return self.filter(Meeting.visibility_q(user))

    def decisions_visible_to(self, user):
        """Meetings whose decision list `user` may read: the secretariat and the board read it
        before it is published, everyone else once the secretariat has published it."""
        meetings = self.visible_to(user)
        if roles.can_see_unpublished(user):
            return meetings
        return meetings.filter(decisions_published_at__isnull=False)

    def upcoming(self):
        return self.filter(starts_at__gte=timezone.now()).order_by("starts_at")

    def past(self):
        return self.filter(starts_at__lt=timezone.now()).order_by("-starts_at")


class Meeting(Revisioned):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("ALV")
        EXTRA = "extra", _("Extra ALV")
        EXTRAORDINARY = "extraordinary", _("Extraordinary ALV")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public")
        MEMBERS = "members", _("members only")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    starts_at = models.DateTimeField(_("date and time"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    motion_deadline = models.DateTimeField(_("deadline for motions"), null=True, blank=True)
    amendment_deadline = models.DateTimeField(_("deadline for amendments"), null=True, blank=True)
    published_at = models.DateTimeField(
        _("papers published at"),
        null=True,
        blank=True,
        help_text=_("Until the papers are published only the secretariat and the board see them."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # The meeting day. Changed with queryset updates, never save(), so recording the meeting
    # does not bump `revision` and clash with someone editing the meeting's papers meanwhile.
    current_item = models.ForeignKey(
        "AgendaItem",
        verbose_name=_("current agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    current_proposal = models.ForeignKey(
        "motions.Proposal",
        verbose_name=_("motion or amendment under discussion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    live_revision = models.PositiveIntegerField(
        _("live revision"),
        default=0,
        editable=False,
        help_text=_("Goes up whenever what the meeting shows live changes."),
    )
    decisions_published_at = models.DateTimeField(
        _("decision list published at"),
        null=True,
        blank=True,
        help_text=_("Until then only the secretariat and the board see the decision list."),
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["regular", "extra", "extraordinary"]),
                name="meeting_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(visibility__in=["public", "members"]),
                name="meeting_visibility_valid",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localdate(self.starts_at):%d-%m-%Y})"

    def get_absolute_url(self):
        return reverse("meeting_detail", args=[self.pk])

    @staticmethod
    def visibility_q(user, prefix=""):
        """The condition under which `user` may see a meeting (or rows of it, with `prefix`).

        Every page, fragment and export asks this question through here."""
        if roles.can_see_unpublished(user):
            return models.Q()
        published = models.Q(**{f"{prefix}published_at__isnull": False})
        if roles.is_member(user):
            return published
        return published & models.Q(**{f"{prefix}visibility": Meeting.Visibility.PUBLIC})

    @property
    def is_published(self):
        return self.published_at is not None

    def clean(self):
        for deadline in (self.motion_deadline, self.amendment_deadline):
            if deadline and self.starts_at and deadline > self.starts_at:
                raise ValidationError(_("A deadline must fall before the meeting starts."))

    def ordered_items(self):
        """The agenda in reading order (7, 8, 8a, 8b, 9), in one query."""
        return sort_agenda(self.items.select_related("parent"))

    # The meeting day

    @property
    def is_live(self):
        """Followed live: on the day of the meeting, or whenever an item is current."""
        if self.current_item_id is not None:
            return True
        return timezone.localdate(self.starts_at) == timezone.localdate()

    @property
    def decisions_are_published(self):
        return self.decisions_published_at is not None

    def touch_live(self):
        """Tell everyone following the meeting that what it shows has changed."""
        self._update_live()

    def set_current(self, item, proposal=None):
        """Make `item` the current agenda item and `proposal` (a motion or amendment under
        that item) the one under discussion; None for either clears it."""
        if item is not None and item.meeting_id != self.pk:
            raise ValidationError(_("The agenda item is not of this meeting."))
        if proposal is not None and (item is None or proposal.agenda_item_id != item.pk):
            raise ValidationError(
                _("Only a motion or amendment of the current item can be discussed.")
            )
        self._update_live(current_item=item, current_proposal=proposal)
        self.current_item, self.current_proposal = item, proposal

    def neighbour_item(self, step):
        """The item `step` places after (or, negative, before) the current one in reading
        order; the first item when none is current. None past either end."""
        items = self.ordered_items()
        if not items:
            return None
        ids = [item.pk for item in items]
        if self.current_item_id not in ids:
            return items[0] if step > 0 else None
        index = ids.index(self.current_item_id) + step
        return items[index] if 0 <= index < len(items) else None

    def _update_live(self, **fields):
        with transaction.atomic():
            Meeting.objects.filter(pk=self.pk).update(
                live_revision=F("live_revision") + 1, **fields
            )
            self.live_revision = (
                Meeting.objects.filter(pk=self.pk).values_list("live_revision", flat=True).get()
            )


def sort_agenda(items):
    return sorted(items, key=lambda item: item.reading_order)


class AgendaItem(Revisioned):
    class Kind(models.TextChoices):
        DECISION = "decision", _("decision")
        DISCUSSION = "discussion", _("discussion")
        INFORMATION = "information", _("information")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent item"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DECISION)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    is_standard = models.BooleanField(
        _("standard item"),
        default=False,
        help_text=_("Standard items (opening, minutes, closing) are copied into a new meeting."),
    )
    is_follow_up = models.BooleanField(
        _("follow-up of motions"),
        default=False,
        help_text=_("The item that reports on the follow-up of motions of earlier meetings."),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "parent__position", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                condition=models.Q(parent__isnull=True),
                name="agendaitem_unique_top_position",
            ),
            models.UniqueConstraint(
                fields=["parent", "position"],
                condition=models.Q(parent__isnull=False),
                name="agendaitem_unique_sub_position",
            ),
            models.CheckConstraint(
                condition=models.Q(position__gte=1), name="agendaitem_position_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["decision", "discussion", "information"]),
                name="agendaitem_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def reading_order(self):
        """Sorts items of one meeting as the agenda reads: 7, 8, 8a, 8b, 9. Needs `parent`."""
        if self.parent_id is None:
            return (self.position, 0)
        return (self.parent.position, self.position)

    def get_absolute_url(self):
        return reverse("meeting_detail", args=[self.meeting_id]) + f"#item-{self.pk}"

    @property
    def number(self):
        """7, 8, 8a: follows from the order, never typed. Needs `parent` loaded for sub-items."""
        if self.parent_id is None:
            return str(self.position)
        return f"{self.parent.position}{letters(self.position)}"

    def siblings(self):
        if self.parent_id is None:
            return AgendaItem.objects.filter(meeting_id=self.meeting_id, parent__isnull=True)
        return AgendaItem.objects.filter(parent_id=self.parent_id)

    def clean(self):
        if self.parent_id is not None:
            if self.parent.parent_id is not None:
                raise ValidationError(_("Sub-items cannot have sub-items of their own."))
            if self.parent.meeting_id != self.meeting_id:
                raise ValidationError(_("A sub-item belongs to the meeting of its parent."))


class ResolutionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Resolutions of meetings `user` may see, each with the versions `user` may read
        prefetched as `visible_versions` (oldest first) and their clauses."""
        versions = ResolutionVersion.objects.visible_to(user).prefetch_related("clauses")
        return self.filter(Meeting.visibility_q(user, "agenda_item__meeting__")).prefetch_related(
            models.Prefetch(
                "versions", queryset=versions.order_by("number"), to_attr="visible_versions"
            ),
            models.Prefetch(
                "resolutionsubmitter_set",
                queryset=ResolutionSubmitter.objects.select_related("member").order_by("position"),
                to_attr="ordered_submitters",
            ),
        )


class Resolution(Revisioned, Outcome):
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        related_name="resolutions",
    )
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    submitted_by_board = models.BooleanField(
        _("submitted by the board"),
        default=True,
        help_text=_("Otherwise it is submitted by the members listed as submitters."),
    )
    submitters = models.ManyToManyField(
        "motions.Member",
        through="ResolutionSubmitter",
        verbose_name=_("submitters"),
        blank=True,
        related_name="resolutions",
    )
    current_version = models.OneToOneField(
        "ResolutionVersion",
        verbose_name=_("current version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="current_of",
    )

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["agenda_item", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "position"], name="resolution_unique_position"
            ),
            *Outcome.outcome_constraints("resolution"),
        ]

    def __str__(self):
        return f"Resolutie “{self.title}”"

    def get_absolute_url(self):
        return reverse("resolution_detail", args=[self.pk])

    def clean(self):
        self.clean_outcome()
        if self.current_version_id and self.current_version.resolution_id != self.pk:
            raise ValidationError(_("The current version must be a version of this resolution."))

    @property
    def shown_version(self):
        """The version a reader sees: the current one if they may read it, otherwise the
        latest they may read. Needs `visible_to()`'s prefetch."""
        versions = self.visible_versions
        for version in versions:
            if version.pk == self.current_version_id:
                return version
        return versions[-1] if versions else None

    @property
    def submitter_names(self):
        return [s.member.name for s in self.ordered_submitters]


class ResolutionSubmitter(models.Model):
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE)
    member = models.ForeignKey("motions.Member", on_delete=models.PROTECT)
    position = models.PositiveIntegerField(_("position"))

    class Meta:
        verbose_name = _("submitter")
        verbose_name_plural = _("submitters")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "member"], name="resolutionsubmitter_unique_member"
            ),
            models.UniqueConstraint(
                fields=["resolution", "position"], name="resolutionsubmitter_unique_position"
            ),
        ]

    def __str__(self):
        return self.member.name


class ResolutionVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def visible_to(self, user):
        if roles.can_see_unpublished(user):
            return self
        return self.published()


class ResolutionVersion(Revisioned):
    """One text of a resolution: the "concept-resolutie" and later the "geactualiseerde
    resolutie" are two versions; both stay readable."""

    resolution = models.ForeignKey(
        Resolution,
        verbose_name=_("resolution"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version number"))
    label = models.CharField(
        _("label"), max_length=100, blank=True, help_text=_("For example: concept-resolutie.")
    )
    intro = models.TextField(_("intro"), default=DEFAULT_RESOLUTION_INTRO)
    explanation = models.TextField(_("explanation"), blank=True)
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("A version without a publication date is a draft."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    amended_from = models.ForeignKey(
        "self",
        verbose_name=_("amended from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="amended_versions",
        help_text=_("The version whose adopted amendments produced this one."),
    )

    objects = ResolutionVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("resolution version")
        verbose_name_plural = _("resolution versions")
        ordering = ["resolution", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "number"], name="resolutionversion_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="resolutionversion_number_positive"
            ),
        ]

    def __str__(self):
        return f"{self.resolution.title}, versie {self.number}"

    @property
    def is_draft(self):
        return self.published_at is None


class Clause(Revisioned):
    """A numbered clause of a resolution version; its number is its position."""

    version = models.ForeignKey(
        ResolutionVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="clauses",
    )
    position = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="clause_unique_position"),
            models.CheckConstraint(
                condition=models.Q(position__gte=1), name="clause_position_positive"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"

    @property
    def number(self):
        return self.position


class Attachment(models.Model):
    version = models.ForeignKey(
        ResolutionVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="attachments/%Y/")

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title


class ItemDecision(Outcome):
    """What the assembly decided on an agenda item as such: the agenda set, the minutes
    adopted, or the package of a follow-up item ("besluit over het pakket: 97,63%")."""

    agenda_item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="decision",
    )
    text = models.TextField(
        _("decision"),
        blank=True,
        help_text=_("For example: De notulen worden vastgesteld."),
    )

    class Meta:
        verbose_name = _("decision on an agenda item")
        verbose_name_plural = _("decisions on agenda items")
        constraints = [*Outcome.outcome_constraints("itemdecision")]

    def __str__(self):
        return str(self.agenda_item)

    def clean(self):
        self.clean_outcome()
