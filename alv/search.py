"""Searching text the way a reader expects: without regard to case or accents, on SQLite and
PostgreSQL alike. "oekrainers" finds "Oekraïners", "HERTOGENBOSCH" finds "’s-Hertogenbosch".

Both sides of a comparison are folded: the search term in Python by `fold()`, the column in
the database by the `fold` transform (`title__fold__contains=fold(term)`). On PostgreSQL the
transform is lower() and translate() with the same table as `fold()`; SQLite's lower() only
knows ASCII, so there it calls `fold()` itself, registered as an SQL function on every new
connection. Either way the two sides fold the same characters the same way."""

import unicodedata

from django.db import models
from django.db.backends.signals import connection_created


def _accent_table():
    table = {}
    # Latin-1 Supplement and Latin Extended-A/B: every letter that is a plain letter plus
    # accents folds to that plain letter (é -> e, Ï -> i, ŀ stays: no plain decomposition).
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        if base != char and len(base) == 1 and base.isascii() and base.isalpha():
            table[char] = base.lower()
    # Typographic quotes as typed on a keyboard: ’s-Hertogenbosch, “titel”.
    table.update({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"'})
    return table


ACCENTS = _accent_table()
_FROM = "".join(ACCENTS)
_TO = "".join(ACCENTS.values())
_TRANSLATION = str.maketrans(ACCENTS)
SQLITE_FUNCTION = "alv_fold"


def fold(text):
    """Lower case, without accents, with plain quotes."""
    if text is None:
        return None
    return str(text).lower().translate(_TRANSLATION)


class Fold(models.Transform):
    lookup_name = "fold"
    output_field = models.TextField()

    def as_sql(self, compiler, connection):
        # Other databases: at least case-insensitive.
        sql, params = compiler.compile(self.lhs)
        return f"LOWER({sql})", params

    def as_sqlite(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        return f"{SQLITE_FUNCTION}({sql})", params

    def as_postgresql(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        return f"TRANSLATE(LOWER({sql}), %s, %s)", (*params, _FROM, _TO)


def register():
    models.CharField.register_lookup(Fold)
    models.TextField.register_lookup(Fold)
    connection_created.connect(_add_sqlite_function, dispatch_uid="alv.search.fold")


def _add_sqlite_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, fold, deterministic=True)


def folded_contains(field, term):
    """`field` contains `term`, without regard to case or accents."""
    return models.Q(**{f"{field}__fold__contains": fold(term)})
