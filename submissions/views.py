"""A member's online motions ("My municipality — motions"): drafting, co-submitters,
submitting and withdrawing. Every person of a member acts for it; each view fetches only what
the person's member leads or is invited to (`Submission.objects.visible_to`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alv import throttle
from alv.access import member_required, object_id
from alv.models import StaleRevision
from members.views import base_url
from motions.models import PreAdvice, Proposal
from submissions.forms import (
    AmendmentForm,
    BoardAnswerForm,
    InviteForm,
    SubmissionForm,
    SubmitForm,
    WordDraftForm,
)
from submissions.models import CoSubmitter, Submission, amendable_versions, open_meetings
from submissions.tasks import send_notice, send_receipt


def _member(request):
    """The member the person speaks for; a member's account without one may not act."""
    member = request.user.member if request.user.member_id else None
    if member is None:
        raise PermissionDenied
    return member


def _submission(request, pk):
    _member(request)
    return get_object_or_404(
        Submission.objects.visible_to(request.user).select_related(
            "meeting",
            "agenda_item",
            "member",
            "resolution_version__resolution",
            "target_clause",
        ),
        pk=pk,
    )


def _led(request, pk):
    """A submission the person's own member leads: only they change, submit or withdraw it."""
    submission = _submission(request, pk)
    if submission.member_id != request.user.member_id:
        raise PermissionDenied
    return submission


# How many drafts, invitations and submissions one member makes in an hour at the most: far
# above what an assembly sees, low enough that a script cannot flood the secretariat's queue.
HOURLY_LIMIT = 60


def _throttled(request, what):
    return not throttle.hit(
        ("submissions", what, request.user.member_id), limit=HOURLY_LIMIT, window=3600
    )


def _stale(request):
    messages.error(
        request,
        _(
            "A colleague changed this motion while you were working on it. Your change was "
            "not saved; this is the motion as it is now."
        ),
    )


@member_required
@require_GET
def submission_list(request):
    member = _member(request)
    mine = list(
        Submission.objects.filter(member=member)
        .select_related("meeting", "agenda_item", "motion", "amendment")
        .order_by("-meeting__starts_at", "-pk")
    )
    invitations = list(
        CoSubmitter.objects.filter(member=member)
        .exclude(submission__state=Submission.State.DRAFT, answer=CoSubmitter.Answer.DECLINED)
        .select_related("submission__member", "submission__meeting")
        .order_by("-submission__meeting__starts_at", "-pk")
    )
    # An accepted motion links to its page in the papers once members may read it there.
    proposal_ids = [s.motion_id or s.amendment_id for s in mine if s.motion_id or s.amendment_id]
    published = set(
        Proposal.objects.visible_to(request.user)
        .filter(pk__in=proposal_ids)
        .values_list("pk", flat=True)
    )
    for submission in mine:
        submission.in_the_papers = (submission.motion_id or submission.amendment_id) in published
    return render(
        request,
        "submissions/list.html",
        {
            "member": member,
            "mine": mine,
            "invitations": invitations,
            "can_start": open_meetings(request.user).exists(),
        },
    )


@member_required
@require_http_methods(["GET", "POST"])
def submission_new(request):
    """A new draft: typed in the form, or made from the association's Word template."""
    member = _member(request)
    initial = {}
    chosen = object_id(request.GET.get("item"))
    if chosen:
        initial["agenda_item"] = chosen
    from_word = request.method == "POST" and request.POST.get("source") == "word"
    posted = request.POST if request.method == "POST" and not from_word else None
    form = SubmissionForm(posted, user=request.user, initial=initial)
    word_form = WordDraftForm(
        request.POST if from_word else None,
        request.FILES if from_word else None,
        user=request.user,
        initial=initial,
        prefix="word",
    )
    if request.method == "POST" and _throttled(request, "draft"):
        return throttle.too_many(request)
    if from_word and word_form.is_valid():
        submission = _draft_from_word(request, member, word_form.cleaned_data)
        messages.success(
            request,
            _(
                "Your Word file is now a draft. Check the text, then invite co-submitters and submit."
            ),
        )
        return redirect(submission)
    if posted is not None and form.is_valid():
        submission = form.save(commit=False)
        submission.meeting = submission.agenda_item.meeting
        submission.member = member
        submission.created_by = request.user
        submission.save()
        messages.success(request, _("Your draft is saved. Invite co-submitters, then submit it."))
        return redirect(submission)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "submissions/edit.html",
        {"form": form, "word_form": word_form, "member": member},
        status=status,
    )


@member_required
@require_http_methods(["GET", "POST"])
def submission_new_amendment(request):
    """A new amendment: first the resolution (its current published text), then the change
    to one of its clauses."""
    member = _member(request)
    versions = amendable_versions(request.user)
    version = None
    chosen = object_id(request.GET.get("version"))
    if chosen:
        version = versions.filter(pk=chosen).first()
        if version is None:
            messages.error(request, _("That resolution cannot be amended (any more)."))
    if version is None:
        return render(
            request,
            "submissions/new_amendment.html",
            {"member": member, "versions": list(versions)},
        )
    posted = request.POST if request.method == "POST" else None
    initial = {}
    clause = object_id(request.GET.get("clause"))
    if clause:
        initial["target_clause"] = clause
    form = AmendmentForm(posted, version=version, initial=initial)
    if posted is not None and _throttled(request, "draft"):
        return throttle.too_many(request)
    if posted is not None and form.is_valid():
        submission = form.save(commit=False)
        submission.kind = Submission.Kind.AMENDMENT
        submission.resolution_version = version
        submission.agenda_item = version.resolution.agenda_item
        submission.meeting = submission.agenda_item.meeting
        submission.member = member
        submission.created_by = request.user
        submission.save()
        messages.success(
            request, _("Your draft amendment is saved. Invite co-submitters, then submit it.")
        )
        return redirect(submission)
    return render(
        request,
        "submissions/edit_amendment.html",
        {"form": form, "member": member, "version": version},
        status=400 if posted is not None else 200,
    )


def _draft_from_word(request, member, data):
    parsed, item = data["parsed"], data["agenda_item"]

    def lines(kind):
        return "\n".join(" ".join(text.split()) for k, text in parsed.parts if k == kind)

    return Submission.objects.create(
        meeting=item.meeting,
        agenda_item=item,
        member=member,
        created_by=request.user,
        title=(parsed.title or data["file"].name.rsplit(".", 1)[0])[:300],
        findings=lines("finding"),
        considerations=lines("consideration"),
        requests=lines("request"),
        explanation=parsed.explanation,
    )


