from django.db.models import Q, prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from agenda.forms import version_name
from agenda.models import Meeting, Resolution
from alv import pagecache, textdiff
from members.models import Member, SubmitterGroup
from motions.forms import PRE_ADVICE_PENDING, ProposalFilterForm
from motions.models import Amendment, FollowUp, Motion, Proposal, ProposalSubmitter
from papers import contents


def _visible_meeting(request, pk):
    return get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)


def own_member_q(member_id):
    """The motions and amendments member `member_id` submitted: alone, with others, or as one
    of a group of submitters."""
    return Q(pk__in=ProposalSubmitter.objects.filter(member=member_id).values("proposal_id")) | Q(
        submitter_group__in=SubmitterGroup.objects.filter(members=member_id)
    )


def _split_own(proposals, member_id):
    """`proposals` as (those of member `member_id`, the others), each in the order given.
    Needs the submitters loaded (`visible_to()`); one query at most, for groups."""
    if not member_id:
        return [], proposals
    groups = set()
    if any(p.submitter_group_id for p in proposals):
        groups = set(SubmitterGroup.objects.filter(members=member_id).values_list("pk", flat=True))
    own, others = [], []
    for proposal in proposals:
        mine = proposal.submitter_group_id in groups or any(
            s.member_id == member_id for s in proposal.ordered_submitters
        )
        (own if mine else others).append(proposal)
    return own, others


def _visible_proposal(request, model, pk, *related):
    """A motion or amendment the user may read, or 404 (also for drafts and unpublished
    meetings: a reader must not learn that they exist)."""
    qs = model.objects.visible_to(request.user).select_related(
        "meeting", "agenda_item__parent", "agenda_item__meeting", *related
    )
    proposal = get_object_or_404(qs, pk=pk)
    contents.attach_agenda_items([proposal], request.user)
    # "Leeuwarderadeel is now part of Leeuwarden": asked only when a submitter has merged.
    ended = [s for s in proposal.ordered_submitters if s.member.has_ended]
    prefetch_related_objects([s.member for s in ended], "successors")
    proposal.merged_submitters = [
        (s.shown_name, [m.name for m in s.member.successors.all()]) for s in ended
    ]
    proposal.permalink = request.build_absolute_uri(proposal.get_absolute_url())
    return proposal


def _resolutions_for(request, proposal, *extra):
    """The resolutions of the proposal's agenda item, and `extra` ones, that the user may see."""
    if proposal.shown_agenda_item is None:
        return []
    query = Q(agenda_item=proposal.agenda_item_id)
    for pk in extra:
        if pk:
            query |= Q(pk=pk)
    return list(
        Resolution.objects.visible_to(request.user)
        .filter(query)
        .select_related("agenda_item__parent")
        .order_by("agenda_item", "position")
    )


@require_safe
@pagecache.whole_page("motion")
def motion_detail(request, pk, extra_context=None):
    motion = _visible_proposal(request, Motion, pk)
    # Its outcome is read twice on the page (facts and decision), with the parts voted
    # separately: loaded once.
    prefetch_related_objects([motion], "vote_parts")
    parts = list(motion.parts.all())
    resolutions = _resolutions_for(request, motion, motion.resolution_id)
    related = next((r for r in resolutions if r.pk == motion.resolution_id), None)
    follow_ups = (
        FollowUp.objects.visible_to(request.user)
        .filter(motion=motion)
        .select_related("agenda_item__meeting", "agenda_item__parent")
        .order_by("agenda_item__meeting__starts_at")
    )
    return render(
        request,
        "motions/motion_detail.html",
        {
            "proposal": motion,
            "motion": motion,
            "permalink": motion.permalink,
            "text": _motion_text(parts),
            "related_resolution": related,
            "item_resolutions": [
                r for r in resolutions if r.agenda_item_id == motion.agenda_item_id
            ],
            "follow_ups": list(follow_ups),
            **(extra_context or {}),
        },
    )


def _motion_text(parts):
    """The motion's parts in the order of the papers, each kind together: the preamble,
    "constaterende dat", "overwegende dat", the requests after `request_intro`, the closing."""
    groups = {kind: [] for kind in ("preamble", "finding", "consideration", "request", "closing")}
    for part in parts:
        groups[part.kind].append(part.text)
    return groups


@require_safe
@pagecache.whole_page("amendment")
def amendment_detail(request, pk, extra_context=None):
    amendment = _visible_proposal(
        request, Amendment, pk, "resolution_version__resolution", "target_clause"
    )
    resolutions = _resolutions_for(request, amendment, amendment.resolution_version.resolution_id)
    resolution = next(
        (r for r in resolutions if r.pk == amendment.resolution_version.resolution_id), None
    )
    version = None
    if resolution is not None:
        version = next(
            (v for v in resolution.visible_versions if v.pk == amendment.resolution_version_id),
            None,
        )
    context = {
        "proposal": amendment,
        "amendment": amendment,
        "resolution": resolution,
        "permalink": amendment.permalink,
    }
    if version is not None:
        clauses = list(version.clauses.all())
        target = next((c for c in clauses if c.pk == amendment.target_clause_id), None)
        old_texts = [c.text for c in clauses]
        new_texts = amendment.apply_to(old_texts)
        changed = amendment.resulting_number
        context.update(
            {
                "version": version,
                "target": target,
                "change_html": textdiff.render(amendment.tracked_change()),
                "resulting_clauses": [
                    (number, text, number == changed)
                    for number, text in enumerate(new_texts, start=1)
                ],
                "is_current_version": version.pk == resolution.current_version_id,
                "shown_version": resolution.shown_version,
                "version_name": version_name(version),
                "shown_version_name": version_name(resolution.shown_version),
                "moves_later_clauses": changed is not None and changed < len(new_texts),
            }
        )
    return render(request, "motions/amendment_detail.html", {**context, **(extra_context or {})})


