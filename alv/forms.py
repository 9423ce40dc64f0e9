"""What every form of the project shares: data without control characters, and the NL Design
System's classes on each widget (the workspace's, the members' and the online motions' forms
alike)."""

from django import forms

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


class StyledFormMixin(CleanTextFormMixin):
    """Gives every visible widget its NL Design System classes (WIDGET_CLASSES), after any
    class the form set itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if widget.is_hidden:
                continue
            for kind, classes in WIDGET_CLASSES.items():
                if isinstance(widget, kind):
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} {classes}".strip()
                    break
