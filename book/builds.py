"""Stored books: which build is current, starting one in the background, rendering and keeping
its file. A book is keyed on the hash of everything it shows (see `Book.content_hash`), so an
unchanged meeting is rendered once, and any change makes the next request build a new one
while the previous file stays available, marked outdated."""

import hashlib
import logging
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import get_language, pgettext

from agenda.models import AgendaItem
from alv import freshness
from book import assembly
from book.models import BookBuild, book_storage
from motions.models import Proposal

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    content_type: str
    renderer: str  # dotted path of a function book -> (bytes, page count)


# The Word export adds its format here; everything else (tasks, views, command) follows.
FORMATS = {
    "pdf": Format("pdf", "pdf", "application/pdf", "book.pdf.render_pdf"),
    "docx": Format(
        "docx",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "book.docx.render_docx",
    ),
}


def renderer(fmt):
    from django.utils.module_loading import import_string

    return import_string(FORMATS[fmt].renderer)


def target_of(meeting, scope, target_id):
    """The agenda item or proposal a partial book is about (of this meeting), or None."""
    if scope == assembly.ITEM:
        return AgendaItem.objects.get(meeting=meeting, pk=target_id)
    if scope == assembly.PROPOSAL:
        return Proposal.objects.get(agenda_item__meeting=meeting, pk=target_id)
    return None


@dataclass
class BookState:
    """Where a book stands: the hash of what it would show now, the build for that hash (if
    any was requested) and the latest ready build (possibly of older content)."""

    meeting: object
    edition: str
    scope: str
    target_id: int | None
    fmt: str
    content_hash: str
    is_concept: bool
    build: BookBuild | None
    ready: BookBuild | None
    # The member edition's books are about to be queued after a change (book.refresh).
    refreshing: bool = False

    @property
    def is_current(self):
        return self.ready is not None and self.ready.content_hash == self.content_hash

    @property
    def is_outdated(self):
        return self.ready is not None and not self.is_current

    @property
    def is_pending(self):
        return self.build is not None and self.build.is_pending and not self.build.is_stale

    @property
    def failed(self):
        """The failed build of the current content, if that is the last word on it."""
        if self.build is not None and self.build.is_failed:
            return self.build
        return None


# A summary is of one revision of the papers and never read after the next write: in a shared
# cache (Redis, ALV_CACHE_URL) it must expire by itself, or every revision's would stay.
SUMMARY_SECONDS = 24 * 3600


def _summary(meeting, edition, scope, target):
    """(content hash, is concept) of the book as it would be built now. Assembling the papers
    is nearly all the work of asking where a book stands, and the answer only changes with the
    papers: cached under their revision (alv.freshness)."""
    key = _summary_key(meeting, edition, scope, target.pk if target else None)
    summary = cache.get(key)
    if summary is None:
        book = assembly.build(meeting, edition, scope, target)
        summary = (book.content_hash(), book.is_concept)
        cache.set(key, summary, SUMMARY_SECONDS)
    return summary


def _summary_key(meeting, edition, scope, target_id, revision=None):
    if revision is None:
        revision = freshness.papers_revision()
    return (
        f"book-summary:{meeting.pk}:{edition}:{scope}:{target_id or ''}:{get_language()}:{revision}"
    )


def prime(meeting, edition):
    """Ask where every book of `meeting` in `edition` stands at the cost of one assembly: the
    whole book and the book of each agenda item and proposal, summarized in one go and kept
    as `_summary` would keep each. Returns the targets: [(scope, target id)]."""
    revision = freshness.papers_revision()  # read before the papers, as `_summary` does
    books = assembly.build_all(meeting, edition)
    cache.set_many(
        {
            _summary_key(meeting, edition, scope, target_id, revision): (
                book.content_hash(),
                book.is_concept,
            )
            for (scope, target_id), book in books.items()
        },
        SUMMARY_SECONDS,
    )
    return list(books)


