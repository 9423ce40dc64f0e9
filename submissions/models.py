"""Motions that members submit online (issue 18): a member's people draft a motion under an
agenda item, invite other members as co-submitters, and submit it before the meeting's
deadline (or late, with a reason). The secretariat takes it in: accepted, it becomes a draft
motion of the papers (motions.Motion), numbered under its item and unpublished until the
secretariat publishes it; or it goes back for changes, or is declared not admissible.

A submission is kept apart from the papers until it is accepted, so nothing a member drafts
or sends can reach the papers, a page or a book by any other way. Who may see it: the people
of its lead member and of the members invited to submit it with them, and (once submitted)
the secretariat. Every change of state is one conditional update (alv.models.Revisioned), so
a retried or doubled request never counts twice."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agenda.models import AgendaItem, Clause, Meeting, ResolutionVersion
from alv import roles, textdiff
from alv.models import Association, Revisioned
from members.models import Member
from motions.models import Amendment, Motion, MotionPart, ProposalSubmitter

MAX_PARAGRAPHS = 30
CHANGES = ["replace", "insert", "delete"]


def paragraphs(text):
    """The paragraphs of a text box: each non-empty line is one (a finding, a request)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class SubmissionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """What `user` may read: the secretariat everything but drafts (a draft is the
        member's own until it is submitted); a member's people what their member leads or is
        invited to; no one else anything."""
        if roles.is_secretariat(user):
            return self.for_intake()
        member_id = getattr(user, "member_id", None) if user.is_authenticated else None
        if member_id is None or not roles.is_member(user):
            return self.none()
        return self.filter(
            Q(member_id=member_id) | Q(co_submitters__member_id=member_id)
        ).distinct()

    def for_intake(self):
        """What the secretariat takes in: what was submitted at least once. A draft, also one
        withdrawn before it was ever sent, is the member's own."""
        return self.exclude(first_submitted_at__isnull=True)


def open_meetings(user, now=None):
    """The meetings a member may submit a motion to: those they may read that have not
    started yet (after the deadline only as a late motion)."""
    now = now or timezone.now()
    return Meeting.objects.visible_to(user).filter(starts_at__gt=now).order_by("starts_at")


def amendable_versions(user, now=None):
    """The resolution texts a member may propose an amendment to: the current, published
    version of each resolution of a meeting open for submissions."""
    return (
        ResolutionVersion.objects.visible_to(user)
        .filter(
            resolution__current_version=models.F("pk"),
            resolution__agenda_item__meeting__in=open_meetings(user, now),
        )
        .select_related("resolution__agenda_item__meeting")
        .order_by("resolution__agenda_item__meeting__starts_at", "resolution__position")
    )


