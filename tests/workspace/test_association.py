"""The secretariat's page "Association": name, logo, colours, opening formula, vote weights,
deadline rule and kinds of member; a stale edit or bad input changes nothing."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alv.models import Association
from tests import factories as f
from tests.test_association import PNG
from tests.workspace.util import assert_refused, html

pytestmark = pytest.mark.django_db

URL = reverse("workspace:association")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def form_data(**changes):
    association = Association.current()
    data = {
        "revision": association.revision,
        "name": "Unie van Waterschappen",
        "short_name": "UvW",
        "website": "https://www.uvw.nl",
        "primary_colour": "#00566e",
        "on_primary_colour": "#ffffff",
        "link_colour": "#00566e",
        "motion_opening": "De ledenvergadering van de {short_name}, bijeen op {date},",
        "vote_weights": "equal",
        "motion_deadline_days": "10",
        "motion_deadline_time": "17:00",
        "amendment_deadline_days": "5",
        "amendment_deadline_time": "12:00",
        "member_kinds": ["water_board"],
        "proxies_per_holder": "0",
    }
    data.update(changes)
    return data


def test_only_the_secretariat_opens_it(member, board):
    assert_refused(URL, member=member, board=board)


def test_the_workspace_links_to_it(secretariat):
    assert URL in html(secretariat.get(reverse("workspace:meetings")))


def test_it_shows_the_association_as_it_is(secretariat):
    page = html(secretariat.get(URL))
    assert 'value="Vereniging van Nederlandse Gemeenten"' in page
    assert 'value="#14397a"' in page


def test_saving_changes_the_association_everywhere(secretariat):
    response = secretariat.post(URL, form_data())
    assert response.status_code == 302
    association = Association.current()
    assert (association.short_name, association.vote_weights) == ("UvW", "equal")
    assert association.member_kinds == ["water_board"]
    assert association.motion_deadline_days == 10
    home = html(secretariat.get(reverse("home")))
    assert "UvW" in home and "Unie van Waterschappen" in home and "VNG" not in home


def test_a_logo_is_uploaded_and_can_be_removed(secretariat):
    logo = SimpleUploadedFile("logo.png", PNG, content_type="image/png")
    assert secretariat.post(URL, {**form_data(), "logo": logo}).status_code == 302
    association = Association.current()
    assert association.logo
    assert (
        secretariat.get(reverse("association_logo", args=[association.revision])).status_code == 200
    )
    data = form_data(remove_logo="on")
    assert secretariat.post(URL, data).status_code == 302
    assert not Association.current().logo


def test_a_file_that_is_no_image_is_refused_at_the_field(secretariat):
    fake = SimpleUploadedFile("logo.png", b"<svg onload='alert(1)'></svg>")
    response = secretariat.post(URL, {**form_data(), "logo": fake})
    assert response.status_code == 200
    assert "This file is not of an allowed type (PNG, JPEG)." in html(response)
    assert Association.current().short_name == "VNG"


def test_bad_input_is_shown_at_its_field_keeps_what_was_typed_and_changes_nothing(secretariat):
    data = form_data(
        primary_colour="blue", motion_opening="Het congres van {party},", member_kinds=[]
    )
    page = html(secretariat.post(URL, data))
    assert "Enter a colour as # and six hexadecimal digits" in page
    assert "Unknown placeholder {party}" in page
    assert "Choose at least one kind of member." in page
    assert 'value="Unie van Waterschappen"' in page  # what was typed
    association = Association.current()
    assert (association.short_name, association.primary_colour) == ("VNG", "#14397a")


def test_too_little_contrast_is_refused(secretariat):
    page = html(secretariat.post(URL, form_data(primary_colour="#ffd700")))
    assert "Too little contrast with the brand colour" in page
    assert Association.current().primary_colour == "#14397a"


def test_a_stale_edit_does_not_overwrite_the_first(secretariat, second_secretary):
    first = form_data()
    second = form_data(short_name="WS", name="Waterschappen")  # the same page, another browser
    assert secretariat.post(URL, first).status_code == 302
    page = html(second_secretary.post(URL, second))
    assert "Someone else saved this while you were editing it" in page
    assert "UvW" in page  # the current values are listed
    assert Association.current().short_name == "UvW"
    # Saving again, after seeing them, is a deliberate choice and goes through.
    again = {**second, "revision": Association.current().revision}
    assert second_secretary.post(URL, again).status_code == 302
    assert Association.current().short_name == "WS"


def test_a_kind_that_members_have_today_cannot_be_removed(secretariat):
    f.member("Caribisch Nederland", kind="public_body")
    f.member("Ahoven")
    page = html(secretariat.post(URL, form_data(member_kinds=["municipality", "water_board"])))
    assert "Members of these kinds exist today: public body. Keep them." in page
    assert Association.current().member_kinds == [
        "municipality",
        "public_body",
        "other_organisation",
    ]
    assert (
        secretariat.post(URL, form_data(member_kinds=["municipality", "public_body"])).status_code
        == 302
    )


def test_a_kind_only_former_members_had_can_be_removed(secretariat):
    f.member("Regio Oud", kind="other_organisation", member_until=dt.date(2019, 1, 1))
    assert secretariat.post(URL, form_data(member_kinds=["municipality"])).status_code == 302
    assert Association.current().member_kinds == ["municipality"]
