"""Motions held over ("aangehouden") to a later meeting.

When the assembly holds a motion over, a HoldOver row keeps that decision for the meeting's
decision list. The motion then waits for the secretariat to place it under an agenda item of
a later meeting, where it is debated and decided anew. A part of a motion voted in parts that
was held over while another part was adopted comes back the same way, as a motion of its own:
the motion itself stays decided (and followed up) at the meeting that adopted its other part."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext

from agenda.models import AgendaItem
from agenda.outcomes import PERCENT_FIELDS, Status
from motions.models import HoldOver, Motion, MotionPart, Proposal, ProposalSubmitter, VotePart

SNAPSHOT_FIELDS = ("status", "by_acclamation", *PERCENT_FIELDS, "decided_at", "on_pre_advice")


def remember(proposal):
    """Keep (or forget) the held-over decision of `proposal` at its current agenda item, and
    of each held-over part of it when another part was adopted."""
    if proposal.agenda_item_id is None:
        # A motion outside the agenda's items keeps its decision on itself, listed apart in
        # its meeting's decision list; without an item it is not offered for placement.
        return
    unplaced = HoldOver.objects.filter(
        proposal_id=proposal.pk, from_item_id=proposal.agenda_item_id, to_item__isnull=True
    )
    if proposal.status == Status.HELD_OVER:
        HoldOver.objects.update_or_create(
            proposal_id=proposal.pk,
            from_item_id=proposal.agenda_item_id,
            vote_part=None,
            defaults={name: getattr(proposal, name) for name in SNAPSHOT_FIELDS},
        )
    else:
        unplaced.filter(vote_part__isnull=True).delete()
    # A motion is adopted if any of its parts was; its held-over parts then wait on their own.
    # Held over as a whole (no part adopted), the motion comes back with all its parts.
    held_parts = []
    if proposal.kind == Proposal.Kind.MOTION and proposal.status == Status.ADOPTED:
        held_parts = list(VotePart.objects.filter(motion_id=proposal.pk, status=Status.HELD_OVER))
    for part in held_parts:
        HoldOver.objects.update_or_create(
            vote_part=part,
            defaults={
                "proposal_id": proposal.pk,
                "from_item_id": proposal.agenda_item_id,
                **{name: getattr(part, name) for name in SNAPSHOT_FIELDS},
            },
        )
    unplaced.filter(vote_part__isnull=False).exclude(vote_part__in=held_parts).delete()


def awaiting_placement(meeting):
    """Held-over motions of earlier meetings that no later agenda lists yet."""
    return (
        HoldOver.objects.filter(
            to_item__isnull=True,
            from_item__meeting__starts_at__lt=meeting.starts_at,
            proposal__kind=Proposal.Kind.MOTION,
        )
        .select_related(
            "proposal__submitter_group", "from_item__meeting", "from_item__parent", "vote_part"
        )
        .prefetch_related(
            Prefetch(
                "proposal__proposalsubmitter_set",
                queryset=ProposalSubmitter.objects.select_related("member").order_by("position"),
                to_attr="ordered_submitters",
            )
        )
        .order_by("from_item__meeting__starts_at", "pk")
    )


@transaction.atomic
def place(hold_over, item):
    """Put a held-over motion under `item` of a later meeting, undecided again. The motion
    keeps the meeting where it was submitted; its old item closes the gap it leaves."""
    hold_over = (
        HoldOver.objects.select_for_update()
        .select_related("from_item__meeting")
        .get(pk=hold_over.pk)
    )
    if hold_over.is_placed:
        raise ValidationError(gettext("This motion has already been placed on an agenda."))
    if item.meeting.starts_at <= hold_over.from_item.meeting.starts_at:
        raise ValidationError(gettext("A held-over motion goes to a later meeting."))
    if hold_over.vote_part_id is not None:
        return _place_part(hold_over, item)
    # No outer joins under FOR UPDATE (PostgreSQL refuses them): the related resolution, if
    # any, is read afterwards.
    motion = Motion.objects.select_for_update().get(pk=hold_over.proposal_id)
    if motion.agenda_item_id != hold_over.from_item_id:
        raise ValidationError(gettext("This motion has already moved to another agenda item."))
    old_item_id = motion.agenda_item_id
    motion.agenda_item = item
    motion.position = (item.proposals.aggregate(n=Max("position"))["n"] or 0) + 1
    if motion.resolution_id and motion.resolution.agenda_item.meeting_id != item.meeting_id:
        motion.resolution = None
    motion.status = Status.SUBMITTED
    motion.by_acclamation = motion.on_pre_advice = False
    for name in (*PERCENT_FIELDS, "decided_at"):
        setattr(motion, name, None)
    motion.save(
        update_fields=[
            "agenda_item",
            "position",
            "resolution",
            *SNAPSHOT_FIELDS,
        ]
    )
    AgendaItem(pk=old_item_id).close_proposal_gaps()  # with the new numbers in the history
    hold_over.to_item = item
    hold_over.placed_at = timezone.now()
    hold_over.save(update_fields=["to_item", "placed_at"])
    return motion


def _place_part(hold_over, item):
    """The held-over part comes back under `item` as a motion of its own, undecided, with the
    motion's submitters and text (the secretariat trims the text to the part if needed): the
    motion that was adopted in its other part keeps its decision at its own meeting."""
    motion = Motion.objects.get(pk=hold_over.proposal_id)
    part = hold_over.vote_part
    title = f"{motion.title or motion.display_name} ({part.label})"
    continued = Motion(
        meeting=motion.meeting,
        agenda_item=item,
        position=(item.proposals.aggregate(n=Max("position"))["n"] or 0) + 1,
        title=title[:300],
        submitter_group=motion.submitter_group,
        submitted_by_board=motion.submitted_by_board,
        submitters_note=motion.submitters_note,
        explanation=motion.explanation,
        submitted_at=motion.submitted_at,
        request_intro=motion.request_intro,
    )
    continued.save()
    for submitter in motion.proposalsubmitter_set.order_by("position"):
        ProposalSubmitter.objects.create(
            proposal=continued,
            member_id=submitter.member_id,
            name=submitter.name,
            position=submitter.position,
        )
    for text_part in motion.parts.order_by("position"):  # one by one, each in the history
        MotionPart.objects.create(
            motion=continued, position=text_part.position, kind=text_part.kind, text=text_part.text
        )
    hold_over.to_item = item
    hold_over.placed_at = timezone.now()
    hold_over.continued_as = continued
    hold_over.save(update_fields=["to_item", "placed_at", "continued_as"])
    return continued
