from django import forms
from django.utils.translation import gettext_lazy as _

from agenda.outcomes import DECIDED_BY_VOTE, Status
from alv.forms import StyledFormMixin
from motions.models import FollowUp, FollowUpTrack

PERCENT_INPUT = {
    "class": "utrecht-textbox utrecht-textbox--html-input alv-textbox--percent",
    "inputmode": "decimal",
}


def percent_field(label, required=False):
    # localize: members of a Dutch association type "91,80". A text box: a wrong number is
    # sent and answered at its field, as typed, not blocked unexplained by the browser.
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs=PERCENT_INPUT),
    )


class OutcomeForm(StyledFormMixin, forms.Form):
    """An outcome on the meeting-day page. Its one-click buttons (adopted by acclamation,
    withdrawn, undo) post a fixed status; the vote form shows the outcomes of a vote and the
    percentages, `kind` restricting its radio buttons to what the subject can get."""

    status = forms.ChoiceField(label=_("Outcome"), choices=Status.choices, widget=forms.RadioSelect)
    by_acclamation = forms.BooleanField(label=_("by acclamation"), required=False)
    percent_for = percent_field(_("for (%)"))
    percent_against = percent_field(_("against (%)"))
    percent_abstain = percent_field(_("abstain (%)"))
    text = forms.CharField(
        label=_("Decision (text)"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(
            attrs={"class": "utrecht-textbox utrecht-textbox--html-input alv-textbox--wide"}
        ),
    )

    def __init__(self, *args, kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kind is not None:
            # An item as such is adopted or rejected; it is not held over.
            shown = [c for c in DECIDED_BY_VOTE if not (kind == "item" and c == Status.HELD_OVER)]
            self.fields["status"].widget.choices = [(c.value, c.label) for c in shown]

    def outcome(self):
        data = self.cleaned_data
        return {
            "by_acclamation": data["by_acclamation"],
            "percent_for": data["percent_for"],
            "percent_against": data["percent_against"],
            "percent_abstain": data["percent_abstain"],
        }


class PreAdviceVoteForm(StyledFormMixin, forms.Form):
    percent_for = percent_field(_("for (%)"))
    percent_against = percent_field(_("against (%)"))
    percent_abstain = percent_field(_("abstain (%)"))


class ThreeWayForm(StyledFormMixin, forms.Form):
    percent_original = percent_field(_("for the board's proposal (%)"), required=True)
    percent_amended = percent_field(_("for the amended proposal (%)"), required=True)
    percent_neither = percent_field(_("against both (%)"), required=True)


class PartForm(StyledFormMixin, forms.Form):
    label = forms.CharField(
        label=_("Vote in parts: name of the next part"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "class": "utrecht-textbox utrecht-textbox--html-input alv-textbox--medium",
                "placeholder": _("e.g. 1e deel (verzoeken 1 en 2)"),
            }
        ),
    )


class FollowUpDecisionForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("", _("undecided")), *FollowUp.Decision.choices],
        required=False,
    )
    # The revision the page showed: a decision recorded meanwhile is not overwritten.
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}


class ReportForm(StyledFormMixin, forms.Form):
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={**TEXTBOX, "type": "date"})
    )
    text = forms.CharField(
        label=_("Report"),
        widget=forms.Textarea(
            attrs={"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}
        ),
    )
    proposed_decision = forms.ChoiceField(
        label=_("Proposed decision"),
        choices=[("", _("none yet")), *FollowUp.Decision.choices],
        required=False,
        widget=forms.Select(attrs=SELECT),
    )


class TrackForm(StyledFormMixin, forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        choices=[c for c in FollowUpTrack.State.choices if c[0] != FollowUpTrack.State.CLOSED],
        widget=forms.Select(attrs=SELECT),
    )
    theme = forms.CharField(
        label=_("Theme"), required=False, max_length=200, widget=forms.TextInput(attrs=TEXTBOX)
    )
