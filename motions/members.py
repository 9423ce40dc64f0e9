"""Loading the association's members: for the VNG, the Dutch municipalities."""

import csv
from pathlib import Path

from django.conf import settings
from django.db import transaction

from motions.models import Member

MUNICIPALITIES_CSV = Path(settings.BASE_DIR) / "fixtures" / "gemeenten.csv"


def vote_weight_for(population):
    """The VNG weighs each municipality's vote by its population."""
    return max(int(population or 0), 1)


@transaction.atomic
def load_municipalities(path=MUNICIPALITIES_CSV):
    """Create or update one member per municipality of the CBS list; returns how many rows.

    Matching is on the CBS code, so a renamed municipality keeps its history."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    existing = {m.cbs_code: m for m in Member.objects.filter(cbs_code__isnull=False)}
    to_create, to_update = [], []
    for row in rows:
        population = int(row["population"])
        values = {
            "name": row["name"].strip(),
            "province": row["province"].strip(),
            "population": population,
            "vote_weight": vote_weight_for(population),
            "active": True,
        }
        member = existing.get(row["code"])
        if member is None:
            to_create.append(Member(cbs_code=row["code"], **values))
        elif any(getattr(member, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(member, key, value)
            to_update.append(member)
    Member.objects.bulk_create(to_create)
    Member.objects.bulk_update(
        to_update, ["name", "province", "population", "vote_weight", "active"]
    )
    return len(rows)