def state(meeting, edition, scope=assembly.MEETING, target=None, fmt="pdf"):
    """Where the book stands. The member edition offers only a file of what members may read
    now (its current content): an outdated one may hold what has been withdrawn since. The
    secretariat's edition offers the previous file while a new one is built."""
    content_hash, is_concept = _summary(meeting, edition, scope, target)
    content_hash = _key(content_hash, fmt)
    target_id = target.pk if target is not None else None
    builds = BookBuild.objects.for_book(meeting, edition, scope, target_id, fmt)
    ready = builds.ready()
    if edition == assembly.MEMBER:
        ready = ready.filter(content_hash=content_hash)
    return BookState(
        meeting=meeting,
        edition=edition,
        scope=scope,
        target_id=target_id,
        fmt=fmt,
        content_hash=content_hash,
        is_concept=is_concept,
        build=builds.filter(content_hash=content_hash).order_by("-requested_at").first(),
        ready=_latest_on_disk(ready.order_by("-finished_at")),
    )


def is_current(build):
    """Whether the stored `build` shows exactly what its edition shows now: its meeting (and,
    for members, its papers or decision list) still published, its item or motion still in
    the edition, nothing changed or withdrawn since."""
    meeting = build.meeting
    if build.edition == assembly.MEMBER:
        published = (
            meeting.decisions_published_at
            if build.scope == assembly.DECISIONS
            else meeting.published_at
        )
        if published is None:
            return False
    try:
        target = target_of(meeting, build.scope, build.target_id)
        content_hash, _ = _summary(meeting, build.edition, build.scope, target)
    except (LookupError, AgendaItem.DoesNotExist, Proposal.DoesNotExist):
        return False
    return _key(content_hash, build.format) == build.content_hash


def discard_outdated(meeting):
    """Remove the member edition's stored files of `meeting` that no longer show what members
    may read (a motion set back to draft, pre-advice or papers unpublished, a version
    withdrawn, anything edited): they are never served again, and withdrawn texts should not
    stay on disk either. Returns how many were removed."""
    removed = 0
    for build in BookBuild.objects.filter(meeting=meeting, edition=assembly.MEMBER).ready():
        if not is_current(build):
            _remove(build)
            removed += 1
    return removed


def papers_withdrawn(meeting):
    """Something of `meeting` was taken back from members: have its stored member books that
    still show it removed, in the background (assembling every stored book to compare is the
    worker's work). Queued in the caller's transaction, so it runs only if that commits. Until
    then no such file is served anyway: `is_current` is checked at every download."""
    from book.tasks import discard_outdated_books

    discard_outdated_books.enqueue(meeting.pk)


def _remove(build):
    if build.file_name:
        book_storage().delete(build.file_name)  # a file already gone is no error
    build.delete()


def _latest_on_disk(ready_builds):
    # A stored file that has gone (a wiped storage folder) is no book: build it again.
    storage = book_storage()
    return next((build for build in ready_builds[:5] if storage.exists(build.file_name)), None)


def _key(content_hash, fmt):
    # The format is part of the key: a PDF and a .docx of the same content are two files.
    if fmt == "pdf":
        return content_hash
    # The Word file also depends on its template and renderer (the PDF's layout is in the hash).
    from book.docx import layout_digest

    content = hashlib.sha256((content_hash + layout_digest()).encode()).hexdigest()
    return f"{content[:56]}-{fmt}"[:64]


def request(meeting, edition, scope=assembly.MEETING, target=None, fmt="pdf", retry=False):
    """Make sure the current book is built or being built; returns the new state.

    Never renders here: a missing book is queued for the worker. A failed build is tried
    again only when asked (`retry`), so a page that polls does not loop on a broken book."""
    current = state(meeting, edition, scope, target, fmt)
    build = current.build
    if current.is_current:
        return current
    # A ready build that is not current has lost its file; a stale one its worker.
    if build is None or build.is_ready or build.is_stale or (build.is_failed and retry):
        with transaction.atomic():
            build = BookBuild.objects.create(
                meeting=meeting,
                edition=edition,
                scope=scope,
                target_id=current.target_id,
                format=fmt,
                content_hash=current.content_hash,
                is_concept=current.is_concept,
            )
            from book.tasks import render_book

            result = render_book.enqueue(build.pk)
            build.task_id = str(result.id)
            build.save(update_fields=["task_id"])
        build.refresh_from_db()
        current.build = build
        if build.is_ready:  # a backend that runs tasks at once (tests, the command)
            current.ready = build
    return current


