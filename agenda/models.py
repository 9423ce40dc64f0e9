import datetime as dt

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from agenda.outcomes import Outcome
from alv import roles
from alv.models import Association, Revisioned
from alv.ordering import letters, renumber
from members.models import SubmittingMember

DEFAULT_RESOLUTION_INTRO = "De leden wordt voorgesteld om uit te spreken:"

# Above alv.ordering's own parking range, so that rows parked here never meet rows it parks.
_AGENDA_PARKING = 2_000_000


def record_bulk_changes(model, rows):
    """Bulk writes (positions through alv.ordering, publication dates) send no signals: record
    the changed rows in their history here, so they are as traceable as an edit."""
    if rows:
        model.history.bulk_history_create(rows, update=True)


def _next_position(queryset):
    return (queryset.aggregate(last=models.Max("position"))["last"] or 0) + 1


def moment_of(day):
    """The moment stored for `day`, a publication date the secretariat set for an archive
    entry: now when it is today (it happens now), else the start of that day in Amsterdam.
    Nobody published at that time, so pages show such a moment as a date (`time_is_known`)."""
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def time_is_known(moment):
    """Whether `moment` was recorded with its time of day, not set as a date (`moment_of`).
    A real publication never falls on the very start of a day, to the microsecond."""
    return moment is not None and timezone.localtime(moment).time() != dt.time.min


