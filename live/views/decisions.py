"""The decision list (besluitenlijst): per agenda item the decisions and results. Members and
the public read it once the secretariat has published it."""

from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from agenda.models import Meeting
from alv import roles
from alv.access import secretariat_required
from book import assembly, builds
from motions.models import Ballot
from papers import decisions as decision_list
from voting import polls
from voting.models import Cast, Poll


@require_safe
def decisions(request, pk):
    # Whether any vote closed, asked in the query that fetches the meeting: a meeting without
    # electronic votes takes no query more for them.
    closed_polls = Poll.objects.filter(meeting=OuterRef("pk"), state=Poll.State.CLOSED)
    meeting = get_object_or_404(
        Meeting.objects.decisions_visible_to(request.user).annotate(
            has_closed_polls=Exists(closed_polls)
        ),
        pk=pk,
    )
    decisions = decision_list.assemble(meeting, request.user)
    if meeting.has_closed_polls:
        _add_polls(decisions, meeting)
    return render(
        request,
        "live/decisions.html",
        {
            "meeting": meeting,
            "decisions": decisions,
            "can_publish": roles.is_secretariat(request.user),
            "download_editions": _download_editions(meeting, request.user),
        },
    )


def _poll_key(poll):
    if poll.proposal_id:
        return (decision_list.Kind.MOTION, poll.proposal_id)
    if poll.resolution_id:
        return (decision_list.Kind.RESOLUTION, poll.resolution_id)
    if poll.vote_part_id:
        return (decision_list.Kind.PART, poll.vote_part_id)
    return (decision_list.Kind.ITEM, poll.agenda_item_id)


def _decision_key(decision):
    """The key of the polls on what `decision` decided (an amendment is kept as its
    proposal; an item's decision under its item)."""
    kind, outcome = decision.kind, decision.outcome
    if kind in (decision_list.Kind.MOTION, decision_list.Kind.AMENDMENT):
        return (decision_list.Kind.MOTION, outcome.pk)
    if kind == decision_list.Kind.ITEM:
        return (kind, outcome.agenda_item_id)
    if kind in (decision_list.Kind.RESOLUTION, decision_list.Kind.PART):
        return (kind, outcome.pk)
    return None


def _add_polls(decisions, meeting):
    """Under each decision its closed polls: the totals, and for a named poll the vote of
    every member (published with the decision list), for a secret poll the receipts it
    counted. Four queries, whatever the size."""
    labels = dict(Ballot.Choice.choices)
    by_subject = {}
    closed = (
        Poll.objects.filter(meeting=meeting, state=Poll.State.CLOSED)
        .prefetch_related(
            "tallies",
            Prefetch(
                "casts",
                queryset=Cast.objects.filter(poll__secret=False)
                .select_related("member")
                .order_by("member__name"),
                to_attr="named",
            ),
            # A secret poll publishes the receipts it counted, in the order of the codes
            # (which are random): each voter finds theirs, and nothing says whose it is.
            Prefetch(
                "casts",
                queryset=Cast.objects.filter(poll__secret=True)
                .only("poll_id", "receipt")
                .order_by("receipt"),
                to_attr="counted",
            ),
        )
        .order_by("closed_at", "pk")
    )
    for poll in closed:
        poll.result = polls.Result(poll, list(poll.tallies.all()))
        for cast in poll.named:
            cast.label = labels.get(cast.choice, cast.choice)
        by_subject.setdefault(_poll_key(poll), []).append(poll)
    for entry in decisions.items:
        for decision in entry.decisions:
            decision.polls = by_subject.get(_decision_key(decision), [])
            for part in decision.parts:
                part.polls = by_subject.get(_decision_key(part), [])


def _download_editions(meeting, user):
    """The editions of the decision list `user` may download (book.views checks again):
    the published one for everyone who reads the list, and the secretariat's edition (a
    concept until published) for whoever may read unpublished decisions."""
    editions = []
    if meeting.decisions_published_at is not None and meeting.is_published:
        editions.append(assembly.MEMBER)
    if roles.can_see_unpublished(user):
        editions.append(assembly.SECRETARIAT)
    return editions


@secretariat_required
@require_POST
def publish_decisions(request, pk):
    """Publish the decision list, or take it back. A queryset update: publishing the
    decisions is no edit of the meeting's papers and must not clash with one."""
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)
    published_at = timezone.now() if request.POST.get("publish") == "1" else None
    Meeting.objects.filter(pk=meeting.pk).update(decisions_published_at=published_at)
    if published_at is None:
        builds.papers_withdrawn(meeting)
    return redirect("live:decisions", pk=meeting.pk)
