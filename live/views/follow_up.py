"""Follow-up across meetings: every adopted motion with its follow-up state, and per motion
its track with dated reports and the decisions later meetings took on it. The secretariat
sees everything and writes the reports; members and the public see the motions of meetings
they may read, and follow-up only as far as published papers carry it."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from agenda.models import Meeting
from agenda.outcomes import Status
from alv import roles
from alv.access import object_id, secretariat_required
from live.forms import ReportForm, TrackForm
from motions import followup
from motions.models import FollowUp, FollowUpTrack, Motion

State = FollowUpTrack.State


def _adopted_motions(user):
    return (
        Motion.objects.visible_to(user)
        .filter(status=Status.ADOPTED)
        .select_related("meeting", "agenda_item__parent", "follow_up_track")
        .prefetch_related(
            Prefetch(
                "follow_ups",
                queryset=FollowUp.objects.visible_to(user)
                .select_related("agenda_item__meeting", "agenda_item__parent")
                .order_by("agenda_item__meeting__starts_at"),
                to_attr="visible_follow_ups",
            )
        )
    )


def _with_state(motion, user):
    track = followup.track_of(motion)
    motion.track = track
    if roles.can_see_unpublished(user):
        motion.shown_state = track.state if track else State.OPEN
    else:
        motion.shown_state = followup.shown_state(track, motion.visible_follow_ups)
    motion.shown_state_label = State(motion.shown_state).label
    return motion


@require_safe
def overview(request):
    """All adopted motions across meetings with their follow-up state, filterable by state,
    meeting, theme and words in the title."""
    user = request.user
    motions = _adopted_motions(user)
    filters = {
        "state": request.GET.get("state", ""),
        "meeting": request.GET.get("meeting", ""),
        "theme": request.GET.get("theme", "").strip(),
        "q": request.GET.get("q", "").strip(),
    }
    if meeting_id := object_id(filters["meeting"]):
        motions = motions.filter(meeting_id=meeting_id)
    if filters["theme"]:
        motions = motions.filter(follow_up_track__theme__iexact=filters["theme"])
    if filters["q"]:
        motions = motions.filter(title__icontains=filters["q"])
    rows = [
        _with_state(m, user)
        for m in motions.order_by("-meeting__starts_at", "agenda_item_id", "position")
    ]
    if filters["state"] in State.values:
        rows = [m for m in rows if m.shown_state == filters["state"]]
    meetings = (
        Meeting.objects.visible_to(user)
        .filter(proposals__kind="motion", proposals__status=Status.ADOPTED)
        .distinct()
        .order_by("-starts_at")
    )
    themes = (
        FollowUpTrack.objects.filter(motion__in=Motion.objects.visible_to(user).values("pk"))
        .exclude(theme="")
        .values_list("theme", flat=True)
        .distinct()
        .order_by("theme")
    )
    counts = dict.fromkeys(State.values, 0)
    for motion in rows:
        counts[motion.shown_state] += 1
    return render(
        request,
        "live/follow_up_overview.html",
        {
            "motions": rows,
            "filters": filters,
            "states": State.choices,
            "meetings": meetings,
            "themes": list(themes),
            "counts": [(State(s).label, n) for s, n in counts.items() if n],
            "is_secretariat": roles.is_secretariat(user),
        },
    )


def _render_track(request, motion_pk, report_form=None, track_form=None, status=200):
    user = request.user
    motion = _with_state(get_object_or_404(_adopted_motions(user), pk=motion_pk), user)
    is_secretariat = roles.is_secretariat(user)
    track = motion.track
    context = {
        "motion": motion,
        "is_secretariat": is_secretariat,
        "reports": list(track.reports.all()) if track and is_secretariat else [],
    }
    if is_secretariat:
        context["report_form"] = report_form or ReportForm()
        context["track_form"] = track_form or TrackForm(
            initial={
                "state": track.state if track else State.OPEN,
                "theme": getattr(track, "theme", ""),
            }
        )
    return render(request, "live/track.html", context, status=status)


@require_safe
def track(request, motion_pk):
    return _render_track(request, motion_pk)


def _motion(request, motion_pk):
    return get_object_or_404(
        Motion.objects.visible_to(request.user).filter(status=Status.ADOPTED), pk=motion_pk
    )


@secretariat_required
@require_POST
def add_report(request, motion_pk):
    motion = _motion(request, motion_pk)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            followup.add_report(followup.ensure_track(motion), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("live:track", motion_pk=motion.pk)
    return _render_track(request, motion.pk, report_form=form, status=400)


@secretariat_required
@require_POST
def edit_track(request, motion_pk):
    motion = _motion(request, motion_pk)
    form = TrackForm(request.POST)
    if form.is_valid():
        try:
            followup.set_track(
                followup.ensure_track(motion),
                form.cleaned_data["state"],
                form.cleaned_data["theme"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("live:track", motion_pk=motion.pk)
    return _render_track(request, motion.pk, track_form=form, status=400)
