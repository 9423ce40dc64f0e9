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
