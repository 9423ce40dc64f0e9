"""Whether the meeting papers changed since a page was rendered: one counter for all of them.

Rendering the papers of a large meeting takes a quarter of a second, and members read them far
more often than the secretariat changes them; so pages cache what they render from the papers
under `papers_revision()`, a counter that goes up with every write to a table of the papers
(the members, agenda and motions apps), however the write is made: save(), a queryset's update() or
delete(), bulk_update(), the admin, a raw query. Model signals would miss the queryset and bulk
writes, and a page cached past an unpublication would show members what they may no longer read.

A database execute wrapper on every connection raises the counter:
- inside a transaction, *before* the write: every transaction that writes the papers takes the
  counter's row lock first, one lock order for all of them, so they cannot deadlock on each
  other; and the new value becomes visible with the write, at commit;
- in autocommit, *after* the write, so no reader sees the new value before the new data.
A statement that locks rows of the papers (SELECT ... FOR UPDATE) counts as a write: it is the
first lock such a transaction takes.

A reader that reads the counter and then the papers gets papers at least as new as the counter;
at worst it caches newer papers under an older value, which nobody reads after the change."""

import logging
import re
import threading
import time

from django.apps import apps
from django.db import connections
from simple_history.models import HistoricalChanges

logger = logging.getLogger(__name__)

PAPER_APPS = ("members", "agenda", "motions")
# Also read by every page and the book: the association's name, colours and rules.
PAPER_MODELS = ("alv.Association",)

_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
_LOCK = re.compile(
    r'\s*SELECT\b.*?\bFROM\s+"?(\w+).*\bFOR\s+(?:NO\s+KEY\s+)?UPDATE\b',
    re.IGNORECASE | re.DOTALL,
)

# Off while migrations run: the counter's table may not exist yet.
_active = True
_tables = None


def _table():
    return apps.get_model("alv", "PapersRevision")._meta.db_table


def paper_tables():
    """The tables of the papers: every model of the paper apps, their many-to-many tables
    included, but not their history (writing history changes nothing a reader sees)."""
    global _tables
    if _tables is None:
        _tables = frozenset(
            model._meta.db_table
            for label in PAPER_APPS
            for model in apps.get_app_config(label).get_models(include_auto_created=True)
            if not issubclass(model, HistoricalChanges)
        ) | {apps.get_model(label)._meta.db_table for label in PAPER_MODELS}
    return _tables


def written_table(sql):
    """The paper table `sql` writes or locks, or None."""
    # Django writes SQL keywords in capitals; the cheap test first, it runs for every query.
    match = _WRITE.match(sql) or (_LOCK.match(sql) if " FOR " in sql else None)
    if match and match.group(1) in paper_tables():
        return match.group(1)
    return None


def _raise_counter(connection):
    # Its own cursor: the write's cursor still holds the write's row count and returned ids.
    table = connection.ops.quote_name(_table())
    cursor = connection.connection.cursor()
    try:
        cursor.execute(
            f"INSERT INTO {table} (id, revision) VALUES (1, 1) "
            f"ON CONFLICT (id) DO UPDATE SET revision = {table}.revision + 1"
        )
    finally:
        cursor.close()


def _count_writes(execute, sql, params, many, context):
    if not _active or written_table(sql) is None:
        return execute(sql, params, many, context)
    connection = context["connection"]
    if connection.in_atomic_block:
        _raise_counter(connection)
        forget_recent()
        # Once more at commit: a reader may have remembered the old value meanwhile.
        if not any(func is _committed for _, func, _ in connection.run_on_commit):
            connection.on_commit(_committed)
        return execute(sql, params, many, context)
    result = execute(sql, params, many, context)
    _raise_counter(connection)
    _committed()
    return result


# Called once a write of the papers is committed (see `after_papers_written`).
_observers = []


def after_papers_written(callback):
    """Have `callback()` called after every committed write of the papers, once per
    transaction, in the process that wrote. For work that follows any change of the papers,
    whoever made it and however (the stored books: `book.refresh`). A floor above registers
    it when its app loads; it must be cheap, as it runs after every such commit."""
    if callback not in _observers:
        _observers.append(callback)


def _committed():
    forget_recent()
    for callback in _observers:
        try:
            callback()
        except Exception:
            # The write is committed and confirmed to its user whatever follows from it.
            logger.exception("After a write of the papers: %r failed", callback)


def install(sender, connection, **kwargs):
    """Connected to `connection_created`. First in line, so that a temporary wrapper (which
    `connection.execute_wrapper()` pops from the end) can never remove it."""
    if _count_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _count_writes)


def pause(**kwargs):
    global _active
    _active = False


def resume(**kwargs):
    global _active
    _active = True


def papers_revision(using="default"):
    """The counter as it is now. Raw SQL: the live fragment asks it on every poll."""
    with connections[using].cursor() as cursor:
        table = connections[using].ops.quote_name(_table())
        cursor.execute(f"SELECT revision FROM {table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


# What this process last read of the counter, for answers that deliver no content (below).
RECENT_SECONDS = 1.0
_recent = None  # (value, when it was read, on time.monotonic())
_recent_lock = threading.Lock()
_generation = 0


def forget_recent():
    """Called on every write of the papers this process makes, and by tests."""
    global _recent, _generation
    with _recent_lock:
        _generation += 1
        _recent = None


def recent_revision():
    """The counter as this process read it at most RECENT_SECONDS ago, else read now.

    Only for deciding that a reader's copy is still current (a 304, which sends nothing): a
    value up to a second old there delays an update by a second and shows no one anything,
    and it spares the live poll of every member its one query. Pages are always rendered
    under the counter as it is now (revision_for)."""
    global _recent
    recent = _recent
    now = time.monotonic()
    if recent is not None and now - recent[1] < RECENT_SECONDS:
        return recent[0]
    generation = _generation
    value = papers_revision()
    connection = connections["default"]
    with _recent_lock:
        # Not if this process wrote meanwhile, nor a value of a transaction not yet committed.
        if generation == _generation and not connection.in_atomic_block:
            _recent = (value, now)
    return value


def known_revision(request):
    """The counter as this request already read it, or None."""
    return getattr(request, "_papers_revision", None)


def remember_revision(request, value):
    """The counter as read for `request` along with something else (Association.current)."""
    if request is not None and not hasattr(request, "_papers_revision"):
        request._papers_revision = value


def revision_for(request):
    """The counter, read once per request: the parts of one response use the same value."""
    if not hasattr(request, "_papers_revision"):
        request._papers_revision = papers_revision()
    return request._papers_revision