@member_required
@require_http_methods(["GET", "POST"])
def submission_detail(request, pk):
    """The motion as its submitters see it; the lead member's people edit it while it is a
    draft or returned."""
    submission = _submission(request, pk)
    own = submission.member_id == request.user.member_id
    form = None
    if own and submission.is_editable:
        form = _text_form(request, submission, request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                fields = {
                    name: form.cleaned_data[name]
                    for name in form.Meta.fields
                    if name in form.cleaned_data
                }
                if submission.is_amendment:
                    fields["agenda_item"] = submission.resolution_version.resolution.agenda_item
                submission.change_text(form.cleaned_data["revision"] or 0, **fields)
            except StaleRevision:
                # The typed text stays in the form; the page below shows the motion as it is.
                _stale(request)
                submission = _submission(request, pk)
                form.data = form.data.copy()
                form.data["revision"] = submission.revision
                context = _detail_context(request, submission, form=form)
                return render(request, "submissions/detail.html", context, status=409)
            messages.success(request, _("Your draft is saved."))
            return redirect(submission)
    elif request.method == "POST":
        raise PermissionDenied
    context = _detail_context(request, submission, form=form)
    return render(request, "submissions/detail.html", context)


def _text_form(request, submission, data=None):
    """The form of the text: a motion's or an amendment's. It edits a copy, so the page shows
    the stored text beside what was typed until the change is saved."""
    copy = Submission.objects.select_related(
        "meeting", "agenda_item", "resolution_version", "target_clause"
    ).get(pk=submission.pk)
    if submission.is_amendment:
        return AmendmentForm(data, instance=copy, version=submission.resolution_version)
    return SubmissionForm(data, instance=copy, user=request.user)


def _request_to_withdraw(request, submission):
    """The board's published request to withdraw the motion this submission became, if any."""
    if not submission.motion_id:
        return None
    return (
        PreAdvice.objects.visible_to(request.user)
        .filter(
            proposal_id=submission.motion_id,
            value=PreAdvice.Value.WITHDRAW,
            published_at__isnull=False,
        )
        .first()
    )


def _detail_context(
    request, submission, form=None, submit_form=None, board_form=None, invite_form=None
):
    own = submission.member_id == request.user.member_id
    editable = own and submission.is_editable
    now = timezone.now()
    advice = _request_to_withdraw(request, submission)
    if own and advice is not None and now < submission.meeting.starts_at and board_form is None:
        board_form = BoardAnswerForm(
            initial={
                "revision": advice.revision,
                "response": advice.response,
                "note": advice.response_note,
            }
        )
    return {
        "advice": advice,
        "board_form": board_form if own and advice is not None else None,
        "submission": submission,
        "own": own,
        "form": form,
        "co_submitters": list(submission.co_submitters.select_related("member")),
        "co_submitter": None
        if own
        else submission.co_submitters.filter(member_id=request.user.member_id).first(),
        "invite_form": (invite_form or InviteForm()) if editable else None,
        "submit_form": (submit_form or SubmitForm(initial={"revision": submission.revision}))
        if editable
        else None,
        "late": not submission.is_on_time(now),
        "started": now >= submission.meeting.starts_at,
        "withdrawable_states": [str(state) for state in Submission.WITHDRAWABLE],
    }


@member_required
@require_POST
def submission_invite(request, pk):
    submission = _led(request, pk)
    if _throttled(request, "invite"):
        return throttle.too_many(request)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                invited = submission.invite(form.cleaned_data["member_name"])
                send_notice.enqueue(
                    submission.pk, "invited", base_url(request), member_id=invited.member_id
                )
        except ValidationError as refused:
            form.add_error("member_name", refused)
        else:
            messages.success(
                request,
                _("%(name)s is invited to submit the motion with you.")
                % {"name": invited.member.name},
            )
            return redirect(submission)
    context = _detail_context(
        request, submission, form=_text_form(request, submission), invite_form=form
    )
    return render(request, "submissions/detail.html", context, status=400)


@member_required
@require_POST
def submission_answer(request, pk):
    submission = _submission(request, pk)
    co_submitter = get_object_or_404(submission.co_submitters, member_id=request.user.member_id)
    accepted = request.POST.get("answer") == "accept"
    try:
        revision = int(request.POST.get("text_revision", ""))
    except ValueError:
        revision = -1
    try:
        co_submitter.give_answer(request.user, accepted, revision)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        if accepted:
            messages.success(
                request,
                _("You submit this motion with %(name)s.") % {"name": submission.member.name},
            )
        else:
            messages.success(request, _("You declined to submit this motion."))
    return redirect(submission)


@member_required
@require_POST
def submission_submit(request, pk):
    submission = _led(request, pk)
    if _throttled(request, "submit"):
        return throttle.too_many(request)
    if not submission.is_editable:
        # A doubled click, or a colleague was first: nothing to do but say so.
        messages.info(request, _("This motion has been submitted already."))
        return redirect(submission)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        if "revision" in form.errors:
            # The revision is the page's own: only a forged or broken form lacks it.
            return HttpResponseBadRequest(_("This form is incomplete. Reload the page."))
        return _submit_refused(request, submission, form)  # the reason too long, say
    try:
        with transaction.atomic():
            submission.submit(
                form.cleaned_data["revision"],
                request.user,
                late_reason=form.cleaned_data["late_reason"],
            )
            # Queued in the same transaction: a submission confirmed is a receipt sent.
            send_receipt.enqueue(submission.pk, submission.snapshot())
    except StaleRevision:
        _stale(request)
        return redirect(submission)
    except ValidationError as refused:
        if hasattr(refused, "error_dict"):
            for field, errors in refused.error_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            form.add_error(None, refused)
        submission.refresh_from_db()
        return _submit_refused(request, submission, form)
    messages.success(
        request,
        _("Your motion is submitted. The secretariat takes it in; you find its state here."),
    )
    return redirect(submission)


def _submit_refused(request, submission, form):
    """The page again, with the reasons at their fields and what was typed kept."""
    context = _detail_context(
        request, submission, form=_text_form(request, submission), submit_form=form
    )
    return render(request, "submissions/detail.html", context, status=400)


@member_required
@require_POST
def submission_answer_board(request, pk):
    """The lead's answer to the board's request to withdraw: withdraw or maintain, with why."""
    submission = _led(request, pk)
    advice = _request_to_withdraw(request, submission)
    if advice is None or timezone.now() >= submission.meeting.starts_at:
        raise PermissionDenied
    form = BoardAnswerForm(request.POST)
    if form.is_valid():
        try:
            advice.answer(
                form.cleaned_data["revision"],
                form.cleaned_data["response"],
                form.cleaned_data["note"],
            )
        except StaleRevision:
            _stale(request)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, _("Your answer to the board is saved."))
        return redirect(submission)
    context = _detail_context(request, submission, board_form=form)
    return render(request, "submissions/detail.html", context, status=400)


@member_required
@require_http_methods(["GET", "POST"])
def submission_withdraw(request, pk):
    submission = _led(request, pk)
    if request.method == "POST":
        try:
            revision = int(request.POST.get("revision") or 0)
        except ValueError:
            return HttpResponseBadRequest(_("This form is incomplete. Reload the page."))
        try:
            submission.withdraw(revision)
        except StaleRevision:
            _stale(request)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, _("The motion is withdrawn."))
        return redirect(submission)
    return render(request, "submissions/withdraw.html", {"submission": submission})
