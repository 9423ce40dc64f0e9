"""The follow-up of adopted motions across meetings.

Every adopted motion has a track: open, in progress, proposed to close ("afdoen") or to keep
open ("aanhouden"), closed. The secretariat adds dated reports; a later meeting's
"Verantwoording uitvoering moties" item lists the motions whose track is not closed, each with
its latest report and proposed decision (a FollowUp row of that meeting's papers); the decision
the assembly takes there moves the track on."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext

from agenda.models import Meeting
from agenda.outcomes import Status
from alv.models import StaleRevision
from motions.models import FollowUp, FollowUpReport, FollowUpTrack, Motion

State = FollowUpTrack.State
Decision = FollowUp.Decision

PROPOSAL_STATES = {
    Decision.CLOSE: State.PROPOSED_CLOSE,
    Decision.KEEP_OPEN: State.PROPOSED_KEEP_OPEN,
}


def ensure_track(motion):
    """The motion's track, made when missing (motions adopted before tracks existed, such as
    imported or demo data, get theirs when first needed)."""
    return FollowUpTrack.objects.get_or_create(motion_id=motion.pk)[0]


def drop_untouched_track(motion):
    """A motion that is no longer adopted (a corrected outcome) loses its track, unless
    someone has already reported on it."""
    FollowUpTrack.objects.filter(
        motion_id=motion.pk, state=State.OPEN, reports__isnull=True
    ).exclude(motion__follow_ups__isnull=False).delete()


def add_report(track, date, text, proposed_decision=""):
    """A dated report; with a proposed decision the track becomes "proposed to close" or
    "proposed to keep open", without one it is in progress."""
    if track.state == State.CLOSED:
        raise ValidationError(gettext("This motion's follow-up is closed."))
    if not (text or "").strip():
        raise ValidationError(gettext("Write the report."))
    if proposed_decision and proposed_decision not in Decision.values:
        raise ValidationError(gettext("Choose a valid proposed decision."))
    if date is None:
        raise ValidationError(gettext("Give the date of the report."))
    with transaction.atomic():
        report = FollowUpReport.objects.create(
            track=track, date=date, text=text.strip(), proposed_decision=proposed_decision
        )
        track.state = PROPOSAL_STATES.get(proposed_decision, State.IN_PROGRESS)
        track.save(update_fields=["state", "updated_at"])
    return report


def set_track(track, state, theme):
    """The secretariat corrects a track's state or theme by hand; closing is for the
    assembly (record_decision)."""
    if state not in State.values:
        raise ValidationError(gettext("Choose a valid state."))
    if state == State.CLOSED and track.state != State.CLOSED:
        raise ValidationError(
            gettext("A motion's follow-up is closed by the assembly's decision, not by hand.")
        )
    track.state = state
    track.theme = (theme or "").strip()
    if state != State.CLOSED:
        track.closed_at = None
    track.save(update_fields=["state", "theme", "closed_at", "updated_at"])


def track_of(motion):
    """The motion's track, or None while it has none (needs no query when selected)."""
    try:
        return motion.follow_up_track
    except FollowUpTrack.DoesNotExist:
        return None


def open_motions_for(item):
    """The motions a follow-up item lists: adopted motions of earlier meetings whose
    follow-up is not closed and that the item does not list yet, grouped by theme (themes
    first, alphabetically), then oldest meeting first. Each with `latest_report`."""
    motions = (
        Motion.objects.filter(status=Status.ADOPTED, meeting__starts_at__lt=item.meeting.starts_at)
        .exclude(follow_up_track__state=State.CLOSED)
        .exclude(follow_ups__agenda_item=item)
        .select_related("meeting", "follow_up_track")
        .prefetch_related(
            Prefetch(
                "follow_up_track__reports",
                queryset=FollowUpReport.objects.order_by("-date", "-pk"),
            )
        )
    )

    def theme(motion):
        track = track_of(motion)
        return track.theme if track else ""

    def key(motion):
        return (
            theme(motion) == "",
            theme(motion).lower(),
            motion.meeting.starts_at,
            # Those outside the agenda's items after the items (no item to compare).
            motion.agenda_item_id is None,
            motion.agenda_item_id or 0,
            motion.position,
        )

    ordered = sorted(motions, key=key)
    for motion in ordered:
        track = track_of(motion)
        reports = list(track.reports.all()) if track else []
        motion.latest_report = reports[0] if reports else None
    return ordered


