"""Password guessing is stopped: after 5 wrong passwords even the right one fails for a while."""

import datetime as dt

import pytest
from axes.models import AccessAttempt

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def attempt(client, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": "lid", "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def user(db):
    return make_user("lid")


def test_five_wrong_passwords_lock_the_account_even_for_the_right_password(client, user):
    for _ in range(4):
        assert attempt(client, "guess").status_code == 200
    locked = attempt(client, "guess")
    assert locked.status_code == 429
    assert "Te veel mislukte pogingen" in locked.content.decode()
    right = attempt(client, "pw-lid")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_ends_after_the_cool_off_period(client, user):
    for _ in range(5):
        attempt(client, "guess")
    assert attempt(client, "pw-lid").status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert attempt(client, "pw-lid").status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_guessing_from_elsewhere_does_not_lock_out_the_member_at_their_own_desk(client, user):
    for _ in range(5):
        attempt(client, "guess", address="203.0.113.9")
    assert attempt(client, "pw-lid", address="10.0.0.1").status_code == 302


def test_a_successful_login_resets_the_count(client, user):
    for _ in range(4):
        attempt(client, "guess")
    assert attempt(client, "pw-lid").status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "guess").status_code == 200


def test_behind_a_proxy_the_client_address_comes_from_x_forwarded_for(rf, settings):
    from alv.security import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_ip(request) == "10.0.0.2"
    settings.ALV_TRUSTED_PROXY_COUNT = 1
    # The proxy appended the address it saw; what the client wrote before it is not trusted.
    assert client_ip(request) == "198.51.100.7"
