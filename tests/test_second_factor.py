"""Two-factor sign-in: the secretariat and the board must pass a code of an authenticator app
(or a recovery code) after their password; members' people may switch it on."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from alv import access, roles, second_factor
from tests import factories as f
from tests.conftest import make_user
from tests.second_factor import current_code, device_of

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
SETUP = "/accounts/two-factor/setup/"
VERIFY = "/accounts/two-factor/verify/"
CODES = "/accounts/two-factor/recovery-codes/"


def logged_in(username, address="10.0.0.1"):
    """A client logged in through the login form, as a person does (not force_login)."""
    client = Client(REMOTE_ADDR=address)
    response = client.post(LOGIN, {"username": username, "password": "pw-" + username})
    assert response.status_code == 302
    return client


@pytest.fixture(autouse=True)
def _on_a_weekday_morning():
    # A fixed moment, so the codes of the authenticator app and the throttles' windows are
    # computed from the same clock in every run.
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, 1, tzinfo=dt.UTC), tick=True):
        yield


@pytest.fixture
def secretary(db):
    return make_user("sec", roles.SECRETARIAT)


@pytest.fixture
def member(db):
    return make_user("lid", roles.MEMBER)


def test_the_secretariat_and_the_board_must_have_a_second_factor_members_may(db):
    assert access.second_factor_required(make_user("sec", roles.SECRETARIAT))
    assert access.second_factor_required(make_user("board", roles.BOARD))
    assert not access.second_factor_required(make_user("lid", roles.MEMBER))


def test_a_voting_card_holder_needs_one_only_where_the_association_says_so(member):
    from alv.models import Association
    from voting.models import VotingCard

    municipality = f.member("Utrecht")
    member.member = municipality
    member.save()
    VotingCard.objects.create(meeting=f.meeting(days=10), member=municipality, holder=member)
    assert not access.second_factor_required(member)
    Association.objects.update(card_holders_need_second_factor=True)
    assert access.second_factor_required(member)
    # A card for a meeting long past asks nothing any more.
    VotingCard.objects.update(meeting=f.meeting(days=-10))
    assert not access.second_factor_required(member)


def test_without_a_device_the_secretariat_is_sent_to_the_set_up_from_every_page(secretary):
    client = logged_in("sec")
    for page in ("/", "/workspace/", "/accounts/two-factor/", "/accounts/password_change/"):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith(SETUP + "?next="), page
    htmx = client.get("/workspace/", headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"].startswith(SETUP)
    assert client.get(SETUP).status_code == 200
    assert client.get("/static/css/layout.css").status_code != 302  # served by whitenoise
    assert client.post("/accounts/logout/").status_code == 302


def test_a_conditional_request_is_sent_to_the_second_factor_too_unless_it_is_a_304(
    secretary,
):
    client = logged_in("sec")
    # An ordinary page asked conditionally still goes to the set-up.
    response = client.get("/workspace/", HTTP_IF_NONE_MATCH='"anything"')
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
    # The live fragment with a validator that no longer fits: a 200 would be sent, so no.
    url = reverse("live:fragment", args=[f.meeting().pk])
    response = client.get(url, HTTP_IF_NONE_MATCH='"stale"')
    assert response.status_code == 302 and response["Location"].startswith(SETUP)


def test_setting_up_shows_a_qr_code_and_takes_a_code_of_the_app(secretary):
    client = logged_in("sec")
    page = client.get(SETUP + "?next=/workspace/").content.decode()
    assert re.search(r'<img class="alv-qr-code" src="data:image/svg\+xml;base64,', page)
    key = client.session["alv_totp_key"]

    wrong = client.post(SETUP, {"code": "000000", "next": "/workspace/"})
    assert wrong.status_code == 200
    assert "Deze code klopt niet" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=secretary).exists()

    done = client.post(SETUP, {"code": current_code(key), "next": "/workspace/"})
    assert done["Location"] == CODES + "?next=%2Fworkspace%2F"
    assert TOTPDevice.objects.get(user=secretary).confirmed
    codes_page = client.get(done["Location"]).content.decode()
    codes = re.findall(r'<code class="utrecht-code">(\w+)</code>', codes_page)
    assert len(codes) == 10
    assert 'href="/workspace/"' in codes_page
    # Shown once.
    assert client.get(CODES)["Location"] == "/accounts/two-factor/"
    assert client.get("/workspace/").status_code == 200


def test_after_the_password_a_person_with_a_device_enters_a_code(secretary):
    device = device_of(secretary)
    client = logged_in("sec")
    sent = client.get("/workspace/")
    assert sent["Location"] == VERIFY + "?next=%2Fworkspace%2F"
    wrong = client.post(VERIFY, {"code": "123456", "next": "/workspace/"})
    assert wrong.status_code == 200
    assert "Deze code klopt niet" in wrong.content.decode()
    assert client.get("/workspace/").status_code == 302

    # django-otp makes a device wait a moment after a wrong code, as a person would.
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)):
        right = client.post(VERIFY, {"code": current_code(device), "next": "/workspace/"})
        assert right["Location"] == "/workspace/"
        assert client.get("/workspace/").status_code == 200


def test_a_recovery_code_works_once(secretary):
    _, codes = second_factor.confirm_device(secretary, second_factor.new_key())
    first = logged_in("sec")
    assert first.post(VERIFY, {"code": codes[0]})["Location"] == "/"
    assert first.get("/workspace/").status_code == 200
    assert StaticToken.objects.filter(device__user=secretary).count() == 9
    second = logged_in("sec")
    assert second.post(VERIFY, {"code": codes[0]}).status_code == 200
    assert second.get("/workspace/").status_code == 302


def test_a_new_device_cannot_replace_the_old_one_before_the_old_one_is_passed(secretary):
    device_of(secretary)
    client = logged_in("sec")
    assert client.get(SETUP)["Location"].startswith(VERIFY)
    assert client.post(SETUP, {"code": "123456"})["Location"].startswith(VERIFY)


def test_wrong_codes_are_throttled_per_account(secretary):
    device = device_of(secretary)
    client = logged_in("sec")
    for _ in range(5):
        assert client.post(VERIFY, {"code": "000000"}).status_code == 200
    refused = client.post(VERIFY, {"code": current_code(device)})
    assert refused.status_code == 429
    assert "Te veel verkeerde codes" in refused.content.decode()
    # From another address too: the count is the account's.
    other = logged_in("sec", address="10.0.0.2")
    assert other.post(VERIFY, {"code": current_code(device)}).status_code == 429
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=31)):
        assert client.post(VERIFY, {"code": current_code(device)})["Location"] == "/"


def test_wrong_codes_are_throttled_per_client_over_accounts(db):
    clients = []
    for n in range(5):
        user = make_user(f"sec{n}", roles.SECRETARIAT)
        device_of(user)
        clients.append((logged_in(f"sec{n}"), user))
    for client, _ in clients:
        for _ in range(4):
            client.post(VERIFY, {"code": "000000"})
    client, user = clients[0]
    fresh = make_user("sec9", roles.SECRETARIAT)
    device = device_of(fresh)
    late = logged_in("sec9")
    assert late.post(VERIFY, {"code": current_code(device)}).status_code == 429


def test_a_member_may_switch_two_factor_on_and_off(member):
    client = logged_in("lid")
    assert client.get("/").status_code == 200
    page = client.get("/accounts/two-factor/").content.decode()
    assert "Inloggen met tweede factor staat uit" in page
    client.get(SETUP)
    client.post(SETUP, {"code": current_code(client.session["alv_totp_key"])})
    assert second_factor.has_device(member)

    again = logged_in("lid")
    assert again.get("/")["Location"].startswith(VERIFY)
    again.post(VERIFY, {"code": current_code(TOTPDevice.objects.get(user=member))})
    assert again.post("/accounts/two-factor/remove/")["Location"] == "/accounts/two-factor/"
    assert not second_factor.has_device(member)
    assert logged_in("lid").get("/").status_code == 200


def test_the_secretariat_cannot_switch_its_own_second_factor_off(secretary):
    client = Client()
    client.force_login(secretary)
    assert client.post("/accounts/two-factor/remove/").status_code == 403
    assert second_factor.has_device(secretary)


def test_a_demo_login_skips_the_second_factor_only_where_the_demo_is_allowed(secretary, settings):
    client = logged_in("sec")
    session = client.session
    session[second_factor.DEMO_SESSION_KEY] = True
    session.save()
    assert client.get("/workspace/").status_code == 200
    settings.ALV_DEMO_ALLOWED = False
    assert client.get("/workspace/")["Location"].startswith(SETUP)


def test_a_secretariat_account_with_its_own_password_is_asked_even_in_development(secretary):
    assert logged_in("sec").get("/workspace/")["Location"].startswith(SETUP)


def test_the_secretariat_resets_a_persons_second_factor_and_it_is_recorded(secretary, member):
    device_of(member)
    client = Client()
    client.force_login(secretary)
    url = f"/workspace/people/{member.pk}/second-factor/reset/"
    assert "Tweede factor van lid opnieuw instellen?" in client.get(url).content.decode()
    assert client.post(url)["Location"] == url
    assert not second_factor.has_device(member)
    entry = LogEntry.objects.get(object_id=str(member.pk))
    assert entry.user == secretary
    assert entry.change_message == "Second factor reset by the secretariat"
    assert "heeft geen tweede factor" in client.get(url).content.decode()


def test_after_a_reset_the_persons_session_no_longer_counts_as_verified(secretary):
    person = make_user("bestuur", roles.BOARD)
    their_client = Client()
    their_client.force_login(person)
    assert their_client.get("/workspace/").status_code == 200
    second_factor.remove(person)
    assert their_client.get("/workspace/")["Location"].startswith(SETUP)
