"""Password guessing is stopped, counted three ways (settings.ALV_LOGIN_FAILURE_LIMITS): 5 wrong
passwords for one account from one address, 20 for one account from any addresses, 30 from one
address over any accounts; then even the right password fails for a while."""

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def attempt(client, password, address="10.0.0.1", username="lid"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


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


def test_changing_the_case_of_the_user_name_does_not_buy_more_guesses(client, user):
    for name in ("lid", "LID", "Lid", "lID"):
        assert attempt(client, "guess", username=name).status_code == 200
    assert attempt(client, "guess", username="liD").status_code == 429
    assert attempt(client, "pw-lid", username="lid").status_code == 429


def test_the_lock_ends_after_the_cool_off_period(client, user):
    for _ in range(5):
        attempt(client, "guess")
    assert attempt(client, "pw-lid").status_code == 429
    assert AccessAttempt.objects.exists()
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=16)):
        assert attempt(client, "pw-lid").status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_guessing_from_elsewhere_does_not_lock_out_the_member_at_their_own_desk(client, user):
    for _ in range(5):
        attempt(client, "guess", address="203.0.113.9")
    assert attempt(client, "pw-lid", address="10.0.0.1").status_code == 302


def test_guessing_one_account_from_many_addresses_locks_it_after_twenty(client, user):
    for n in range(19):
        assert attempt(client, "guess", address=f"203.0.113.{n}").status_code == 200
    locked = attempt(client, "guess", address="203.0.113.99")
    assert locked.status_code == 429
    # Now from every address, the member's own desk too: the price of stopping the guessing.
    assert attempt(client, "pw-lid", address="10.0.0.1").status_code == 429


def test_an_account_locked_from_many_addresses_opens_again_after_the_cool_off(client, user):
    for n in range(20):
        attempt(client, "guess", address=f"203.0.113.{n}")
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=16)):
        assert attempt(client, "pw-lid", address="10.0.0.1").status_code == 302


def test_one_address_guessing_many_accounts_is_locked_after_thirty(client, user):
    for n in range(29):
        assert attempt(client, "guess", username=f"gast{n}").status_code == 200
    assert attempt(client, "guess", username="gast99").status_code == 429
    # Locked for every account from that address, but not the account from elsewhere.
    assert attempt(client, "pw-lid").status_code == 429
    assert attempt(client, "pw-lid", address="10.0.0.2").status_code == 302


def test_logging_in_to_ones_own_account_does_not_wipe_the_count_of_the_address(client, user):
    make_user("gast")
    for n in range(29):
        attempt(client, "guess", username=f"gast{n}")
    assert attempt(client, "pw-gast", username="gast").status_code == 302
    client.logout()
    assert attempt(client, "guess", username="gast30").status_code == 429


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
