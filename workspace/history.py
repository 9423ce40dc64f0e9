"""The change history shown on workspace pages: who changed what and when, read from the
records django-simple-history keeps for every save and delete."""

from dataclasses import dataclass, field
from itertools import groupby

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from alv import textdiff

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class Change:
    label: str
    old: object
    new: object
    segments: list = field(default_factory=list)  # a word diff, for long texts


@dataclass
class Entry:
    date: object
    user: object
    action: str
    subject: str
    changes: list
    reason: str = ""  # why, when the change was no ordinary edit (PreAdvice.settle)


def entries(*sources, limit=200):
    """History entries, newest first, of several sources: (historical queryset, describe),
    where describe(record) names the row, e.g. "clause 3". Each change is compared with the
    previous record of the same row."""
    result, references = [], []
    for records, describe in sources:
        records = records.select_related("history_user").order_by("history_date", "history_id")
        pk_name = records.model.instance_type._meta.pk.attname
        rows = sorted(records, key=lambda r: (getattr(r, pk_name), r.history_date, r.history_id))
        for _pk, group in groupby(rows, key=lambda r: getattr(r, pk_name)):
            previous = None
            for record in group:
                changes = []
                if previous is not None and record.history_type == "~":
                    changes = _changes(record, previous, references)
                    if not changes:
                        previous = record
                        continue
                result.append(
                    Entry(
                        date=record.history_date,
                        user=record.history_user,
                        action=ACTIONS[record.history_type],
                        subject=describe(record),
                        changes=changes,
                        # Kept in English in the record, read in the reader's language.
                        reason=gettext(record.history_change_reason)
                        if record.history_change_reason
                        else "",
                    )
                )
                previous = record
    _resolve_references(references)
    result.sort(key=lambda entry: entry.date, reverse=True)
    return result[:limit]


def _changes(record, previous, references):
    model = record.instance_type
    changes = []
    for change in record.diff_against(previous).changes:
        model_field = model._meta.get_field(change.field)
        old, new = change.old, change.new
        segments = []
        if model_field.choices:
            choices = dict(model_field.flatchoices)
            old, new = choices.get(old, old), choices.get(new, new)
        elif isinstance(model_field, models.ForeignKey):
            entry = Change(model_field.verbose_name, old, new)
            references.append((model_field.related_model, entry))
            changes.append(entry)
            continue
        elif isinstance(model_field, models.BooleanField):
            old, new = (_("yes") if value else _("no") for value in (old, new))
        elif isinstance(model_field, models.TextField):
            segments = textdiff.word_diff(old, new, rewrite_ratio=textdiff.MOSTLY_REWRITTEN)
        changes.append(Change(model_field.verbose_name, old, new, segments))
    return changes


def _resolve_references(references):
    """Show related rows by name rather than by number, in one query per related model."""
    wanted = {}
    for model, entry in references:
        wanted.setdefault(model, set()).update(v for v in (entry.old, entry.new) if v)
    found = {model: model._base_manager.in_bulk(pks) for model, pks in wanted.items()}
    for model, entry in references:
        entry.old = found[model].get(entry.old, entry.old)
        entry.new = found[model].get(entry.new, entry.new)
