"""Resolutions: create one under an agenda item; edit its title, and per version the intro,
the numbered clauses and the explanation in place; make a new version from the current one;
publish a version; compare any two versions word by word."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agenda.models import AgendaItem, Clause, Resolution, ResolutionSubmitter, ResolutionVersion
from alv import textdiff
from alv.access import secretariat_required
from alv.confirmation import Unconfirmed, confirmed, require_confirmation
from book import builds
from motions.models import Amendment
from workspace import history
from workspace.forms import (
    VERSION_FIELDS,
    ClauseForm,
    NewClauseForm,
    NewResolutionForm,
    NewVersionForm,
    ResolutionForm,
    ResolutionSubmittersForm,
    VersionDiffForm,
    version_text_form,
)
from workspace.views.common import announce, meeting_or_404, page_or_fragment, posted

PAGE = "workspace/resolution.html"


def _resolution_or_404(request, pk):
    resolution = get_object_or_404(
        Resolution.objects.select_related("agenda_item__parent", "agenda_item__meeting"), pk=pk
    )
    meeting_or_404(request, resolution.agenda_item.meeting_id)
    return resolution


def _version_or_404(request, pk):
    version = get_object_or_404(
        ResolutionVersion.objects.select_related("resolution__agenda_item__meeting"), pk=pk
    )
    meeting_or_404(request, version.resolution.agenda_item.meeting_id)
    return version


def _clause_or_404(request, pk):
    clause = get_object_or_404(
        Clause.objects.select_related("version__resolution__agenda_item__meeting"), pk=pk
    )
    meeting_or_404(request, clause.version.resolution.agenda_item.meeting_id)
    return clause


@secretariat_required
@require_http_methods(["GET", "POST"])
def resolution_new(request, item_pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting", "parent"), pk=item_pk)
    meeting = meeting_or_404(request, item.meeting_id)
    form = NewResolutionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        resolution = Resolution.start(
            item, form.cleaned_data["title"], label=form.cleaned_data["label"]
        )
        messages.success(request, _("The resolution is created. Now add its clauses."))
        return redirect("workspace:resolution", resolution.pk)
    context = {"meeting": meeting, "item": item, "form": form, "section": "agenda"}
    return render(request, "workspace/resolution_new.html", {**context, "can_edit": True})


def _page_context(request, resolution, version=None, **extra):
    versions = list(
        resolution.versions.order_by("number").prefetch_related(
            Prefetch("clauses", queryset=Clause.objects.order_by("position"))
        )
    )
    if version is None:
        wanted = request.GET.get("version")
        version = next((v for v in versions if str(v.number) == wanted), None)
        version = version or next(
            (v for v in versions if v.pk == resolution.current_version_id),
            versions[-1] if versions else None,
        )
    else:
        version = next(v for v in versions if v.pk == version.pk)
    numbers = {v.pk: v.number for v in versions}
    text_forms = extra.pop("text_forms", {})
    context = {
        "meeting": resolution.agenda_item.meeting,
        "resolution": resolution,
        "versions": versions,
        "version": version,
        "section": "agenda",
        "amendments": Amendment.objects.filter(resolution_version__resolution=resolution)
        .select_related("resolution_version", "target_clause")
        .order_by("resolution_version__number", "position"),
        "new_clause_form": NewClauseForm(prefix="clause"),
        "new_version_form": NewVersionForm(prefix="version"),
        "version_texts": [
            _version_text(version, field, text_forms.get(field)) for field in ("label", "intro")
        ]
        if version
        else [],
        "explanation": _version_text(version, "explanation", text_forms.get("explanation"))
        if version
        else None,
        # Only a whole page shows the history: fragments do not compute it.
        "history": SimpleLazyObject(lambda: _history(resolution, numbers)),
        **_submitters_context(resolution, extra.pop("submitters_form", None)),
    }
    context.update(extra)
    return context


def _version_text(version, field, form=None):
    return {
        "version": version,
        "field": field,
        "label": ResolutionVersion._meta.get_field(field).verbose_name,
        "value": getattr(version, field),
        "form": form,
    }


def _history(resolution, numbers):
    return history.entries(
        (Resolution.history.filter(id=resolution.pk), lambda r: _("resolution")),
        (
            ResolutionSubmitter.history.filter(resolution_id=resolution.pk).select_related(
                "member"
            ),
            lambda r: (
                _("submitter %(name)s") % {"name": r.name or (r.member.name if r.member else "?")}
            ),
        ),
        (
            ResolutionVersion.history.filter(resolution_id=resolution.pk),
            lambda r: _("version %(number)s") % {"number": r.number},
        ),
        (
            Clause.history.filter(version_id__in=numbers),
            lambda r: (
                _("clause %(clause)s of version %(version)s")
                % {"clause": r.position, "version": numbers.get(r.version_id, "?")}
            ),
        ),
    )


@secretariat_required
@require_GET
def resolution(request, pk):
    resolution = _resolution_or_404(request, pk)
    return render(request, PAGE, {**_page_context(request, resolution), "can_edit": True})


@secretariat_required
@require_http_methods(["GET", "POST"])
def resolution_edit(request, pk):
    """The title, edited in place (htmx) or on the resolution's page."""
    resolution = _resolution_or_404(request, pk)
    form = ResolutionForm(posted(request), instance=resolution, prefix="resolution")
    if request.method == "POST" and form.is_valid() and form.save_checked():
        if not request.htmx:
            messages.success(request, _("The resolution is saved."))
            return redirect("workspace:resolution", resolution.pk)
        response = render(request, f"{PAGE}#title", {"resolution": resolution})
        return announce(response, _("The resolution is saved."))
    if request.htmx and (request.method == "POST" or request.GET.get("cancel") is None):
        return render(request, f"{PAGE}#title-form", {"resolution": resolution, "form": form})
    if request.htmx:
        return render(request, f"{PAGE}#title", {"resolution": resolution})
    context = _page_context(request, resolution, title_form=form)
    return render(request, PAGE, {**context, "can_edit": True})


