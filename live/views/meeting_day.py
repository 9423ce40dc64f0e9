"""The secretariat's meeting-day page: mark the current item and what is under discussion,
record outcomes, move on. Every action answers an htmx request with the page's workspace
fragment, and a plain form post with a redirect back to the page. A refused action changes
nothing: the page shows its form again at its subject, as sent, with the errors at the fields
(for htmx the fragment, otherwise the whole page with 400)."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from agenda.models import AgendaItem, Meeting
from agenda.outcomes import Status
from alv.access import get_for_meeting, object_id, secretariat_required
from alv.confirmation import require_confirmation
from live import meeting_day as data
from live.forms import FollowUpDecisionForm, PreAdviceVoteForm
from members.views import base_url
from motions import followup, votes
from motions.models import Amendment, FollowUp, Motion, Proposal, VotePart
from submissions.tasks import queue_decision_mail


def _meeting(request, pk):
    return get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)


def _render(request, meeting, item_id=None, refused=None, status=200, extra=None):
    context = data.assemble(meeting, request.user, item_id, refused)
    context.update(extra or {})
    template = "live/meeting_day.html"
    # A history restore (after "back" past htmx's cache) needs the whole page.
    if request.htmx and not request.htmx.history_restore_request:
        template += "#workspace"
    return render(request, template, context, status=status)


def _done(request, meeting, item_id, refused=None):
    """After an action: the fresh workspace for htmx; for a plain post a redirect back. When
    nothing was changed (`refused`, a meeting_day.Refused): the refused form at its subject,
    as sent, with its errors; the whole page with 400 for a plain post."""
    meeting.refresh_from_db()
    if refused is not None:
        status = 200 if request.htmx else 400
        return _render(request, meeting, item_id, refused, status=status)
    if request.htmx:
        return _render(request, meeting, item_id)
    url = reverse("live:meeting_day", args=[meeting.pk])
    return redirect(f"{url}?item={item_id}#item-panel")


def _refused(kind, pk, form="action", bound=None, error=None):
    """A refused form of the page: `bound` as sent, with the ValidationError `error` among
    its errors (or, without a bound form, its only message)."""
    errors = []
    if error is not None:
        if bound is not None:
            bound.add_error(None, error)
        else:
            errors = list(error.messages)
    return data.Refused(kind, pk, form, bound=bound, errors=errors)


def _now_refused(error):
    return _refused("now", None, error=error)


def _shown(request):
    """The stamp of the decision the page showed; a form without one was not made by this
    page and matches nothing, so it changes nothing."""
    return request.POST.get("shown", "")


def _decided(request, meeting):
    """After an outcome was recorded, corrected or undone: the submitters of an online motion
    are mailed the decision (by the worker, once the change is committed)."""
    queue_decision_mail(meeting.pk, base_url(request))


def _not_a_post(request):
    """Actions on an object of the meeting take POST only. They check the method after
    looking the object up, so an object of another meeting is a 404 whatever the method."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


@secretariat_required
@require_safe
@vary_on_headers("HX-Request")
def meeting_day(request, pk):
    meeting = _meeting(request, pk)
    return _render(request, meeting, request.GET.get("item"))


def _check_current_unchanged(request, meeting):
    """Inside the action's transaction: lock the meeting's row and refuse to move the meeting
    from a page that showed another current item or motion than the stored one (two people
    pressing "Next item" at once move it one item, not two)."""
    Meeting.objects.filter(pk=meeting.pk).update(live_revision=F("live_revision"))
    meeting.refresh_from_db()
    if request.POST.get("shown_current", "") != data.current_stamp(meeting):
        raise ValidationError(
            _(
                "Meanwhile someone else moved the meeting on. Nothing was changed: check "
                "what is current now and try again if needed."
            )
        )


