"""Uploaded files (Word import, attachments): checked on the way in, served safely on the way out.

    kind = validate_upload(request.FILES["file"], kinds=("docx",))   # ValidationError if not
    ...
    return attachment_response(attachment.file, filename=f"{attachment.title}.pdf")

The type is decided by the file's content, never by its name or the browser's claim. Files
are stored under MEDIA_ROOT (outside the static files, never served by URL directly): a view
that checks visibility serves them, as a download with the right content type.
"""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Kind:
    name: str
    content_type: str
    extension: str
    label: str


PDF = Kind("pdf", "application/pdf", ".pdf", "PDF")
DOCX = Kind(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docx",
    "Word (.docx)",
)
PNG = Kind("png", "image/png", ".png", "PNG")
JPEG = Kind("jpeg", "image/jpeg", ".jpg", "JPEG")
KINDS = {kind.name: kind for kind in (PDF, DOCX, PNG, JPEG)}


def sniff(uploaded):
    """The Kind the content of `uploaded` is, or None."""
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(uploaded) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            uploaded.seek(0)
        if {"[Content_Types].xml", "word/document.xml"} <= names:
            return DOCX
    return None


def validate_upload(uploaded, kinds=("pdf", "docx"), max_bytes=None):
    """The Kind of `uploaded` if it is one of `kinds` and not too big; ValidationError with a
    message for the user otherwise."""
    max_bytes = max_bytes or settings.ALV_MAX_UPLOAD_BYTES
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("The file is too big: at most %(size)d MB.") % {"size": max_bytes // 1_000_000}
        )
    kind = sniff(uploaded)
    if kind is None or kind.name not in kinds:
        allowed = ", ".join(KINDS[name].label for name in kinds)
        raise ValidationError(
            _("This file is not of an allowed type (%(allowed)s).") % {"allowed": allowed}
        )
    return kind


def attachment_response(field_file, filename=None):
    """Serve a stored upload as a download, with the content type its content shows."""
    kind = sniff(field_file.open("rb"))
    if kind is None:
        raise ValidationError("Stored file of unknown type")  # never served as something else
    name = PurePath(filename or field_file.name).stem + kind.extension
    return FileResponse(
        field_file.open("rb"), as_attachment=True, filename=name, content_type=kind.content_type
    )


def image_response(field_file):
    """Serve a stored image (the association's logo) inline, with the content type its content
    shows; anything else is never served (an SVG could carry a script)."""
    kind = sniff(field_file.open("rb"))
    if kind not in (PNG, JPEG):
        raise ValidationError("Stored file is not an image")
    return FileResponse(field_file.open("rb"), content_type=kind.content_type)
