"""The secretariat's intake of motions that members submitted online: a queue per meeting,
filtered by state, and per motion the actions accept (a draft motion of the papers under its
agenda item), return for changes, or not admissible. Drafts never reach it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alv.access import secretariat_required
from alv.models import StaleRevision
from members.views import base_url
from submissions.forms import IntakeForm
from submissions.models import CoSubmitter, Submission
from submissions.tasks import send_notice
from workspace.views.common import meeting_or_404

FILTERS = {
    "new": {"state": Submission.State.SUBMITTED},
    "late": {"is_late": True},
    "returned": {"state": Submission.State.RETURNED},
    "accepted": {"state": Submission.State.ACCEPTED},
    "not_admissible": {"state": Submission.State.NOT_ADMISSIBLE},
    "withdrawn": {"state": Submission.State.WITHDRAWN},
}


def _queue():
    return (
        Submission.objects.for_intake()
        .select_related("member", "agenda_item__parent", "meeting", "submitted_by", "motion")
        .prefetch_related(
            Prefetch("co_submitters", queryset=CoSubmitter.objects.select_related("member"))
        )
    )


@secretariat_required
@require_http_methods(["GET"])
def intake(request, pk):
    meeting = meeting_or_404(request, pk)
    chosen = request.GET.get("filter", "")
    submissions = _queue().filter(meeting=meeting)
    if chosen in FILTERS:
        submissions = submissions.filter(**FILTERS[chosen])
    else:
        chosen = ""
    labels = {
        "": _("all"),
        "new": _("new"),
        "late": _("late"),
        "returned": _("returned"),
        "accepted": _("accepted"),
        "not_admissible": _("not admissible"),
        "withdrawn": _("withdrawn"),
    }
    return render(
        request,
        "workspace/intake.html",
        {
            "meeting": meeting,
            "submissions": list(submissions.order_by("submitted_at", "pk")),
            "filters": labels.items(),
            "chosen": chosen,
            "section": "intake",
            "can_edit": True,
        },
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def intake_submission(request, pk):
    submission = get_object_or_404(_queue(), pk=pk)
    form = IntakeForm(
        request.POST if request.method == "POST" else None,
        initial={"revision": submission.revision},
    )
    status = 200
    if request.method == "POST" and not form.is_valid():
        status = 400
        if "revision" in form.errors or "action" in form.errors:
            form.add_error(None, _("This form is incomplete. Reload the page."))
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        revision = form.cleaned_data["revision"]
        message = form.cleaned_data["message"]
        try:
            with transaction.atomic():
                if action == "accept":
                    motion = submission.accept(revision, request.user)
                elif action == "return":
                    submission.return_for_changes(revision, request.user, message)
                else:
                    submission.declare_not_admissible(revision, request.user, message)
                # Every action tells the submitters, by the worker: queued with the change.
                kind = {"accept": "accepted", "return": "returned"}.get(action, action)
                send_notice.enqueue(submission.pk, kind, base_url(request))
        except StaleRevision:
            messages.error(
                request,
                _("Someone else handled this motion while you were reading it; see its state."),
            )
            return redirect("workspace:intake_submission", submission.pk)
        except ValidationError as refused:
            if hasattr(refused, "error_dict"):
                for field, errors in refused.error_dict.items():
                    for error in errors:
                        form.add_error(field, error)
            else:
                form.add_error(None, refused)
            status = 400
        else:
            if action == "accept":
                messages.success(
                    request,
                    _(
                        "Accepted: the motion is a draft under agenda item %(number)s. Publish "
                        "it with the papers or a later mailing."
                    )
                    % {"number": motion.agenda_item.number},
                )
                return redirect(reverse("workspace:proposal", args=[motion.pk]))
            messages.success(request, _("The submitters can read your message with the motion."))
            return redirect(
                reverse("workspace:intake", args=[submission.meeting_id]) + "?filter=new"
            )
    return render(
        request,
        "workspace/intake_submission.html",
        {
            "meeting": submission.meeting,
            "submission": submission,
            "form": form,
            "section": "intake",
            "can_edit": True,
        },
        status=status,
    )