def _start_of_today():
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


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
        """Today's and later meetings: a meeting stays coming for the whole of its day."""
        return self.filter(starts_at__gte=_start_of_today()).order_by("starts_at")

    def past(self):
        """Meetings whose day is over, as `Meeting.is_past` says of one."""
        return self.filter(starts_at__lt=_start_of_today()).order_by("-starts_at")

    def not_started(self):
        return self.filter(starts_at__gte=timezone.now()).order_by("starts_at")


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
    history = HistoricalRecords()

    # Papers go out four weeks before the meeting, plus one week since 2020.
    PAPERS_LEAD_TIME = dt.timedelta(weeks=5)

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

    @property
    def date(self):
        """The day of the meeting in Amsterdam: members, names and figures are those valid
        on it."""
        return timezone.localdate(self.starts_at)

    @property
    def is_past(self):
        """Its day is over: the secretariat entering it makes an archive entry. Its papers and
        decision list went out on days of their own, which the secretariat sets (today would
        be false), and the secretariat may settle its pre-advice, as the board did then."""
        return self.date < timezone.localdate()

    @property
    def papers_time_known(self):
        return time_is_known(self.published_at)

    @property
    def decisions_time_known(self):
        return time_is_known(self.decisions_published_at)

    def papers_date_default(self):
        """The day an archive entry's papers most likely went out (`PAPERS_LEAD_TIME`)."""
        return timezone.localdate(self.papers_due)

    def check_papers_date(self, day):
        """Refuses a day the papers cannot have gone out. After the meeting is allowed (a
        paper sent late is still a record), `papers_date_is_late` says so."""
        self._check_publication_date(day)

    def papers_date_is_late(self, day):
        return day > self.date

    def check_decisions_date(self, day):
        """Refuses a day the decision list cannot have gone out: the decisions were taken at
        the meeting, so not before it."""
        self._check_publication_date(day)
        if day < self.date:
            raise ValidationError(
                _("The decisions were taken on %(date)s: the list cannot be published earlier.")
                % {"date": date_format(self.date, "j F Y")}
            )

    def _check_publication_date(self, day):
        if not self.is_past:
            raise ValidationError(
                _("Only a meeting that has been held gets a publication date of its own.")
            )
        today = timezone.localdate()
        if day > today:
            raise ValidationError(
                _("A publication date cannot be after today (%(today)s).")
                % {"today": date_format(today, "j F Y")}
            )

    def _publication_moment(self, on, check):
        """Now, or for an archive entry the day `on` (checked by `check`)."""
        if on is None:
            return timezone.now()
        check(on)
        return moment_of(on)

    # Deadlines: the secretariat's override, else the association's rule (alv.deadlines).

    def computed_motion_deadline(self):
        return Association.current().motion_deadline_for(self.starts_at)

    def computed_amendment_deadline(self):
        return Association.current().amendment_deadline_for(self.starts_at)

    def effective_motion_deadline(self):
        return self.motion_deadline or self.computed_motion_deadline()

    def effective_amendment_deadline(self):
        return self.amendment_deadline or self.computed_amendment_deadline()

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

    # Preparing the meeting: the secretariat's workspace changes it through these methods.

    @property
    def papers_due(self):
        return self.starts_at - self.PAPERS_LEAD_TIME

    def add_item(self, parent=None, **fields):
        """Append an item at the end of the agenda, or at the end of `parent`'s sub-items."""
        if parent is not None and (parent.meeting_id != self.pk or parent.parent_id is not None):
            raise ValidationError(_("A sub-item goes under a main item of the same meeting."))
        with transaction.atomic():
            # Locking the meeting keeps two additions from picking the same position.
            Meeting.objects.select_for_update().filter(pk=self.pk).exists()
            siblings = parent.children.all() if parent else self.items.filter(parent__isnull=True)
            item = AgendaItem(
                meeting=self, parent=parent, position=_next_position(siblings), **fields
            )
            item.full_clean()
            item.save()
        return item

    def agenda_layout(self):
        """The agenda as [(main item, [its sub-items])], in reading order."""
        layout, entries = [], {}
        items = self.ordered_items()
        for item in items:
            if item.parent_id is None:
                entries[item.pk] = (item, [])
                layout.append(entries[item.pk])
        for item in items:
            if item.parent_id is not None:
                entries[item.parent_id][1].append(item)
        return layout

    def arrange_agenda(self, layout):
        """Put every item where `layout` ([(main item, [sub-items])], covering the whole agenda)
        says, with contiguous positions, so the numbers follow at once. Returns the moved rows."""
        rows = [row for item, children in layout for row in (item, *children)]
        before = {row.pk: (row.parent_id, row.position) for row in rows}
        with transaction.atomic():
            for index, row in enumerate(rows, start=1):
                row.position = _AGENDA_PARKING + index
            for item, children in layout:
                item.parent = None
                for child in children:
                    child.parent = item
            # Parked first: a row may change parent, and no two rows may share a place meanwhile.
            AgendaItem.objects.bulk_update(rows, ["parent", "position"])
            renumber([item for item, _children in layout])
            for _item, children in layout:
                renumber(children)
            moved = [row for row in rows if before[row.pk] != (row.parent_id, row.position)]
            record_bulk_changes(AgendaItem, moved)
        return moved

    def reorder_agenda(self, order):
        """Arrange the agenda as it was dragged: `order` is [(item pk, parent pk or None)] in
        reading order and names every item of this meeting once."""
        items = {item.pk: item for item in self.items.all()}
        named = [pk for pk, _parent in order]
        if not set(named) <= set(items) or not {p for _pk, p in order if p} <= set(items):
            raise ValidationError(_("The new order names items that are not on this agenda."))
        if len(named) != len(set(named)) or set(named) != set(items):
            raise ValidationError(
                _("The agenda changed while you were reordering it: reload it and try again.")
            )
        layout, entries = [], {}
        for pk, parent_pk in order:
            if parent_pk is None:
                entries[pk] = (items[pk], [])
                layout.append(entries[pk])
            elif parent_pk in entries:
                entries[parent_pk][1].append(items[pk])
            else:
                raise ValidationError(
                    _("A sub-item goes right under a main item; sub-items have no sub-items.")
                )
        return self.arrange_agenda(layout)

    def copy_standard_items_from(self, previous):
        """Append the standard items of `previous` (opening, minutes, closing, ...) in their
        order; a standard item's standard sub-items come along."""
        copied = []
        with transaction.atomic():
            for item, children in previous.agenda_layout():
                if not item.is_standard:
                    continue
                copy = self.add_item(**_standard_fields(item))
                copied.append(copy)
                for child in children:
                    if child.is_standard:
                        copied.append(self.add_item(parent=copy, **_standard_fields(child)))
        return copied

    def publish(self, on=None):
        """Publish the papers: the meeting, and each resolution's current version if it is
        still a draft. Until then only the secretariat and the board see them. `on`: the day
        an archive entry's papers went out (`is_past`); without it they go out now. A version
        without clauses stays a draft, as `ResolutionVersion.publish` refuses it: the status
        page names it (`workspace.views.dashboard`)."""
        now = self._publication_moment(on, self.check_papers_date)
        with transaction.atomic():
            for version in ResolutionVersion.objects.filter(
                current_of__agenda_item__meeting=self,
                published_at__isnull=True,
                clauses__isnull=False,
            ).distinct():
                version.published_at = now
                version.save(update_fields=["published_at"])
            meeting = Meeting.objects.select_for_update().get(pk=self.pk)
            if meeting.published_at is None:
                meeting.published_at = now
                meeting.save(update_fields=["published_at"])
        self.refresh_from_db()

    def unpublish(self):
        """Take the papers offline again; published resolution versions keep their date."""
        with transaction.atomic():
            meeting = Meeting.objects.select_for_update().get(pk=self.pk)
            if meeting.published_at is not None:
                meeting.published_at = None
                meeting.save(update_fields=["published_at"])
        self.refresh_from_db()

    def publish_decisions(self, on=None):
        """Publish the decision list: now, or `on`, the day an archive entry's went out. A
        queryset update: it is no edit of the papers and must not clash with one."""
        moment = self._publication_moment(on, self.check_decisions_date)
        Meeting.objects.filter(pk=self.pk).update(decisions_published_at=moment)
        self.decisions_published_at = moment

    def pre_advice(self):
        """The board's pre-advice on what stands on this meeting's agenda: its motions and
        amendments, and the motions it follows up."""
        PreAdvice = apps.get_model("motions", "PreAdvice")
        return PreAdvice.objects.filter(
            models.Q(proposal__agenda_item__meeting=self)
            # Its own motions outside the agenda's items too.
            | models.Q(proposal__agenda_item__isnull=True, proposal__meeting=self)
            | models.Q(follow_up__agenda_item__meeting=self)
        )

    def publish_pre_advice(self):
        """Publish the pre-advice the board has settled (a draft stays unpublished). Returns
        how many were published now."""
        PreAdvice = apps.get_model("motions", "PreAdvice")
        now = timezone.now()
        with transaction.atomic():
            rows = list(
                self.pre_advice()
                # Only the pre-advice rows are locked: the subject joins are outer joins.
                .select_for_update(of=("self",))
                .filter(state=PreAdvice.State.SETTLED, published_at__isnull=True)
            )
            for row in rows:
                row.published_at = now
                row.revision += 1
            PreAdvice.objects.bulk_update(rows, ["published_at", "revision"])
            record_bulk_changes(PreAdvice, rows)
        return len(rows)

    def unpublish_pre_advice(self):
        """Withdraw the published pre-advice from members and the public."""
        PreAdvice = apps.get_model("motions", "PreAdvice")
        with transaction.atomic():
            rows = list(
                self.pre_advice().select_for_update(of=("self",)).filter(published_at__isnull=False)
            )
            for row in rows:
                row.published_at = None
                row.revision += 1
            PreAdvice.objects.bulk_update(rows, ["published_at", "revision"])
            record_bulk_changes(PreAdvice, rows)
        return len(rows)


