"""An address of a button opened as a page says what it is, instead of an empty 405."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_opening_a_button_s_address_shows_a_page_that_says_nothing_changed(
    client, secretariat_user
):
    meeting = f.meeting()
    client.force_login(secretariat_user)
    url = reverse("workspace:agenda_add", args=[meeting.pk])
    response = client.get(url)
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    page = response.content.decode()
    assert "Er is niets gewijzigd." in page
    assert 'href="/"' in page or reverse("home") in page


def test_the_logout_address_opened_by_hand_says_so_too():
    response = Client().get("/accounts/logout/")
    assert response.status_code == 405
    assert "Er is niets gewijzigd." in response.content.decode()


def test_a_head_request_stays_without_a_body(client, secretariat_user):
    client.force_login(secretariat_user)
    response = client.head(reverse("workspace:agenda_add", args=[f.meeting().pk]))
    assert response.status_code == 405 and response.content == b""
