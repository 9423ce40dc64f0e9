import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agenda.models import Meeting, renumber_recorded
from agenda.outcomes import Outcome, Status
from alv import roles, textdiff
from alv.models import Revisioned, StaleRevision
from alv.search import folded_contains
from members.models import Member, SubmitterGroup, SubmittingMember

# A search asks for every word (or "quoted phrase") somewhere in a motion or amendment; more
# words than this are ignored, so a pasted paragraph cannot build an endless query.
MAX_SEARCH_WORDS = 8
_SEARCH_WORD = re.compile(r'"([^"]+)"|(\S+)')


def search_words(text):
    words = [quoted or bare for quoted, bare in _SEARCH_WORD.findall(text or "")]
    return [w.strip() for w in words if w.strip()][:MAX_SEARCH_WORDS]


class ProposalQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_draft=False, meeting__published_at__isnull=False)

    def dealt_with_at(self, meeting):
        """Those on the papers of `meeting`: under its agenda items (held-over ones of earlier
        meetings included), and its own motions outside the agenda's items."""
        return self.filter(
            models.Q(agenda_item__meeting=meeting)
            | models.Q(agenda_item__isnull=True, meeting=meeting)
        )

    def visible_to(self, user):
        """Motions and amendments `user` may read, with their submitters in order and only the
        pre-advice `user` may read (`proposal.pre_advice` is missing otherwise)."""
        qs = self
        if not roles.can_see_unpublished(user):
            qs = qs.filter(Meeting.visibility_q(user, "meeting__"), is_draft=False)
        return qs.select_related("submitter_group").prefetch_related(
            models.Prefetch(
                "proposalsubmitter_set",
                queryset=ProposalSubmitter.objects.select_related("member").order_by("position"),
                to_attr="ordered_submitters",
            ),
            models.Prefetch("pre_advice", queryset=PreAdvice.objects.visible_to(user)),
        )

    def with_vote_parts_known(self):
        """Each with `voted_in_parts`, asked in the same query: reading a decision then loads
        the parts only of the motions that were voted in parts (Proposal.voted_parts)."""
        return self.annotate(
            voted_in_parts=models.Exists(VotePart.objects.filter(motion_id=models.OuterRef("pk")))
        )

    def with_pre_advice(self, user, value):
        """Those whose pre-advice, as far as `user` may see it, is `value`; `None` for those
        whose pre-advice `user` may not see yet ("preadvies volgt"). Unpublished pre-advice is
        never matched for a reader who may not see it, so filtering cannot reveal it."""
        seen = PreAdvice.objects.visible_to(user).filter(proposal__isnull=False)
        if value is None:
            return self.exclude(pk__in=seen.values("proposal_id"))
        return self.filter(pk__in=seen.filter(value=value).values("proposal_id"))

    def search(self, user, text):
        """Those that hold every word of `text` in their title, text (motion parts, the
        amendment's new text), explanation, submitters' names or the rationale of the
        pre-advice `user` may see; without regard to case or accents."""
        qs = self
        for word in search_words(text):
            parts = MotionPart.objects.filter(folded_contains("text", word))
            amendments = Amendment.objects.filter(folded_contains("new_text", word))
            submitters = ProposalSubmitter.objects.filter(
                folded_contains("member__name", word) | folded_contains("name", word)
            )
            groups = SubmitterGroup.objects.filter(folded_contains("name", word))
            rationales = (
                PreAdvice.objects.visible_to(user)
                .filter(proposal__isnull=False)
                .filter(folded_contains("rationale", word))
            )
            qs = qs.filter(
                folded_contains("title", word)
                | folded_contains("explanation", word)
                | models.Q(pk__in=parts.values("motion_id"))
                | models.Q(pk__in=amendments.values("pk"))
                | models.Q(pk__in=submitters.values("proposal_id"))
                | models.Q(submitter_group__in=groups)
                | models.Q(pk__in=rationales.values("proposal_id"))
            )
        return qs