class _Progress(logging.Handler):
    """Turns WeasyPrint's progress log ("Step 5 - Creating layout - Page 12") into the build's
    progress, written at most once a second."""

    STEPS = {"1": 15, "2": 20, "3": 25, "4": 30, "6": 85}

    def __init__(self, build):
        super().__init__(logging.INFO)
        self.build = build
        self.written = 0.0

    def emit(self, record):
        match = re.match(r"Step (\d)", record.getMessage())
        if not match:
            return
        step = match.group(1)
        if step == "5":
            page = re.search(r"Page (\d+)", record.getMessage())
            percent = min(80, 35 + int(page.group(1)) // 3) if page else 35
        else:
            percent = self.STEPS.get(step, self.build.progress)
        now = time.monotonic()
        if percent > self.build.progress and (now - self.written >= 1 or step == "6"):
            self.written = now
            self.build.set_progress(percent)


def file_name(build):
    target = f"-{build.target_id}" if build.target_id else ""
    return (
        f"{build.meeting_id}/{build.scope}{target}-{build.edition}-"
        f"{build.content_hash[:20]}-{build.pk}.{FORMATS[build.format].extension}"
    )


def run(build):
    """Render `build` and store its file (the body of the background task)."""
    build.set_progress(5, BookBuild.Status.RUNNING)
    progress = _Progress(build)
    weasy_log = logging.getLogger("weasyprint.progress")
    weasy_log.addHandler(progress)
    old_level = weasy_log.level
    weasy_log.setLevel(logging.INFO)
    try:
        target = target_of(build.meeting, build.scope, build.target_id)
        book = assembly.build(build.meeting, build.edition, build.scope, target)
        build.set_progress(10)
        data, pages = renderer(build.format)(book)
        # What was rendered is what counts, should the papers have changed since the request.
        build.content_hash = _key(book.content_hash(), build.format)
        build.is_concept = book.is_concept
        build.file_name = file_name(build)
        _store(build.file_name, data)
    except Exception as exc:
        # The reason is for the log and the administrator: pages show what a person can do.
        logger.exception("Book build %s failed", build.pk)
        build.status = BookBuild.Status.FAILED
        build.error = str(exc) or type(exc).__name__
        build.finished_at = timezone.now()
        build.save(update_fields=["status", "error", "finished_at"])
        raise
    finally:
        weasy_log.removeHandler(progress)
        weasy_log.setLevel(old_level)
    build.status = BookBuild.Status.READY
    build.progress = 100
    build.size = len(data)
    build.page_count = pages
    build.finished_at = timezone.now()
    build.save()
    _prune(build)
    build.meeting.refresh_from_db(fields=["published_at", "decisions_published_at"])
    if build.edition == assembly.MEMBER and not is_current(build):
        # Something was withdrawn (or changed) while it was rendered, after the withdrawal's
        # clean-up ran: it would never be served, and may show what members may not read.
        _remove(build)
    return build


def _store(name, data):
    storage = book_storage()
    if not isinstance(storage, FileSystemStorage):
        storage.save(name, ContentFile(data))  # an object store replaces an object whole
        return
    path = Path(storage.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, path)  # readers never see half a file


def _prune(build):
    """Older books of the same key are outdated now that this one is ready: drop them."""
    older = BookBuild.objects.for_book(
        build.meeting_id, build.edition, build.scope, build.target_id, build.format
    ).filter(requested_at__lt=build.requested_at, status__in=["ready", "failed"])
    for old in older:
        _remove(old)


def download_name(build):
    meeting = build.meeting
    date = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d")
    parts = [slugify(meeting.title) or "alv", date]
    if build.scope == assembly.DECISIONS:
        # Named in the association's language, as the document itself is.
        with translation.override(settings.LANGUAGE_CODE):
            parts.append(slugify(pgettext("file name", "decision-list")))
    elif build.scope != assembly.MEETING:
        parts.append(f"{build.scope}-{build.target_id}")
    if build.edition == assembly.SECRETARIAT:
        parts.append("concept" if build.is_concept else "secretariaat")
    return "-".join(parts) + "." + FORMATS[build.format].extension
