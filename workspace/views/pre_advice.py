"""The pre-advice overview of a meeting: one table of all motions, amendments and follow-ups,
grouped by agenda item, where the secretariat edits pre-advice, rationale and status in place
and the board settles the pre-advice. Filters live in the query string."""

from collections import Counter
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alv import freshness, pagecache, roles
from alv.access import board_required, secretariat_required
from alv.models import Association, StaleRevision
from motions.models import Amendment, FollowUp, Motion, PreAdvice, Proposal
from papers import contents
from workspace.access import can_settle, settle_required, settles_by_archive
from workspace.forms import PreAdviceFilterForm, PreAdviceRowForm
from workspace.views.common import announce, meeting_or_404, page_or_fragment, posted

PAGE = "workspace/pre_advice.html"
BOARD_WAITING = "workspace/_board_waiting.html"


# A rationale longer than this shows its first part, the rest behind "Read more".
FOLD_AT = 140


def folded(text):
    """The first part of a long text, cut between words and ending in an ellipsis; None when
    the text is short enough to show whole (a fold that hides a few words helps no one)."""
    text = (text or "").strip()
    if len(text) <= FOLD_AT * 1.25:
        return None
    short = text[:FOLD_AT].split("\n\n")[0]
    if len(short) == FOLD_AT and " " in short:
        short = short.rsplit(" ", 1)[0]
    return short.rstrip(" ,;:.\n") + "…"


@dataclass
class Row:
    """One line of the table: a motion or amendment, or a motion under follow-up."""

    subject: object
    number: str
    # An earlier row with the same long rationale word for word (7.1 for 7.2 and 7.3, where
    # one rationale answers several motions): the table points to it, the text stays folded.
    same_as: "Row | None" = None

    @property
    def is_follow_up(self):
        return isinstance(self.subject, FollowUp)

    @property
    def key(self):
        return f"{'follow-up' if self.is_follow_up else 'proposal'}-{self.subject.pk}"

    @property
    def advice(self):
        # Prefetched by the visibility querysets; missing when there is none yet.
        return getattr(self.subject, "pre_advice", None)

    @property
    def name(self):
        return self.subject.motion.display_name if self.is_follow_up else self.subject.display_name

    @property
    def submitters(self):
        names = (
            self.subject.motion.submitter_names
            if self.is_follow_up
            else self.subject.submitter_names
        )
        return ", ".join(names)

    @property
    def status(self):
        if self.is_follow_up:
            return self.subject.get_proposed_decision_display()
        return self.subject.get_status_display()

    @property
    def link(self):
        motion = self.subject.motion if self.is_follow_up else self.subject
        return reverse("workspace:proposal", args=[motion.pk])

    @property
    def rationale(self):
        return self.advice.rationale.strip() if self.advice else ""

    @property
    def part_reasons(self):
        """The short reasons of the advice per part, (label, reasons), as the board reads them
        before it settles them."""
        if not self.advice:
            return []
        return [
            (part.label, part.rationale) for part in self.advice.reading().parts if part.rationale
        ]

    @property
    def rationale_start(self):
        return folded(self.rationale)

    @property
    def edit_url(self):
        kind = "follow_up" if self.is_follow_up else "proposal"
        return reverse("workspace:pre_advice_row", args=[kind, self.subject.pk])


def _rows_of(entry):
    """The rows of one agenda item, numbered within it: 8b.1, 8b.2, ..."""
    subjects = [*entry.proposals, *entry.follow_ups]
    return [Row(s, f"{entry.item.number}.{n}") for n, s in enumerate(subjects, start=1)]


