import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from book import assembly

# A build that has been queued or running this long is taken for lost (a worker that died):
# asking again starts a new one.
STALE_AFTER = dt.timedelta(minutes=30)


def book_storage():
    """Where built books are kept: the storage `books` of settings.STORAGES where one is set
    (object storage, with ALV_S3_BUCKET), otherwise the folder BOOK_STORAGE."""
    if "books" in settings.STORAGES:
        return storages["books"]
    return FileSystemStorage(location=settings.BOOK_STORAGE, allow_overwrite=True)


class BookBuildQuerySet(models.QuerySet):
    def for_book(self, meeting, edition, scope=assembly.MEETING, target_id=None, fmt="pdf"):
        return self.filter(
            meeting=meeting, edition=edition, scope=scope, target_id=target_id, format=fmt
        )

    def ready(self):
        return self.filter(status=BookBuild.Status.READY)


class BookBuild(models.Model):
    """One rendering of a meeting book (a whole meeting, an agenda item or one motion, in one
    edition and format) or of a meeting's decision list, keyed on the hash of everything it shows: a ready build with the
    current hash is the book; an older ready one is served, marked outdated, until then."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("being built")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    class Edition(models.TextChoices):
        MEMBER = assembly.MEMBER, _("member edition")
        SECRETARIAT = assembly.SECRETARIAT, _("secretariat edition")

    class Scope(models.TextChoices):
        MEETING = assembly.MEETING, _("whole meeting")
        ITEM = assembly.ITEM, _("agenda item")
        PROPOSAL = assembly.PROPOSAL, _("motion or amendment")
        DECISIONS = assembly.DECISIONS, _("decision list")

    meeting = models.ForeignKey(
        "agenda.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="book_builds",
    )
    edition = models.CharField(_("edition"), max_length=20, choices=Edition.choices)
    scope = models.CharField(
        _("scope"), max_length=20, choices=Scope.choices, default=Scope.MEETING
    )
    # The agenda item or proposal of a partial book; its row may be gone, the file stays valid.
    target_id = models.PositiveBigIntegerField(_("item or proposal"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=10, default="pdf")
    content_hash = models.CharField(_("content hash"), max_length=64)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("reason of failure"), blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    is_concept = models.BooleanField(_("concept"), default=False)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = BookBuildQuerySet.as_manager()

    class Meta:
        verbose_name = _("book build")
        verbose_name_plural = _("book builds")
        ordering = ["-requested_at"]
        indexes = [
            models.Index(
                fields=["meeting", "edition", "scope", "target_id", "format", "content_hash"],
                name="bookbuild_key",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "running", "ready", "failed"]),
                name="bookbuild_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(edition__in=["member", "secretariat"]),
                name="bookbuild_edition_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="bookbuild_progress_range"
            ),
        ]

    def __str__(self):
        return f"{self.meeting} {self.edition} {self.scope} {self.content_hash[:12]}"

    @property
    def is_ready(self):
        return self.status == self.Status.READY

    @property
    def is_failed(self):
        return self.status == self.Status.FAILED

    @property
    def is_pending(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def is_stale(self):
        since = self.started_at or self.requested_at
        return self.is_pending and timezone.now() - since > STALE_AFTER

    @property
    def path(self):
        """The file, where books are kept on the file system (not in object storage)."""
        return Path(book_storage().path(self.file_name))

    @property
    def etag(self):
        # The file never changes once written: its content hash (and format) identifies it.
        return f'"{self.content_hash[:32]}-{self.format}"'

    def set_progress(self, percent, status=None):
        self.progress = percent
        fields = ["progress"]
        if status:
            self.status = status
            fields.append("status")
        if status == self.Status.RUNNING:
            self.started_at = timezone.now()
            fields.append("started_at")
        self.save(update_fields=fields)