@require_safe
def meeting_proposals(request, pk):
    """All motions and amendments of a meeting, with filters and search in the query string."""
    meeting = _visible_meeting(request, pk)
    user = request.user
    items = meeting.ordered_items()
    proposals = contents.visible_proposals(meeting, user)
    submitters = (
        Member.objects.filter(
            pk__in=ProposalSubmitter.objects.filter(proposal__in=proposals.values("pk")).values(
                "member_id"
            )
        )
        .only("pk", "name")
        .order_by("name")
    )
    form = ProposalFilterForm(request.GET or None, items=items, submitters=submitters)
    filters = form.filters()
    if "item" in filters:
        proposals = proposals.filter(
            Q(agenda_item=filters["item"]) | Q(agenda_item__parent=filters["item"])
        )
    if "advice" in filters:
        value = None if filters["advice"] == PRE_ADVICE_PENDING else filters["advice"]
        proposals = proposals.with_pre_advice(user, value)
    if "status" in filters:
        proposals = proposals.filter(status=filters["status"])
    if "submitter" in filters:
        proposals = proposals.filter(
            pk__in=ProposalSubmitter.objects.filter(member=filters["submitter"]).values(
                "proposal_id"
            )
        )
    if "q" in filters:
        proposals = proposals.search(user, filters["q"])
    # One list for the count and the groups: the count is of exactly what is shown. Those of
    # the reader's own member come first, each with its agenda item; the rest by item.
    found = list(proposals)
    contents.load_vote_parts(found)
    own, others = _split_own(found, getattr(user, "member_id", None))
    order = {item.pk: (n, item) for n, item in enumerate(items)}
    # Those outside the agenda's items come after the items.
    after_the_items = (len(items), None)
    own.sort(key=lambda p: (order.get(p.agenda_item_id, after_the_items)[0], p.position))
    for proposal in own:
        proposal.shown_agenda_item = order.get(proposal.agenda_item_id, after_the_items)[1]
    context = {
        "meeting": meeting,
        "form": form,
        "own": own,
        "entries": contents.proposals_by_item(meeting, others, items=items),
        "apart": contents.apart(others),
        "count": len(found),
        "filtered": bool(filters),
    }
    template = "motions/proposal_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        # The filters changed in place: only the results (and the count, out of band).
        template += "#results"
    response = render(request, template, context)
    # The same address gives a whole page or a fragment: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def member_detail(request, pk):
    """Everything one member (municipality) submitted, across the meetings the user may see."""
    member = get_object_or_404(Member, pk=pk)
    user = request.user
    proposals = contents.attach_agenda_items(
        Proposal.objects.visible_to(user)
        .filter(
            Q(pk__in=ProposalSubmitter.objects.filter(member=member).values("proposal_id"))
            # A group's motion is on the pages of the members it is linked to.
            | Q(submitter_group__members=member)
        )
        .distinct()
        .select_related("meeting", "agenda_item__parent", "agenda_item__meeting", "motion")
        .select_related("amendment__resolution_version__resolution", "amendment__target_clause")
        .with_vote_parts_known(),
        user,
    )
    contents.load_vote_parts(proposals)
    resolutions = list(
        Resolution.objects.visible_to(user)
        .filter(submitters=member)
        .select_related("agenda_item__meeting", "agenda_item__parent")
    )
    meetings = {}
    for proposal in proposals:
        meetings.setdefault(proposal.meeting, {"proposals": [], "resolutions": []})
        meetings[proposal.meeting]["proposals"].append(proposal)
    for resolution in resolutions:
        meeting = resolution.agenda_item.meeting
        meetings.setdefault(meeting, {"proposals": [], "resolutions": []})
        meetings[meeting]["resolutions"].append(resolution)

    def reading_order(row):
        item = getattr(row, "shown_agenda_item", row.agenda_item)
        return (item.reading_order if item else (10**9, 0), row.position)

    groups = [
        {
            "meeting": meeting,
            "proposals": sorted(rows["proposals"], key=reading_order),
            "resolutions": sorted(rows["resolutions"], key=reading_order),
        }
        for meeting, rows in sorted(
            meetings.items(), key=lambda pair: pair[0].starts_at, reverse=True
        )
    ]
    return render(
        request,
        "motions/member_detail.html",
        {
            "member": member,
            "groups": groups,
            "count": len(proposals) + len(resolutions),
            "successors": list(member.successors.all()) if member.has_ended else [],
            "predecessors": list(member.predecessors.all()),
        },
    )
