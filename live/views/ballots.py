"""Votes per member, for associations that register them: one voting card per member, the
app weighs them by the association's rule and records the result."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from agenda.models import Meeting
from alv.access import secretariat_required
from live import meeting_day as data
from members.views import base_url
from motions import votes
from motions.models import VotePart
from submissions.tasks import queue_decision_mail


def _name(subject):
    if isinstance(subject, VotePart):
        return f"{subject.label}: {subject.motion.display_name}"
    return str(subject)


@secretariat_required
def ballots(request, pk, kind, subject_pk):
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)
    if kind == "item":
        raise Http404
    try:
        subject, item_id = data.subject_of(meeting, kind, subject_pk)
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    members = list(votes.voters_on(meeting.date).order_by("name"))
    cast = {ballot.member_id: ballot.choice for ballot in votes.ballots_of(subject)}
    errors, status = [], 200
    if request.method == "POST":
        cast = {m.pk: request.POST[f"m{m.pk}"] for m in members if request.POST.get(f"m{m.pk}")}
        try:
            votes.record_ballots(subject, cast, expected=request.POST.get("shown", ""))
        except ValidationError as invalid:
            # Said inside the form, with every vote as it was entered.
            errors, status = list(invalid.messages), 400
        else:
            queue_decision_mail(meeting.pk, base_url(request))
            url = reverse("live:meeting_day", args=[meeting.pk])
            return redirect(f"{url}?item={item_id}#item-panel")
    rows = [
        (member, votes.vote_weight(member, meeting.date), cast.get(member.pk, ""))
        for member in members
    ]
    return render(
        request,
        "live/ballots.html",
        {
            "meeting": meeting,
            "name": _name(subject),
            "subject": subject,
            "choices": votes.choices_for(subject),
            "rows": rows,
            "errors": errors,
            "item_id": item_id,
        },
        status=status,
    )