@secretariat_required
@require_POST
def set_current(request, pk):
    """Make an item current, and optionally one of its motions or amendments the one under
    discussion. An empty item ends the live part of the meeting."""
    meeting = _meeting(request, pk)
    item = proposal = None
    if request.POST.get("item"):
        item = get_for_meeting(
            AgendaItem.objects.all(), meeting, pk=object_id(request.POST["item"])
        )
    if request.POST.get("proposal"):
        proposal = get_object_or_404(Proposal, pk=object_id(request.POST["proposal"]))
    try:
        with transaction.atomic():
            _check_current_unchanged(request, meeting)
            meeting.set_current(item, proposal)
    except ValidationError as error:
        return _done(request, meeting, getattr(item, "pk", None), _now_refused(error))
    return _done(request, meeting, getattr(item, "pk", None))


@secretariat_required
@require_POST
def step(request, pk):
    """Next or previous item in reading order; the motion under discussion is cleared."""
    meeting = _meeting(request, pk)
    direction = request.POST.get("direction")
    if direction not in ("next", "previous"):
        error = ValidationError(_("Choose next or previous."))
        return _done(request, meeting, meeting.current_item_id, _now_refused(error))
    try:
        with transaction.atomic():
            _check_current_unchanged(request, meeting)
            item = meeting.neighbour_item(1 if direction == "next" else -1)
            if item is None:
                raise ValidationError(
                    _("This is the last item.")
                    if direction == "next"
                    else _("This is the first item.")
                )
            meeting.set_current(item)
    except ValidationError as error:
        return _done(request, meeting, meeting.current_item_id, _now_refused(error))
    return _done(request, meeting, item.pk)


def _subject_or_404(meeting, kind, subject_pk):
    try:
        return data.subject_of(meeting, kind, subject_pk)
    except ObjectDoesNotExist as missing:
        raise Http404 from missing


@secretariat_required
def record(request, pk, kind, subject_pk):
    """Record an outcome on a motion, amendment, resolution, part of a motion or an item."""
    meeting = _meeting(request, pk)
    subject, item_id = _subject_or_404(meeting, kind, subject_pk)
    if response := _not_a_post(request):
        return response
    form = data.outcome_form(kind, subject_pk, request.POST)
    # The vote form sends its percentages (empty or not); a one-click button does not.
    which = "vote" if "percent_for" in request.POST else "action"
    if not form.is_valid():
        return _done(request, meeting, item_id, _refused(kind, subject_pk, which, form))
    if kind == "item":
        subject.text = form.cleaned_data["text"].strip()
    try:
        with transaction.atomic():
            votes.record_outcome(
                subject, form.cleaned_data["status"], **form.outcome(), expected=_shown(request)
            )
            if kind == "item" and subject.agenda_item.is_follow_up:
                # The follow-up item is decided as a package: its decision moves every track
                # (the item's row is locked by the recording above).
                shown = request.POST.get("shown_follow_ups", "")
                if shown != followup.package_stamp(subject.agenda_item.follow_ups.all()):
                    raise ValidationError(
                        _(
                            "Meanwhile someone else recorded a decision on a motion of this "
                            "package. Nothing was changed: check them and record the package "
                            "again if needed."
                        )
                    )
                status = form.cleaned_data["status"]
                adopted = None if status == Status.SUBMITTED else status == Status.ADOPTED
                followup.decide_package(subject.agenda_item, adopted)
    except ValidationError as error:
        return _done(request, meeting, item_id, _refused(kind, subject_pk, which, form, error))
    if kind in ("proposal", "part"):
        _decided(request, meeting)
    return _done(request, meeting, item_id)


@secretariat_required
def pre_advice_vote(request, pk, kind, subject_pk):
    """The assembly follows the board's pre-advice, e.g. "aanhouden conform preadvies"."""
    meeting = _meeting(request, pk)
    if kind not in ("proposal", "part"):
        raise Http404
    subject, item_id = _subject_or_404(meeting, kind, subject_pk)
    if response := _not_a_post(request):
        return response
    form = PreAdviceVoteForm(request.POST)
    if not form.is_valid():
        return _done(request, meeting, item_id, _refused(kind, subject_pk, bound=form))
    try:
        votes.record_pre_advice_vote(subject, **form.cleaned_data, expected=_shown(request))
    except ValidationError as error:
        return _done(request, meeting, item_id, _refused(kind, subject_pk, bound=form, error=error))
    _decided(request, meeting)
    return _done(request, meeting, item_id)