def _submitters_context(resolution, form=None):
    names = [
        s.shown_name
        for s in resolution.resolutionsubmitter_set.select_related("member").order_by("position")
    ]
    return {"resolution": resolution, "submitter_names": names, "submitters_form": form}


@secretariat_required
@require_http_methods(["GET", "POST"])
def resolution_submitters(request, pk):
    """Who submits the resolution: the board, or members chosen with the type-ahead picker;
    edited in place (htmx) or on the resolution's page."""
    resolution = _resolution_or_404(request, pk)
    form = ResolutionSubmittersForm(posted(request), instance=resolution, prefix="submitters")
    if request.method == "POST" and form.is_valid():
        try:
            saved = form.save_with_submitters()
        except ValidationError as error:
            form.add_error(None, error)
            saved = False
        if saved:
            message = _("The submitters of the resolution are saved.")
            if not request.htmx:
                messages.success(request, message)
                return redirect("workspace:resolution", resolution.pk)
            response = render(request, f"{PAGE}#submitters", _submitters_context(resolution))
            return announce(response, message)
    if request.htmx and (request.method == "POST" or request.GET.get("cancel") is None):
        return render(request, f"{PAGE}#submitters", _submitters_context(resolution, form))
    if request.htmx:
        return render(request, f"{PAGE}#submitters", _submitters_context(resolution))
    context = _page_context(request, resolution, submitters_form=form)
    return render(request, PAGE, {**context, "can_edit": True})


@secretariat_required
@require_http_methods(["GET", "POST"])
def version_text(request, pk, field):
    """The label, intro or explanation of a draft version, edited in place."""
    if field not in VERSION_FIELDS:
        raise Http404
    version = _version_or_404(request, pk)
    form = version_text_form(field)(posted(request), instance=version, prefix=f"v{version.pk}")
    context = {**_version_text(version, field, form), "can_edit": True}
    if request.method == "POST" and form.is_valid() and form.save_checked():
        if not request.htmx:
            messages.success(request, _("The version is saved."))
            return _back_to(version)
        context = {**_version_text(version, field), "can_edit": True}
        response = render(request, f"{PAGE}#version-text", context)
        return announce(response, _("The version is saved."))
    if request.htmx and (request.method == "POST" or request.GET.get("cancel") is None):
        return render(request, f"{PAGE}#version-text-form", context)
    if request.htmx:
        return render(request, f"{PAGE}#version-text", {**context, "form": None})
    page = _page_context(request, version.resolution, version, text_forms={field: form})
    return render(request, PAGE, {**page, "can_edit": True})


def _back_to(version):
    url = reverse("workspace:resolution", args=[version.resolution_id])
    return redirect(f"{url}?version={version.number}")