class Proposal(Revisioned, Outcome):
    """What members submit and the board advises on: a motion or an amendment.

    Both share submitters, pre-advice and outcome, and are listed together per agenda item,
    so they share this table; `Motion` and `Amendment` add what is their own."""

    class Kind(models.TextChoices):
        MOTION = "motion", _("motion")
        AMENDMENT = "amendment", _("amendment")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, editable=False)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="proposals",
        help_text=_("The meeting where it was submitted."),
    )
    # Empty for a motion outside the agenda's items (moved, late, or its item not known): the
    # papers list it apart, after the items, numbered M1, M2 (`number`).
    agenda_item = models.ForeignKey(
        "agenda.AgendaItem",
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    submitters = models.ManyToManyField(
        Member, through="ProposalSubmitter", verbose_name=_("submitters"), related_name="proposals"
    )
    submitter_group = models.ForeignKey(
        SubmitterGroup,
        verbose_name=_("submitted by the group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        help_text=_("A group that is not one member, such as Regio Twente."),
    )
    submitted_by_board = models.BooleanField(
        _("submitted by the board"),
        default=False,
        help_text=_("Otherwise it is submitted by members or by a group."),
    )
    submitters_note = models.CharField(
        _("note on submitters"), max_length=50, blank=True, help_text=_("For example: e.a. or c.s.")
    )
    explanation = models.TextField(_("explanation"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    is_late = models.BooleanField(
        _("late"), default=False, help_text=_("Submitted after the deadline (nagekomen).")
    )
    is_draft = models.BooleanField(
        _("draft"),
        default=False,
        help_text=_("A draft is seen only by the secretariat and the board."),
    )
    on_pre_advice = models.BooleanField(
        _("decided on the pre-advice"),
        default=False,
        help_text=_(
            "The assembly voted on the board's pre-advice itself (for example: aanhouden "
            "conform preadvies); the percentages are those of that vote."
        ),
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("motion or amendment")
        verbose_name_plural = _("motions and amendments")
        ordering = ["agenda_item", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "position"], name="proposal_unique_position"
            ),
            # Those outside the agenda are numbered within their meeting (M1, M2).
            models.UniqueConstraint(
                fields=["meeting", "position"],
                condition=models.Q(agenda_item__isnull=True),
                name="proposal_unique_position_apart",
            ),
            # An amendment changes a resolution, so it stands under that resolution's item.
            models.CheckConstraint(
                condition=models.Q(kind="motion") | models.Q(agenda_item__isnull=False),
                name="proposal_apart_is_motion",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["motion", "amendment"]), name="proposal_kind_valid"
            ),
            *Outcome.outcome_constraints("proposal"),
        ]

    def __str__(self):
        return self.display_name

    # How the papers name the board as the submitter ("Ingediend door: het bestuur"), and a
    # motion of the board: "Motie van het bestuur".
    BOARD_NAME = "het bestuur"

    @property
    def submitter_names(self):
        """Submitters in order, first the lead: the members, or the group, or the board.
        Needs `visible_to()`'s prefetch, or queries."""
        if self.submitted_by_board:
            return [self.BOARD_NAME]
        if self.submitter_group_id is not None:
            return [self.submitter_group.name]
        if hasattr(self, "ordered_submitters"):
            return [s.shown_name for s in self.ordered_submitters]
        return [
            s.shown_name
            for s in self.proposalsubmitter_set.select_related("member").order_by("position")
        ]

    @property
    def submitters_label(self):
        """ "Sliedrecht en Gorinchem": the names joined the way the papers do."""
        names = self.submitter_names
        label = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
        if not names:
            label = ""
        return f"{label} {self.submitters_note}".strip()

    # The number of a motion outside the agenda's items: M1, M2.
    APART_PREFIX = "M"

    @property
    def agenda_meeting(self):
        """The meeting on whose papers it stands: its item's (a held-over motion's is a later
        meeting), or its own when it stands outside the agenda's items."""
        return self.agenda_item.meeting if self.agenda_item_id else self.meeting

    @property
    def agenda_meeting_id(self):
        return self.agenda_item.meeting_id if self.agenda_item_id else self.meeting_id

    @property
    def is_apart(self):
        """Outside the agenda's items: listed apart, after them."""
        return self.agenda_item_id is None

    @property
    def number(self):
        """7.2 under item 7, 8a.1 under a sub-item; M1 for one outside the agenda. Needs the
        item's `parent` loaded for sub-items."""
        if self.agenda_item_id is None:
            return f"{self.APART_PREFIX}{self.position}"
        return f"{self.agenda_item.number}.{self.position}"

    @property
    def kind_label(self):
        return "Amendement" if self.kind == self.Kind.AMENDMENT else "Motie"

    @property
    def display_name(self):
        """Motie Haaksbergen “Ravijnjaar, twee over twaalf!”, as the papers name it."""
        label = f"van {self.submitters_label}" if self.submitted_by_board else self.submitters_label
        name = f"{self.kind_label} {label}".strip()
        return f"{name} “{self.title}”" if self.title else name

    def voted_parts(self):
        # Only a motion is voted in parts. A list that knows which were
        # (ProposalQuerySet.with_vote_parts_known) asks nothing for the others; the meeting's
        # papers load the parts of those that were at once (papers.contents).
        if self.kind != self.Kind.MOTION or not getattr(self, "voted_in_parts", True):
            return []
        motion = self if isinstance(self, Motion) else self.motion
        return list(motion.vote_parts.all())

    def reading(self):
        # A three-way vote is kept on the amendment's own row: a list of proposals reads an
        # amendment's decision as its page does.
        if self.kind == self.Kind.AMENDMENT and not isinstance(self, Amendment):
            return self.amendment.reading()
        return super().reading()

    def clean(self):
        self.clean_outcome()
        if self.agenda_item_id is None and self.kind == self.Kind.AMENDMENT:
            raise ValidationError(
                {"agenda_item": _("An amendment stands under the agenda item of its resolution.")}
            )
        if self.agenda_item_id and self.meeting_id:
            item_meeting = self.agenda_item.meeting
            if (
                item_meeting.pk != self.meeting_id
                and item_meeting.starts_at < self.meeting.starts_at
            ):
                raise ValidationError(
                    {"agenda_item": _("The agenda item must be of this meeting or a later one.")}
                )

    def as_subtype(self):
        return getattr(self, self.kind)

    def get_absolute_url(self):
        name = "amendment_detail" if self.kind == self.Kind.AMENDMENT else "motion_detail"
        return reverse(name, args=[self.pk])

    # History is kept per subtype (Motion, Amendment): a multi-table child's history holds the
    # shared fields too, but Django signals a save only for the class saved. So the workspace
    # always saves a proposal as its subtype, and its history is in one place; a save through a
    # plain Proposal is signalled for its subtype as well (below), so that it is recorded too.
    # (A deletion through a plain Proposal cascades to the subtype's row, which signals it.)

    # What django-simple-history reads from the instance saved: who, why, when, or not at all.
    _HISTORY_ATTRIBUTES = (
        "_history_user",
        "_change_reason",
        "_history_date",
        "skip_history_when_saving",
    )

    def save(self, *args, **kwargs):
        created = self._state.adding
        super().save(*args, **kwargs)
        if type(self) is Proposal:
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and not created:
                update_fields = {*update_fields, "revision"}  # as Revisioned.save wrote it
            self._signal_save_as_subtype(created, update_fields)

    def _signal_save_as_subtype(self, created, update_fields):
        """Send post_save for the subtype's row, as saving the subtype itself would: its
        history (and whatever else follows a motion's or an amendment's changes) sees the
        change. The row is read again, so it is recorded as it now stands."""
        subtype = {self.Kind.MOTION: Motion, self.Kind.AMENDMENT: Amendment}.get(self.kind)
        using = self._state.db
        row = subtype and subtype._base_manager.using(using).filter(pk=self.pk).first()
        if row is None:
            return  # no subtype row (yet): nothing of a motion or an amendment changed
        for name in self._HISTORY_ATTRIBUTES:
            if hasattr(self, name):
                setattr(row, name, getattr(self, name))
        models.signals.post_save.send(
            sender=subtype,
            instance=row,
            created=created,
            update_fields=frozenset(update_fields) if update_fields is not None else None,
            raw=False,
            using=using,
        )

    def set_submitters(self, members):
        """Make `members` the submitters, in this order (the first one leads)."""
        members = list(members)
        if len({m.pk for m in members}) != len(members):
            raise ValidationError(_("A member can submit it only once."))
        current = list(self.proposalsubmitter_set.order_by("position"))
        if [s.member_id for s in current] == [m.pk for m in members]:
            return
        # A member that stays keeps the name it submitted under.
        names = {s.member_id: s.name for s in current}
        with transaction.atomic():
            for submitter in current:
                submitter.delete()
            for position, member in enumerate(members, start=1):
                ProposalSubmitter.objects.create(
                    proposal=self, member=member, name=names.get(member.pk, ""), position=position
                )

    def deletion_refusal(self):
        """Why this motion or amendment may not be deleted, or None. Only one the assembly
        has not dealt with may go (a duplicate draft from the Word import, say): an outcome,
        votes, a hold-over or a follow-up are part of the record."""
        dealt_with = (
            self.status != Status.SUBMITTED
            or self.has_vote_result
            or self.by_acclamation
            or self.on_pre_advice
            or self.ballots.exists()
            or self.hold_overs.exists()
        )
        if self.kind == self.Kind.MOTION:
            motion = Motion.objects.get(pk=self.pk)
            dealt_with = (
                dealt_with
                or motion.vote_parts.exists()
                or motion.follow_ups.exists()
                or FollowUpTrack.objects.filter(motion=motion).exists()
            )
        if dealt_with:
            return _(
                "%(name)s has an outcome or votes, so it stays on record and cannot be deleted."
            ) % {"name": self.display_name}
        return None

    def remove(self, expected_revision):
        """Delete this motion or amendment if nobody changed it since the editor saw it
        (`expected_revision`) and the assembly has not dealt with it; the ones after it under
        the same agenda item move up a number."""
        with transaction.atomic():
            # By pk: the default ordering joins the agenda item's parent, which PostgreSQL
            # cannot lock (FOR UPDATE on the nullable side of an outer join).
            current = Proposal.objects.select_for_update().filter(pk=self.pk).order_by("pk").first()
            if current is None or current.revision != expected_revision:
                raise StaleRevision(current and current.as_subtype())
            refusal = current.deletion_refusal()
            if refusal:
                raise ValidationError(refusal)
            item, meeting = current.agenda_item, current.meeting
            # Deleted as its subtype, so the deletion is in its history.
            current.as_subtype().delete()
            if item is None:
                close_apart_gaps(meeting)
            else:
                item.close_proposal_gaps()

    def next_place_under(self, agenda_item):
        """The position this proposal takes when it moves under `agenda_item` (None: outside
        the agenda, apart): the end."""
        if agenda_item is None:
            return next_apart_position(self.meeting)
        return agenda_item.next_proposal_position()


def apart_of(meeting):
    """The motions of `meeting` outside the agenda's items."""
    return Proposal.objects.filter(meeting=meeting, agenda_item__isnull=True)


def next_apart_position(meeting):
    last = apart_of(meeting).aggregate(models.Max("position"))["position__max"]
    return (last or 0) + 1


def close_apart_gaps(meeting):
    """Number the motions outside the agenda M1..Mn again, in their order (after one is
    deleted or moved under an item)."""
    with transaction.atomic():
        rows = list(apart_of(meeting).select_for_update().order_by("position"))
        moved = [(row, n) for n, row in enumerate(rows, start=1) if row.position != n]
        for row, position in moved:
            # As its subtype, so the history has it (see Proposal.save).
            motion = Motion.objects.get(pk=row.pk)
            motion.position = position
            motion.save(update_fields=["position"])


class ProposalSubmitter(SubmittingMember):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("submitter")
        verbose_name_plural = _("submitters")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "member"], name="proposalsubmitter_unique_member"
            ),
            models.UniqueConstraint(
                fields=["proposal", "position"], name="proposalsubmitter_unique_position"
            ),
        ]