@secretariat_required
def three_way(request, pk, amendment_pk):
    meeting = _meeting(request, pk)
    amendment = get_object_or_404(
        Amendment.objects.select_related("resolution_version"),
        pk=amendment_pk,
        agenda_item__meeting=meeting,
    )
    if response := _not_a_post(request):
        return response
    form = data.three_way_form(amendment.pk, request.POST)
    item_id = amendment.agenda_item_id
    if not form.is_valid():
        return _done(
            request, meeting, item_id, _refused("proposal", amendment.pk, "three_way", form)
        )
    try:
        votes.record_three_way_vote(
            amendment,
            *form.cleaned_data.values(),
            expected=_shown(request),
            expected_resolution=request.POST.get("shown_resolution", ""),
        )
    except ValidationError as error:
        refused = _refused("proposal", amendment.pk, "three_way", form, error)
        return _done(request, meeting, item_id, refused)
    return _done(request, meeting, item_id)


@secretariat_required
def add_part(request, pk, motion_pk):
    meeting = _meeting(request, pk)
    motion = get_object_or_404(Motion, pk=motion_pk, agenda_item__meeting=meeting)
    if response := _not_a_post(request):
        return response
    form = data.part_form(motion.pk, request.POST)
    item_id = motion.agenda_item_id
    if not form.is_valid():
        return _done(request, meeting, item_id, _refused("proposal", motion.pk, "add_part", form))
    try:
        votes.add_part(
            motion,
            form.cleaned_data["label"],
            shown=request.POST.get("shown_parts", ""),
            expected=_shown(request),
        )
    except ValidationError as error:
        refused = _refused("proposal", motion.pk, "add_part", form, error)
        return _done(request, meeting, item_id, refused)
    _decided(request, meeting)  # a motion voted in parts is undecided until its parts are
    return _done(request, meeting, item_id)


@secretariat_required
@require_POST
def remove_part(request, pk):
    meeting = _meeting(request, pk)
    part = get_object_or_404(
        VotePart.objects.select_related("motion"),
        pk=object_id(request.POST.get("part")),
        motion__agenda_item__meeting=meeting,
    )
    item_id = part.motion.agenda_item_id
    try:
        if part.status != Status.SUBMITTED:
            # A part with a result, which is lost with it: the page asks first.
            require_confirmation(
                request,
                _(
                    "Nothing was removed: confirm first that the result of this part is thrown away."
                ),
            )
        votes.remove_part(part, expected=_shown(request))
    except ValidationError as error:
        return _done(request, meeting, item_id, _refused("part", part.pk, error=error))
    _decided(request, meeting)
    return _done(request, meeting, item_id)


@secretariat_required
def collect_follow_ups(request, pk, item_pk):
    """List the open motions of earlier meetings under the follow-up item."""
    meeting = _meeting(request, pk)
    item = get_for_meeting(AgendaItem.objects.all(), meeting, pk=item_pk)
    if response := _not_a_post(request):
        return response
    try:
        followup.collect(item)
    except ValidationError as error:
        return _done(request, meeting, item.pk, _refused("follow_ups", item.pk, error=error))
    return _done(request, meeting, item.pk)


@secretariat_required
def follow_up_decision(request, pk, follow_up_pk):
    meeting = _meeting(request, pk)
    follow_up = get_object_or_404(
        FollowUp.objects.select_related("motion", "agenda_item"),
        pk=follow_up_pk,
        agenda_item__meeting=meeting,
    )
    if response := _not_a_post(request):
        return response
    form = FollowUpDecisionForm(request.POST)
    item_id = follow_up.agenda_item_id
    if not form.is_valid():
        return _done(request, meeting, item_id, _refused("follow_up", follow_up.pk, bound=form))
    try:
        followup.record_decision(
            follow_up,
            form.cleaned_data["decision"],
            expected_revision=form.cleaned_data["revision"],
        )
    except ValidationError as error:
        refused = _refused("follow_up", follow_up.pk, bound=form, error=error)
        return _done(request, meeting, item_id, refused)
    return _done(request, meeting, follow_up.agenda_item_id)
