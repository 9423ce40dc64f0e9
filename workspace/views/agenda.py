"""The agenda builder: add, edit and delete items inline, and reorder them by drag and drop
or with the buttons (up, down, indent, outdent). Numbers follow from the order at once."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from agenda.models import AgendaItem
from alv.access import secretariat_required
from book import builds
from motions.models import Proposal
from papers import contents
from workspace import history
from workspace.forms import AgendaItemForm, DeleteItemForm, NewAgendaItemForm
from workspace.views.common import announce, meeting_or_404, page_or_fragment, posted

AGENDA = "workspace/agenda.html"


def _item_or_404(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("parent", "meeting"), pk=pk)
    meeting_or_404(request, item.meeting_id)
    return item


# The agenda builder has two forms to add an item: one at the top of the agenda, where the
# eye is, and one below it. Each has its own prefix, so that their fields keep their own ids.
ADD_PREFIXES = {"top": "new-top", "bottom": "new"}


def _add_form(meeting, place, data=None, main_items=None):
    """A form to add an item; given the main items the page shows anyway, it lists them
    without querying them again."""
    form = NewAgendaItemForm(data, meeting=meeting, prefix=ADD_PREFIXES[place])
    parent = form.fields["parent"]
    if main_items is not None:
        parent.choices = [("", parent.empty_label), *((i.pk, str(i)) for i in main_items)]
    if place == "top":  # one line: its empty choice, “(none: a main item)”, says it all
        parent.help_text = ""
    return form


def _add_forms(meeting, main_items, bound=None, bound_place=None):
    """Both forms to add an item; `bound` (with its errors) in the place it was sent from."""
    return {
        f"add_form_{place}": bound
        if place == bound_place
        else _add_form(meeting, place, main_items=main_items)
        for place in ADD_PREFIXES
    }


def _mark_moves(item, index, count, has_children):
    """Which of the move buttons can do something for `item`, the index-th of `count`
    siblings: the others are shown disabled (the server refuses them all the same)."""
    item.can_move_up = index > 0
    item.can_move_down = index < count - 1
    item.can_indent = item.parent_id is None and index > 0 and not has_children


def _marked(item):
    """`item` with its moves marked, for a row drawn on its own (after an inline edit)."""
    siblings = list(item.siblings().order_by("position").values_list("pk", flat=True))
    has_children = item.parent_id is None and item.children.exists()
    _mark_moves(item, siblings.index(item.pk), len(siblings), has_children)
    return item


def _agenda_context(request, meeting, add_errors=(None, None), **extra):
    meeting_papers = contents.assemble(meeting, request.user)
    tree, entries = [], {}
    for entry in meeting_papers.items:
        if entry.item.parent_id is None:
            entries[entry.item.pk] = (entry, [])
            tree.append(entries[entry.item.pk])
        else:
            entries[entry.item.parent_id][1].append(entry)
    for index, (entry, children) in enumerate(tree):
        _mark_moves(entry.item, index, len(tree), has_children=bool(children))
        for child_index, child in enumerate(children):
            _mark_moves(child.item, child_index, len(children), has_children=False)
    context = {
        "meeting": meeting,
        "tree": tree,
        # The motions outside the agenda's items, listed apart after them.
        "apart": meeting_papers.apart,
        "section": "agenda",
        **_add_forms(meeting, [entry.item for entry, _children in tree], *add_errors),
    }
    context.update(extra)
    return context


def _agenda(request, meeting, status_message=None, **extra):
    """The agenda builder: the page, or for htmx the whole agenda fragment (numbers change
    everywhere when one item moves)."""
    response = page_or_fragment(
        request, AGENDA, "agenda", _agenda_context(request, meeting, **extra)
    )
    if status_message and request.htmx:
        announce(response, status_message)
    return response


@secretariat_required
@require_GET
def agenda(request, pk):
    return _agenda(request, meeting_or_404(request, pk))


@secretariat_required
@require_POST
def agenda_add(request, pk):
    meeting = meeting_or_404(request, pk)
    place = "top" if request.POST.get("place") == "top" else "bottom"
    form = _add_form(meeting, place, request.POST)
    if form.is_valid():
        try:
            item = form.add()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message = _("Item %(number)s “%(title)s” is added.") % {
                "number": item.number,
                "title": item.title,
            }
            if not request.htmx:
                messages.success(request, message)
                return redirect("workspace:agenda", meeting.pk)
            return _agenda(request, meeting, message)
    return _agenda(request, meeting, add_errors=(form, place))


def _order_from(post):
    """[(item pk, parent pk or None)] from the dragged order: parallel `item` and `parent`."""
    items, parents = post.getlist("item"), post.getlist("parent")
    if not items or len(items) != len(parents):
        raise ValidationError(_("The new order is incomplete."))
    try:
        return [(int(i), int(p) if p else None) for i, p in zip(items, parents, strict=True)]
    except ValueError as error:
        raise ValidationError(_("The new order is not readable.")) from error


@secretariat_required
@require_POST
def agenda_reorder(request, pk):
    meeting = meeting_or_404(request, pk)
    try:
        meeting.reorder_agenda(_order_from(request.POST))
    except ValidationError as error:
        return _agenda(request, meeting, agenda_errors=error.messages)
    if not request.htmx:
        messages.success(request, _("The new order of the agenda is saved."))
        return redirect("workspace:agenda", meeting.pk)
    return _agenda(request, meeting, _("The new order of the agenda is saved."))


MOVES = {
    "up": AgendaItem.move_up,
    "down": AgendaItem.move_down,
    "indent": AgendaItem.indent,
    "outdent": AgendaItem.outdent,
}


@secretariat_required
@require_POST
def item_move(request, pk):
    item = _item_or_404(request, pk)
    move = MOVES.get(request.POST.get("direction"))
    if move is None:
        return _agenda(request, item.meeting, agenda_errors=[_("Unknown move.")])
    try:
        move(item)
    except ValidationError as error:
        # Said once: in the alert above the agenda (role="alert"), not in the status line too.
        return _agenda(request, item.meeting, agenda_errors=error.messages)
    item = _item_or_404(request, pk)
    message = _("“%(title)s” is now item %(number)s.") % {
        "title": item.title,
        "number": item.number,
    }
    if not request.htmx:
        messages.success(request, message)
        return redirect("workspace:agenda", item.meeting_id)
    return _agenda(request, item.meeting, message)


def proposals_context(request, item, **extra):
    """The motions and amendments under `item` in their order, for the list on the item's
    page where they are reordered and deleted. `shown` is the order as the page shows it:
    moves send it back, so a move made on an outdated list is refused."""
    proposals = list(
        Proposal.objects.visible_to(request.user).filter(agenda_item=item).order_by("position")
    )
    return {
        "item": item,
        "meeting": item.meeting,
        "proposals": proposals,
        "shown": ",".join(str(p.pk) for p in proposals),
        "can_edit": True,
        **extra,
    }


def item_page(request, item, form=None, status=200, **extra):
    meeting_papers = contents.assemble(item.meeting, request.user)
    entry = next(e for e in meeting_papers.items if e.item.pk == item.pk)
    context = {
        **proposals_context(request, item, **extra),
        "entry": entry,
        "form": form or AgendaItemForm(instance=item, prefix=f"item-{item.pk}"),
        "section": "agenda",
        "history": history.entries((AgendaItem.history.filter(id=item.pk), lambda r: _("item"))),
    }
    return render(request, "workspace/item.html", context, status=status)


@secretariat_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    """Inline in the agenda for htmx (the row turns into a form and back); otherwise the item's
    own page with its history."""
    item = _item_or_404(request, pk)
    form = AgendaItemForm(posted(request), instance=item, prefix=f"item-{item.pk}")
    if request.method == "POST" and form.is_valid() and form.save_checked():
        message = _("Item %(number)s is saved.") % {"number": item.number}
        if not request.htmx:
            messages.success(request, message)
            return redirect("workspace:item", item.pk)
        context = {"item": _marked(item), "meeting": item.meeting}
        return announce(render(request, f"{AGENDA}#item-row", context), message)
    if request.htmx:
        return render(request, f"{AGENDA}#item-form", {"item": item, "form": form, "inline": True})
    return item_page(request, item, form)


@secretariat_required
@require_GET
def item_row(request, pk):
    """The item's row in the agenda, to put back when an inline edit is cancelled."""
    item = _item_or_404(request, pk)
    return render(request, f"{AGENDA}#item-row", {"item": _marked(item), "meeting": item.meeting})


@secretariat_required
@require_http_methods(["GET", "POST"])
def item_delete(request, pk):
    """Asks what to do with what the item holds; never drops it silently."""
    item = _item_or_404(request, pk)
    meeting = item.meeting
    form = DeleteItemForm(posted(request), item=item, prefix=f"delete-{item.pk}")
    if request.method == "POST" and form.is_valid() and form.delete():
        builds.papers_withdrawn(meeting)
        message = _("Item “%(title)s” is deleted.") % {"title": item.title}
        if not request.htmx:
            messages.success(request, message)
            return redirect("workspace:agenda", meeting.pk)
        return _agenda(request, meeting, message)
    context = {"item": item, "form": form, "meeting": meeting, "section": "agenda"}
    if request.htmx:
        response = render(request, "workspace/item_delete.html#delete-form", context)
        # The confirmation replaces the item's row; the deletion itself redraws the agenda.
        return reswap(retarget(response, f"#item-row-{item.pk}"), "outerHTML")
    return render(request, "workspace/item_delete.html", {**context, "can_edit": True})