def _standard_fields(item):
    return {
        "title": item.title,
        "kind": item.kind,
        "text": item.text,
        "is_standard": True,
        "is_follow_up": item.is_follow_up,
    }


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

    history = HistoricalRecords()

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

    # Moving items: each builds the new layout of the whole agenda and lets the meeting
    # arrange it, so positions stay contiguous and numbers follow.

    def _layout_and_group(self):
        layout = self.meeting.agenda_layout()
        if self.parent_id is None:
            return layout, layout, [item.pk for item, _children in layout]
        for item, children in layout:
            if item.pk == self.parent_id:
                return layout, children, [child.pk for child in children]
        raise AgendaItem.DoesNotExist

    def _step(self, step):
        layout, group, pks = self._layout_and_group()
        index = pks.index(self.pk)
        target = index + step
        if not 0 <= target < len(group):
            if step < 0:
                raise ValidationError(_("This item is already the first."))
            raise ValidationError(_("This item is already the last."))
        group[index], group[target] = group[target], group[index]
        return self._arrange(layout)

    def move_up(self):
        return self._step(-1)

    def move_down(self):
        return self._step(1)

    def indent(self):
        """Make this main item the last sub-item of the main item above it."""
        if self.parent_id is not None:
            raise ValidationError(_("A sub-item cannot go one level deeper."))
        layout, _group, pks = self._layout_and_group()
        index = pks.index(self.pk)
        if layout[index][1]:
            raise ValidationError(_("An item with sub-items cannot become a sub-item."))
        if index == 0:
            raise ValidationError(_("The first item has no item above it to go under."))
        item, _children = layout.pop(index)
        layout[index - 1][1].append(item)
        return self._arrange(layout)

    def outdent(self):
        """Make this sub-item a main item, right after its parent and the parent's sub-items."""
        if self.parent_id is None:
            raise ValidationError(_("This is already a main item."))
        layout, children, pks = self._layout_and_group()
        item = children.pop(pks.index(self.pk))
        parent_index = [entry.pk for entry, _children in layout].index(self.parent_id)
        layout.insert(parent_index + 1, (item, []))
        return self._arrange(layout)

    def _arrange(self, layout):
        moved = self.meeting.arrange_agenda(layout)
        self.refresh_from_db()
        return moved

    def holdings(self):
        """What this item holds besides its text, by kind."""
        return {
            "resolutions": self.resolutions.count(),
            "proposals": self.proposals.count(),
            "follow_ups": self.follow_ups.count(),
        }

    def remove(self, move_contents_to=None):
        """Delete this item. What it holds (resolutions, motions, amendments, follow-ups) is
        never dropped with it: it moves to `move_contents_to`, or the deletion is refused."""
        Motion, Amendment = (apps.get_model("motions", name) for name in ("Motion", "Amendment"))
        with transaction.atomic():
            if self.children.exists():
                raise ValidationError(_("This item has sub-items: move or delete them first."))
            contents = [
                list(self.resolutions.order_by("position")),
                sorted(
                    [
                        *Motion.objects.filter(agenda_item=self),
                        *Amendment.objects.filter(agenda_item=self),
                    ],
                    key=lambda proposal: proposal.position,
                ),
                list(self.follow_ups.order_by("position")),
            ]
            if any(contents):
                target = move_contents_to
                if target is None:
                    raise ValidationError(
                        _(
                            "This item holds resolutions, motions, amendments or follow-ups: "
                            "choose the item they move to."
                        )
                    )
                if target.pk == self.pk or target.meeting_id != self.meeting_id:
                    raise ValidationError(_("Choose another item of the same meeting."))
                clash = target.follow_ups.filter(
                    motion__in=[f.motion_id for f in contents[2]]
                ).exists()
                if clash:
                    raise ValidationError(
                        _("The chosen item already follows up one of these motions.")
                    )
                for rows, existing in zip(
                    contents, (target.resolutions, target.proposals, target.follow_ups), strict=True
                ):
                    position = _next_position(existing)
                    for row in rows:
                        row.agenda_item = target
                        row.position = position
                        row.save(update_fields=["agenda_item", "position"])
                        position += 1
            meeting = self.meeting
            self.delete()
            meeting.arrange_agenda(meeting.agenda_layout())

    def next_proposal_position(self):
        return _next_position(self.proposals.all())

    def proposal_order(self):
        """The pks of the motions and amendments under this item, in their order."""
        return list(self.proposals.order_by("position").values_list("pk", flat=True))

    def reorder_proposals(self, pks, shown):
        """Put the motions and amendments under this item in the order of `pks` (each once);
        their numbers (4.1, 4.2) follow. `shown` is the order the editor saw: if it is no
        longer the order, someone moved, added or deleted one meanwhile, and nothing changes."""
        with transaction.atomic():
            rows = {row.pk: row for row in self.proposals.select_for_update().order_by("position")}
            current = sorted(rows, key=lambda pk: rows[pk].position)
            if list(shown) != current:
                raise ValidationError(
                    _(
                        "The motions and amendments under this item changed while you were "
                        "reordering them. The current order is shown: try again."
                    )
                )
            if sorted(pks) != sorted(current):
                raise ValidationError(
                    _("The new order must name every motion and amendment of this item once.")
                )
            self._renumber_proposals([rows[pk] for pk in pks])

    def close_proposal_gaps(self):
        """Number the motions and amendments under this item 1..n again, in their order
        (after one is deleted)."""
        with transaction.atomic():
            self._renumber_proposals(list(self.proposals.select_for_update().order_by("position")))

    def _renumber_proposals(self, rows):
        Motion, Amendment = (apps.get_model("motions", name) for name in ("Motion", "Amendment"))
        before = {row.pk: row.position for row in rows}
        renumber(rows)
        moved = [row.pk for row in rows if before[row.pk] != row.position]
        # The history is kept per subtype (see motions.models.Proposal).
        for model in (Motion, Amendment):
            record_bulk_changes(model, list(model.objects.filter(pk__in=moved)))


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
        "members.Member",
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
    history = HistoricalRecords()

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
        return [s.shown_name for s in self.ordered_submitters]

    def set_submitters(self, members):
        """Make `members` the submitting members, in this order (the first one leads)."""
        members = list(members)
        if len({m.pk for m in members}) != len(members):
            raise ValidationError(_("A member can submit it only once."))
        current = list(self.resolutionsubmitter_set.order_by("position"))
        if [s.member_id for s in current] == [m.pk for m in members]:
            return
        # A member that stays keeps the name it submitted under.
        names = {s.member_id: s.name for s in current}
        with transaction.atomic():
            # One by one, not in bulk, so that the history records every change.
            for submitter in current:
                submitter.delete()
            for position, member in enumerate(members, start=1):
                ResolutionSubmitter.objects.create(
                    resolution=self, member=member, name=names.get(member.pk, ""), position=position
                )

    @classmethod
    def start(cls, agenda_item, title, label=""):
        """A new resolution at the end of `agenda_item`, with an empty first version."""
        with transaction.atomic():
            resolution = cls(
                agenda_item=agenda_item,
                position=_next_position(agenda_item.resolutions.all()),
                title=title,
            )
            resolution.full_clean()
            resolution.save()
            version = ResolutionVersion.objects.create(resolution=resolution, number=1, label=label)
            resolution.current_version = version
            resolution.save(update_fields=["current_version"])
        return resolution

    def make_current(self, version):
        """Make `version` (one of this resolution's) the one that goes out with the papers."""
        if version.resolution_id != self.pk:
            raise ValidationError(_("The current version must be a version of this resolution."))
        with transaction.atomic():
            resolution = Resolution.objects.select_for_update().get(pk=self.pk)
            if resolution.current_version_id != version.pk:
                resolution.current_version = version
                resolution.save(update_fields=["current_version"])
        self.refresh_from_db()

    def new_version(self, label=""):
        """Copy the current version, clauses included, into a new draft that becomes the
        current one (concept -> updated). The older versions stay as they were, readable."""
        with transaction.atomic():
            resolution = Resolution.objects.select_for_update().get(pk=self.pk)
            source = resolution.current_version or resolution.versions.order_by("number").last()
            version = ResolutionVersion.objects.create(
                resolution=resolution,
                number=_next_number(resolution.versions.all()),
                label=label,
                intro=source.intro if source else DEFAULT_RESOLUTION_INTRO,
                explanation=source.explanation if source else "",
            )
            if source:
                bulk_create_with_history(
                    [
                        Clause(version=version, position=clause.position, text=clause.text)
                        for clause in source.clauses.order_by("position")
                    ],
                    Clause,
                )
            resolution.current_version = version
            resolution.save(update_fields=["current_version"])
        self.refresh_from_db()
        return version


