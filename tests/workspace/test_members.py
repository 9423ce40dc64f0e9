"""The secretariat loads a new list of members in the workspace: upload, preview, confirm."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.imports import apply_plan, plan_import
from members.models import Member
from tests.workspace.util import html

pytestmark = pytest.mark.django_db

URL = reverse("workspace:member_import")
FIRST = "code,name,population\nGM0001,Ahoven,10000\nGM0002,Beedorp,20000\n"
SECOND = "code,name,population,successor_code\nGM0001,Ahoven,,GM0002\nGM0002,Beedorp,31000,\n"


@pytest.fixture
def loaded():
    apply_plan(plan_import(FIRST, dt.date(2025, 1, 1)))


def upload(client, text, valid_from="2026-01-01"):
    data = {"valid_from": valid_from}
    if text is not None:
        data["file"] = SimpleUploadedFile("leden.csv", text.encode(), content_type="text/csv")
    return client.post(URL, data)


def confirm(client):
    return client.post(URL, {"action": "confirm"})


def test_the_preview_shows_what_will_change_and_saves_nothing(secretariat, loaded):
    response = upload(secretariat, SECOND)
    page = html(response)
    assert response.status_code == 200
    assert "Merged: Ahoven into Beedorp" in page
    assert "Confirm and load the list" in page
    assert Member.objects.get(code="GM0001").member_until is None


def test_confirming_the_preview_loads_the_list(secretariat, loaded):
    upload(secretariat, SECOND)
    response = confirm(secretariat)
    assert response.status_code == 302
    assert Member.objects.get(code="GM0001").member_until == dt.date(2025, 12, 31)
    assert Member.objects.get(code="GM0002").population_on(dt.date(2026, 1, 1)) == 31000
    assert "1 merged" in html(secretariat.get(response["Location"]))
    # A second confirmation (a double click, a retried request) finds nothing left to load.
    again = confirm(secretariat)
    assert again.status_code == 302
    assert "already been loaded" in html(secretariat.get(again["Location"]))


def test_a_list_with_bad_rows_shows_every_problem_by_line_and_keeps_the_date(secretariat, loaded):
    response = upload(secretariat, "code,name,population\nGM0001,,1\nGM0002,Beedorp,x\n")
    page = html(response)
    assert response.status_code == 400
    assert "Line 2:" in page and "the row has no name" in page
    assert "Line 3:" in page and "is not a number" in page
    assert 'value="2026-01-01"' in page
    assert "Confirm and load the list" not in page
    assert Member.objects.get(code="GM0002").population_on(dt.date(2026, 1, 1)) == 20000


def test_without_a_file_or_date_the_form_says_so_at_the_field(secretariat):
    page = html(upload(secretariat, None, valid_from=""))
    assert page.count("This field is required.") == 2


def test_a_change_between_preview_and_confirmation_shows_the_new_preview_first(secretariat, loaded):
    upload(secretariat, SECOND)
    # Meanwhile someone renames Beedorp: the list would now rename it back.
    Member.objects.filter(code="GM0002").update(name="Beedorp-Oud")
    response = confirm(secretariat)
    assert response.status_code == 409
    assert "changed since the preview" in html(response)
    assert "Renamed: Beedorp-Oud is now Beedorp" in html(response)
    assert Member.objects.get(code="GM0001").member_until is None
    assert confirm(secretariat).status_code == 302
    assert Member.objects.get(code="GM0001").member_until == dt.date(2025, 12, 31)


def test_the_member_list_shows_current_and_former_members(secretariat, loaded):
    apply_plan(plan_import(SECOND, dt.date(2026, 1, 1)))
    page = html(secretariat.get(reverse("workspace:members")))
    current, former = page.split("Former members")
    assert "Beedorp" in current and "Ahoven" not in current
    assert "Ahoven" in former and "31-12-2025" in former


def test_only_the_secretariat_loads_members(board, loaded):
    assert upload(board, SECOND).status_code == 403
    assert Member.objects.get(code="GM0001").member_until is None
