"""A meeting's status page: what is missing before the papers go out, counts per agenda
item, and publishing the papers and, separately, the pre-advice. Withdrawing either takes it
from members and the public at once: it asks for a confirmation that says what happens (the
server refuses it without), and afterwards offers to publish again in one click."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from agenda.forms import PublicationDateForm
from alv.access import board_required, secretariat_required
from alv.confirmation import confirmed, nothing_withdrawn
from book import builds, refresh
from members.views import base_url
from papers import contents
from submissions.tasks import queue_pre_advice_mail
from workspace.views.common import announce, meeting_or_404, page_or_fragment


@dataclass
class ItemCounts:
    item: object
    resolutions: int
    motions: int
    amendments: int
    follow_ups: int
    without_advice: int


@dataclass
class Status:
    """What the dashboard reports, gathered from the meeting papers in one pass."""

    items: list = field(default_factory=list)
    without_advice: list = field(default_factory=list)
    draft_advice: list = field(default_factory=list)
    settled_advice: list = field(default_factory=list)
    published_advice: list = field(default_factory=list)
    resolutions_to_check: list = field(default_factory=list)
    draft_proposals: list = field(default_factory=list)
    deadlines: list = field(default_factory=list)

    @property
    def ready(self):
        return not (
            self.without_advice
            or self.draft_advice
            or self.resolutions_to_check
            or any(missing for _label, _date, missing, _passed in self.deadlines)
        )


def _resolution_problem(resolution):
    current = next(
        (v for v in resolution.visible_versions if v.pk == resolution.current_version_id), None
    )
    if current is None:
        return _("it has no current version")
    if not current.clauses.all():
        return _("its current version has no clauses")
    if current.is_draft:
        return _("its current version is a draft; publishing the papers publishes it")
    return None


def status_of(meeting, user):
    status = Status()
    now = timezone.now()
    meeting_papers = contents.assemble(meeting, user)
    for entry in meeting_papers.items:
        kinds = [p.kind for p in entry.proposals]
        without = 0
        going_out = [p for p in entry.proposals if not p.is_draft]
        for subject in (*going_out, *entry.follow_ups):
            advice = getattr(subject, "pre_advice", None)
            if advice is None:
                status.without_advice.append(subject)
                without += 1
            elif not advice.is_settled:
                status.draft_advice.append(subject)
            elif not advice.is_published:
                status.settled_advice.append(subject)
            else:
                status.published_advice.append(subject)
        status.draft_proposals += [p for p in entry.proposals if p.is_draft]
        for resolution in entry.resolutions:
            problem = _resolution_problem(resolution)
            if problem:
                status.resolutions_to_check.append((resolution, problem))
        status.items.append(
            ItemCounts(
                entry.item,
                len(entry.resolutions),
                kinds.count("motion"),
                kinds.count("amendment"),
                len(entry.follow_ups),
                without,
            )
        )
    # The motions outside the agenda's items: their pre-advice goes out with the rest.
    for proposal in meeting_papers.apart:
        if proposal.is_draft:
            status.draft_proposals.append(proposal)
            continue
        advice = getattr(proposal, "pre_advice", None)
        if advice is None:
            status.without_advice.append(proposal)
        elif not advice.is_settled:
            status.draft_advice.append(proposal)
        elif not advice.is_published:
            status.settled_advice.append(proposal)
        else:
            status.published_advice.append(proposal)
    for label, date in (
        (_("Deadline for amendments"), meeting.effective_amendment_deadline()),
        (_("Deadline for motions"), meeting.effective_motion_deadline()),
        (_("Papers go out (five weeks before the meeting)"), meeting.papers_due),
    ):
        status.deadlines.append((label, date, date is None, date is not None and date < now))
    return status


# The withdrawals: each needs the confirmation the page asks for ("confirm"), and each is
# undone by its publishing action.
WITHDRAWALS = {"unpublish": "publish", "unpublish_pre_advice": "publish_pre_advice"}


def _papers_date(meeting, data=None):
    """The date box of an archive entry's papers, as long as they are not published; None for
    a meeting still to come, whose papers go out now."""
    if not meeting.is_past or meeting.is_published:
        return None
    return PublicationDateForm(data, meeting=meeting, what="papers")


def _context(request, meeting, confirming="", refusal="", withdrawn="", papers_date=None):
    """`confirming`: the withdrawal whose confirmation is shown open, with `refusal` (why
    nothing happened) in it; `withdrawn`: the withdrawal just done, which the page offers to
    undo; `papers_date`: the date box as posted, with its errors."""
    return {
        "papers_date": papers_date or _papers_date(meeting),
        "meeting": meeting,
        "status": status_of(meeting, request.user),
        "section": "dashboard",
        "confirming": confirming if confirming in WITHDRAWALS else "",
        "refusal": refusal,
        "withdrawn": withdrawn if withdrawn in WITHDRAWALS else "",
    }


@board_required
@require_GET
def dashboard(request, pk):
    meeting = meeting_or_404(request, pk)
    # After a plain (not htmx) post: the withdrawal to undo, or the one left unconfirmed.
    context = _context(
        request,
        meeting,
        confirming=request.GET.get("confirm", ""),
        refusal=nothing_withdrawn() if request.GET.get("confirm") else "",
        withdrawn=request.GET.get("withdrawn", ""),
    )
    return page_or_fragment(request, "workspace/dashboard.html", "status", context)


@secretariat_required
@require_http_methods(["GET", "HEAD", "POST"])
def publication(request, pk):
    """Publish or unpublish the papers, or the settled pre-advice. A GET (a bookmark, an
    address typed again) changes nothing: it goes to the meeting's status page."""
    meeting = meeting_or_404(request, pk)
    if request.method != "POST":
        return redirect("workspace:dashboard", meeting.pk)
    action = request.POST.get("action")
    if action in WITHDRAWALS and not confirmed(request):
        # Refused: the confirmation is shown (again), open, saying why nothing happened.
        if not request.htmx:
            url = reverse("workspace:dashboard", args=[meeting.pk])
            return redirect(f"{url}?confirm={action}")
        context = _context(request, meeting, confirming=action, refusal=nothing_withdrawn())
        response = page_or_fragment(request, "workspace/dashboard.html", "status", context)
        return announce(response, nothing_withdrawn())
    if action == "publish":
        papers_date = _papers_date(meeting, request.POST)
        if papers_date is not None and not papers_date.is_valid():
            # Said at the date box, with the date as typed; nothing is published.
            context = _context(request, meeting, papers_date=papers_date)
            # htmx swaps only a 200; a plain post gets the page back as a refusal.
            status = 200 if request.htmx else 400
            response = page_or_fragment(
                request, "workspace/dashboard.html", "status", context, status=status
            )
            return announce(response, _("Nothing is published: check the date."))
        meeting.publish(on=papers_date.cleaned_data["published_on"] if papers_date else None)
        # The member books are queued now, not after the papers' usual pause (book.refresh).
        refresh.refresh_now(meeting)
        # Pre-advice published before the papers reaches members only now.
        queue_pre_advice_mail(meeting.pk, base_url(request))
        message = _("The papers are published: members can read them now.")
        if papers_date is not None and papers_date.is_late:
            message += " " + _("Note: the date you set falls after the meeting.")
    elif action == "unpublish":
        meeting.unpublish()
        builds.papers_withdrawn(meeting)
        message = _("The papers are no longer published.")
    elif action == "publish_pre_advice":
        count = meeting.publish_pre_advice()
        queue_pre_advice_mail(meeting.pk, base_url(request))
        message = _("%(count)d settled pre-advice published.") % {"count": count}
    elif action == "unpublish_pre_advice":
        count = meeting.unpublish_pre_advice()
        builds.papers_withdrawn(meeting)
        message = _("%(count)d pre-advice withdrawn from publication.") % {"count": count}
    else:
        message = None
    if message is None:
        messages.error(request, _("Unknown action."))
        return redirect("workspace:dashboard", meeting.pk)
    withdrawn = action if action in WITHDRAWALS else ""
    if not request.htmx:
        if withdrawn:
            # The page says it, and offers to publish again in one click.
            url = reverse("workspace:dashboard", args=[meeting.pk])
            return redirect(f"{url}?withdrawn={withdrawn}")
        messages.success(request, message)
        return redirect("workspace:dashboard", meeting.pk)
    meeting.refresh_from_db()
    context = _context(request, meeting, withdrawn=withdrawn)
    response = page_or_fragment(request, "workspace/dashboard.html", "status", context)
    return announce(response, message)
