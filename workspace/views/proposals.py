"""Motions and amendments: create and edit them with their submitters (chosen from the member
list by type-ahead), agenda item and resolution; a motion's text parts in order; an
amendment's target clause, shown as a tracked change next to the clause as it is."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from agenda.models import AgendaItem, ResolutionVersion
from alv import textdiff
from alv.access import object_id, secretariat_required
from alv.confirmation import Unconfirmed, require_confirmation
from alv.models import Association, StaleRevision
from book import builds
from members.models import Member
from members.views import base_url
from motions.models import (
    Amendment,
    Motion,
    MotionPart,
    PreAdvice,
    PreAdvicePart,
    Proposal,
    ProposalSubmitter,
)
from submissions.tasks import queue_pre_advice_mail
from workspace import history
from workspace.forms import (
    AmendmentForm,
    MotionForm,
    MotionPartForm,
    NewMotionPartForm,
    clause_choices,
)
from workspace.views.agenda import item_page, proposals_context
from workspace.views.common import announce, meeting_or_404, page_or_fragment, posted

PAGE = "workspace/proposal.html"
FORMS = {Proposal.Kind.MOTION: MotionForm, Proposal.Kind.AMENDMENT: AmendmentForm}


def _proposal_or_404(request, pk):
    """The motion or amendment, as its subtype: it is saved as such (see Proposal)."""
    kind = get_object_or_404(Proposal.objects.values_list("kind", flat=True), pk=pk)
    model = Motion if kind == Proposal.Kind.MOTION else Amendment
    proposal = get_object_or_404(
        model.objects.select_related("meeting", "agenda_item__parent", "agenda_item__meeting"),
        pk=pk,
    )
    meeting_or_404(request, proposal.agenda_meeting_id)
    return proposal


def _standard_parts(request, meeting):
    """How a motion opens (the association's formula) and closes; the secretariat fills in
    what comes between."""
    date = timezone.localtime(meeting.starts_at)
    opening = Association.current(request).opening_of_motion(f"{date:%-d-%-m-%Y}")
    return [
        (MotionPart.Kind.PREAMBLE, opening),
        (MotionPart.Kind.CLOSING, "en gaat over tot de orde van de dag."),
    ]


@secretariat_required
@require_http_methods(["GET", "POST"])
def proposal_new(request, pk, kind):
    meeting = meeting_or_404(request, pk)
    if kind not in FORMS:
        raise Http404
    initial = {}
    item = AgendaItem.objects.filter(meeting=meeting, pk=object_id(request.GET.get("item"))).first()
    if item is not None:
        initial["agenda_item"] = item
        version = ResolutionVersion.objects.filter(current_of__agenda_item=item).first()
        if version is not None:
            initial["resolution_version"] = version
    form = FORMS[kind](posted(request), meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save_with_submitters()
            proposal = form.instance
            if kind == Proposal.Kind.MOTION:
                for part_kind, text in _standard_parts(request, meeting):
                    proposal.add_part(part_kind, text)
        messages.success(request, _("%(name)s is saved.") % {"name": proposal.display_name})
        return redirect("workspace:proposal", proposal.pk)
    context = {
        "meeting": meeting,
        "form": form,
        "kind": kind,
        "section": "agenda",
        "can_edit": True,
    }
    return render(request, "workspace/proposal_new.html", context)


def _history(proposal):
    sources = [
        (type(proposal).history.filter(proposal_ptr_id=proposal.pk), lambda r: proposal.kind_label),
        (
            ProposalSubmitter.history.filter(proposal_id=proposal.pk).select_related("member"),
            lambda r: (
                _("submitter %(name)s") % {"name": r.name or (r.member.name if r.member else "?")}
            ),
        ),
        (PreAdvice.history.filter(proposal_id=proposal.pk), lambda r: _("pre-advice")),
        (
            PreAdvicePart.history.filter(pre_advice__proposal_id=proposal.pk),
            lambda r: _("pre-advice on %(part)s") % {"part": r.label},
        ),
    ]
    if proposal.kind == Proposal.Kind.MOTION:
        sources.append(
            (
                MotionPart.history.filter(motion_id=proposal.pk),
                lambda r: _("text part %(number)s") % {"number": r.position},
            )
        )
    return history.entries(*sources)


def _tracked_change(proposal):
    if proposal.kind != Proposal.Kind.AMENDMENT or not proposal.resolution_version_id:
        return None
    before, after = proposal.text_change()
    return {
        "clause": proposal.target_clause,
        "before": before,
        "segments": textdiff.word_diff(before, after, rewrite_ratio=textdiff.MOSTLY_REWRITTEN),
    }


def _page_context(request, proposal, form=None, **extra):
    context = {
        "meeting": proposal.agenda_meeting,
        "proposal": proposal,
        "form": form or FORMS[proposal.kind](instance=proposal, meeting=proposal.agenda_meeting),
        "tracked_change": _tracked_change(proposal),
        "parts": proposal.parts.order_by("position") if proposal.kind == "motion" else None,
        "new_part_form": NewMotionPartForm(prefix="part"),
        "pre_advice": PreAdvice.objects.with_parts().filter(proposal=proposal).first(),
        "section": "agenda",
        "history": SimpleLazyObject(lambda: _history(proposal)),
    }
    context.update(extra)
    return context


@secretariat_required
@require_http_methods(["GET", "POST"])
def proposal(request, pk):
    proposal = _proposal_or_404(request, pk)
    form = FORMS[proposal.kind](posted(request), instance=proposal, meeting=proposal.agenda_meeting)
    if request.method == "POST" and form.is_valid():
        try:
            saved = form.save_with_submitters()
        except ValidationError as error:
            form.add_error(None, error)
            saved = False
        if saved:
            if form.instance.is_draft:
                # Possibly set back to draft: its member books must go.
                builds.papers_withdrawn(proposal.agenda_meeting)
            else:
                # Possibly published now, and with it the pre-advice on it.
                queue_pre_advice_mail(proposal.meeting_id, base_url(request))
            message = _("%(name)s is saved.") % {"name": proposal.display_name}
            if not request.htmx:
                messages.success(request, message)
                return redirect("workspace:proposal", proposal.pk)
            proposal = _proposal_or_404(request, pk)
            response = page_or_fragment(request, PAGE, "proposal", _page_context(request, proposal))
            return announce(response, message)
    return page_or_fragment(request, PAGE, "proposal", _page_context(request, proposal, form))


@secretariat_required
@require_GET
def member_search(request):
    """Type-ahead over the member list: names containing the text, those starting with it
    first. A member is one choice however many words its name has (Son en Breugel)."""
    query = request.GET.get("member-search", "").strip()
    try:
        # The meeting's day (the picker sends it): an old meeting's members as they were.
        on = dt.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        on = timezone.localdate()
    members = []
    if query:
        members = (
            Member.objects.on(on)
            .filter(name__icontains=query)
            .annotate(
                starts=Case(
                    When(name__istartswith=query, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("starts", "name")[:12]
        )
    return render(request, "workspace/_member_results.html", {"query": query, "members": members})


@secretariat_required
@require_GET
def clause_options(request, pk):
    """The clauses of the chosen resolution version, as options of the amendment form."""
    meeting = meeting_or_404(request, pk)
    version = ResolutionVersion.objects.filter(
        resolution__agenda_item__meeting=meeting,
        pk=object_id(request.GET.get("resolution_version")),
    ).first()
    return render(request, "workspace/_options.html", {"choices": clause_choices(version)})


# A motion's text parts


def _part_or_404(request, pk):
    part = get_object_or_404(MotionPart.objects.select_related("motion__agenda_item"), pk=pk)
    meeting_or_404(request, part.motion.agenda_meeting_id)
    return part


def _parts(request, motion, status_message=None, status=200, **extra):
    """The parts of a motion: the page, or for htmx only the list (numbers change).
    `status_message` says what was done; a refusal (`part_errors`, or `refusal` in the
    confirmation it opens) is said once, in its alert, not in the status line too."""
    context = _page_context(request, motion, **extra)
    response = page_or_fragment(request, PAGE, "parts", context, status=status)
    if status_message and request.htmx:
        announce(response, status_message)
    return response


def _marked(part):
    """`part` with its moves marked, for a row drawn on its own (after an inline edit): the
    first's Up and the last's Down are shown disabled, as in the list."""
    pks = list(part.motion.parts.order_by("position").values_list("pk", flat=True))
    index = pks.index(part.pk)
    part.can_move_up, part.can_move_down = index > 0, index < len(pks) - 1
    return part


def _motion_or_404(request, pk):
    proposal = _proposal_or_404(request, pk)
    if proposal.kind != Proposal.Kind.MOTION:
        raise Http404
    return proposal


@secretariat_required
@require_POST
def part_add(request, pk):
    motion = _motion_or_404(request, pk)
    form = NewMotionPartForm(request.POST, prefix="part")
    if form.is_valid():
        part = motion.add_part(form.cleaned_data["kind"], form.cleaned_data["text"])
        message = _("Part %(number)s is added.") % {"number": part.position}
        if not request.htmx:
            messages.success(request, message)
            return redirect("workspace:proposal", motion.pk)
        return _parts(request, motion, message)
    return _parts(request, motion, new_part_form=form)


@secretariat_required
@require_http_methods(["GET", "POST"])
def part_edit(request, pk):
    part = _part_or_404(request, pk)
    form = MotionPartForm(posted(request), instance=part, prefix=f"part-{part.pk}")
    context = {"part": part, "form": form, "proposal": part.motion, "can_edit": True}
    if request.method == "POST" and form.is_valid() and form.save_checked():
        message = _("Part %(number)s is saved.") % {"number": part.position}
        if not request.htmx:
            messages.success(request, message)
            return redirect("workspace:proposal", part.motion_id)
        row = render(request, f"{PAGE}#part", {**context, "part": _marked(part)})
        return announce(row, message)
    if request.htmx and (request.method == "POST" or request.GET.get("cancel") is None):
        return render(request, f"{PAGE}#part-form", context)
    if request.htmx:
        return render(request, f"{PAGE}#part", {**context, "part": _marked(part)})
    motion = _motion_or_404(request, part.motion_id)
    return render(
        request, PAGE, {**_page_context(request, motion, part_form=form), "can_edit": True}
    )


@secretariat_required
@require_POST
def part_move(request, pk):
    part = _part_or_404(request, pk)
    motion = _motion_or_404(request, part.motion_id)
    step = {"up": -1, "down": 1}.get(request.POST.get("direction"))
    try:
        if step is None:
            raise ValidationError(_("Unknown move."))
        motion.move_part(part, step)
    except ValidationError as error:
        return _parts(request, motion, part_errors=error.messages)
    part.refresh_from_db()
    message = _("The part is now number %(number)s.") % {"number": part.position}
    if not request.htmx:
        messages.success(request, message)
        return redirect("workspace:proposal", motion.pk)
    return _parts(request, motion, message)


@secretariat_required
@require_POST
def part_delete(request, pk):
    """Delete a part of the motion's text, once confirmed: the page asks first."""
    part = _part_or_404(request, pk)
    motion = _motion_or_404(request, part.motion_id)
    try:
        require_confirmation(
            request,
            _("Nothing was deleted: confirm first that part %(number)s is to be deleted.")
            % {"number": part.position},
        )
        motion.remove_part(part)
    except Unconfirmed as refusal:
        # The parts again, with this part's confirmation open and the refusal in it.
        status = 200 if request.htmx else 400  # htmx swaps a 200 only
        context = {"confirming": part.pk, "refusal": refusal.messages[0]}
        return _parts(request, motion, status=status, **context)
    except ValidationError as error:
        return _parts(request, motion, part_errors=error.messages)
    message = _("Part %(number)s is deleted.") % {"number": part.position}
    if not request.htmx:
        messages.success(request, message)
        return redirect("workspace:proposal", motion.pk)
    return _parts(request, motion, message)


# The motions and amendments under an agenda item: their order (the numbers 4.1, 4.2 follow
# it) and deleting one that the assembly has not dealt with.

ITEM = "workspace/item.html"


def _item_proposals(request, item, status_message=None, errors=None):
    """After a move or a deletion: for htmx the list under the item (every number after the
    change moves), otherwise back to the item's page. `status_message` says what was done;
    `errors` why nothing was, once, in the list's alert (not in the status line too)."""
    if not request.htmx:
        if errors:
            return item_page(request, item, proposal_errors=errors)
        messages.success(request, status_message)
        return redirect("workspace:item", item.pk)
    context = proposals_context(request, item, proposal_errors=errors)
    response = render(request, f"{ITEM}#proposals", context)
    if status_message:
        announce(response, status_message)
    return response


def _shown_order(post):
    """The order the page showed, sent back with every move: "12,7,9"."""
    try:
        return [int(pk) for pk in post.get("shown", "").split(",") if pk.strip()]
    except ValueError as error:
        raise ValidationError(_("The new order is not readable.")) from error


@secretariat_required
@require_POST
def proposals_reorder(request, pk):
    """The order after a drag and drop: every motion and amendment of the item once, as
    parallel `item` and `parent` fields (parents stay empty: they have no sub-items)."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting", "parent"), pk=pk)
    meeting_or_404(request, item.meeting_id)
    try:
        if any(request.POST.getlist("parent")):
            raise ValidationError(_("Motions and amendments have no sub-items."))
        try:
            pks = [int(value) for value in request.POST.getlist("item")]
        except ValueError as error:
            raise ValidationError(_("The new order is not readable.")) from error
        item.reorder_proposals(pks, _shown_order(request.POST))
    except ValidationError as error:
        return _item_proposals(request, item, errors=error.messages)
    return _item_proposals(request, item, _("The new order of the motions is saved."))


@secretariat_required
@require_POST
def proposal_move(request, pk):
    """One place up or down, with the buttons (keyboard and screen reader users)."""
    proposal = _proposal_or_404(request, pk)
    item = proposal.agenda_item
    step = {"up": -1, "down": 1}.get(request.POST.get("direction"))
    try:
        if step is None:
            raise ValidationError(_("Unknown move."))
        shown = _shown_order(request.POST)
        if proposal.pk not in shown:
            raise ValidationError(
                _(
                    "The motions and amendments under this item changed while you were "
                    "reordering them. The current order is shown: try again."
                )
            )
        index = shown.index(proposal.pk)
        target = index + step
        if not 0 <= target < len(shown):
            raise ValidationError(
                _("This one is already the first.")
                if step < 0
                else _("This one is already the last.")
            )
        order = list(shown)
        order[index], order[target] = order[target], order[index]
        item.reorder_proposals(order, shown)
    except ValidationError as error:
        return _item_proposals(request, item, errors=error.messages)
    proposal.refresh_from_db()
    message = _("%(name)s is now number %(number)s.") % {
        "name": proposal.display_name,
        "number": f"{item.number}.{proposal.position}",
    }
    return _item_proposals(request, item, message)


DELETE_PAGE = "workspace/proposal_delete.html"


def _delete_form(request, proposal, error=None, revision=None):
    context = {
        "proposal": proposal,
        "item": proposal.agenda_item,
        "meeting": proposal.agenda_meeting,
        "refusal": proposal.deletion_refusal(),
        "error": error,
        "revision": revision or proposal.revision,
        "section": "agenda",
        "can_edit": True,
    }
    if not request.htmx:
        return render(request, DELETE_PAGE, context)
    response = render(request, f"{DELETE_PAGE}#delete-form", context)
    # The confirmation takes the place of the row in the list; the deletion redraws the list.
    return reswap(retarget(response, f"#proposal-row-{proposal.pk}"), "outerHTML")


@secretariat_required
@require_http_methods(["GET", "POST"])
def proposal_delete(request, pk):
    """Delete a motion or amendment (a duplicate draft from the Word import): a GET asks for
    confirmation, only the POST deletes, and only while the assembly has not dealt with it."""
    proposal = _proposal_or_404(request, pk)
    item = proposal.agenda_item
    if request.method == "GET":
        if request.htmx and request.GET.get("cancel") is not None:
            # The row alone again, its moves marked as in the list: the first's Up and the
            # last's Down disabled.
            context = proposals_context(request, item)
            shown = [p.pk for p in context["proposals"]]
            index = shown.index(proposal.pk)
            proposal.can_move_up, proposal.can_move_down = index > 0, index < len(shown) - 1
            return render(request, f"{ITEM}#proposal-row", {**context, "proposal": proposal})
        return _delete_form(request, proposal)
    name = proposal.display_name
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        return _delete_form(request, proposal, _("Confirm the deletion with the button."))
    try:
        proposal.remove(revision)
    except StaleRevision as stale:
        if stale.current is None:
            return _item_proposals(
                request, item, _("%(name)s was deleted already.") % {"name": name}
            )
        return _delete_form(
            request,
            stale.current,
            _(
                "Someone else changed it while you were deciding. Check it and confirm the "
                "deletion again if it should still go."
            ),
            stale.current.revision,
        )
    except ValidationError as error:
        return _delete_form(request, proposal, error.messages[0])
    builds.papers_withdrawn(proposal.agenda_meeting)
    if item is None:
        # One outside the agenda has no item list to go back to: its meeting's agenda.
        messages.success(request, _("%(name)s is deleted.") % {"name": name})
        return redirect("workspace:agenda", proposal.meeting_id)
    return _item_proposals(request, item, _("%(name)s is deleted.") % {"name": name})