def _clauses(request, version, status_message=None, status=200, **extra):
    """The clause list of a version: the page, or for htmx only the list (numbers change).
    `status_message` says what was done; a refusal (`clause_errors`, or `refusal` in the
    confirmation it opens) is said once, in its alert, not in the status line too."""
    context = _page_context(request, version.resolution, version, **extra)
    response = page_or_fragment(request, PAGE, "clauses", context, status=status)
    if status_message and request.htmx:
        announce(response, status_message)
    return response


@secretariat_required
@require_POST
def clause_add(request, pk):
    version = _version_or_404(request, pk)
    form = NewClauseForm(request.POST, prefix="clause")
    if form.is_valid():
        try:
            clause = version.add_clause(form.cleaned_data["text"])
        except ValidationError as error:
            return _clauses(request, version, clause_errors=error.messages)
        else:
            message = _("Clause %(number)s is added.") % {"number": clause.number}
            if not request.htmx:
                messages.success(request, message)
                return _back_to(version)
            return _clauses(request, version, message)
    return _clauses(request, version, new_clause_form=form)


def _marked(clause):
    """`clause` with its moves marked, for a row drawn on its own (after an inline edit): the
    first's Up and the last's Down are shown disabled, as in the list."""
    pks = list(clause.version.clauses.order_by("position").values_list("pk", flat=True))
    index = pks.index(clause.pk)
    clause.can_move_up, clause.can_move_down = index > 0, index < len(pks) - 1
    return clause


@secretariat_required
@require_http_methods(["GET", "POST"])
def clause_edit(request, pk):
    clause = _clause_or_404(request, pk)
    form = ClauseForm(posted(request), instance=clause, prefix=f"clause-{clause.pk}")
    context = {"clause": clause, "version": clause.version, "form": form, "can_edit": True}
    if request.method == "POST" and form.is_valid() and form.save_checked():
        message = _("Clause %(number)s is saved.") % {"number": clause.number}
        if not request.htmx:
            messages.success(request, message)
            return _back_to(clause.version)
        row = render(request, f"{PAGE}#clause", {**context, "clause": _marked(clause)})
        return announce(row, message)
    if request.htmx and (request.method == "POST" or request.GET.get("cancel") is None):
        return render(request, f"{PAGE}#clause-form", context)
    if request.htmx:
        return render(request, f"{PAGE}#clause", {**context, "clause": _marked(clause)})
    page = _page_context(request, clause.version.resolution, clause.version, clause_form=form)
    return render(request, PAGE, {**page, "can_edit": True})


@secretariat_required
@require_POST
def clause_move(request, pk):
    clause = _clause_or_404(request, pk)
    version = clause.version
    step = {"up": -1, "down": 1}.get(request.POST.get("direction"))
    try:
        if step is None:
            raise ValidationError(_("Unknown move."))
        version.move_clause(clause, step)
    except ValidationError as error:
        return _clauses(request, version, clause_errors=error.messages)
    clause.refresh_from_db()
    message = _("The clause is now number %(number)s.") % {"number": clause.number}
    if not request.htmx:
        messages.success(request, message)
        return _back_to(version)
    return _clauses(request, version, message)


@secretariat_required
@require_POST
def clauses_reorder(request, pk):
    version = _version_or_404(request, pk)
    try:
        if any(request.POST.getlist("parent")):
            raise ValidationError(_("Clauses have no sub-clauses."))
        try:
            pks = [int(value) for value in request.POST.getlist("item")]
        except ValueError as error:
            raise ValidationError(_("The new order is not readable.")) from error
        version.reorder_clauses(pks)
    except ValidationError as error:
        return _clauses(request, version, clause_errors=error.messages)
    message = _("The new order of the clauses is saved.")
    if not request.htmx:
        messages.success(request, message)
        return _back_to(version)
    return _clauses(request, version, message)


@secretariat_required
@require_POST
def clause_delete(request, pk):
    """Delete a clause of a draft version, once confirmed: the page asks first."""
    clause = _clause_or_404(request, pk)
    version = clause.version
    try:
        require_confirmation(
            request,
            _("Nothing was deleted: confirm first that clause %(number)s is to be deleted.")
            % {"number": clause.number},
        )
        version.remove_clause(clause)
    except Unconfirmed as refusal:
        # The list again, with this clause's confirmation open and the refusal in it.
        status = 200 if request.htmx else 400  # htmx swaps a 200 only
        context = {"confirming": clause.pk, "refusal": refusal.messages[0]}
        return _clauses(request, version, status=status, **context)
    except ValidationError as error:
        return _clauses(request, version, clause_errors=error.messages)
    message = _("Clause %(number)s is deleted.") % {"number": clause.position}
    if not request.htmx:
        messages.success(request, message)
        return _back_to(version)
    return _clauses(request, version, message)


