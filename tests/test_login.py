"""Logging in and out with the app's own pages."""

import pytest
from django.urls import reverse

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_the_header_links_to_the_apps_login_page_and_back_to_the_page(client):
    html = client.get(reverse("home")).content.decode()
    assert f'href="{LOGIN}?next=/"' in html
    assert "/admin/login/" not in html


def test_the_login_page_uses_nl_design_system_form_fields(client):
    html = client.get(LOGIN).content.decode()
    assert 'class="utrecht-form-label" for="id_username"' in html
    assert 'autocomplete="current-password"' in html
    assert "utrecht-button--primary-action" in html


def test_a_member_logs_in_and_returns_to_the_page_they_came_from(client):
    make_user("lid")
    response = client.post(LOGIN, {"username": "lid", "password": "pw-lid", "next": "/meetings/"})
    assert response.status_code == 302
    assert response["Location"] == "/meetings/"
    assert client.session["_auth_user_id"]


def test_without_next_a_members_login_lands_on_the_home_page(client):
    make_user("lid")
    response = client.post(LOGIN, {"username": "lid", "password": "pw-lid"})
    assert response["Location"] == reverse("after_login")
    assert client.get(response["Location"])["Location"] == reverse("home")


def test_the_login_does_not_redirect_to_another_site(client):
    make_user("lid")
    response = client.post(
        LOGIN, {"username": "lid", "password": "pw-lid", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("after_login")


def test_a_wrong_password_shows_an_error_and_logs_nobody_in(client):
    make_user("lid")
    response = client.post(LOGIN, {"username": "lid", "password": "wrong"})
    assert response.status_code == 200
    assert "utrecht-alert--error" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logging_out_needs_a_post_and_goes_home(client, member_user):
    client.force_login(member_user)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response["Location"] == reverse("home")
    assert "_auth_user_id" not in client.session


def test_the_header_offers_logout_to_a_logged_in_user(client, member_user):
    client.force_login(member_user)
    html = client.get(reverse("home")).content.decode()
    assert 'action="/accounts/logout/"' in html


def test_a_person_logs_in_with_their_e_mail_address_in_any_case(client):
    make_user("nina@utrecht.example")
    response = client.post(
        LOGIN, {"username": " Nina@Utrecht.Example", "password": "pw-nina@utrecht.example"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_two_accounts_that_differ_only_in_case_each_need_their_own_name(client):
    make_user("Jan")
    make_user("jan")
    client.post(LOGIN, {"username": "JAN", "password": "pw-jan"})
    assert "_auth_user_id" not in client.session
    client.post(LOGIN, {"username": "jan", "password": "pw-jan"})
    assert client.session["_auth_user_id"]
