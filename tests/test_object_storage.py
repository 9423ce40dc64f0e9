"""Uploads and built books in S3-compatible object storage (ALV_S3_BUCKET, alv.settings
`object_storages`), against moto's S3 in the test process: books are stored in the bucket,
downloaded by a signed link only after the access checks, and uploads are served through the
app as from the folder."""

import boto3
import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile, FileField
from django.urls import reverse
from moto import mock_aws

from alv.settings import object_storages
from alv.uploads import attachment_response
from book import builds
from tests import factories as f
from tests.test_uploads import PDF_BYTES

pytestmark = pytest.mark.django_db

BUCKET = "alv-test-bucket"


@pytest.fixture
def bucket(settings, monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-1",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    with mock_aws():
        s3 = boto3.client("s3", region_name="eu-west-1")
        s3.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        settings.STORAGES = {**settings.STORAGES, **object_storages(BUCKET)}
        yield s3


def keys(s3, prefix):
    listed = s3.list_objects_v2(Bucket=BUCKET, Prefix=prefix)
    return [item["Key"] for item in listed.get("Contents", [])]


@pytest.fixture
def meeting():
    item = f.item(f.meeting(title="Najaars-ALV"), "Financiën")
    f.motion(item, "Geld voor gemeenten", advice="overnemen")
    return item.meeting


def test_a_built_book_is_stored_in_the_bucket_and_downloaded_by_a_short_signed_link(
    bucket, meeting, client, work_off_queue
):
    builds.request(meeting, "member")
    work_off_queue()
    ready = builds.state(meeting, "member").ready
    assert keys(bucket, "books/") == [f"books/{ready.file_name}"]

    url = reverse("book:file", args=[ready.pk, builds.download_name(ready)])
    response = client.get(url + "?download=1")
    assert response.status_code == 302
    link = response["Location"]
    assert link.startswith(f"https://{BUCKET}.s3") and "Signature" in link
    assert "Expires=" in link or "X-Amz-Expires=60" in link
    download = requests.get(link, timeout=10)
    assert download.status_code == 200
    assert download.content.startswith(b"%PDF")
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment;")


def test_no_link_is_given_to_whom_may_not_read_the_book(bucket, meeting, client, work_off_queue):
    builds.request(meeting, "secretariat")
    work_off_queue()
    ready = builds.state(meeting, "secretariat").ready
    assert keys(bucket, "books/") == [f"books/{ready.file_name}"]
    response = client.get(reverse("book:file", args=[ready.pk, builds.download_name(ready)]))
    assert response.status_code == 403
    assert "Location" not in response


def test_a_book_whose_object_has_gone_is_built_again(bucket, meeting, work_off_queue):
    builds.request(meeting, "member")
    work_off_queue()
    ready = builds.state(meeting, "member").ready
    bucket.delete_object(Bucket=BUCKET, Key=f"books/{ready.file_name}")
    assert builds.state(meeting, "member").ready is None


def test_an_upload_is_kept_in_the_bucket_and_served_through_the_app(bucket):
    name = default_storage.save("attachments/2026/toelichting.pdf", ContentFile(PDF_BYTES))
    assert keys(bucket, "uploads/") == [f"uploads/{name}"]
    response = attachment_response(FieldFile(None, FileField(), name), filename="Toelichting")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES
