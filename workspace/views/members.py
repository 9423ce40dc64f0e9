"""The association's members in the workspace: the list as it stands on a date, and loading a
new list of members (upload, preview, confirm).

The uploaded text waits in the session between the preview and the confirmation; the
confirmation makes the plan again and saves it only if it is still the plan that was shown."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from alv.access import secretariat_required
from alv.forms import StyledFormMixin
from members.imports import ImportRefused, apply_plan, decode, plan_import
from members.models import Member

SESSION_KEY = "member_import"
MAX_LIST_BYTES = 2_000_000


class MemberListForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("List of members (CSV)"),
        help_text=gettext_lazy(
            "Columns code, name, population; optionally kind, province, successor_code."
        ),
    )
    valid_from = forms.DateField(
        label=gettext_lazy("Valid from"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("For the CBS list: 1 January of its year."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_LIST_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return decode(upload.read())


@secretariat_required
@require_GET
def member_list(request):
    today = timezone.localdate()
    members = Member.objects.with_populations().prefetch_related("successors")
    current = [m for m in members if m.is_member_on(today)]
    former = [m for m in members if not m.is_member_on(today)]
    return render(
        request,
        "workspace/members.html",
        {"current": current, "former": former, "today": today, "can_edit": True},
    )


def _preview(request, form, plan, status=200):
    return render(
        request,
        "workspace/members_import.html",
        {"form": form, "plan": plan, "can_edit": True},
        status=status,
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def member_import(request):
    if request.method == "POST" and request.POST.get("action") == "confirm":
        return _confirm(request)
    if request.method == "GET":
        return _preview(request, MemberListForm(), None)
    form = MemberListForm(request.POST, request.FILES)
    if not form.is_valid():
        return _preview(request, form, None, status=400)
    plan = plan_import(form.cleaned_data["file"], form.cleaned_data["valid_from"])
    if plan.problems:
        request.session.pop(SESSION_KEY, None)
        return _preview(request, form, plan, status=400)
    request.session[SESSION_KEY] = {
        "text": form.cleaned_data["file"],
        "valid_from": plan.valid_from.isoformat(),
        "fingerprint": plan.fingerprint(),
    }
    return _preview(request, form, plan)


def _confirm(request):
    pending = request.session.get(SESSION_KEY)
    if not pending:
        messages.error(request, _("This list has already been loaded or discarded."))
        return redirect("workspace:member_import")
    form = MemberListForm(initial={"valid_from": pending["valid_from"]})
    plan = plan_import(pending["text"], dt.date.fromisoformat(pending["valid_from"]))
    try:
        counts = apply_plan(plan, expected_fingerprint=pending["fingerprint"])
    except ImportRefused as refused:
        # Shown again as it is now; confirming that one saves it.
        pending["fingerprint"] = plan.fingerprint()
        request.session[SESSION_KEY] = pending
        messages.error(request, str(refused))
        return _preview(request, form, plan, status=409)
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _(
            "The list of members from %(date)s is loaded: %(new)s new, %(renamed)s renamed, "
            "%(merged)s merged, %(ended)s ended, %(population_changed)s with a new population."
        )
        % {"date": plan.valid_from.strftime("%d-%m-%Y"), **counts},
    )
    return redirect("workspace:members")
