"""What every form of the project shares: data without control characters, the NL Design
System's classes on each widget, and selects whose empty choice says what to do (the
workspace's, the members' and the online motions' forms alike)."""

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.utils import pretty_name
from django.utils.translation import gettext_lazy as _

from alv.text import CleanTextFormMixin

# The classes of each kind of widget, the most specific kind first: a checkbox list is a kind
# of radio list, and both are choice widgets like a select.
WIDGET_CLASSES = {
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.widgets.Input: "utrecht-textbox utrecht-textbox--html-input",
}

# Django's empty choice of a select ("---------"): it says nothing about what to choose.
BLANK_CHOICE_LABEL = BLANK_CHOICE_DASH[0][1]


def empty_choice_label(field, name):
    """What a select shows before anything is chosen: “(choose the kind)” where a choice is
    required, “(none)” where the field may stay empty."""
    if not field.required:
        return _("(none)")
    label = str(field.label or pretty_name(name))
    return _("(choose the %(field)s)") % {"field": label[:1].lower() + label[1:]}


def label_empty_choice(field, name, *, read_lazy_choices=True):
    """Replaces Django's "---------" as the empty choice of a single-choice field by
    empty_choice_label; an empty choice the form labelled itself stays as it is. A model
    choice field's own choices are read from the database only when drawn: its empty label is
    changed, not its choices, unless the form gave it a list of its own. Other lazy choices (a
    model field's, a callable's) are read only if `read_lazy_choices`."""
    if not isinstance(field, forms.ChoiceField) or isinstance(
        field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField
    ):
        return
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == BLANK_CHOICE_LABEL:
            field.empty_label = empty_choice_label(field, name)
        if not hasattr(field, "_choices"):
            return
    choices = field.choices
    if not isinstance(choices, list):
        if not read_lazy_choices:
            return
        choices = list(choices)
    if choices and choices[0][0] in ("", None) and choices[0][1] == BLANK_CHOICE_LABEL:
        field.choices = [("", empty_choice_label(field, name)), *choices[1:]]


class StyledFormMixin(CleanTextFormMixin):
    """Gives every visible widget its NL Design System classes (WIDGET_CLASSES), after any
    class the form set itself, and every select an empty choice that says what to do
    (label_empty_choice): once the fields are made, and again when a field is drawn, for the
    fields and choices a form adds in its own __init__."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            label_empty_choice(field, name)
            style_widget(field.widget)

    def __getitem__(self, name):
        field = self.fields.get(name)
        if field is not None:
            label_empty_choice(field, name, read_lazy_choices=False)
            style_widget(field.widget)
        return super().__getitem__(name)


def style_widget(widget):
    """Adds the classes of its kind (WIDGET_CLASSES) that a visible widget lacks."""
    if widget.is_hidden:
        return
    for kind, classes in WIDGET_CLASSES.items():
        if isinstance(widget, kind):
            widget.attrs["class"] = _with_classes(widget.attrs.get("class", ""), classes)
            return


def _with_classes(current, added):
    """`current` with the classes of `added` it lacks appended."""
    have = current.split()
    return " ".join(have + [c for c in added.split() if c not in have])
