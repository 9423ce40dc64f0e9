"""The forms of a member's online motion: the text, a co-submitter, the late reason, and the
secretariat's message when it returns a motion or declares it not admissible."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agenda.models import AgendaItem, Clause
from alv.forms import StyledFormMixin
from members.models import Member
from members.names import match_members
from motions.models import Amendment, PreAdvice
from motions.word_import import MAX_UPLOAD_BYTES, UploadRejected, parse_motion, read_upload
from submissions.models import MAX_PARAGRAPHS, Submission, open_meetings, paragraphs


class SubmissionForm(StyledFormMixin, forms.ModelForm):
    """The motion's text in the association's structure; the opening formula and the closing
    are added to it. `revision` is the one the author read (conflicting edits)."""

    agenda_item = forms.ModelChoiceField(label=_("agenda item"), queryset=AgendaItem.objects.none())
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


class AmendmentForm(StyledFormMixin, forms.ModelForm):
    """One change to one clause of a published resolution version: replace it, insert a new
    clause after it (or before the first), or delete it. The version is chosen before."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Submission
        fields = ["title", "change", "target_clause", "new_text", "explanation"]
        widgets = {
            "change": forms.RadioSelect,
            "new_text": forms.Textarea(attrs={"rows": 4}),
            "explanation": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"change": _("what the amendment does"), "new_text": _("new text")}
        help_texts = {
            "target_clause": _(
                "The clause to replace or delete; for a new clause, the clause it comes after."
            ),
            "new_text": _("The clause as it should read; empty for a deletion."),
        }

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["change"].choices = Amendment.Change.choices
        self.fields["change"].required = True
        self.fields["change"].error_messages["required"] = _("Choose what the amendment does.")
        clause = self.fields["target_clause"]
        clause.queryset = Clause.objects.filter(version=version).order_by("position")
        clause.label_from_instance = lambda c: f"{c.number}. {Truncated(c.text)}"
        clause.empty_label = _("(for a new clause: before the first)")
        self.fields["title"].error_messages["required"] = _("Give a title.")
        if self.instance.pk is not None:
            self.fields["revision"].initial = self.instance.revision

    def clean_title(self):
        title = " ".join(self.cleaned_data.get("title", "").split())
        if not title:
            raise forms.ValidationError(_("Give a title."))
        return title

    def clean(self):
        cleaned = super().clean()
        change, clause = cleaned.get("change"), cleaned.get("target_clause")
        new_text = (cleaned.get("new_text") or "").strip()
        if change and change != Amendment.Change.INSERT and clause is None:
            self.add_error("target_clause", _("Choose the clause to change."))
        if change and change != Amendment.Change.DELETE and not new_text:
            self.add_error("new_text", _("Give the new text of the clause."))
        if change == Amendment.Change.DELETE and new_text:
            self.add_error("new_text", _("A deletion has no new text: leave it empty."))
        same = clause is not None and " ".join(new_text.split()) == " ".join(clause.text.split())
        if change == Amendment.Change.REPLACE and same:
            self.add_error("new_text", _("The new text is the same as the clause."))
        cleaned["new_text"] = new_text
        return cleaned


class Truncated(str):
    """A clause in a select: its first words, so a long clause does not widen the page."""

    def __new__(cls, text, words=12):
        parts = text.split()
        short = " ".join(parts[:words]) + (" …" if len(parts) > words else "")
        return super().__new__(cls, short)


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


class WordDraftForm(StyledFormMixin, forms.Form):
    """A motion written in the association's Word template, made into a draft by the import
    the secretariat uses too."""

    agenda_item = forms.ModelChoiceField(label=_("agenda item"), queryset=AgendaItem.objects.none())
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


class InviteForm(StyledFormMixin, forms.Form):
    member_name = forms.CharField(
        label=_("member"),
        max_length=200,
        help_text=_("The name of the member you invite to submit the motion with you."),
    )

    def clean_member_name(self):
        name = self.cleaned_data["member_name"]
        result = match_members(name, list(Member.objects.active()))
        if result.problems():
            raise forms.ValidationError(result.problems())
        if len(result.members) != 1:
            raise forms.ValidationError(_("“%(name)s” is not a member.") % {"name": name})
        return result.members[0]


class SubmitForm(StyledFormMixin, forms.Form):
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


class BoardAnswerForm(StyledFormMixin, forms.Form):
    """The submitters' answer to the board's request to withdraw their motion."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    response = forms.ChoiceField(
        label=_("your answer"),
        choices=[("", _("(choose your answer)")), *PreAdvice.Response.choices],
    )
    note = forms.CharField(
        label=_("explanation"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In a few sentences; members read it with the pre-advice."),
    )


class IntakeForm(StyledFormMixin, forms.Form):
    ACTIONS = ["accept", "return", "not_admissible", "merge"]

    revision = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS], widget=forms.HiddenInput)
    merge_into = forms.ModelChoiceField(
        label=_("merge into"),
        queryset=Submission.objects.none(),
        required=False,
        help_text=_("Only to merge: its submitters become submitters of the one you choose."),
    )
    message = forms.CharField(
        label=_("message to the submitters"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return it, declare it not admissible or merge it."),
    )

    def __init__(self, *args, submission, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["merge_into"]
        field.queryset = submission.merge_targets()
        field.label_from_instance = lambda s: f"{s.member.name} “{s.title}”"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "merge" and cleaned.get("merge_into") is None:
            self.add_error("merge_into", _("Choose the motion to merge it into."))
        return cleaned
