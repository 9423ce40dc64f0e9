from django import forms
from django.utils.translation import gettext_lazy as _

from agenda.outcomes import Status
from motions.models import PreAdvice

# The pre-advice filter's choice for motions whose pre-advice the reader may not see yet.
PRE_ADVICE_PENDING = "volgt"


class ProposalFilterForm(forms.Form):
    """The filters of the list of a meeting's motions and amendments. They live in the query
    string, so a filtered list is a link that can be shared."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    item = forms.TypedChoiceField(label=_("Agenda item"), required=False, coerce=int)
    advice = forms.ChoiceField(label=_("Pre-advice"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    submitter = forms.TypedChoiceField(label=_("Submitted by"), required=False, coerce=int)

    def __init__(self, data, *, items, submitters):
        super().__init__(data)
        everything = [("", _("all"))]
        self.fields["item"].choices = everything + [
            (item.pk, f"{item.number}. {item.title}") for item in items
        ]
        self.fields["advice"].choices = (
            everything
            + list(PreAdvice.Value.choices)
            + [(PRE_ADVICE_PENDING, _("pre-advice to follow"))]
        )
        self.fields["status"].choices = everything + list(Status.choices)
        self.fields["submitter"].choices = everything + [(m.pk, m.name) for m in submitters]
        self.items = {item.pk: item for item in items}

    def filters(self):
        """The valid filters given, as cleaned values; invalid ones are left out (and the
        form shows why)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value not in ("", None)}

    @property
    def is_filtered(self):
        return bool(self.filters())
