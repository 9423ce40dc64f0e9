"""The association as data (alv.models.Association): one row, read without a query per use,
its opening formula, its checks, its stylesheet and its logo."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alv.models import Association, MemberKind, VoteWeights, contrast_ratio

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    # Uploaded logos land in the test's own folder, not the developer's media folder.
    settings.MEDIA_ROOT = tmp_path


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_the_installation_starts_as_the_vng_with_its_rules():
    association = Association.current()
    assert (association.name, association.short_name) == (
        "Vereniging van Nederlandse Gemeenten",
        "VNG",
    )
    assert association.vote_weights == VoteWeights.POPULATION
    assert MemberKind.MUNICIPALITY in association.member_kinds
    assert Association.objects.count() == 1


def test_it_is_made_with_defaults_when_the_row_is_missing():
    Association.objects.all().delete()
    Association.forget()
    association = Association.current()
    assert association.pk is not None and Association.objects.count() == 1


def test_it_is_read_once_and_then_kept_until_it_changes(set_association):
    Association.current()
    with CaptureQueriesContext(connection) as queries:
        assert Association.current().short_name == "VNG"
    # Only the papers' revision is read to know the kept one is current.
    assert len(queries) == 1
    set_association(short_name="UvW")
    assert Association.current().short_name == "UvW"


def test_a_change_made_elsewhere_is_seen_at_once():
    Association.current()
    # As another process would write it: past this process's copy.
    Association.objects.update(short_name="IPO")
    assert Association.current().short_name == "IPO"


def test_the_opening_formula_fills_in_its_placeholders_and_nothing_else():
    association = Association(
        name="Unie van Waterschappen",
        short_name="UvW",
        motion_opening="De ledenvergadering van de {short_name} ({name}), bijeen op {date}, "
        "{{ user.password }} {unknown}",
    )
    assert association.opening_of_motion("4-6-2026") == (
        "De ledenvergadering van de UvW (Unie van Waterschappen), bijeen op 4-6-2026, "
        "{{ user.password }} {unknown}"
    )


def test_an_unknown_placeholder_is_refused_with_the_ones_allowed():
    association = Association.current()
    association.motion_opening = "Het congres van {party}, bijeen op {date},"
    with pytest.raises(ValidationError) as error:
        association.full_clean()
    message = str(error.value.message_dict["motion_opening"])
    assert "{party}" in message and "{short_name}" in message


@pytest.mark.parametrize("colour", ["14397a", "#14397", "#14397g", "red", "#14397a;}"])
def test_a_colour_must_be_a_hex_code(colour):
    association = Association.current()
    association.primary_colour = colour
    with pytest.raises(ValidationError) as error:
        association.full_clean()
    assert "primary_colour" in error.value.message_dict


def test_text_on_the_brand_colour_must_be_readable():
    association = Association.current()
    association.primary_colour, association.on_primary_colour = "#ffd700", "#ffffff"
    with pytest.raises(ValidationError) as error:
        association.full_clean()
    assert "on_primary_colour" in error.value.message_dict
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)


def test_member_kinds_must_be_known_kinds():
    association = Association.current()
    association.member_kinds = ["municipality", "country"]
    with pytest.raises(ValidationError) as error:
        association.full_clean()
    assert "country" in str(error.value.message_dict["member_kinds"])


def test_the_stylesheet_sets_the_colours_and_may_be_kept_for_a_year(client, set_association):
    association = set_association(primary_colour="#00566e", link_colour="#00566e")
    response = client.get(reverse("association_theme", args=[association.revision]))
    assert response["Content-Type"].startswith("text/css")
    css = response.content.decode()
    assert "--alv-color-primary: #00566e;" in css and "--alv-color-link: #00566e;" in css
    assert "max-age=31536000" in response["Cache-Control"]
    stale = client.get(reverse("association_theme", args=[association.revision - 1]))
    assert "no-cache" in stale["Cache-Control"]


def test_every_page_links_the_stylesheet_of_the_current_revision(client, set_association):
    association = set_association(primary_colour="#00566e")
    html = client.get(reverse("home")).content.decode()
    assert reverse("association_theme", args=[association.revision]) in html


def test_a_colour_written_past_the_checks_never_reaches_the_stylesheet(client):
    # Seven characters, as the column holds (PostgreSQL refuses a longer one).
    Association.objects.update(primary_colour="red;}*{")
    css = client.get(reverse("association_theme", args=[1])).content.decode()
    assert "red;}" not in css and "--alv-color-primary: #14397a;" in css


def test_the_logo_is_served_as_the_image_it_is(client, set_association):
    association = set_association(logo=SimpleUploadedFile("logo.svg", PNG))
    response = client.get(reverse("association_logo", args=[association.revision]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
    assert "alv-brand__logo" in client.get(reverse("home")).content.decode()


def test_a_stored_logo_that_is_no_image_is_not_served(client, set_association):
    association = set_association(logo=SimpleUploadedFile("logo.png", b"<svg onload=x>"))
    response = client.get(reverse("association_logo", args=[association.revision]))
    assert response.status_code == 404


def test_without_a_logo_there_is_none_to_fetch(client):
    assert client.get(reverse("association_logo", args=[1])).status_code == 404


def test_png_and_jpeg_are_told_apart_by_their_content():
    from alv import uploads

    assert uploads.sniff(io.BytesIO(PNG)) is uploads.PNG
    assert uploads.sniff(io.BytesIO(b"\xff\xd8\xff\xe0rest")) is uploads.JPEG
    assert uploads.sniff(io.BytesIO(b"<svg></svg>")) is None