def _overview(request, meeting):
    meeting_papers = contents.assemble(meeting, request.user)
    items = [entry.item for entry in meeting_papers.items]
    filters = PreAdviceFilterForm(request.GET or None, items=items)
    groups, counts = [], Counter()
    for entry in meeting_papers.items:
        rows = _rows_of(entry)
        for row in rows:
            counts[row.advice.value if row.advice else PreAdviceFilterForm.NO_ADVICE] += 1
        if not filters.keeps_item(entry.item):
            continue
        shown = [row for row in rows if filters.keeps(row.advice)]
        if shown:
            groups.append((entry.item, shown))
    # The motions outside the agenda's items: a group of their own, after the items.
    apart = [Row(proposal, proposal.number) for proposal in meeting_papers.apart]
    for row in apart:
        counts[row.advice.value if row.advice else PreAdviceFilterForm.NO_ADVICE] += 1
    outside = contents.OutsideTheAgenda()
    shown = [row for row in apart if filters.keeps(row.advice)]
    if shown and filters.keeps_item(outside):
        groups.append((outside, shown))
    _mark_repeated_rationales(row for _item, rows in groups for row in rows)
    value_counts = [
        (
            PreAdviceFilterForm.NO_ADVICE,
            _("no pre-advice yet"),
            counts[PreAdviceFilterForm.NO_ADVICE],
        )
    ] + [(value, label, counts[value]) for value, label in PreAdvice.Value.choices]
    return {
        "groups": groups,
        "filters": filters,
        "value_counts": value_counts,
        "total": sum(counts.values()),
        "shown": sum(len(rows) for _item, rows in groups),
        "board_waiting": _board_waiting(request, meeting_papers),
    }


def _board_waiting(request, meeting_papers):
    """For the board (templates/workspace/_board_waiting.html): the rows whose pre-advice
    waits for it to settle it, in the order of the papers. From the rows the page loads
    anyway, so it costs no query; None for whoever does not settle."""
    if not can_settle(request.user):
        return None
    rows = [row for entry in meeting_papers.items for row in _rows_of(entry)]
    rows += [Row(proposal, proposal.number) for proposal in meeting_papers.apart]
    return [row for row in rows if row.advice is not None and not row.advice.is_settled]


def _with_board_waiting(request, meeting_id, response):
    """An htmx answer that settled or reopened a pre-advice, with the board's list of what
    waits for it brought up to date (out of band)."""
    meeting = meeting_or_404(request, meeting_id)
    context = {
        "meeting": meeting,
        "board_waiting": _board_waiting(request, contents.assemble(meeting, request.user)),
        "oob": True,
    }
    response.content += render_to_string(BOARD_WAITING, context, request).encode()
    return response


def _mark_repeated_rationales(rows):
    first_with = {}
    for row in rows:
        if row.rationale_start is None:  # a short text is simply shown again
            continue
        first = first_with.setdefault(row.rationale, row)
        row.same_as = first if first is not row else None


@board_required
@require_GET
def overview(request, pk):
    """The table is rendered once for each state of the papers (their revision), role and
    filter, and kept in the papers' cache: the secretariat and the board open it over and over
    while few of them change it. The figures and rows are assembled only when it is rendered.
    What differs per reader, the CSRF token in the board's forms, is put in afterwards."""
    meeting = meeting_or_404(request, pk)
    may_edit, may_settle = roles.is_secretariat(request.user), can_settle(request.user, meeting)
    Association.current(request)  # the page needs it, and it reads the revision with it
    overview_key = ":".join(
        [
            str(meeting.pk),
            str(freshness.revision_for(request)),
            f"{may_edit:d}{may_settle:d}",
            get_language(),
            urlencode(sorted(request.GET.lists()), doseq=True),
        ]
    )
    context = {
        "meeting": meeting,
        "section": "pre_advice",
        "can_edit": may_edit,
        "can_settle": may_settle,
        "overview": SimpleLazyObject(lambda: _overview(request, meeting)),
        "overview_key": overview_key,
        "csrf_token": pagecache.placeholder("csrf"),
    }
    response = page_or_fragment(request, PAGE, "table", context)
    response.content = response.content.replace(
        pagecache.placeholder("csrf").encode(), get_token(request).encode()
    )
    return response


def _subject_or_404(request, kind, pk):
    """The motion or amendment (as its subtype, see Proposal), or the follow-up."""
    if kind == "follow_up":
        subject = get_object_or_404(FollowUp.objects.select_related("agenda_item"), pk=pk)
    elif kind == "proposal":
        proposal_kind = get_object_or_404(Proposal.objects.values_list("kind", flat=True), pk=pk)
        model = Motion if proposal_kind == Proposal.Kind.MOTION else Amendment
        subject = get_object_or_404(model.objects.select_related("agenda_item"), pk=pk)
    else:
        raise Http404
    meeting_or_404(request, subject.agenda_meeting_id)
    return subject