@secretariat_required
@require_http_methods(["GET", "HEAD", "POST"])
def version_new(request, pk):
    resolution = _resolution_or_404(request, pk)
    if request.method != "POST":
        # A GET makes nothing (a bookmark, an address typed again): to the resolution's page.
        return redirect("workspace:resolution", resolution.pk)
    form = NewVersionForm(request.POST, prefix="version")
    if not form.is_valid():
        context = _page_context(request, resolution, new_version_form=form)
        return render(request, PAGE, {**context, "can_edit": True})
    version = resolution.new_version(label=form.cleaned_data["label"])
    messages.success(
        request,
        _("Version %(number)s is made from the current version; it is a draft until published.")
        % {"number": version.number},
    )
    return _back_to(version)


@secretariat_required
@require_http_methods(["GET", "HEAD", "POST"])
def version_state(request, pk):
    """Publish (a version with text), unpublish (once confirmed) or make current: the actions
    on a whole version. A refusal leaves this address in the browser: a GET of it changes
    nothing and goes to the version on the resolution's page."""
    version = _version_or_404(request, pk)
    if request.method != "POST":
        return _back_to(version)
    action = request.POST.get("action")
    if action == "unpublish" and not confirmed(request):
        # Members lose the version at once: the page asks first. Back to it with the
        # confirmation open, saying why nothing happened.
        refusal = _(
            "The version is still published: read what making it a draft again does, "
            "then confirm it."
        )
        context = _page_context(
            request, version.resolution, version, confirming="unpublish", refusal=refusal
        )
        return render(request, PAGE, {**context, "can_edit": True}, status=400)
    if action == "publish":
        try:
            version.publish()
        except ValidationError as error:
            # Said at the button that was pressed; the version stays a draft.
            refusal = error.messages[0]
            context = _page_context(request, version.resolution, version, publish_refusal=refusal)
            return render(request, PAGE, {**context, "can_edit": True}, status=400)
        messages.success(request, _("The version is published."))
    elif action == "unpublish":
        version.unpublish()
        builds.papers_withdrawn(version.resolution.agenda_item.meeting)
        messages.success(request, _("The version is a draft again."))
    elif action == "current":
        version.resolution.make_current(version)
        messages.success(request, _("This is now the current version."))
    else:
        messages.error(request, _("Unknown action."))
    return _back_to(version)


@secretariat_required
@require_GET
def resolution_diff(request, pk):
    """What changed between two versions: inserted and deleted words marked."""
    resolution = _resolution_or_404(request, pk)
    versions = list(
        resolution.versions.order_by("number").prefetch_related(
            Prefetch("clauses", queryset=Clause.objects.order_by("position"))
        )
    )
    by_number = {v.number: v for v in versions}
    current = next((v for v in versions if v.pk == resolution.current_version_id), None)
    new = current or (versions[-1] if versions else None)
    old = next((v for v in reversed(versions) if new and v.number < new.number), new)
    initial = {"old": old.number if old else None, "new": new.number if new else None}
    form = VersionDiffForm(request.GET or initial, versions=versions)
    comparison = None
    if form.is_valid():
        old, new = by_number[form.cleaned_data["old"]], by_number[form.cleaned_data["new"]]
        ratio = textdiff.MOSTLY_REWRITTEN
        comparison = {
            "old": old,
            "new": new,
            "label": textdiff.word_diff(old.label, new.label, rewrite_ratio=ratio),
            "intro": textdiff.word_diff(old.intro, new.intro, rewrite_ratio=ratio),
            "clauses": textdiff.clause_diff(
                [c.text for c in old.clauses.all()],
                [c.text for c in new.clauses.all()],
                rewrite_ratio=ratio,
            ),
            "explanation": textdiff.word_diff(
                old.explanation, new.explanation, rewrite_ratio=ratio
            ),
        }
    context = {
        "meeting": resolution.agenda_item.meeting,
        "resolution": resolution,
        "form": form,
        "comparison": comparison,
        "section": "agenda",
    }
    return page_or_fragment(request, "workspace/resolution_diff.html", "diff", context)
