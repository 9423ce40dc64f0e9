"""Entering a past meeting from lists (issue 23): the agenda as a list, the motions with their
pre-advice and outcomes as a CSV (pasted or uploaded). "Preview" shows what would be created
and every problem with its line, and saves nothing; "Save" makes the plan again from the same
texts and saves it in one transaction, only if it is still the plan the preview showed (its
fingerprint travels with the form). The reading and saving are in workspace.past_import."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from alv.access import secretariat_required
from alv.text import strip_control_characters
from workspace.forms import WorkspaceForm
from workspace.past_import import MAX_BYTES, ImportRefused, apply_plan, decode, plan_import
from workspace.views.common import meeting_or_404


class PastMeetingForm(WorkspaceForm):
    agenda = forms.CharField(
        label=gettext_lazy("Agenda"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"spellcheck": "false"}),
        help_text=gettext_lazy(
            "One item a line: its number and title (7 Opening; sub-items as 8a Title)."
        ),
    )
    motions = forms.CharField(
        label=gettext_lazy("Motions (CSV)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"spellcheck": "false"}),
        help_text=gettext_lazy(
            "The first line names the columns: nummer, agendapunt, titel, indieners, "
            "preadvies, uitkomst, voor, tegen, onthouding. Separated by ; or ,."
        ),
    )
    file = forms.FileField(
        label=gettext_lazy("Or upload the motions as a CSV file"),
        required=False,
        help_text=gettext_lazy("It replaces the text above; UTF-8 or Excel's CSV."),
    )
    fingerprint = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("agenda", "motions"):
            self.fields[name].widget.attrs["rows"] = 12  # whole lists, not a line or two

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        # As the text fields are bound (CleanTextFormMixin): the same text on saving.
        return strip_control_characters(decode(upload.read()))


def _page(request, meeting, form, plan=None, can_save=False, status=200):
    context = {
        "meeting": meeting,
        "form": form,
        "plan": plan,
        "can_save": can_save,
        "section": "past_import",
        "can_edit": True,
    }
    return render(request, "workspace/past_import.html", context, status=status)


def _with_fingerprint(request, form, plan):
    """The form again, holding the texts read and the fingerprint of `plan` when it can be
    saved: an uploaded file's text is put in the CSV field, to correct it there."""
    data = request.POST.copy()
    data["motions"] = form.cleaned_data["motions"]
    data["fingerprint"] = "" if plan.problems else plan.fingerprint()
    return PastMeetingForm(data)


@secretariat_required
@require_http_methods(["GET", "POST"])
def past_import(request, pk):
    meeting = meeting_or_404(request, pk)
    if not meeting.is_past:
        messages.error(
            request,
            _("Only a meeting that has been held is entered from lists: add its items one by one."),
        )
        return redirect("workspace:dashboard", meeting.pk)
    if request.method == "GET":
        return _page(request, meeting, PastMeetingForm())
    form = PastMeetingForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, meeting, form, status=400)
    if form.cleaned_data["file"] is not None:
        form.cleaned_data["motions"] = form.cleaned_data["file"]
    agenda, motions = form.cleaned_data["agenda"], form.cleaned_data["motions"]
    if request.POST.get("action") == "save":
        try:
            plan = apply_plan(meeting, agenda, motions, form.cleaned_data["fingerprint"])
        except ImportRefused as refused:
            messages.error(request, str(refused))
            plan = refused.plan
            return _page(
                request,
                meeting,
                _with_fingerprint(request, form, plan),
                plan,
                can_save=not plan.problems,
                status=409,
            )
        counts = plan.counts()
        messages.success(
            request,
            _(
                "The meeting is entered: %(items)s items, %(sub_items)s sub-items and "
                "%(motions)s motions, %(pre_advice)s with pre-advice and %(outcomes)s with "
                "an outcome."
            )
            % counts,
        )
        return redirect("workspace:agenda", meeting.pk)
    plan = plan_import(meeting, agenda, motions)
    return _page(
        request,
        meeting,
        _with_fingerprint(request, form, plan),
        plan,
        can_save=not plan.problems,
        status=400 if plan.problems else 200,
    )