class Motion(Proposal):
    resolution = models.ForeignKey(
        "agenda.Resolution",
        verbose_name=_("related resolution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="motions",
        help_text=_("The resolution this motion touches on, if any."),
    )
    request_intro = models.CharField(
        _("opening of the requests"),
        max_length=100,
        default="verzoekt het bestuur",
        help_text=_("For example: verzoekt het bestuur, roept het bestuur op."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")

    def save(self, *args, **kwargs):
        self.kind = Proposal.Kind.MOTION
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if (
            self.resolution_id
            and self.agenda_item_id
            and self.resolution.agenda_item.meeting_id != self.agenda_item.meeting_id
        ):
            raise ValidationError(
                {"resolution": _("The related resolution must be of the same meeting.")}
            )

    def add_part(self, kind, text):
        """Append a text part (a finding, a consideration, a request, ...)."""
        with transaction.atomic():
            Proposal.objects.select_for_update().filter(pk=self.pk).exists()
            last = self.parts.aggregate(last=models.Max("position"))["last"] or 0
            part = MotionPart(motion=self, position=last + 1, kind=kind, text=text)
            part.full_clean()
            part.save()
        return part

    def move_part(self, part, step):
        """Move a part one place up (-1) or down (1)."""
        with transaction.atomic():
            parts = list(self.parts.select_for_update(of=("self",)).order_by("position"))
            pks = [p.pk for p in parts]
            index = pks.index(part.pk)
            target = index + step
            if not 0 <= target < len(parts):
                raise ValidationError(
                    _("This part is already the first.")
                    if step < 0
                    else _("This part is already the last.")
                )
            parts[index], parts[target] = parts[target], parts[index]
            renumber_recorded(MotionPart, parts)

    def remove_part(self, part):
        if part.motion_id != self.pk:
            raise ValidationError(_("The part is not of this motion."))
        with transaction.atomic():
            part.delete()
            renumber_recorded(MotionPart, list(self.parts.order_by("position")))


class MotionPart(Revisioned):
    """One paragraph of a motion's text, in order: the opening, findings ("constaterende
    dat"), considerations ("overwegende dat"), requests (the dictum) and the closing."""

    class Kind(models.TextChoices):
        PREAMBLE = "preamble", _("preamble")
        FINDING = "finding", _("finding (constaterende dat)")
        CONSIDERATION = "consideration", _("consideration (overwegende dat)")
        REQUEST = "request", _("request")
        CLOSING = "closing", _("closing")

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("text"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("motion part")
        verbose_name_plural = _("motion parts")
        ordering = ["motion", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "position"], name="motionpart_unique_position"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=["preamble", "finding", "consideration", "request", "closing"]
                ),
                name="motionpart_kind_valid",
            ),
        ]

    def __str__(self):
        return self.text[:60]


class Amendment(Proposal):
    """Changes one version of a resolution: replaces, inserts or deletes a clause."""

    class Change(models.TextChoices):
        REPLACE = "replace", _("replace the clause")
        INSERT = "insert", _("insert a new clause")
        DELETE = "delete", _("delete the clause")

    resolution_version = models.ForeignKey(
        "agenda.ResolutionVersion",
        verbose_name=_("resolution version"),
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    change = models.CharField(_("change"), max_length=20, choices=Change.choices)
    target_clause = models.ForeignKey(
        "agenda.Clause",
        verbose_name=_("clause"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
        help_text=_(
            "The clause to replace or delete; for an insertion the clause after which the new "
            "clause comes (empty: before the first)."
        ),
    )
    new_text = models.TextField(_("new text"), blank=True)
    # The three-way vote on an amendment the board did not adopt ("overnemen"): members choose
    # the board's proposal, the amended proposal, or against both (real result: 62/34/4).
    percent_original = models.DecimalField(
        _("for the board's proposal (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    percent_amended = models.DecimalField(
        _("for the amended proposal (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    percent_neither = models.DecimalField(
        _("against both (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        percent_original__isnull=True,
                        percent_amended__isnull=True,
                        percent_neither__isnull=True,
                    )
                    | models.Q(
                        percent_original__gte=0,
                        percent_original__lte=100,
                        percent_amended__gte=0,
                        percent_amended__lte=100,
                        percent_neither__gte=0,
                        percent_neither__lte=100,
                    )
                ),
                name="amendment_three_way_range",
            ),
            models.CheckConstraint(
                condition=models.Q(change__in=["replace", "insert", "delete"]),
                name="amendment_change_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(change="insert") | models.Q(target_clause__isnull=False),
                name="amendment_target_needed",
            ),
            models.CheckConstraint(
                condition=models.Q(change="delete") | ~models.Q(new_text=""),
                name="amendment_new_text_needed",
            ),
        ]

    def save(self, *args, **kwargs):
        self.kind = Proposal.Kind.AMENDMENT
        super().save(*args, **kwargs)

    @property
    def is_voted_three_ways(self):
        return self.percent_original is not None

    def clean(self):
        super().clean()
        errors = {}
        if self.target_clause_id and self.target_clause.version_id != self.resolution_version_id:
            errors["target_clause"] = _("The clause must be of the amended resolution version.")
        if self.change != self.Change.INSERT and not self.target_clause_id:
            errors["target_clause"] = _("Choose the clause to change.")
        if self.change != self.Change.DELETE and not self.new_text.strip():
            errors["new_text"] = _("Give the new text.")
        if self.change == self.Change.DELETE and self.new_text.strip():
            errors["new_text"] = _("A deletion has no new text.")
        if (
            self.resolution_version_id
            and self.agenda_item_id
            and self.resolution_version.resolution.agenda_item_id != self.agenda_item_id
        ):
            errors["agenda_item"] = _(
                "An amendment stands under the agenda item of its resolution."
            )
        if errors:
            raise ValidationError(errors)

    def text_change(self):
        """(the clause as it is, the clause as amended): the amendment as a tracked change.
        An insertion changes nothing that exists; a deletion leaves nothing."""
        current = self.target_clause.text if self.target_clause_id else ""
        if self.change == self.Change.INSERT:
            return "", self.new_text
        if self.change == self.Change.DELETE:
            return current, ""
        return current, self.new_text

    def apply_to(self, clause_texts):
        """The clauses (texts in order) of the amended version as they read once this
        amendment is adopted."""
        texts = list(clause_texts)
        target = self.target_clause.number if self.target_clause_id else 0
        if self.change == self.Change.INSERT:
            texts.insert(target, self.new_text)
        elif self.change == self.Change.DELETE:
            del texts[target - 1]
        else:
            texts[target - 1] = self.new_text
        return texts

    def tracked_change(self):
        """The change as `textdiff` segments: the target clause with struck and inserted
        words, a struck clause, or an inserted one. Reads `target_clause`."""
        if self.change == self.Change.INSERT:
            return [textdiff.Segment(textdiff.INSERT, self.new_text)]
        if self.change == self.Change.DELETE:
            return [textdiff.Segment(textdiff.DELETE, self.target_clause.text)]
        return textdiff.word_diff(self.target_clause.text, self.new_text)

    @property
    def resulting_number(self):
        """The number the changed or inserted clause has in the resulting text."""
        if self.change == self.Change.DELETE:
            return None
        target = self.target_clause.number if self.target_clause_id else 0
        return target + 1 if self.change == self.Change.INSERT else target


class _WithPartsIterable(models.query.ModelIterable):
    """Pre-advice with its parts loaded (PreAdviceQuerySet.with_parts): in one query for all
    rows that have parts, and in none when no row has any, as for most meetings."""

    def __iter__(self):
        rows = list(super().__iter__())
        with_parts = [advice for advice in rows if getattr(advice, "has_parts", True)]
        if with_parts:
            models.prefetch_related_objects(with_parts, "parts")
        for advice in rows:
            if not getattr(advice, "has_parts", True):
                none = PreAdvicePart.objects.none()
                none._result_cache, none._prefetch_done = [], True
                advice._prefetched_objects_cache = {"parts": none}
        yield from rows


class PreAdviceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False, state=PreAdvice.State.SETTLED)

    def with_parts(self):
        """With the advice per part (PreAdvicePart) loaded, at no cost where there is none."""
        qs = self.annotate(
            has_parts=models.Exists(PreAdvicePart.objects.filter(pre_advice=models.OuterRef("pk")))
        )
        qs._iterable_class = _WithPartsIterable
        return qs

    def visible_to(self, user):
        """The pre-advice `user` may read, with its parts (PreAdvicePart): they are drafted,
        settled and published with it, so they are seen exactly when it is."""
        qs = self.with_parts()
        if roles.can_see_unpublished(user):
            return qs
        return qs.published()


@dataclass
class AdvicePartReading:
    """The board's advice on one part of a motion ("verzoek 1: overnemen")."""

    label: str
    value: str
    value_text: str
    rationale: str = ""

    @property
    def text(self):
        return f"{self.label}: {self.value_text}"


@dataclass
class AdviceReading:
    """The pre-advice as every page and file shows it (PreAdvice.reading): `value` and
    `value_text` of the motion or amendment as a whole, `text` the advice in words ("overnemen";
    with advice per part "per onderdeel: verzoek 1: overnemen; verzoek 2: ontraden"), and the
    advice on each part."""

    value: str
    value_text: str
    text: str
    parts: list = field(default_factory=list)  # AdvicePartReading

    @property
    def has_parts(self):
        return bool(self.parts)

    @property
    def whole_text(self):
        """With advice per part, the advice on the motion as a whole, if the board gave one."""
        if not self.parts or self.value == PreAdvice.Value.NONE:
            return ""
        return self.value_text


class PreAdvice(Revisioned):
    """The board's advice on a motion or amendment, or on a motion under follow-up.

    Drafted by the secretariat, settled by the board, then published with the papers or in a
    later mailing. Until published, members see "preadvies volgt"."""

    class Value(models.TextChoices):
        ADOPT = "overnemen", _("overnemen")
        ADVISE_AGAINST = "ontraden", _("ontraden")
        HOLD_OVER = "aanhouden", _("aanhouden")
        NEUTRAL = "neutraal", _("neutraal")
        WITHDRAW = "intrekken", _("intrekken")
        # The board gave none (or, for an old meeting, it is not known): a value of its own,
        # so that it reads "geen preadvies" and never "preadvies volgt", which promises one.
        NONE = "geen", _("geen preadvies")

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SETTLED = "settled", _("settled by the board")

    class Response(models.TextChoices):
        WITHDRAWS = "withdraws", _("the submitters withdraw it")
        MAINTAINS = "maintains", _("the submitters maintain it")

    proposal = models.OneToOneField(
        Proposal,
        verbose_name=_("motion or amendment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pre_advice",
    )
    follow_up = models.OneToOneField(
        "FollowUp",
        verbose_name=_("follow-up"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pre_advice",
    )
    value = models.CharField(_("pre-advice"), max_length=20, choices=Value.choices)
    rationale = models.TextField(_("rationale"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    response = models.CharField(
        _("answer of the submitters"),
        max_length=20,
        choices=Response.choices,
        blank=True,
        help_text=_("How the submitters answer a request to withdraw."),
    )
    response_note = models.TextField(
        _("explanation of the answer"),
        blank=True,
        help_text=_("Why the submitters withdraw or maintain it, in a few sentences."),
    )

    objects = PreAdviceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pre-advice")
        verbose_name_plural = _("pre-advice")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(proposal__isnull=False, follow_up__isnull=True)
                    | models.Q(proposal__isnull=True, follow_up__isnull=False)
                ),
                name="preadvice_one_subject",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    value__in=[
                        "overnemen",
                        "ontraden",
                        "aanhouden",
                        "neutraal",
                        "intrekken",
                        "geen",
                    ]
                ),
                name="preadvice_value_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["draft", "settled"]), name="preadvice_state_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True) | models.Q(state="settled"),
                name="preadvice_published_is_settled",
            ),
            models.CheckConstraint(
                condition=models.Q(response="") | models.Q(value="intrekken"),
                name="preadvice_response_to_withdraw",
            ),
        ]

    def __str__(self):
        return self.get_value_display()

    def ordered_parts(self):
        """The advice per part, in order; from the parts prefetched with it where they were
        (PreAdviceQuerySet.visible_to), so a list of pre-advice asks one query for all."""
        return sorted(self.parts.all(), key=lambda part: part.position)

    def reading(self):
        """How this pre-advice reads on every page and in every file: the pages, the book in
        PDF and Word, the meeting day and the mail all show this one reading (AdviceReading).

        Without parts the advice is its value ("overnemen"). With advice per part of a motion
        (the board advises "verzoek 1 overnemen, verzoek 2 ontraden") the parts are the advice;
        the value is then the advice on the motion as a whole, for a vote on it as a whole, and
        is left out when the board gave none ("geen preadvies")."""
        value_text = str(self.get_value_display())
        parts = [
            AdvicePartReading(
                label=part.label,
                value=part.value,
                value_text=str(part.get_value_display()),
                rationale=part.rationale,
            )
            for part in self.ordered_parts()
        ]
        if not parts:
            text = value_text
        else:
            listed = "; ".join(part.text for part in parts)
            if self.value == self.Value.NONE:
                text = gettext("per part: %(parts)s") % {"parts": listed}
            else:
                text = gettext("per part: %(parts)s; the motion as a whole: %(value)s") % {
                    "parts": listed,
                    "value": value_text,
                }
        return AdviceReading(value=self.value, value_text=value_text, text=text, parts=parts)

    def part_for(self, label):
        """The advice on the part labelled `label` (a VotePart's label, compared without
        regard to case or surrounding spaces), or None."""
        wanted = " ".join((label or "").split()).casefold()
        for part in self.ordered_parts():
            if " ".join(part.label.split()).casefold() == wanted:
                return part
        return None

    @property
    def is_published(self):
        return self.published_at is not None

    def clean(self):
        if self.response and self.value != self.Value.WITHDRAW:
            raise ValidationError({"response": _("Submitters answer only a request to withdraw.")})
        if self.published_at and self.state != self.State.SETTLED:
            raise ValidationError(_("Only pre-advice the board has settled can be published."))

    @property
    def is_settled(self):
        return self.state == self.State.SETTLED

    def response_text(self):
        """The submitters' answer as every page and file shows it, with their explanation:
        "the submitters maintain it: the cabinet decides this month"."""
        if not self.response:
            return ""
        text = str(self.get_response_display())
        return f"{text}: {self.response_note}" if self.response_note else text

    def answer(self, expected_revision, response, note):
        """The submitters' own answer to a published request to withdraw (online, issue 18).
        A conditional update: of two answers sent on the same page, only the first counts."""
        if self.value != self.Value.WITHDRAW or not self.is_published:
            raise ValidationError(_("Only a published request to withdraw is answered."))
        if response not in self.Response.values:
            raise ValidationError({"response": _("Choose to withdraw or to maintain it.")})
        self.response, self.response_note = response, (note or "").strip()
        self.save_if_current(expected_revision, update_fields=["response", "response_note"])

    def revise(self, value, rationale, response):
        """The secretariat's edit. The value and rationale are the board's once it has settled
        them (it reopens them to change them); the submitters' answer may follow any time."""
        if self.is_settled and (value != self.value or rationale != self.rationale):
            raise ValidationError(
                _("The board has settled this pre-advice: it must reopen it before it changes.")
            )
        if response != self.response:
            self.response_note = ""  # the submitters' explanation was of their own answer
        self.value, self.rationale, self.response = value, rationale, response

    # The history's word for a settling that was not the board's (translated where shown).
    SETTLED_BY_SECRETARIAT = gettext_noop("settled by the secretariat (archive entry)")

    @property
    def meeting(self):
        """The meeting on whose agenda the pre-advice stands (a held-over motion's is the
        later one)."""
        if self.proposal_id:
            return self.proposal.agenda_meeting
        return self.follow_up.agenda_item.meeting

    def settle(self, expected_revision, by_secretariat=False):
        """The board settles the pre-advice it has read: `expected_revision` is the revision it
        saw, so a value changed meanwhile is never settled unseen. `by_secretariat`: the
        secretariat records the pre-advice of an archive entry, as the board settled it then;
        never for a meeting still to be held, and the history says who settled it."""
        if self.is_settled:
            raise ValidationError(_("This pre-advice is already settled."))
        if by_secretariat and not self.meeting.is_past:
            raise ValidationError(
                _("Only the board settles the pre-advice of a meeting still to be held.")
            )
        self.state = self.State.SETTLED
        self.settled_at = timezone.now()
        if by_secretariat:
            self._change_reason = self.SETTLED_BY_SECRETARIAT
        try:
            self.save_if_current(expected_revision, update_fields=["state", "settled_at"])
        finally:
            # For this save alone: a later edit of the same object is nobody's archive entry.
            self.__dict__.pop("_change_reason", None)

    def reopen(self, expected_revision):
        """Back to draft, so it can be changed; published pre-advice is unpublished first."""
        if self.is_published:
            raise ValidationError(
                _("Published pre-advice cannot be reopened: unpublish the pre-advice first.")
            )
        if not self.is_settled:
            raise ValidationError(_("This pre-advice is still a draft."))
        self.state = self.State.DRAFT
        self.settled_at = None
        self.save_if_current(expected_revision, update_fields=["state", "settled_at"])


class PreAdvicePart(models.Model):
    """The board's advice on one part of a motion voted in parts ("verzoek 1 overnemen,
    verzoek 2 ontraden"). It has no life of its own: it is drafted, settled, published and
    seen together with its pre-advice, whose revision goes up with every change of its parts,
    so the board never settles parts it has not seen."""

    pre_advice = models.ForeignKey(
        PreAdvice, verbose_name=_("pre-advice"), on_delete=models.CASCADE, related_name="parts"
    )
    position = models.PositiveIntegerField(_("position"))
    label = models.CharField(
        _("part"), max_length=200, help_text=_("For example: verzoek 1, or 1e deel.")
    )
    value = models.CharField(_("pre-advice"), max_length=20, choices=PreAdvice.Value.choices)
    rationale = models.TextField(_("rationale"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pre-advice on a part")
        verbose_name_plural = _("pre-advice on parts")
        ordering = ["pre_advice", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["pre_advice", "position"], name="preadvicepart_unique_position"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    value__in=[
                        "overnemen",
                        "ontraden",
                        "aanhouden",
                        "neutraal",
                        "intrekken",
                        "geen",
                    ]
                ),
                name="preadvicepart_value_valid",
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.get_value_display()}"

    @classmethod
    def visible_to(cls, user):
        if roles.can_see_unpublished(user):
            return cls.objects.all()
        return cls.objects.filter(pre_advice__in=PreAdvice.objects.published())


class FollowUpQuerySet(models.QuerySet):
    def visible_to(self, user):
        return (
            self.filter(Meeting.visibility_q(user, "agenda_item__meeting__"))
            .select_related("motion__meeting", "motion__submitter_group")
            .prefetch_related(
                models.Prefetch(
                    "motion__proposalsubmitter_set",
                    queryset=ProposalSubmitter.objects.select_related("member").order_by(
                        "position"
                    ),
                    to_attr="ordered_submitters",
                ),
                models.Prefetch("pre_advice", queryset=PreAdvice.objects.visible_to(user)),
            )
        )


class FollowUp(Revisioned):
    """A motion adopted at an earlier meeting, reported on under a later meeting's
    "Verantwoording uitvoering moties" item, with the board's advice and proposed decision."""

    class Decision(models.TextChoices):
        CLOSE = "close", _("consider it implemented (afdoen)")
        KEEP_OPEN = "keep_open", _("keep it open (aanhouden)")

    agenda_item = models.ForeignKey(
        "agenda.AgendaItem",
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    motion = models.ForeignKey(
        Motion, verbose_name=_("motion"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    position = models.PositiveIntegerField(_("position"))
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    report = models.TextField(_("report"), blank=True)
    proposed_decision = models.CharField(
        _("proposed decision"), max_length=20, choices=Decision.choices, blank=True
    )
    decision = models.CharField(
        _("decision taken"), max_length=20, choices=Decision.choices, blank=True
    )

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["agenda_item", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "position"], name="followup_unique_position"
            ),
            models.UniqueConstraint(
                fields=["agenda_item", "motion"], name="followup_unique_motion"
            ),
        ]

    def __str__(self):
        return str(self.motion)

    @property
    def agenda_meeting(self):
        """The meeting on whose papers it stands (as Proposal.agenda_meeting)."""
        return self.agenda_item.meeting

    @property
    def agenda_meeting_id(self):
        return self.agenda_item.meeting_id

    def clean(self):
        if not (self.agenda_item_id and self.motion_id):
            return
        if self.motion.meeting.starts_at >= self.agenda_item.meeting.starts_at:
            raise ValidationError(
                {"motion": _("Only motions of earlier meetings are followed up.")}
            )
        if self.motion.status != Status.ADOPTED:
            raise ValidationError({"motion": _("Only adopted motions are followed up.")})


class VotePart(Outcome):
    """One part of a motion voted separately ("1e deel aangenomen met 92,16%; 2e deel
    aangehouden conform advies bestuur"). The motion's own status follows from its parts."""

    motion = models.ForeignKey(
        Motion, verbose_name=_("motion"), on_delete=models.CASCADE, related_name="vote_parts"
    )
    position = models.PositiveIntegerField(_("position"))
    label = models.CharField(
        _("part"), max_length=200, help_text=_("For example: 1e deel (verzoeken 1 en 2).")
    )
    on_pre_advice = models.BooleanField(_("decided on the pre-advice"), default=False)

    class Meta:
        verbose_name = _("part of a motion")
        verbose_name_plural = _("parts of motions")
        ordering = ["motion", "position"]
        constraints = [
            models.UniqueConstraint(fields=["motion", "position"], name="votepart_unique_position"),
            *Outcome.outcome_constraints("votepart"),
        ]

    def __str__(self):
        return self.label

    def clean(self):
        self.clean_outcome()


class Ballot(models.Model):
    """One member's vote (one voting card per member) on a motion, amendment, resolution or
    part of a motion, for associations that register votes per member. The weight is kept
    as it was when the vote was cast, so the result stays what it was."""

    class Choice(models.TextChoices):
        FOR = "for", _("for")
        AGAINST = "against", _("against")
        ABSTAIN = "abstain", _("abstain")
        ORIGINAL = "original", _("the board's proposal")
        AMENDED = "amended", _("the amended proposal")
        NEITHER = "neither", _("against both")

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="ballots"
    )
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="ballots"
    )
    resolution = models.ForeignKey(
        "agenda.Resolution", null=True, blank=True, on_delete=models.CASCADE, related_name="ballots"
    )
    vote_part = models.ForeignKey(
        VotePart, null=True, blank=True, on_delete=models.CASCADE, related_name="ballots"
    )
    choice = models.CharField(_("vote"), max_length=20, choices=Choice.choices)
    weight = models.PositiveBigIntegerField(_("weight"))

    class Meta:
        verbose_name = _("vote of a member")
        verbose_name_plural = _("votes of members")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        proposal__isnull=False, resolution__isnull=True, vote_part__isnull=True
                    )
                    | models.Q(
                        proposal__isnull=True, resolution__isnull=False, vote_part__isnull=True
                    )
                    | models.Q(
                        proposal__isnull=True, resolution__isnull=True, vote_part__isnull=False
                    )
                ),
                name="ballot_one_subject",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    choice__in=["for", "against", "abstain", "original", "amended", "neither"]
                ),
                name="ballot_choice_valid",
            ),
            models.UniqueConstraint(
                fields=["proposal", "member"],
                condition=models.Q(proposal__isnull=False),
                name="ballot_one_per_member_proposal",
            ),
            models.UniqueConstraint(
                fields=["resolution", "member"],
                condition=models.Q(resolution__isnull=False),
                name="ballot_one_per_member_resolution",
            ),
            models.UniqueConstraint(
                fields=["vote_part", "member"],
                condition=models.Q(vote_part__isnull=False),
                name="ballot_one_per_member_part",
            ),
        ]

    def __str__(self):
        return f"{self.member}: {self.get_choice_display()}"


