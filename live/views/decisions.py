"""The decision list (besluitenlijst): per agenda item the decisions and results. Members and
the public read it once the secretariat has published it. Withdrawing the publication asks for
a confirmation that says what happens (the server refuses it without), and afterwards the page
offers to publish again in one click."""

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from agenda.forms import PublicationDateForm
from agenda.models import Meeting
from alv import roles
from alv.access import secretariat_required
from alv.confirmation import confirmed, nothing_withdrawn
from book import assembly, builds, refresh
from papers import decisions as decision_list
from voting import record
from voting.models import Poll


@require_safe
def decisions(request, pk):
    return _page(request, pk)


def _decisions_date(meeting, data=None):
    """The date box of an archive entry's decision list while it is not published; None for
    any other meeting, whose list goes out now."""
    if not meeting.is_past or meeting.decisions_are_published:
        return None
    return PublicationDateForm(data, meeting=meeting, what="decisions")


def _page(request, pk, decisions_date=None, status=200):
    """The page; `decisions_date`: the date box as posted, with its errors."""
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
        record.add_polls(decisions, meeting)
    can_publish = roles.is_secretariat(request.user)
    return render(
        request,
        "live/decisions.html",
        {
            "meeting": meeting,
            "decisions": decisions,
            "can_publish": can_publish,
            "download_editions": _download_editions(meeting, request.user),
            # After a withdrawal: the way back; after one left unconfirmed: the confirmation,
            # open, with why nothing happened.
            "withdrawn": can_publish and request.GET.get("withdrawn") == "1",
            "refusal": nothing_withdrawn() if can_publish and request.GET.get("confirm") else "",
            "decisions_date": (decisions_date or _decisions_date(meeting)) if can_publish else None,
        },
        status=status,
    )


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
    """Publish the decision list, or take it back (confirmed: refused otherwise). A queryset
    update: publishing the decisions is no edit of the meeting's papers and must not clash
    with one."""
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)
    url = reverse("live:decisions", args=[meeting.pk])
    if request.POST.get("publish") == "1":
        decisions_date = _decisions_date(meeting, request.POST)
        if decisions_date is not None and not decisions_date.is_valid():
            # Said at the date box, with the date as typed; nothing is published.
            return _page(request, meeting.pk, decisions_date=decisions_date, status=400)
        meeting.publish_decisions(
            on=decisions_date.cleaned_data["published_on"] if decisions_date else None
        )
        # Its files are queued now, not after the papers' usual pause (book.refresh).
        refresh.refresh_now(meeting)
        return redirect(url)
    if not confirmed(request):
        return redirect(f"{url}?confirm=withdraw#confirm-withdraw")
    Meeting.objects.filter(pk=meeting.pk).update(decisions_published_at=None)
    builds.papers_withdrawn(meeting)
    return redirect(f"{url}?withdrawn=1#undo-withdrawal")
