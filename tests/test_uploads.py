"""Uploads are checked by content and size, stored apart from the static files, and served as
downloads with the content type their content shows."""

import io

import docx
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from alv.uploads import attachment_response, validate_upload
from tests import urlmatrix

PDF_BYTES = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def word_bytes():
    document = docx.Document()
    document.add_paragraph("Motie Haaksbergen")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_a_word_file_and_a_pdf_are_recognised_by_their_content():
    assert validate_upload(upload("motie.bin", word_bytes())).name == "docx"
    assert validate_upload(upload("bijlage", PDF_BYTES)).name == "pdf"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("motie.docx", b"<html><script>alert(1)</script></html>"),
        ("bijlage.pdf", b"MZ\x90\x00 an executable"),
        ("archief.docx", b"PK\x03\x04 not really a zip"),
    ],
)
def test_a_file_whose_content_is_not_allowed_is_refused_whatever_its_name(name, content):
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        validate_upload(upload(name, content, "application/pdf"))
    assert "geen toegestaan type" in refused.value.messages[0]


def test_a_zip_that_is_not_a_word_file_is_refused():
    out = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ValidationError):
        validate_upload(upload("motie.docx", out.getvalue()))


def test_only_the_kinds_asked_for_are_allowed():
    with pytest.raises(ValidationError):
        validate_upload(upload("motie.pdf", PDF_BYTES), kinds=("docx",))


def test_a_file_over_the_limit_is_refused():
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        validate_upload(upload("groot.pdf", PDF_BYTES + b"0" * 2_000_000), max_bytes=1_000_000)
    assert "te groot" in refused.value.messages[0]


def test_uploads_are_stored_outside_the_static_files_and_not_served_by_url():
    media = settings.MEDIA_ROOT.resolve()
    for static in [settings.STATIC_ROOT, *settings.STATICFILES_DIRS]:
        path = static[1] if isinstance(static, tuple) else static
        assert not media.is_relative_to(path.resolve())
    routes = urlmatrix.project_urls().values()
    assert not any(route.startswith(settings.MEDIA_URL.lstrip("/")) for route in routes)


def test_a_stored_file_is_served_as_a_download_with_its_real_content_type(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.storage import default_storage
    from django.db.models.fields.files import FieldFile, FileField

    name = default_storage.save("attachments/2024/toelichting.pdf", ContentFile(PDF_BYTES))
    field_file = FieldFile(None, FileField(), name)
    response = attachment_response(field_file, filename="Toelichting IZA.html")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Toelichting IZA.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF_BYTES
