"""Text as the papers keep it: no control characters. A title pasted from another program can
carry a vertical tab, a unit separator or a backspace; no page shows them, and the Word book
cannot hold them at all (XML 1.0 forbids them). They are stripped from every text field of the
project's own models when a row is saved, whatever wrote it (a form, an import, the admin, a
command): one place, registered in `alv.apps`. Tabs and line breaks stay."""

import re

from django.db import models

# C0 controls except tab, line feed and carriage return; DEL and the C1 controls; and the
# two code points XML 1.0 excludes outright.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

# The apps whose rows are the association's texts (alv itself: the users).
PROJECT_APPS = {"alv", "agenda", "motions", "book", "live", "workspace"}


def strip_control_characters(text):
    return CONTROL_CHARACTERS.sub("", text)


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
