"""Rows whose order is their meaning (agenda items, clauses, motion parts) keep a contiguous
`position` 1..n among their siblings, unique per parent in the database. Every reorder writes
all positions through here, so numbers derived from them never have gaps or doubles."""

from django.db import transaction

# Far above any real position, so the first pass never collides with a live one.
_PARKING_OFFSET = 1_000_000


def renumber(rows):
    """Give `rows` (one sibling group, in the wanted order) the positions 1..n."""
    rows = list(rows)
    if not rows:
        return
    model = type(rows[0])
    with transaction.atomic():
        # Two passes: a direct swap of positions would break the unique constraint midway.
        for index, row in enumerate(rows, start=1):
            row.position = _PARKING_OFFSET + index
        model.objects.bulk_update(rows, ["position"])
        for index, row in enumerate(rows, start=1):
            row.position = index
        model.objects.bulk_update(rows, ["position"])


def letters(n):
    """1 -> a, 26 -> z, 27 -> aa: the letter of a sub-item."""
    result = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        result = chr(ord("a") + rest) + result
    return result