def _row(request, kind, pk):
    """The row as the overview shows it, in a few queries."""
    subject = _subject_or_404(request, kind, pk)
    item = subject.agenda_item
    if item is None:  # a motion outside the agenda: numbered apart (M1)
        fresh = Proposal.objects.visible_to(request.user).get(pk=pk)
        return Row(fresh, fresh.number), subject
    if kind == "follow_up":
        shown = FollowUp.objects.visible_to(request.user).select_related("agenda_item__parent")
        earlier = (
            item.proposals.count() + item.follow_ups.filter(position__lt=subject.position).count()
        )
    else:
        shown = Proposal.objects.visible_to(request.user).select_related("agenda_item__parent")
        earlier = item.proposals.filter(position__lt=subject.position).count()
    fresh = shown.get(pk=pk)
    return Row(fresh, f"{fresh.agenda_item.number}.{earlier + 1}"), subject


@secretariat_required
@require_http_methods(["GET", "POST"])
def row(request, kind, pk):
    """Edit one row in place (htmx), or on a page of its own."""
    line, subject = _row(request, kind, pk)
    form_id = f"pa-form-{line.key}"
    form = PreAdviceRowForm(
        posted(request), subject=subject, advice=line.advice, form_id=form_id, prefix=line.key
    )
    context = {"row": line, "form": form, "form_id": form_id, "can_edit": True}
    if request.method == "POST" and form.is_valid() and form.save():
        line, _subject = _row(request, kind, pk)
        message = _("The pre-advice on %(name)s is saved.") % {"name": line.name}
        if not request.htmx:
            messages.success(request, message)
            return redirect("workspace:pre_advice", subject.agenda_meeting_id)
        may_settle = can_settle(request.user, subject.agenda_meeting)
        context = {"row": line, "can_edit": True, "can_settle": may_settle}
        return announce(render(request, f"{PAGE}#row", context), message)
    if request.htmx and (request.method == "POST" or request.GET.get("cancel") is None):
        return render(request, f"{PAGE}#row-form", context)
    if request.htmx:
        may_settle = can_settle(request.user, subject.agenda_meeting)
        return render(request, f"{PAGE}#row", {**context, "can_settle": may_settle})
    meeting = meeting_or_404(request, subject.agenda_meeting_id)
    context.update({"meeting": meeting, "section": "pre_advice"})
    return render(request, "workspace/pre_advice_row.html", context)


@settle_required
@require_POST
def settle(request, pk):
    """The board settles (or reopens) the pre-advice it has seen: the row carries the revision
    it was shown with, so a value changed in the meantime is never settled unseen. The
    secretariat does so for an archive entry alone (workspace.access.can_settle)."""
    advice = get_object_or_404(PreAdvice, pk=pk)
    meeting = advice.meeting
    if not can_settle(request.user, meeting):
        raise PermissionDenied
    kind, subject_pk = (
        ("follow_up", advice.follow_up_id)
        if advice.follow_up_id
        else ("proposal", advice.proposal_id)
    )
    line, _subject = _row(request, kind, subject_pk)
    error = None
    try:
        expected = int(request.POST.get("revision", ""))
        if request.POST.get("action") == "reopen":
            advice.reopen(expected)
            message = _("The pre-advice on %(name)s is open for changes again.") % {
                "name": line.name
            }
        else:
            advice.settle(expected, by_secretariat=settles_by_archive(request.user, meeting))
            message = _("The pre-advice on %(name)s is settled.") % {"name": line.name}
    except ValueError:
        error = message = _("The pre-advice changed meanwhile; look at it again before settling.")
    except StaleRevision:
        error = message = _("The pre-advice changed meanwhile; look at it again before settling.")
    except ValidationError as refused:
        error = message = refused.messages[0]
    if not request.htmx:
        (messages.error if error else messages.success)(request, message)
        return redirect("workspace:pre_advice", line.subject.agenda_meeting_id)
    line, _subject = _row(request, kind, subject_pk)
    context = {
        "row": line,
        "row_error": error,
        "can_edit": roles.is_secretariat(request.user),
        "can_settle": True,
    }
    response = announce(render(request, f"{PAGE}#row", context), message)
    return _with_board_waiting(request, line.subject.agenda_meeting_id, response)
