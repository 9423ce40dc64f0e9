"""The invitation link, the contact person's colleagues page and the secretariat's people
pages, as a browser sees them; and a deactivated person's access."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alv import roles
from alv.models import User
from members import people
from tests.conftest import make_user
from tests.second_factor import device_of

pytestmark = pytest.mark.django_db

PASSWORD = "Ledenvergadering-in-juni-2026"
COLLEAGUES = reverse("members:colleagues")


def invitation_link(work_off_queue):
    work_off_queue()
    (path,) = re.findall(r"https?://[^/\s]+(/accounts/invitation/\S+/)", mail.outbox[-1].body)
    return path


def invite_form(email, **extra):
    return {
        "first_name": "Nina",
        "last_name": "Nieuw",
        "email": email,
        "function": "alderman",
        "language": "nl",
        **extra,
    }


@pytest.fixture
def invited(client, secretariat_user, municipality, work_off_queue):
    """The secretariat invited Nina; returns her link."""
    client.force_login(secretariat_user)
    response = client.post(
        reverse("workspace:person_invite"),
        invite_form("nina@utrecht.example", member=municipality.pk),
    )
    assert response.status_code == 302
    assert mail.outbox == []  # not sent in the request
    client.logout()
    return invitation_link(work_off_queue)


def test_the_secretariat_invites_a_person_and_sees_them_in_the_list(
    client, secretariat_user, municipality
):
    client.force_login(secretariat_user)
    response = client.post(
        reverse("workspace:person_invite"),
        invite_form("nina@utrecht.example", member=municipality.pk),
        follow=True,
    )
    page = response.content.decode()
    assert "Uitnodiging verstuurd naar nina@utrecht.example." in page
    assert "Nina Nieuw" in page and "geen wachtwoord gekozen" in page


def test_bad_input_in_the_invitation_is_shown_at_the_field_and_kept(
    client, secretariat_user, municipality
):
    client.force_login(secretariat_user)
    response = client.post(
        reverse("workspace:person_invite"),
        invite_form("geen-adres", member=municipality.pk, first_name="Nina"),
    )
    assert response.status_code == 200
    assert "Voer een geldig e-mailadres in." in response.content.decode()
    assert 'value="Nina"' in response.content.decode()
    assert not User.objects.filter(first_name="Nina").exists()


def test_the_link_leads_to_choosing_a_password_and_logs_the_person_in(client, invited):
    response = client.get(invited)
    assert response.status_code == 302 and response["Location"].endswith("/set-password/")
    # The token is out of the address: the page is reached without it.
    form_page = client.get(response["Location"])
    assert "Kies uw wachtwoord" in form_page.content.decode()

    done = client.post(response["Location"], {"new_password1": PASSWORD, "new_password2": PASSWORD})

    assert done.status_code == 302
    person = User.objects.get(username="nina@utrecht.example")
    assert person.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(person.pk)
    home = client.get(done["Location"])
    assert "Uw wachtwoord is ingesteld" in home.content.decode()


def test_a_weak_password_is_refused_at_the_field(client, invited):
    set_password = client.get(invited)["Location"]
    response = client.post(set_password, {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'aria-invalid="true"' in page and "utrecht-form-field-error-message" in page
    assert not User.objects.get(username="nina@utrecht.example").has_usable_password()


def test_a_used_link_says_so_and_points_to_the_login(client, invited):
    set_password = client.get(invited)["Location"]
    client.post(set_password, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    client.logout()

    page = client.get(invited).content.decode()
    assert "Deze uitnodigingslink werkt niet meer" in page
    assert "al gebruikt" in page and reverse("login") in page


def test_an_expired_link_says_so_and_who_sends_a_new_one(client, invited):
    with time_machine.travel(timezone.now() + dt.timedelta(days=6)):
        page = client.get(invited).content.decode()
    assert "Deze uitnodigingslink werkt niet meer" in page
    assert "De link is verlopen: hij werkt 5 dagen" in page
    assert "Vraag het secretariaat om een nieuwe uitnodiging" in page


def test_an_expired_link_names_the_contact_persons_of_the_member(client, contact, invited):
    with time_machine.travel(timezone.now() + dt.timedelta(days=6)):
        page = client.get(invited).content.decode()
    assert "De link is verlopen" in page
    assert "Carla Contact" in page and "mailto:contact@utrecht.example" in page


def test_a_replaced_link_does_not_say_expired_nor_name_anyone(
    client, contact, invited, secretariat_user
):
    people.resend(secretariat_user, User.objects.get(username="nina@utrecht.example"))
    page = client.get(invited).content.decode()
    assert "Deze uitnodigingslink werkt niet meer" in page
    assert "verlopen" not in page and "Carla" not in page


def test_a_tampered_link_says_it_no_longer_works(client, invited):
    page = client.get(invited.replace("/accounts/invitation/", "/accounts/invitation/x")).content
    assert "Deze uitnodigingslink werkt niet meer" in page.decode()


def test_the_link_page_is_throttled_per_client(client, invited, monkeypatch):
    monkeypatch.setitem(people.LIMITS, "accept_client", (3, 60))
    assert [client.get(invited).status_code for _ in range(4)] == [302, 302, 302, 429]
    # Another client is not held back by it.
    assert client.get(invited, REMOTE_ADDR="10.9.9.9").status_code == 302


def test_a_deactivated_person_is_refused_on_the_next_request_and_cannot_log_in(
    client, contact, municipality, secretariat_user
):
    colleague = make_user("oud@utrecht.example", roles.MEMBER, member=municipality)
    colleague.email = "oud@utrecht.example"
    colleague.save()
    client.force_login(colleague)
    assert client.get(reverse("home")).context["user"] == colleague

    people.deactivate(contact, colleague)

    assert not client.get(reverse("home")).context["user"].is_authenticated
    assert client.get(COLLEAGUES)["Location"].startswith(reverse("login"))
    fresh = Client()
    login = fresh.post(
        reverse("login"), {"username": "oud@utrecht.example", "password": "pw-oud@utrecht.example"}
    )
    assert login.status_code == 200 and "_auth_user_id" not in fresh.session
    fresh.post(reverse("password_reset"), {"email": "oud@utrecht.example"})
    assert mail.outbox == []


def test_a_deactivated_person_s_invitation_link_stops_working(client, invited, secretariat_user):
    person = User.objects.get(username="nina@utrecht.example")
    people.deactivate(secretariat_user, person)
    assert "werkt niet meer" in client.get(invited).content.decode()


# --- The contact person's page --------------------------------------------------------------


def test_a_contact_person_invites_a_colleague_to_their_own_member(
    client, contact, other_municipality, work_off_queue
):
    client.force_login(contact)
    # A member id slipped into the form is ignored: the colleague is Utrecht's.
    response = client.post(
        COLLEAGUES, invite_form("collega@utrecht.example", member=other_municipality.pk)
    )
    assert response.status_code == 302
    colleague = User.objects.get(username="collega@utrecht.example")
    assert colleague.member == contact.member
    assert set(colleague.groups.values_list("name", flat=True)) == {roles.MEMBER}
    page = client.get(COLLEAGUES).content.decode()
    assert "Nina Nieuw" in page and "Uitnodiging verstuurd naar collega@utrecht.example." in page
    assert work_off_queue() == 1


def test_the_contact_person_is_told_the_same_whether_or_not_the_address_has_an_account(
    client, contact, other_municipality
):
    elsewhere = make_user("burgemeester@zwolle.example", roles.MEMBER, member=other_municipality)
    elsewhere.email = "burgemeester@zwolle.example"
    elsewhere.save()
    client.force_login(contact)

    def answer(email):
        response = client.post(COLLEAGUES, invite_form(email), follow=True)
        page = response.content.decode()
        (said,) = re.findall(r'<div class="alv-messages".*?</div>\s*</div>', page, re.S)
        return said.replace(email, "ADDRESS"), page

    said_new, _ = answer("nieuw@utrecht.example")
    said_existing, page = answer("burgemeester@zwolle.example")

    assert said_existing == said_new
    assert "Uitnodiging verstuurd naar ADDRESS." in said_existing
    assert "Zwolle" not in page and f'id="person-{elsewhere.pk}"' not in page
    assert User.objects.filter(email="burgemeester@zwolle.example").count() == 1


def test_only_contact_persons_open_the_colleagues_page(client, municipality, contact):
    ordinary = make_user("lid@utrecht.example", roles.MEMBER, member=municipality)
    client.force_login(ordinary)
    assert client.get(COLLEAGUES).status_code == 403
    client.force_login(contact)
    assert client.get(COLLEAGUES).status_code == 200


def test_a_contact_person_cannot_touch_people_of_another_member(
    client, contact, other_municipality
):
    stranger = make_user("x@zwolle.example", roles.MEMBER, member=other_municipality)
    client.force_login(contact)
    url = reverse("members:colleague_deactivate", args=[stranger.pk])
    assert client.post(url).status_code == 404
    assert client.post(reverse("members:colleague_resend", args=[stranger.pk])).status_code == 404
    stranger.refresh_from_db()
    assert stranger.is_active


def test_a_contact_person_deactivates_a_colleague_after_confirming(client, contact, municipality):
    colleague = make_user("weg@utrecht.example", roles.MEMBER, member=municipality)
    client.force_login(contact)
    url = reverse("members:colleague_deactivate", args=[colleague.pk])
    assert "kan dan niet meer inloggen" in client.get(url).content.decode()
    colleague.refresh_from_db()
    assert colleague.is_active  # asking changes nothing

    client.post(url)

    colleague.refresh_from_db()
    assert not colleague.is_active
    assert f'id="person-{colleague.pk}"' not in client.get(COLLEAGUES).content.decode()


def test_invitations_are_throttled_per_address(client, contact, monkeypatch):
    monkeypatch.setitem(people.LIMITS, "invite_address", (2, 3600))
    client.force_login(contact)
    codes = [
        client.post(COLLEAGUES, invite_form("veel@utrecht.example")).status_code for _ in range(3)
    ]
    assert codes == [302, 302, 429]


# --- The secretariat's pages ----------------------------------------------------------------


def test_the_secretariat_is_told_when_an_address_has_an_account(
    client, secretariat_user, municipality, other_municipality
):
    existing = make_user("bekend@zwolle.example", roles.MEMBER, member=other_municipality)
    existing.email = "bekend@zwolle.example"
    existing.save()
    client.force_login(secretariat_user)
    response = client.post(
        reverse("workspace:person_invite"),
        invite_form("bekend@zwolle.example", member=municipality.pk),
        follow=True,
    )
    page = response.content.decode()
    assert "bekend@zwolle.example heeft al een account (Gemeente Zwolle, actief)" in page
    assert User.objects.filter(email="bekend@zwolle.example").count() == 1


def test_the_people_list_filters_by_member_and_searches(
    client, secretariat_user, municipality, other_municipality
):
    a = make_user("anna@utrecht.example", roles.MEMBER, member=municipality)
    a.first_name = "Anna"
    a.save()
    b = make_user("bert@zwolle.example", roles.MEMBER, member=other_municipality)
    b.first_name = "Bert"
    b.email = "bert@zwolle.example"
    b.save()
    client.force_login(secretariat_user)
    url = reverse("workspace:people")

    by_member = client.get(url, {"member": other_municipality.pk}).content.decode()
    assert "Bert" in by_member and "Anna" not in by_member
    by_search = client.get(url, {"q": "anna"}).content.decode()
    assert "Anna" in by_search and "Bert" not in by_search


def test_the_secretariat_resends_deactivates_and_reactivates(
    client, secretariat_user, municipality, work_off_queue
):
    client.force_login(secretariat_user)
    person = people.invite(
        secretariat_user, email="p@utrecht.example", member=municipality, function="councillor"
    ).person

    client.post(reverse("workspace:person_resend", args=[person.pk]))
    assert work_off_queue() == 2
    client.post(reverse("workspace:person_deactivate", args=[person.pk]))
    person.refresh_from_db()
    assert not person.is_active
    client.post(reverse("workspace:person_reactivate", args=[person.pk]))
    person.refresh_from_db()
    assert person.is_active


def test_the_secretariat_makes_a_person_contact_and_changes_their_function(
    client, secretariat_user, municipality
):
    person = make_user("p@utrecht.example", roles.MEMBER, member=municipality)
    client.force_login(secretariat_user)
    url = reverse("workspace:person_edit", args=[person.pk])
    response = client.post(
        url,
        {
            "first_name": "Piet",
            "last_name": "Raad",
            "member": municipality.pk,
            "function": "councillor",
            "is_contact": "on",
            "language": "en",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.function, person.is_contact, person.language) == ("councillor", True, "en")

    bad = client.post(url, {"first_name": "Piet", "member": "", "function": "", "language": "nl"})
    assert bad.status_code == 200 and 'value="Piet"' in bad.content.decode()
    person.refresh_from_db()
    assert person.language == "en"


def test_the_contact_person_gets_no_actions_on_a_staff_account_of_their_member(
    client, contact, municipality
):
    board = make_user("bestuur@utrecht.example", roles.BOARD, member=municipality)
    client.force_login(contact)
    page = client.get(COLLEAGUES).content.decode()
    assert f'id="person-{board.pk}"' in page
    assert reverse("members:colleague_deactivate", args=[board.pk]) not in page
    assert client.post(reverse("members:colleague_deactivate", args=[board.pk])).status_code == 404


def test_the_admin_shows_a_person_s_function_and_contact_role(admin_client, contact):
    page = admin_client.get(reverse("admin:alv_user_change", args=[contact.pk]))
    assert page.status_code == 200
    assert 'name="function"' in page.content.decode()
    assert 'name="is_contact"' in page.content.decode()


def test_the_people_list_offers_to_reset_the_second_factor_of_those_who_have_one(
    client, secretariat_user, municipality
):
    with_app = make_user("anna@utrecht.example", roles.MEMBER, member=municipality)
    make_user("bert@utrecht.example", roles.MEMBER, member=municipality)
    device_of(with_app)
    client.force_login(secretariat_user)
    page = client.get(reverse("workspace:people")).content.decode()
    reset = reverse("workspace:person_second_factor_reset", args=[with_app.pk])
    assert page.count("/second-factor/reset/") == 1
    assert f'href="{reset}"' in page
