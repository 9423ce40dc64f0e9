from collections import defaultdict

from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from agenda.comparison import compare
from agenda.forms import VersionChoiceForm, version_name
from agenda.models import Meeting, Resolution
from alv import freshness, pagecache, roles
from motions.models import Proposal
from motions.views import own_member_q
from papers import contents


def _visible_meeting(request, pk):
    return get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)


@require_safe
def meeting_detail(request, pk):
    # The motions of the reader's own member go in the page cached for every member's people:
    # each response gets the reader's own (alv.pagecache).
    member_id = getattr(request.user, "member_id", None)
    personal = {"own_member": lambda: _own_member_part(request, pk, member_id)}
    return pagecache.cached_page(
        request,
        "meeting",
        lambda extra: _meeting_page(request, pk, extra),
        personal=personal if member_id else None,
    )


def _meeting_page(request, pk, extra_context):
    meeting = _visible_meeting(request, pk)
    # The papers of a large meeting take a quarter of a second to render and change seldom:
    # the template caches them per audience and language until anything in them is written.
    # Lazy, so cached papers are not assembled at all.
    papers_key = (
        f"{meeting.pk}:{freshness.revision_for(request)}:{roles.audience(request.user)}:"
        f"{get_language()}"
    )
    context = {
        "meeting": meeting,
        "papers": SimpleLazyObject(lambda: _with_counts(contents.assemble(meeting, request.user))),
        "papers_key": papers_key,
        "own_mark": (
            pagecache.placeholder("own_member") if getattr(request.user, "member_id", None) else ""
        ),
    }
    return render(request, "agenda/meeting_detail.html", {**context, **extra_context})


def _with_counts(papers):
    """Each agenda item's motions and amendments counted, for its line in the overview."""
    for entry in papers.items:
        entry.motion_count = sum(1 for p in entry.proposals if p.kind == Proposal.Kind.MOTION)
        entry.amendment_count = len(entry.proposals) - entry.motion_count
    return papers


def _own_member_part(request, pk, member_id):
    """The motions and amendments of the reader's own member at meeting `pk`, as far as the
    reader may see them: a few queries, however many there are."""
    user = request.user
    own = (
        Proposal.objects.visible_to(user)
        .filter(own_member_q(member_id))
        .dealt_with_at(pk)
        .select_related(
            "agenda_item__parent",
            "agenda_item__meeting",
            "amendment__resolution_version__resolution",
            "amendment__target_clause",
            "motion",
        )
        .with_vote_parts_known()
    )
    own = sorted(
        contents.attach_agenda_items(own, user),
        # Those outside the agenda's items after the items, as on the rest of the page.
        key=lambda p: (p.agenda_item.reading_order if p.agenda_item else (10**9, 0), p.position),
    )
    contents.load_vote_parts(own)  # their outcomes are read with their parts
    return render_to_string("motions/_own_member.html", {"own": own}, request=request)


@require_safe
@pagecache.whole_page("resolution")
def resolution_detail(request, pk, extra_context=None):
    """A resolution: the current version (or an earlier one, `?version=`), amendments at the
    clauses they change, and what changed between two versions (`?from=&to=`)."""
    user = request.user
    resolution = get_object_or_404(
        Resolution.objects.visible_to(user).select_related(
            "agenda_item__meeting", "agenda_item__parent"
        ),
        pk=pk,
    )
    versions = resolution.visible_versions
    by_number = {v.number: v for v in versions}
    form = VersionChoiceForm(request.GET or None, versions=versions)
    chosen = form.chosen()
    shown = resolution.shown_version
    reading = by_number.get(chosen.get("version"), shown)
    comparison = None
    if "from" in chosen and "to" in chosen:
        comparison = compare(by_number[chosen["from"]], by_number[chosen["to"]])

    amendments = list(
        Proposal.objects.visible_to(user)
        .filter(amendment__resolution_version__resolution=resolution)
        .select_related("amendment__target_clause", "amendment__resolution_version__resolution")
        .order_by("agenda_item", "position")
    )
    at_clause, before_first, elsewhere = defaultdict(list), [], []
    for proposal in amendments:
        amendment = proposal.amendment
        if reading is None or amendment.resolution_version_id != reading.pk:
            elsewhere.append(proposal)
        elif amendment.target_clause_id is None:
            before_first.append(proposal)
        else:
            at_clause[amendment.target_clause_id].append(proposal)
    motions = list(
        Proposal.objects.visible_to(user)
        .filter(motion__resolution=resolution)
        .select_related("motion")
        .with_vote_parts_known()
        .order_by("agenda_item", "position")
    )
    contents.load_vote_parts(motions)  # their outcomes are read with their parts
    previous = _previous(versions, shown)
    clauses = []
    if reading is not None:
        clauses = [(clause, at_clause[clause.pk]) for clause in reading.clauses.all()]
    return render(
        request,
        "agenda/resolution_detail.html",
        {
            "resolution": resolution,
            "meeting": resolution.agenda_item.meeting,
            "versions": versions,
            "reading": reading,
            "shown": shown,
            "is_earlier": reading is not None and shown is not None and reading.pk != shown.pk,
            "clauses": clauses,
            "before_first": before_first,
            "other_amendments": elsewhere,
            "amendment_count": len(amendments) - len(elsewhere),
            "motions": list(motions),
            "form": form,
            "comparison": comparison,
            "previous": previous,
            "previous_name": previous and version_name(previous),
            "reading_name": reading and version_name(reading),
            "version_names": [(v, version_name(v)) for v in versions],
            "comparison_old_name": comparison and version_name(comparison.old),
            "comparison_new_name": comparison and version_name(comparison.new),
            "heading": _("Resolution") + f" “{resolution.title}”",
            "permalink": request.build_absolute_uri(resolution.get_absolute_url()),
            **(extra_context or {}),
        },
    )


def _previous(versions, version):
    """The visible version before `version`, to offer "what changed" against it."""
    earlier = [v for v in versions if version is not None and v.number < version.number]
    return earlier[-1] if earlier else None


@require_safe
def home(request):
    meetings = Meeting.objects.visible_to(request.user)
    return render(
        request,
        "alv/home.html",
        {"upcoming": meetings.upcoming(), "past": meetings.past()},
    )
