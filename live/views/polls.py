"""Electronic votes on the meeting day, the chair's side: open a vote on what is dealt with,
follow how many cards voted (never the interim result), enter the paper cards, close it (which
records the result through the rules of motions.votes) or cancel it; closing and cancelling
ask first (the server refuses them without)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from alv.access import get_for_meeting, secretariat_required
from alv.confirmation import Unconfirmed, require_confirmation
from live.state import poll_item_id
from live.views import meeting_day as day
from members.views import base_url
from motions.models import Ballot
from submissions.tasks import queue_decision_mail
from voting import cards, polls
from voting.models import Cast, Poll


def _poll(meeting, poll_pk):
    """A vote of `meeting` (a vote of another meeting is a 404, whatever the method)."""
    return get_for_meeting(
        Poll.objects.select_related(
            "meeting", "proposal", "resolution", "vote_part__motion", "agenda_item"
        ),
        meeting,
        pk=poll_pk,
    )


def _back(request, meeting, item_id):
    """After an action: the fresh workspace for htmx, a redirect to the page otherwise."""
    meeting.refresh_from_db()
    if request.htmx:
        return day._render(request, meeting, item_id)
    url = reverse("live:meeting_day", args=[meeting.pk])
    return redirect(f"{url}?item={item_id}#poll-panel")


@secretariat_required
def open_poll(request, pk, kind, subject_pk):
    """Open a vote on a motion, amendment, part, resolution or item decision; with
    `on_pre_advice`, the vote on following the board's pre-advice."""
    meeting = day._meeting(request, pk)
    subject, item_id = day._subject_or_404(meeting, kind, subject_pk)
    if response := day._not_a_post(request):
        return response
    form = {
        "kind": kind,
        "subject_pk": subject_pk,
        "secret": request.POST.get("secret") == "on",
        "changeable": request.POST.get("changeable") == "on",
        "on_pre_advice": request.POST.get("on_pre_advice") == "1" and kind in ("proposal", "part"),
    }
    if kind == "item":
        subject = subject.agenda_item  # a vote on the item as such
    try:
        polls.open_poll(
            subject,
            request.user,
            secret=form["secret"],
            changeable=form["changeable"],
            on_pre_advice=form["on_pre_advice"],
        )
    except ValidationError as error:
        # Shown at the form it came from, with what was chosen there.
        form["error"] = " ".join(error.messages)
        meeting.refresh_from_db()
        status = 200 if request.htmx else 400
        return day._render(request, meeting, item_id, status=status, extra={"poll_form": form})
    return _back(request, meeting, item_id)


def _not_safe(request, allowed=("GET", "HEAD")):
    """Checked after the lookup, as the meeting day's actions do: another meeting's vote is
    a 404 whatever the method."""
    if request.method not in allowed:
        return HttpResponseNotAllowed(allowed)
    return None


@secretariat_required
def poll_progress(request, pk, poll_pk):
    """Cards and weight voted so far, polled by the chair's page: never the interim result."""
    meeting = day._meeting(request, pk)
    poll = _poll(meeting, poll_pk)
    if response := _not_safe(request):
        return response
    return render(
        request,
        "live/_poll_progress.html",
        {
            "meeting": meeting,
            "poll": poll,
            "progress": polls.progress(poll) if poll.is_open else None,
        },
    )


def _end(request, pk, poll_pk, action, name, refusal):
    """Close or cancel (`name`) the vote with `action`, once confirmed: the page asks first.
    Unconfirmed, the page comes back with that confirmation open and `refusal` in the
    panel."""
    meeting = day._meeting(request, pk)
    poll = _poll(meeting, poll_pk)
    if response := day._not_a_post(request):
        return response
    item_id = poll_item_id(poll)
    try:
        if poll.is_open:  # else the action's own refusal holds, confirmed or not
            require_confirmation(request, refusal)
        action(poll, request.user)
    except Unconfirmed as error:
        meeting.refresh_from_db()
        refused = day._refused("poll", poll.pk, error=error)
        status = 200 if request.htmx else 400  # htmx swaps a 200 only
        extra = {"poll_confirming": name}
        return day._render(request, meeting, item_id, refused, status=status, extra=extra)
    except ValidationError as error:
        return day._done(request, meeting, item_id, day._refused("poll", poll.pk, error=error))
    return _back(request, meeting, item_id)