class FollowUpTrackQuerySet(models.QuerySet):
    def not_closed(self):
        return self.exclude(state=FollowUpTrack.State.CLOSED)


class FollowUpTrack(models.Model):
    """What the association does with an adopted motion, followed across meetings until the
    assembly considers it implemented."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        PROPOSED_CLOSE = "proposed_close", _("proposed to close (afdoen)")
        PROPOSED_KEEP_OPEN = "proposed_keep_open", _("proposed to keep open (aanhouden)")
        CLOSED = "closed", _("closed")

    motion = models.OneToOneField(
        Motion, verbose_name=_("motion"), on_delete=models.CASCADE, related_name="follow_up_track"
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.OPEN)
    theme = models.CharField(
        _("theme"),
        max_length=200,
        blank=True,
        help_text=_("Related motions are reported on together under their theme."),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = FollowUpTrackQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up track")
        verbose_name_plural = _("follow-up tracks")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    state__in=[
                        "open",
                        "in_progress",
                        "proposed_close",
                        "proposed_keep_open",
                        "closed",
                    ]
                ),
                name="followuptrack_state_valid",
            ),
        ]

    def __str__(self):
        return str(self.motion)

    @property
    def proposed_decision(self):
        return {
            self.State.PROPOSED_CLOSE: FollowUp.Decision.CLOSE,
            self.State.PROPOSED_KEEP_OPEN: FollowUp.Decision.KEEP_OPEN,
        }.get(self.state, "")


class FollowUpReport(models.Model):
    """A dated report of the secretariat on what has been done with an adopted motion."""

    track = models.ForeignKey(
        FollowUpTrack,
        verbose_name=_("follow-up track"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("report"))
    proposed_decision = models.CharField(
        _("proposed decision"), max_length=20, choices=FollowUp.Decision.choices, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up report")
        verbose_name_plural = _("follow-up reports")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date}: {self.text[:60]}"


class HoldOver(Outcome):
    """A motion held over ("aangehouden") at a meeting, waiting for the secretariat to place
    it on a later meeting's agenda. Keeps the decision as it was taken, for the decision list
    of the meeting that held it over, after the motion has moved on.

    With `vote_part`, only that part of a motion voted in parts was held over while another
    part was adopted: the motion stays decided where it was, and the part comes back on the
    later agenda as a motion of its own (`continued_as`)."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("motion"), on_delete=models.CASCADE, related_name="hold_overs"
    )
    from_item = models.ForeignKey(
        "agenda.AgendaItem",
        verbose_name=_("held over under"),
        on_delete=models.CASCADE,
        related_name="hold_overs",
    )
    to_item = models.ForeignKey(
        "agenda.AgendaItem",
        verbose_name=_("placed under"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placed_hold_overs",
    )
    on_pre_advice = models.BooleanField(_("decided on the pre-advice"), default=False)
    placed_at = models.DateTimeField(_("placed at"), null=True, blank=True)
    vote_part = models.OneToOneField(
        VotePart,
        verbose_name=_("held-over part"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="hold_over",
    )
    continued_as = models.OneToOneField(
        Proposal,
        verbose_name=_("continued as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="continues_hold_over",
    )

    class Meta:
        verbose_name = _("held-over motion")
        verbose_name_plural = _("held-over motions")
        ordering = ["from_item", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "from_item"],
                condition=models.Q(vote_part__isnull=True),
                name="holdover_unique_item",
            ),
            *Outcome.outcome_constraints("holdover"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        if self.vote_part_id is None:
            return self.proposal.display_name
        return f"{self.proposal.display_name}, {self.vote_part.label}"

    @property
    def is_placed(self):
        return self.to_item_id is not None