@transaction.atomic
def collect(item):
    """List the open motions under a follow-up item, with their latest report and proposed
    decision; returns the FollowUp rows made."""
    if not item.is_follow_up:
        raise ValidationError(gettext("Only the follow-up item lists motions of earlier meetings."))
    motions = open_motions_for(item)
    start = item.follow_ups.aggregate(n=Max("position"))["n"] or 0
    rows = []
    for position, motion in enumerate(motions, start=start + 1):
        track = track_of(motion) or ensure_track(motion)
        latest = motion.latest_report
        rows.append(
            FollowUp(
                agenda_item=item,
                motion=motion,
                position=position,
                theme=track.theme,
                report=latest.text if latest else "",
                proposed_decision=track.proposed_decision
                or (latest.proposed_decision if latest else ""),
            )
        )
    return FollowUp.objects.bulk_create(rows)


def _move_track(follow_up, decision):
    track = ensure_track(follow_up.motion)
    if decision == Decision.CLOSE:
        track.state, track.closed_at = State.CLOSED, timezone.now()
    elif decision == Decision.KEEP_OPEN:
        track.state, track.closed_at = State.IN_PROGRESS, None
    else:
        track.state = PROPOSAL_STATES.get(follow_up.proposed_decision, State.IN_PROGRESS)
        track.closed_at = None
    track.save(update_fields=["state", "closed_at", "updated_at"])


@transaction.atomic
def record_decision(follow_up, decision, expected_revision=None):
    """The assembly's decision on one motion under follow-up; moves its track on. An empty
    decision undoes it. With `expected_revision` (the one the page showed) a decision
    recorded meanwhile is not overwritten: ValidationError, nothing changed."""
    if decision and decision not in Decision.values:
        raise ValidationError(gettext("Choose a valid decision."))
    follow_up.decision = decision
    with transaction.atomic():
        if expected_revision is None:
            follow_up.save(update_fields=["decision"])
        else:
            try:
                follow_up.save_if_current(expected_revision, update_fields=["decision"])
            except StaleRevision:
                raise ValidationError(
                    gettext(
                        "Meanwhile someone else recorded a decision on this motion. Nothing "
                        "was changed: check it and record it again if needed."
                    )
                ) from None
        _move_track(follow_up, decision)
        Meeting(pk=follow_up.agenda_item.meeting_id).touch_live()


def package_stamp(follow_ups):
    """What a page showed of the follow-ups under an item: which, at which revision. The
    package decision overwrites every one of them, so not after one was decided meanwhile."""
    return ",".join(f"{f.pk}:{f.revision}" for f in sorted(follow_ups, key=lambda f: f.pk))


@transaction.atomic
def decide_package(item, adopted):
    """The assembly decides on the follow-up item as a package: adopted, every motion gets
    its proposed decision (kept open where none is proposed); rejected, all stay open;
    None undoes the decisions."""
    for follow_up in item.follow_ups.select_related("motion"):
        if adopted is None:
            decision = ""
        elif adopted:
            decision = follow_up.proposed_decision or Decision.KEEP_OPEN
        else:
            decision = Decision.KEEP_OPEN
        follow_up.decision = decision
        follow_up.save(update_fields=["decision"])
        _move_track(follow_up, decision)
    Meeting(pk=item.meeting_id).touch_live()


def shown_state(track, visible_follow_ups):
    """The state as a reader without access to unpublished papers may see it: a proposal to
    close or keep open is known once papers carrying it are published; until then the
    motion is simply in progress."""
    if track is None:
        return State.OPEN
    if track.state not in (State.PROPOSED_CLOSE, State.PROPOSED_KEEP_OPEN):
        return track.state
    proposed = track.proposed_decision
    for follow_up in visible_follow_ups:
        if not follow_up.decision and follow_up.proposed_decision == proposed:
            return track.state
    return State.IN_PROGRESS
