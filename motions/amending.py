"""The text of a resolution as its adopted amendments change it.

An amendment points at a clause of one version (the base). Every adopted amendment of that
base is applied, in the order the assembly adopted them, to a copy of the base's clauses; the
result is one amended version ("geamendeerde resolutie") that becomes the resolution's current
version. The base stays readable, so members can see what changed."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy

from agenda.models import Clause, Resolution, ResolutionVersion
from agenda.outcomes import Status
from motions.models import Amendment

AMENDED_LABEL = gettext_lazy("amended resolution")


def amended_clauses(base_clauses, amendments):
    """The clause texts after applying `amendments` in order to `base_clauses` (Clause rows
    of the base version, in order). Raises ValidationError when an amendment points at a
    clause an earlier one deleted, or at a clause of another version."""
    # Each row: [origin clause pk or None, text, pk of the clause it was inserted after].
    rows = [[clause.pk, clause.text, None] for clause in base_clauses]
    numbers = {clause.pk: clause.position for clause in base_clauses}

    def index_of(clause_pk):
        for index, row in enumerate(rows):
            if row[0] == clause_pk:
                return index
        if clause_pk in numbers:
            raise ValidationError(
                gettext("Clause %(number)s was already deleted by an adopted amendment.")
                % {"number": numbers[clause_pk]}
            )
        raise ValidationError(gettext("The amendment points at a clause of another version."))

    for amendment in amendments:
        target = amendment.target_clause_id
        if amendment.change == Amendment.Change.INSERT:
            index = 0 if target is None else index_of(target) + 1
            # Insertions after the same clause keep the order in which they were adopted.
            while index < len(rows) and rows[index][0] is None and rows[index][2] == target:
                index += 1
            rows.insert(index, [None, amendment.new_text, target])
        elif amendment.change == Amendment.Change.REPLACE:
            rows[index_of(target)][1] = amendment.new_text
        else:
            del rows[index_of(target)]
    return [row[1] for row in rows]


def adopted_amendments_of(base):
    return list(
        Amendment.objects.filter(resolution_version=base, status=Status.ADOPTED).order_by(
            "decided_at", "pk"
        )
    )


@transaction.atomic
def sync_amended_version(base):
    """Make the resolution's current version agree with the adopted amendments of `base`:
    the base itself when none is adopted, otherwise the one amended version made from it.
    Returns the current version."""
    resolution = Resolution.objects.select_for_update().get(pk=base.resolution_id)
    current = resolution.current_version
    amended = ResolutionVersion.objects.filter(amended_from=base).order_by("-number").first()
    if current is not None and current.pk not in (base.pk, getattr(amended, "pk", None)):
        raise ValidationError(
            gettext(
                "The amendment changes version %(base)s, but the resolution now stands in "
                "version %(current)s. Bring the amended text into that version by hand."
            )
            % {"base": base.number, "current": current.number}
        )
    adopted = adopted_amendments_of(base)
    if not adopted:
        if current is None or current.pk != base.pk:
            resolution.current_version = base
            resolution.save(update_fields=["current_version"])
        if (
            amended is not None
            and not Amendment.objects.filter(resolution_version=amended).exists()
        ):
            amended.delete()
        return base

    base_clauses = list(base.clauses.order_by("position"))
    texts = amended_clauses(base_clauses, adopted)
    if amended is None:
        number = (resolution.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        with translation.override(settings.LANGUAGE_CODE):
            label = str(AMENDED_LABEL)
        amended = ResolutionVersion.objects.create(
            resolution=resolution,
            number=number,
            label=label,
            intro=base.intro,
            explanation=base.explanation,
            # The assembly's decision is public as soon as the text it changed was.
            published_at=timezone.now() if base.published_at else None,
            amended_from=base,
        )
    else:
        if Amendment.objects.filter(resolution_version=amended).exists():
            raise ValidationError(
                gettext("The amended version has amendments of its own; it cannot be rewritten.")
            )
        amended.clauses.all().delete()
    Clause.objects.bulk_create(
        Clause(version=amended, position=number, text=text)
        for number, text in enumerate(texts, start=1)
    )
    if resolution.current_version_id != amended.pk:
        resolution.current_version = amended
        resolution.save(update_fields=["current_version"])
    return amended