class ResolutionSubmitter(SubmittingMember):
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE)

    history = HistoricalRecords()

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
    history = HistoricalRecords()

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

    @property
    def is_current(self):
        return self.resolution.current_version_id == self.pk

    def ensure_editable(self):
        """A published version is what members read: it stays as it was."""
        if not self.is_draft:
            raise ValidationError(
                _("This version is published and stays as it is: make a new version to change it.")
            )

    def publish(self):
        """Members read it from now on, so it must have a text: a version without clauses is
        refused (ValidationError)."""
        with transaction.atomic():
            version = ResolutionVersion.objects.select_for_update().get(pk=self.pk)
            if version.published_at is None:
                if not version.clauses.exists():
                    raise ValidationError(
                        _(
                            "Version %(number)s has no clauses yet: add the text of the "
                            "resolution before publishing it."
                        )
                        % {"number": version.number}
                    )
                version.published_at = timezone.now()
                version.save(update_fields=["published_at"])
        self.refresh_from_db()

    def unpublish(self):
        with transaction.atomic():
            version = ResolutionVersion.objects.select_for_update().get(pk=self.pk)
            if version.published_at is not None:
                version.published_at = None
                version.save(update_fields=["published_at"])
        self.refresh_from_db()

    def add_clause(self, text):
        """Append a clause; its number is its place."""
        self.ensure_editable()
        with transaction.atomic():
            ResolutionVersion.objects.select_for_update().filter(pk=self.pk).exists()
            clause = Clause(version=self, position=_next_position(self.clauses.all()), text=text)
            clause.full_clean()
            clause.save()
        return clause

    def move_clause(self, clause, step):
        """Move a clause one place up (-1) or down (1); the numbers follow."""
        self.ensure_editable()
        with transaction.atomic():
            clauses = list(self.clauses.select_for_update(of=("self",)).order_by("position"))
            pks = [c.pk for c in clauses]
            index = pks.index(clause.pk)
            target = index + step
            if not 0 <= target < len(clauses):
                raise ValidationError(
                    _("This clause is already the first.")
                    if step < 0
                    else _("This clause is already the last.")
                )
            clauses[index], clauses[target] = clauses[target], clauses[index]
            renumber_recorded(Clause, clauses)

    def reorder_clauses(self, pks):
        """Put the clauses in the order of `pks`, which names each clause of this version once."""
        self.ensure_editable()
        with transaction.atomic():
            clauses = {c.pk: c for c in self.clauses.select_for_update(of=("self",)).order_by()}
            if sorted(pks) != sorted(clauses):
                raise ValidationError(
                    _("The new order must name every clause of this version exactly once.")
                )
            renumber_recorded(Clause, [clauses[pk] for pk in pks])

    def remove_clause(self, clause):
        """Delete a clause and close the gap, unless an amendment points at it."""
        self.ensure_editable()
        if clause.version_id != self.pk:
            raise ValidationError(_("The clause is not of this version."))
        if clause.amendments.exists():
            raise ValidationError(_("An amendment targets this clause: it cannot be deleted."))
        with transaction.atomic():
            clause.delete()
            renumber_recorded(Clause, list(self.clauses.order_by("position")))


def _next_number(versions):
    return (versions.aggregate(last=models.Max("number"))["last"] or 0) + 1


def renumber_recorded(model, rows):
    before = {row.pk: row.position for row in rows}
    renumber(rows)
    record_bulk_changes(model, [row for row in rows if before[row.pk] != row.position])


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

    history = HistoricalRecords()

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
