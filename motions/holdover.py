"""Motions held over ("aangehouden") to a later meeting.

When the assembly holds a motion over, a HoldOver row keeps that decision for the meeting's
decision list. The motion then waits for the secretariat to place it under an agenda item of
a later meeting, where it is debated and decided anew."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext

from agenda.outcomes import PERCENT_FIELDS, Status
from alv.ordering import renumber
from motions.models import HoldOver, Motion, Proposal, ProposalSubmitter

SNAPSHOT_FIELDS = ("status", "by_acclamation", *PERCENT_FIELDS, "decided_at", "on_pre_advice")


def remember(proposal):
    """Keep (or forget) the held-over decision of `proposal` at its current agenda item."""
    if proposal.agenda_item_id is None:
        # A motion outside the agenda's items keeps its decision on itself, listed apart in
        # its meeting's decision list; without an item it is not offered for placement.
        return
    if proposal.status == Status.HELD_OVER:
        HoldOver.objects.update_or_create(
            proposal_id=proposal.pk,
            from_item_id=proposal.agenda_item_id,
            defaults={name: getattr(proposal, name) for name in SNAPSHOT_FIELDS},
        )
    else:
        HoldOver.objects.filter(
            proposal_id=proposal.pk, from_item_id=proposal.agenda_item_id, to_item__isnull=True
        ).delete()


def awaiting_placement(meeting):
    """Held-over motions of earlier meetings that no later agenda lists yet."""
    return (
        HoldOver.objects.filter(
            to_item__isnull=True,
            from_item__meeting__starts_at__lt=meeting.starts_at,
            proposal__kind=Proposal.Kind.MOTION,
        )
        .select_related("proposal__submitter_group", "from_item__meeting", "from_item__parent")
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
    renumber(Proposal.objects.filter(agenda_item_id=old_item_id).order_by("position"))
    hold_over.to_item = item
    hold_over.placed_at = timezone.now()
    hold_over.save(update_fields=["to_item", "placed_at"])
    return motion
