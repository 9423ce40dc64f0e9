"""The secretariat's intake of motions that members submitted online: a queue per meeting,
filtered by state, and per motion the actions accept (a draft motion of the papers under its
agenda item), return for changes, or not admissible. Drafts never reach it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Prefetch, Q
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

# An invited co-submitter that has not answered, or accepted an earlier text (asked again).
WAITING = Q(co_submitters__answer=CoSubmitter.Answer.INVITED) | (
    Q(co_submitters__answer=CoSubmitter.Answer.ACCEPTED)
    & ~Q(co_submitters__accepted_text_revision=F("text_revision"))
)

FILTERS = {
    "new": Q(state=Submission.State.SUBMITTED),
    "waiting": Q(state=Submission.State.SUBMITTED) & WAITING,
    "late": Q(is_late=True),
    "returned": Q(state=Submission.State.RETURNED),
    "accepted": Q(state=Submission.State.ACCEPTED),
    "not_admissible": Q(state=Submission.State.NOT_ADMISSIBLE),
    "merged": Q(state=Submission.State.MERGED),
    "withdrawn": Q(state=Submission.State.WITHDRAWN),
}


def _queue():
    return (
        Submission.objects.for_intake()
        .select_related(
            "member", "agenda_item__parent", "meeting", "submitted_by", "motion", "amendment"
        )
        .select_related("resolution_version__resolution", "target_clause", "merged_into__member")
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
        # A filter over co-submitters can match a submission more than once.
        submissions = submissions.filter(
            pk__in=Submission.objects.filter(FILTERS[chosen]).values("pk")
        )
    else:
        chosen = ""
    labels = {
        "": _("all"),
        "new": _("new"),
        "waiting": _("waiting for co-submitters"),
        "late": _("late"),
        "returned": _("returned"),
        "accepted": _("accepted"),
        "not_admissible": _("not admissible"),
        "merged": _("merged"),
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
        submission=submission,
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
                    proposal = submission.accept(revision, request.user)
                elif action == "return":
                    submission.return_for_changes(revision, request.user, message)
                elif action == "merge":
                    target = form.cleaned_data["merge_into"]
                    joining = submission.merge_into(revision, request.user, target, message)
                    # The target's submitters hear who joined them.
                    for member in joining:
                        send_notice.enqueue(
                            target.pk, "joined", base_url(request), member_id=member.pk
                        )
                else:
                    submission.declare_not_admissible(revision, request.user, message)
                # Every action tells the submitters, by the worker: queued with the change.
                kind = {"accept": "accepted", "return": "returned", "merge": "merged"}.get(
                    action, action
                )
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
                        "Accepted: it is a draft under agenda item %(number)s. Publish it with "
                        "the papers or a later mailing."
                    )
                    % {"number": proposal.agenda_item.number},
                )
                return redirect(reverse("workspace:proposal", args=[proposal.pk]))
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
