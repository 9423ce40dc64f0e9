"""Text as the papers keep it: no control characters. A title pasted from another program can
carry a vertical tab, a unit separator or a backspace; no page shows them, and the Word book
cannot hold them at all (XML 1.0 forbids them). Tabs and line breaks stay.

They are stripped in two places of this module, both plain to find:
- `clean_text_fields`, on every save of a row of the project's own models, whatever saves it
  (a form, an import, the admin, a command; registered in `alv.apps`). Bulk inserts send no
  signal: their callers strip with `strip_control_characters` themselves.
- `CleanTextFormMixin`, from the data a form is bound to, so that validation sees the text as
  it will be stored (a required field of control characters only is empty, and says so)."""

import re

from django.db import models

# C0 controls except tab, line feed and carriage return; DEL and the C1 controls; and the
# two code points XML 1.0 excludes outright.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

# The apps whose rows are the association's texts (alv itself: the users).
PROJECT_APPS = {"alv", "agenda", "motions", "book", "live", "workspace"}


def strip_control_characters(text):
    return CONTROL_CHARACTERS.sub("", text)


def _without_control_characters(data):
    if hasattr(data, "getlist"):  # a QueryDict: every value of every key
        data = data.copy()
        for key in list(data):
            data.setlist(
                key,
                [
                    strip_control_characters(v) if isinstance(v, str) else v
                    for v in data.getlist(key)
                ],
            )
        return data
    return {k: strip_control_characters(v) if isinstance(v, str) else v for k, v in data.items()}


class CleanTextFormMixin:
    """A form bound to data without control characters (the first base of the project's
    forms that take text: the workspace's and the meeting day's)."""

    def __init__(self, *args, **kwargs):
        if args and args[0] is not None:
            args = (_without_control_characters(args[0]), *args[1:])
        elif kwargs.get("data") is not None:
            kwargs["data"] = _without_control_characters(kwargs["data"])
        super().__init__(*args, **kwargs)


def _text_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    ]


def clean_text_fields(sender, instance, raw=False, **kwargs):
    """pre_save: strip control characters from the instance's text fields (not when loading
    fixtures, which are saved as they are)."""
    if raw or sender._meta.app_label not in PROJECT_APPS:
        return
    for field in _text_fields(sender):
        value = getattr(instance, field.attname)
        if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
            setattr(instance, field.attname, strip_control_characters(value))


def clean_stored_rows(model):
    """Strip control characters from rows saved before they were refused (a data migration).
    Returns how many rows changed."""
    fields = _text_fields(model)
    changed = 0
    for row in model._base_manager.only("pk", *(f.attname for f in fields)).iterator():
        dirty = {
            f.attname: strip_control_characters(getattr(row, f.attname))
            for f in fields
            if isinstance(getattr(row, f.attname), str)
            and CONTROL_CHARACTERS.search(getattr(row, f.attname))
        }
        if dirty:
            model._base_manager.filter(pk=row.pk).update(**dirty)
            changed += 1
    return changed
