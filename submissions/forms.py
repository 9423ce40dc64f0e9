"""The forms of a member's online motion: the text, a co-submitter, the late reason, and the
secretariat's message when it returns a motion or declares it not admissible."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agenda.models import AgendaItem
from alv.text import CleanTextFormMixin
from members.models import Member
from members.names import match_members
from motions.models import PreAdvice
from motions.word_import import MAX_UPLOAD_BYTES, UploadRejected, parse_motion, read_upload
from submissions.models import MAX_PARAGRAPHS, Submission, open_meetings, paragraphs

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.widgets.Input: "utrecht-textbox utrecht-textbox--html-input",
}


class StyledForm(CleanTextFormMixin):
    """NL Design System classes on every widget, as the workspace's forms have them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.widget.is_hidden:
                continue
            for kind, classes in WIDGET_CLASSES.items():
                if isinstance(field.widget, kind):
                    field.widget.attrs["class"] = classes
                    break


class AgendaItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, item):
        return f"{item.number} {item.title}"


class SubmissionForm(StyledForm, forms.ModelForm):
    """The motion's text in the association's structure; the opening formula and the closing
    are added to it. `revision` is the one the author read (conflicting edits)."""

    agenda_item = AgendaItemChoice(label=_("agenda item"), queryset=AgendaItem.objects.none())
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Submission
        fields = ["agenda_item", "title", "findings", "considerations", "requests", "explanation"]
        widgets = {
            "findings": forms.Textarea(attrs={"rows": 4}),
            "considerations": forms.Textarea(attrs={"rows": 4}),
            "requests": forms.Textarea(attrs={"rows": 4}),
            "explanation": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["agenda_item"]
        current = self.instance.meeting if self.instance.pk is not None else None
        field.queryset, field.choices = grouped_items(user, current)
        if self.instance.pk is not None:
            self.fields["revision"].initial = self.instance.revision
        self.fields["requests"].error_messages["required"] = _(
            "Give at least one request to the board."
        )
        self.fields["title"].error_messages["required"] = _("Give a title.")

    def _clean_paragraphs(self, name, required=False):
        text = self.cleaned_data.get(name, "")
        found = paragraphs(text)
        if required and not found:
            raise forms.ValidationError(_("Give at least one request to the board."))
        if len(found) > MAX_PARAGRAPHS:
            raise forms.ValidationError(_("At most %(max)s lines.") % {"max": MAX_PARAGRAPHS})
        return "\n".join(found)

    def clean_findings(self):
        return self._clean_paragraphs("findings")

    def clean_considerations(self):
        return self._clean_paragraphs("considerations")

    def clean_requests(self):
        return self._clean_paragraphs("requests", required=True)

    def clean_title(self):
        title = " ".join(self.cleaned_data.get("title", "").split())
        if not title:
            raise forms.ValidationError(_("Give a title."))
        return title


def grouped_items(user, current=None):
    """The agenda items a member may submit a motion under, grouped by meeting; with the
    meeting of `current` (a draft's own) even if it no longer takes new motions."""
    meetings = list(open_meetings(user))
    if current is not None and current not in meetings:
        meetings.append(current)
    items = (
        AgendaItem.objects.filter(meeting__in=meetings)
        .select_related("meeting", "parent")
        .order_by("meeting__starts_at")
    )
    grouped = {}
    for item in sorted(items, key=lambda i: (i.meeting.starts_at, i.reading_order)):
        grouped.setdefault(item.meeting, []).append((item.pk, f"{item.number} {item.title}"))
    choices = [("", "---------")] + [(m.title, rows) for m, rows in grouped.items()]
    return items, choices


class WordDraftForm(StyledForm, forms.Form):
    """A motion written in the association's Word template, made into a draft by the import
    the secretariat uses too."""

    agenda_item = AgendaItemChoice(label=_("agenda item"), queryset=AgendaItem.objects.none())
    file = forms.FileField(
        label=_("Word file (.docx)"),
        help_text=_("The motion template, filled in. At most 10 MB."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["agenda_item"]
        field.queryset, field.choices = grouped_items(user)
        self.fields["file"].widget.attrs["accept"] = (
            ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        item = cleaned.get("agenda_item")
        if upload is None or item is None:
            return cleaned
        try:
            if upload.size > MAX_UPLOAD_BYTES:
                raise UploadRejected(_("The file is larger than 10 MB."))
            blocks = read_upload(upload.name, upload.read())
        except UploadRejected as rejected:
            self.add_error("file", str(rejected))
            return cleaned
        cleaned["parsed"] = parse_motion(blocks, list(Member.objects.on(item.meeting.date)))
        return cleaned


class InviteForm(StyledForm, forms.Form):
    member_name = forms.CharField(
        label=_("member"),
        max_length=200,
        help_text=_("The name of the member you invite to submit the motion with you."),
    )

    def clean_member_name(self):
        name = self.cleaned_data["member_name"]
        result = match_members(name, list(Member.objects.active()))
        if result.ambiguous:
            options = ", ".join(next(iter(result.ambiguous.values())))
            raise forms.ValidationError(
                _("“%(name)s” can mean more than one member: %(options)s.")
                % {"name": name, "options": options}
            )
        if len(result.members) != 1 or result.unmatched:
            raise forms.ValidationError(_("“%(name)s” is not a member.") % {"name": name})
        return result.members[0]


class SubmitForm(StyledForm, forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    late_reason = forms.CharField(
        label=_("why it cannot wait"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only for a late motion: it must concern a current topic. Say why it cannot wait "
            "for the next meeting."
        ),
    )


class BoardAnswerForm(StyledForm, forms.Form):
    """The submitters' answer to the board's request to withdraw their motion."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    response = forms.ChoiceField(
        label=_("your answer"),
        choices=[("", "---------"), *PreAdvice.Response.choices],
    )
    note = forms.CharField(
        label=_("explanation"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In a few sentences; members read it with the pre-advice."),
    )


class IntakeForm(StyledForm, forms.Form):
    ACTIONS = {
        "accept": _("Accept"),
        "return": _("Return for changes"),
        "not_admissible": _("Not admissible"),
    }

    revision = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=list(ACTIONS.items()), widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("message to the submitters"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return it or declare it not admissible."),
    )
