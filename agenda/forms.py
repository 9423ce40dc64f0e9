from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from alv.forms import StyledFormMixin


class VersionChoiceForm(StyledFormMixin, forms.Form):
    """Which versions of a resolution to read (`version`) or compare (`from`, `to`): only
    versions the reader may see can be chosen, by their number, in the query string."""

    def __init__(self, data, *, versions):
        super().__init__(data)
        choices = [(v.number, version_name(v)) for v in versions]
        self.fields["version"] = forms.TypedChoiceField(
            label=_("Version"), choices=choices, coerce=int, required=False
        )
        self.fields["from"] = forms.TypedChoiceField(
            label=_("Compare version"), choices=choices, coerce=int, required=False
        )
        self.fields["to"] = forms.TypedChoiceField(
            label=_("with version"), choices=choices, coerce=int, required=False
        )

    def clean(self):
        data = super().clean()
        if bool(data.get("from")) != bool(data.get("to")):
            raise forms.ValidationError(_("Choose two versions to compare."))
        return data

    def chosen(self):
        """The valid choices made; invalid ones are left out (and the form says why)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value not in ("", None)}


def version_name(version):
    """Versie 1: concept-resolutie, 1 november 2024."""
    name = gettext("Version %(number)s") % {"number": version.number}
    if version.label:
        name += f": {version.label}"
    if version.published_at:
        name += f", {date_format(timezone.localtime(version.published_at), 'j F Y')}"
    return name


class PublicationDateForm(StyledFormMixin, forms.Form):
    """The day an archive entry's papers (`what="papers"`) or decision list (`"decisions"`)
    went out, set by the secretariat as it enters a meeting already held (`Meeting.is_past`).
    The meeting checks the day (`check_papers_date`, `check_decisions_date`)."""

    published_on = forms.DateField(
        label=_("Published on"),
        # A plain date box with the date typed the ISO way the browser's calendar sends it.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    HELP = {
        "papers": _(
            "The day the papers went out to the members; usually five weeks before the "
            "meeting. Not after today."
        ),
        "decisions": _(
            "The day the decision list was published; not before the meeting, not after today."
        ),
    }

    def __init__(self, data=None, *, meeting, what, **kwargs):
        self.meeting, self.what = meeting, what
        default = meeting.papers_date_default() if what == "papers" else meeting.date
        super().__init__(data, initial={"published_on": default}, **kwargs)
        self.fields["published_on"].help_text = self.HELP[what]

    def clean_published_on(self):
        day = self.cleaned_data["published_on"]
        check = (
            self.meeting.check_papers_date
            if self.what == "papers"
            else self.meeting.check_decisions_date
        )
        check(day)
        return day

    @property
    def is_late(self):
        """A day after the meeting for its papers: allowed, but worth a word to the user."""
        day = getattr(self, "cleaned_data", {}).get("published_on")
        return self.what == "papers" and day is not None and self.meeting.papers_date_is_late(day)
