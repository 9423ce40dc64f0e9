"""Stored books kept ready, so that no member ever waits for one or has one made.

Every committed write of the papers (`alv.freshness.after_papers_written`), whoever made it and
however, schedules one sweep a while later (`settings.BOOK_REFRESH_DELAY`): the edits of that
while make one sweep, and so one build of each book they changed. The sweep goes through every
published meeting and queues a build of each member book that no longer shows what members may
read: the meeting book, its decision list once published, and the book of each agenda item and
each motion or amendment, in each format. An unchanged book keeps its hash and is not built
again (`builds.request`), so a sweep after an edit of one motion builds the meeting book and that
motion's own files, nothing else.

Publishing the papers does not wait for the sweep: `refresh_now` queues the meeting's books at
once, and the meeting's book page shows their progress from the first second.

The secretariat's edition is built by hand, on the book page: it changes with every draft."""

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from agenda.models import AgendaItem, Meeting
from book import assembly, builds
from motions.models import Proposal

# Set when a sweep is known to be queued for later: until shortly before it runs, a write
# needs no query to know that the sweep will see it. In the shared cache where there is one.
_DUE_KEY = "book-refresh-due"
# A worker never starts a task before its time; the margin covers clocks that differ a little.
_MARGIN = dt.timedelta(seconds=5)


def delay():
    return dt.timedelta(seconds=settings.BOOK_REFRESH_DELAY)


def papers_written():
    """After a committed write of the papers: make sure a sweep runs after it, at most
    `BOOK_REFRESH_DELAY` from now. Cheap when one is already queued."""
    now = timezone.now()
    due = cache.get(_DUE_KEY)
    if due is not None and now < due - _MARGIN:
        return
    queued = pending(meeting=None).order_by("run_after").first()
    if queued is not None:
        due = queued.run_after
    else:
        from book.tasks import refresh_books

        due = now + delay()
        refresh_books.using(run_after=due).enqueue()
    cache.set(_DUE_KEY, due, max(1, int((due - now).total_seconds())))


def refresh_now(meeting):
    """Queue the member books of `meeting` now (the papers were just published)."""
    from book.tasks import refresh_books

    refresh_books.enqueue(meeting.pk)


def pending(meeting):
    """The queued sweeps (`meeting` None) or refreshes of `meeting` that have not started."""
    from django_tasks_db.models import DBTaskResult

    from book.tasks import refresh_books

    queued = DBTaskResult.objects.filter(task_path=refresh_books.module_path, status="READY")
    if meeting is None:
        return queued.filter(args_kwargs__args=[])
    return queued.filter(args_kwargs__args=[meeting.pk])


def is_pending(meeting):
    """Whether the member books of `meeting` are about to be refreshed: a sweep or a refresh
    of this meeting is queued and has not started yet."""
    return pending(meeting).exists() or pending(None).exists()


def refresh(meetings):
    """Queue a build of every member book of `meetings` that does not show what members may
    read now; remove the stored member books that no longer do. Whole books first, every
    meeting's, then the books of items and proposals. Returns how many builds were queued."""
    queued = 0
    targets = []
    for meeting in meetings:
        # Primed first: asking whether each stored book is current then assembles nothing.
        own = builds.prime(meeting, assembly.MEMBER)
        builds.discard_outdated(meeting)
        scopes = [(assembly.MEETING, None)]
        if meeting.decisions_published_at is not None:
            scopes.append((assembly.DECISIONS, None))
        queued += _request(meeting, scopes)
        targets.append((meeting, [key for key in own if key[0] != assembly.MEETING]))
    for meeting, own in targets:
        queued += _request(meeting, own)
    return queued


def _request(meeting, scopes):
    items = AgendaItem.objects.filter(meeting=meeting).in_bulk()
    proposals = Proposal.objects.filter(agenda_item__meeting=meeting).in_bulk()
    targets = {assembly.ITEM: items, assembly.PROPOSAL: proposals}
    queued = 0
    for scope, target_id in scopes:
        target = targets[scope].get(target_id) if target_id is not None else None
        if target_id is not None and target is None:
            continue  # gone since the papers were assembled: the next sweep knows
        for fmt in builds.FORMATS:
            try:
                current = builds.state(meeting, assembly.MEMBER, scope, target, fmt)
            except LookupError:
                continue  # no longer in the member edition
            if current.is_current or current.is_pending or current.failed:
                # A failed build is tried again by the secretariat (the book page), or by the
                # next change: not in a loop on every sweep.
                continue
            builds.request(meeting, assembly.MEMBER, scope, target, fmt)
            queued += 1
    return queued


def published_meetings():
    """Every published meeting, the coming and latest first: their books are wanted first."""
    return Meeting.objects.published().order_by("-starts_at")