@secretariat_required
def close_poll(request, pk, poll_pk):
    """Close the vote: its result is recorded as the decision, and shown to everyone."""

    def close(poll, by):
        closed = polls.close_poll(poll, by)
        if closed.recorded and (closed.proposal_id or closed.vote_part_id):
            queue_decision_mail(poll.meeting_id, base_url(request))

    refusal = _(
        "Nothing was closed: confirm first that the poll is closed and its result recorded."
    )
    return _end(request, pk, poll_pk, close, "close", refusal)


@secretariat_required
def cancel_poll(request, pk, poll_pk):
    """Stop the vote without a result (opened on the wrong subject, say)."""
    refusal = _("Nothing was cancelled: confirm first that the votes cast do not count.")
    return _end(request, pk, poll_pk, polls.cancel_poll, "cancel", refusal)


class _Refused(Exception):
    """A row could not be entered: roll all of them back."""


def _lock(poll):
    """Take the vote's row lock for the whole entry, so no card votes between the check that
    it has not voted and its paper vote."""
    Poll.objects.filter(pk=poll.pk).update(state=F("state"))


@secretariat_required
def paper_votes(request, pk, poll_pk):
    """The paper cards of members without a device: per member that has not voted, its
    vote, entered into the same poll marked as paper. All rows or none."""
    meeting = day._meeting(request, pk)
    poll = _poll(meeting, poll_pk)
    if response := _not_safe(request, ("GET", "HEAD", "POST")):
        return response
    voted = set(Cast.objects.filter(poll=poll).values_list("member_id", flat=True))
    members = [m for m in cards.voters(meeting).order_by("name") if m.pk not in voted]
    chosen, errors, error, status = {}, {}, "", 200
    if request.method == "POST":
        chosen = {m.pk: request.POST[f"m{m.pk}"] for m in members if request.POST.get(f"m{m.pk}")}
        if not poll.is_open:
            error = _("This vote is closed: no paper card can be entered any more.")
        elif not chosen:
            error = _("Choose a vote for at least one member.")
        else:
            try:
                with transaction.atomic():
                    _lock(poll)
                    now_voted = set(
                        Cast.objects.filter(poll=poll, member_id__in=chosen).values_list(
                            "member_id", flat=True
                        )
                    )
                    for member in members:
                        if member.pk not in chosen:
                            continue
                        if member.pk in now_voted:
                            errors[member.pk] = _(
                                "This card has voted meanwhile: its paper vote was not entered."
                            )
                            continue
                        try:
                            polls.cast_vote(
                                poll, member, chosen[member.pk], request.user, on_paper=True
                            )
                        except ValidationError as invalid:
                            errors[member.pk] = " ".join(invalid.messages)
                    if errors:
                        raise _Refused
            except _Refused:
                error = _("Nothing was entered: correct the marked rows and save again.")
            except ValidationError as invalid:
                error = " ".join(invalid.messages)
            else:
                url = reverse("live:meeting_day", args=[meeting.pk])
                return redirect(f"{url}?item={poll_item_id(poll)}#poll-panel")
        status = 400
    labels = dict(Ballot.Choice.choices)
    options = [(str(c), labels[c]) for c in poll.choices()]
    rows = [
        {
            "member": member,
            "weight": cards.weight_of(member, meeting),
            "chosen": chosen.get(member.pk, ""),
            "error": errors.get(member.pk, ""),
        }
        for member in members
    ]
    return render(
        request,
        "live/paper_votes.html",
        {
            "meeting": meeting,
            "poll": poll,
            "options": options,
            "rows": rows,
            "errors": [error] if error else [],
            "item_id": poll_item_id(poll),
        },
        status=status,
    )
