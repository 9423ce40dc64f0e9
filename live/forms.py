from django import forms
from django.utils.translation import gettext_lazy as _

from agenda.outcomes import Status
from alv.text import CleanTextFormMixin
from motions.models import FollowUp, FollowUpTrack


def percent_field(label, required=False):
    # localize: members of a Dutch association type "91,80".
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        localize=True,
    )


class OutcomeForm(CleanTextFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Outcome"), choices=Status.choices)
    by_acclamation = forms.BooleanField(label=_("by acclamation"), required=False)
    percent_for = percent_field(_("for (%)"))
    percent_against = percent_field(_("against (%)"))
    percent_abstain = percent_field(_("abstain (%)"))
    text = forms.CharField(label=_("Decision"), required=False, max_length=2000)

    def outcome(self):
        data = self.cleaned_data
        return {
            "by_acclamation": data["by_acclamation"],
            "percent_for": data["percent_for"],
            "percent_against": data["percent_against"],
            "percent_abstain": data["percent_abstain"],
        }


class PreAdviceVoteForm(CleanTextFormMixin, forms.Form):
    percent_for = percent_field(_("for (%)"))
    percent_against = percent_field(_("against (%)"))
    percent_abstain = percent_field(_("abstain (%)"))


class ThreeWayForm(CleanTextFormMixin, forms.Form):
    percent_original = percent_field(_("for the board's proposal (%)"), required=True)
    percent_amended = percent_field(_("for the amended proposal (%)"), required=True)
    percent_neither = percent_field(_("against both (%)"), required=True)


class PartForm(CleanTextFormMixin, forms.Form):
    label = forms.CharField(label=_("Part"), required=False, max_length=200)


class FollowUpDecisionForm(CleanTextFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("", _("undecided")), *FollowUp.Decision.choices],
        required=False,
    )
    # The revision the page showed: a decision recorded meanwhile is not overwritten.
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReportForm(CleanTextFormMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(label=_("Report"), widget=forms.Textarea(attrs={"rows": 4}))
    proposed_decision = forms.ChoiceField(
        label=_("Proposed decision"),
        choices=[("", _("none yet")), *FollowUp.Decision.choices],
        required=False,
    )


class TrackForm(CleanTextFormMixin, forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        choices=[c for c in FollowUpTrack.State.choices if c[0] != FollowUpTrack.State.CLOSED],
    )
    theme = forms.CharField(label=_("Theme"), required=False, max_length=200)