class Submission(Revisioned):
    class Kind(models.TextChoices):
        MOTION = "motion", _("motion")
        AMENDMENT = "amendment", _("amendment")

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for changes")
        ACCEPTED = "accepted", _("accepted")
        NOT_ADMISSIBLE = "not_admissible", _("not admissible")
        WITHDRAWN = "withdrawn", _("withdrawn")
        MERGED = "merged", _("merged into another")

    # The states in which the lead member may still change the text.
    EDITABLE = (State.DRAFT, State.RETURNED)
    # The states in which it can still be withdrawn (before the secretariat took it in).
    WITHDRAWABLE = (State.DRAFT, State.SUBMITTED, State.RETURNED)

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="submissions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("submitting member"),
        on_delete=models.PROTECT,
        related_name="led_submissions",
        help_text=_("The first submitter, who leads."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MOTION)
    title = models.CharField(_("title"), max_length=300)
    findings = models.TextField(
        _("findings (constaterende dat)"), blank=True, help_text=_("One finding per line.")
    )
    considerations = models.TextField(
        _("considerations (overwegende dat)"),
        blank=True,
        help_text=_("One consideration per line."),
    )
    requests = models.TextField(
        _("requests to the board"), blank=True, help_text=_("One request per line.")
    )
    explanation = models.TextField(_("explanation"), blank=True)
    # An amendment: one change to one clause of a published resolution version, the same three
    # changes as motions.Amendment (which it becomes when accepted).
    resolution_version = models.ForeignKey(
        ResolutionVersion,
        verbose_name=_("resolution version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
    )
    change = models.CharField(
        _("change"), max_length=20, choices=Amendment.Change.choices, blank=True
    )
    target_clause = models.ForeignKey(
        Clause,
        verbose_name=_("clause"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    new_text = models.TextField(_("new text"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    text_revision = models.PositiveIntegerField(
        _("text revision"),
        default=1,
        editable=False,
        help_text=_("Goes up with every change of the text: co-submitters accept one text."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(
        _("first submitted at"),
        null=True,
        blank=True,
        help_text=_("A motion returned for changes and sent again is as late as it was first."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_late = models.BooleanField(_("late"), default=False)
    late_reason = models.TextField(
        _("why it cannot wait"),
        blank=True,
        help_text=_("A late motion must concern a current topic: say why."),
    )
    message = models.TextField(
        _("message of the secretariat"),
        blank=True,
        help_text=_("Why it was returned or is not admissible."),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    motion = models.OneToOneField(
        Motion,
        verbose_name=_("motion in the papers"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submission",
    )
    amendment = models.OneToOneField(
        Amendment,
        verbose_name=_("amendment in the papers"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submission",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
    )

    objects = SubmissionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("submitted motion")
        verbose_name_plural = _("submitted motions")
        ordering = ["meeting", "submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    state__in=[
                        "draft",
                        "submitted",
                        "returned",
                        "accepted",
                        "not_admissible",
                        "withdrawn",
                        "merged",
                    ]
                ),
                name="submission_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind="motion")
                | Q(kind="amendment", resolution_version__isnull=False, change__in=CHANGES),
                name="submission_amendment_has_a_change",
            ),
        ]

    def __str__(self):
        if self.is_amendment:
            return f"Amendement {self.member.name} “{self.title}”"
        return f"Motie {self.member.name} “{self.title}”"

    def get_absolute_url(self):
        return reverse("submissions:detail", args=[self.pk])

    # What the member sees

    @property
    def is_amendment(self):
        return self.kind == self.Kind.AMENDMENT

    @property
    def heading(self):
        """ "Motion Haaksbergen “Title”", as the member's pages, the intake and the mail name it."""
        names = {"name": self.member.name, "title": self.title}
        if self.is_amendment:
            return _("Amendment %(name)s “%(title)s”") % names
        return _("Motion %(name)s “%(title)s”") % names

    @property
    def proposal(self):
        """What it became in the papers, once accepted: a motion or an amendment."""
        return self.amendment if self.is_amendment else self.motion

    @property
    def deadline(self):
        return self.meeting.effective_motion_deadline()

    def is_on_time(self, moment):
        """On time when sent in the deadline's minute or before: the deadline is "12:00", and
        a motion sent at 12:00:40 (Europe/Amsterdam) is on time, one at 12:01 is late."""
        return moment.replace(second=0, microsecond=0) <= self.deadline

    @property
    def submitted_by_name(self):
        person = self.submitted_by
        if person is None:
            return ""
        return person.get_full_name() or person.email or person.get_username()

    @property
    def is_editable(self):
        return self.state in self.EDITABLE

    def submitters(self):
        """The members who submit it, in order: the lead, then those who accepted this text."""
        accepted = [c.member for c in self.accepted_co_submitters()]
        return [self.member, *accepted]

    def as_amendment(self):
        """The amendment as the papers will have it (not saved): its tracked change and its
        phrase ("Replaces clause 2") are rendered by the papers' own code."""
        return Amendment(
            resolution_version=self.resolution_version,
            change=self.change,
            target_clause=self.target_clause,
            new_text=self.new_text,
        )

    def tracked_change_html(self):
        return textdiff.render(self.as_amendment().tracked_change())

    # The fields that make the text: a change to any of them asks co-submitters again.
    TEXT_FIELDS = (
        "title",
        "findings",
        "considerations",
        "requests",
        "explanation",
        "change",
        "target_clause_id",
        "new_text",
    )

    # What a receipt proves: the motion as it was sent, whatever happens to it before the
    # worker mails it (submissions.tasks.send_receipt).
    SNAPSHOT_FIELDS = (
        "title",
        "findings",
        "considerations",
        "requests",
        "explanation",
        "change",
        "new_text",
    )

    def snapshot(self):
        target = self.target_clause if self.target_clause_id else None
        submitters = self.submitters()
        return {
            **{name: getattr(self, name) for name in self.SNAPSHOT_FIELDS},
            # The clause as it read when the amendment was sent.
            "target_number": target.number if target else None,
            "target_text": target.text if target else "",
            "submitted_at": self.submitted_at.isoformat(),
            "is_late": self.is_late,
            "late_reason": self.late_reason,
            "submitters": [member.name for member in submitters],
            "submitter_ids": [member.pk for member in submitters],
            "submitted_by_name": self.submitted_by_name,
        }

    def as_sent(self, snapshot):
        """This submission with the text and facts of `snapshot`, for the receipt (not saved)."""
        for name in self.SNAPSHOT_FIELDS:
            setattr(self, name, snapshot.get(name, ""))
        if self.is_amendment:
            number = snapshot.get("target_number")
            self.target_clause = (
                None
                if number is None
                else Clause(
                    version=self.resolution_version, position=number, text=snapshot["target_text"]
                )
            )
        self.submitted_at = dt.datetime.fromisoformat(snapshot["submitted_at"])
        self.is_late, self.late_reason = snapshot["is_late"], snapshot["late_reason"]
        self.sent_submitters = snapshot["submitters"]
        self.sent_by_name = snapshot["submitted_by_name"]
        return self

    def accepted_co_submitters(self):
        return [
            c
            for c in self.co_submitters.all()
            if c.answer == CoSubmitter.Answer.ACCEPTED
            and c.accepted_text_revision == self.text_revision
        ]

    def parts(self):
        """The motion's text as the papers will have it: opening formula, findings,
        considerations, requests, closing."""
        date = timezone.localtime(self.meeting.starts_at)
        opening = Association.current().opening_of_motion(f"{date:%-d-%-m-%Y}")
        return [
            (MotionPart.Kind.PREAMBLE, opening),
            *[(MotionPart.Kind.FINDING, p) for p in paragraphs(self.findings)],
            *[(MotionPart.Kind.CONSIDERATION, p) for p in paragraphs(self.considerations)],
            *[(MotionPart.Kind.REQUEST, p) for p in paragraphs(self.requests)],
            (MotionPart.Kind.CLOSING, "en gaat over tot de orde van de dag."),
        ]

    def text_groups(self):
        """The parts by kind, as the papers' motion text template takes them."""
        groups = {
            kind: [] for kind in ("preamble", "finding", "consideration", "request", "closing")
        }
        for kind, text in self.parts():
            groups[kind].append(text)
        return groups

    def text_problems(self):
        """Why the text cannot be sent yet, or nothing. A draft made from a Word file may lack
        its requests until the member fills them in; a clause may have left the resolution."""
        if not self.title.strip():
            return _("Give the motion a title first.")
        if not self.is_amendment:
            if not paragraphs(self.requests):
                return _("Give the motion at least one request to the board first.")
            return None
        version = self.resolution_version
        if version.resolution.current_version_id != version.pk:
            return _(
                "The resolution has a new version since you drafted this amendment. Start a new "
                "amendment to the text as it reads now."
            )
        if self.change != Amendment.Change.INSERT and not self.target_clause_id:
            return _("Choose the clause to change.")
        if self.change != Amendment.Change.DELETE and not self.new_text.strip():
            return _("Give the new text of the clause.")
        return None

    # What changes it. Each takes the revision the user saw and changes the row only if it is
    # still that one (StaleRevision otherwise): two colleagues, or a doubled click, never
    # overwrite each other.

    def change_text(self, expected_revision, **fields):
        if not self.is_editable:
            raise ValidationError(_("Only a draft or a returned motion can be changed."))
        # Compared with the row as stored, not with self: the form may have set its values.
        stored = type(self).objects.filter(pk=self.pk).values(*self.TEXT_FIELDS).first() or {}
        for name, value in fields.items():
            setattr(self, name, value)
        changed = any(stored.get(name) != getattr(self, name) for name in self.TEXT_FIELDS)
        self.meeting_id = self.agenda_item.meeting_id
        with transaction.atomic():
            if changed:
                # Co-submitters accepted the text as it was: they are asked again.
                self.text_revision += 1
            self.save_if_current(expected_revision)
        return changed

    def submit(self, expected_revision, user, now=None, late_reason=""):
        now = now or timezone.now()
        if self.state not in self.EDITABLE:
            raise ValidationError(_("This motion has been submitted already."))
        if now >= self.meeting.starts_at:
            raise ValidationError(_("The meeting has started: motions can no longer be sent."))
        problem = self.text_problems()
        if problem:
            raise ValidationError(problem)
        # Sent again after the secretariat returned it: on time if it was first sent on time.
        late = not self.is_on_time(self.first_submitted_at or now)
        late_reason = (late_reason or "").strip()
        if late and not late_reason:
            raise ValidationError(
                {
                    "late_reason": _(
                        "The deadline has passed: say why this motion concerns a current topic "
                        "and cannot wait."
                    )
                }
            )
        self.state = self.State.SUBMITTED
        self.submitted_at = now
        self.first_submitted_at = self.first_submitted_at or now
        self.submitted_by = user
        self.is_late = late
        self.late_reason = late_reason if late else ""
        self.save_if_current(expected_revision)

    def withdraw(self, expected_revision, now=None):
        now = now or timezone.now()
        if self.state not in self.WITHDRAWABLE or now >= self.meeting.starts_at:
            raise ValidationError(_("This motion can no longer be withdrawn here."))
        self.state = self.State.WITHDRAWN
        self.save_if_current(expected_revision)

    def invite(self, member):
        if not self.is_editable:
            raise ValidationError(_("Co-submitters are invited before the motion is submitted."))
        if member.pk == self.member_id:
            raise ValidationError(_("Your own member submits it already."))
        if self.co_submitters.filter(member=member).exists():
            raise ValidationError(_("%(name)s is invited already.") % {"name": member.name})
        position = (self.co_submitters.aggregate(m=models.Max("position"))["m"] or 0) + 1
        return CoSubmitter.objects.create(submission=self, member=member, position=position)

    # The secretariat's intake

    def _handle(self, expected_revision, user, state, message=""):
        if self.state != self.State.SUBMITTED:
            raise ValidationError(_("Only a submitted motion can be taken in."))
        self.state = state
        self.message = message
        self.handled_at = timezone.now()
        self.handled_by = user
        self.save_if_current(expected_revision)

    def return_for_changes(self, expected_revision, user, message):
        if not (message or "").strip():
            raise ValidationError({"message": _("Say what should change.")})
        self._handle(expected_revision, user, self.State.RETURNED, message.strip())

    def declare_not_admissible(self, expected_revision, user, message):
        if not (message or "").strip():
            raise ValidationError({"message": _("Say why it is not admissible.")})
        self._handle(expected_revision, user, self.State.NOT_ADMISSIBLE, message.strip())

    def merge_targets(self):
        """The submissions this one can be merged into: others of the same kind for the same
        meeting that are submitted or accepted (two members sent much the same motion)."""
        return (
            Submission.objects.filter(
                meeting_id=self.meeting_id,
                kind=self.kind,
                state__in=[self.State.SUBMITTED, self.State.ACCEPTED],
            )
            .exclude(pk=self.pk)
            .select_related("member")
            .order_by("submitted_at", "pk")
        )

    @transaction.atomic
    def merge_into(self, expected_revision, user, target, message):
        """Close this submission into `target`: its submitters become submitters of the
        target (and of the motion it became, if accepted already). The secretariat does this
        after consulting both; the message tells the submitters why."""
        if not (message or "").strip():
            raise ValidationError({"message": _("Say why it is merged, and with which.")})
        target = Submission.objects.select_for_update().get(pk=target.pk)
        if target.pk == self.pk or not self.merge_targets().filter(pk=target.pk).exists():
            raise ValidationError(
                {"merge_into": _("Choose a submitted or accepted motion of this meeting.")}
            )
        self._handle(expected_revision, user, self.State.MERGED, message.strip())
        self.merged_into = target
        Submission.objects.filter(pk=self.pk).update(merged_into=target)
        joining = [m for m in self.submitters() if m not in target.submitters()]
        position = target.co_submitters.aggregate(m=models.Max("position"))["m"] or 0
        proposal = target.proposal
        shown = proposal.submitters.count() if proposal is not None else 0
        for member in joining:
            position += 1
            CoSubmitter.objects.update_or_create(
                submission=target,
                member=member,
                defaults={
                    "position": position,
                    "answer": CoSubmitter.Answer.ACCEPTED,
                    "accepted_text_revision": target.text_revision,
                    "answered_by": user,
                    "answered_at": timezone.now(),
                },
            )
            if proposal is not None:
                shown += 1
                ProposalSubmitter.objects.create(proposal=proposal, member=member, position=shown)
        return joining

    @transaction.atomic
    def accept(self, expected_revision, user):
        """Take it into the papers: a draft motion or amendment under its agenda item,
        numbered last, with its submitters in order; unpublished until the secretariat
        publishes it."""
        self._handle(expected_revision, user, self.State.ACCEPTED)
        proposal = self._accept_amendment() if self.is_amendment else self._accept_motion()
        for position, member in enumerate(self.submitters(), start=1):
            ProposalSubmitter.objects.create(proposal=proposal, member=member, position=position)
        return proposal

    def _accept_motion(self):
        item = self.agenda_item
        motion = Motion.objects.create(
            meeting=self.meeting,
            agenda_item=item,
            position=item.next_proposal_position(),
            title=self.title,
            explanation=self.explanation,
            submitted_at=self.first_submitted_at,
            is_late=self.is_late,
            is_draft=True,
        )
        for position, (kind, text) in enumerate(self.parts(), start=1):
            MotionPart.objects.create(motion=motion, position=position, kind=kind, text=text)
        Submission.objects.filter(pk=self.pk).update(motion=motion)
        self.motion = motion
        return motion

    def _accept_amendment(self):
        problem = self.text_problems()
        if problem:
            # The resolution was revised after it was sent: return it instead.
            raise ValidationError(problem)
        item = self.resolution_version.resolution.agenda_item
        amendment = Amendment(
            meeting=self.meeting,
            agenda_item=item,
            position=item.next_proposal_position(),
            title=self.title,
            explanation=self.explanation,
            submitted_at=self.first_submitted_at,
            is_late=self.is_late,
            is_draft=True,
            resolution_version=self.resolution_version,
            change=self.change,
            target_clause=self.target_clause,
            new_text=self.new_text,
        )
        amendment.clean()
        amendment.save()
        Submission.objects.filter(pk=self.pk).update(amendment=amendment)
        self.amendment = amendment
        return amendment


class CoSubmitter(models.Model):
    """A member invited to submit a motion with its lead member; one of its people answers."""

    class Answer(models.TextChoices):
        INVITED = "invited", _("invited")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="co_submitters"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveIntegerField(_("position"))
    answer = models.CharField(
        _("answer"), max_length=20, choices=Answer.choices, default=Answer.INVITED
    )
    accepted_text_revision = models.PositiveIntegerField(null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("co-submitter")
        verbose_name_plural = _("co-submitters")
        ordering = ["submission", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "member"], name="cosubmitter_once_per_member"
            ),
        ]

    def __str__(self):
        return self.member.name

    @property
    def current_answer(self):
        """Accepted counts for the text it was given for; after a change it is asked again."""
        if (
            self.answer == self.Answer.ACCEPTED
            and self.accepted_text_revision != self.submission.text_revision
        ):
            return self.Answer.INVITED
        return self.answer

    def give_answer(self, user, accepted, text_revision):
        """The answer of one of the member's people to the text at `text_revision` (the one
        they were shown): refused if the text changed since, so no one accepts unseen text."""
        submission = self.submission
        open_to_answers = submission.state in Submission.EDITABLE or (
            submission.state == Submission.State.SUBMITTED and submission.is_on_time(timezone.now())
        )
        if not open_to_answers:
            # After the deadline a member cannot join a motion that was sent on time.
            raise ValidationError(_("This motion can no longer be answered."))
        current = Submission.objects.values_list("text_revision", flat=True).get(pk=submission.pk)
        if current != text_revision:
            raise ValidationError(
                _("The text was changed while you read it. Read it again before you answer.")
            )
        # An acceptance names the text it was given for: should the text change in the same
        # moment, the answer counts for the old text only and is asked again (current_answer).
        self.answer = self.Answer.ACCEPTED if accepted else self.Answer.DECLINED
        self.accepted_text_revision = text_revision if accepted else None
        self.answered_by = user
        self.answered_at = timezone.now()
        self.save()
