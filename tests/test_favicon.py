"""/favicon.ico, which browsers and other clients ask for whatever the page says, leads to the
site's icon (issue 23), and every page names its icons."""

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import Client
from PIL import Image

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_anyone_to_the_icon_file():
    response = Client().get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.ico")


def test_the_icon_file_is_an_icon_of_the_usual_sizes():
    path = finders.find("favicon.ico")
    assert path, "static/favicon.ico is missing"
    with open(path, "rb") as file:
        assert file.read(4) == b"\x00\x00\x01\x00"  # the ICO signature
    with Image.open(path) as icon:
        assert icon.format == "ICO"
        assert {(16, 16), (32, 32)} <= set(icon.info["sizes"])


def test_browsers_keep_the_answer_for_a_day():
    response = Client().get("/favicon.ico")
    assert "max-age=86400" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


def test_only_reading_is_allowed_on_favicon_ico():
    assert Client().head("/favicon.ico").status_code == 302
    assert Client().post("/favicon.ico").status_code == 405


def test_every_page_names_the_icon_and_its_scalable_version():
    page = Client().get("/").content.decode()
    assert f'<link rel="icon" href="{static("favicon.ico")}" sizes="32x32">' in page
    assert f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">' in page
