"""'My notifications': each person of a member turns the kinds of mail about motions on and
off for themselves; everything is on until they do."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from alv import roles
from members.models import MailKind, MailOptOut
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

URL = reverse("members:mail_settings")


def client_of(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def html(response):
    return response.content.decode()


def checked(page):
    """The kinds whose box is ticked on the page."""
    boxes = re.findall(r'<input type="checkbox" name="wanted" value="(\w+)"([^>]*)>', page)
    return sorted(kind for kind, rest in boxes if re.search(r"\bchecked\b", rest))


@pytest.fixture
def colleague(municipality):
    """A person of Utrecht who is not its contact person."""
    return make_user("raadslid@utrecht.example", roles.MEMBER, member=municipality)


def test_every_kind_of_mail_is_on_until_the_person_turns_it_off(colleague):
    page = html(client_of(colleague).get(URL))
    assert "My notifications" in page
    assert checked(page) == sorted(MailKind.values)
    assert 'class="utrecht-checkbox utrecht-checkbox--html-input"' in page
    assert "<legend" in page


def test_the_boxes_left_ticked_are_what_the_person_receives(colleague):
    client = client_of(colleague)
    wanted = [MailKind.RECEIPT, MailKind.DECISION]
    response = client.post(URL, {"wanted": wanted})
    assert response.status_code == 302 and response.headers["Location"] == URL
    off = set(MailOptOut.objects.filter(person=colleague).values_list("kind", flat=True))
    assert off == set(MailKind.values) - set(wanted)
    page = html(client.get(URL))
    assert "Your notification settings are saved." in page
    assert checked(page) == sorted(wanted)
    # Turned on again.
    client.post(URL, {"wanted": MailKind.values})
    assert not MailOptOut.objects.filter(person=colleague).exists()


def test_everything_can_be_turned_off(colleague):
    client_of(colleague).post(URL, {})
    assert MailOptOut.objects.filter(person=colleague).count() == len(MailKind.values)


def test_an_unknown_kind_is_refused_at_the_field_and_the_boxes_stay_as_ticked(colleague):
    response = client_of(colleague).post(URL, {"wanted": [MailKind.DECISION, "everything"]})
    assert response.status_code == 400
    page = html(response)
    assert 'id="id_wanted_error"' in page and "everything is not one of" in page
    assert 'aria-describedby="id_wanted_error"' in page
    assert checked(page) == [MailKind.DECISION]
    assert not MailOptOut.objects.filter(person=colleague).exists()  # nothing saved


def test_each_person_sets_their_own_and_sees_nobody_else_s(colleague, contact):
    client_of(contact).post(URL, {"wanted": [MailKind.RECEIPT]})
    # The colleague of the same member still has everything on, and changes only their own.
    assert checked(html(client_of(colleague).get(URL))) == sorted(MailKind.values)
    client_of(colleague).post(URL, {"wanted": []})
    off = MailOptOut.objects.filter(person=contact).values_list("kind", flat=True)
    assert set(off) == set(MailKind.values) - {MailKind.RECEIPT}


def test_only_a_member_s_people_have_the_page(client, secretariat_user, board_user):
    assert client.get(URL).status_code == 302  # to the login
    assert client_of(secretariat_user).get(URL).status_code == 403
    assert client_of(board_user).get(URL).status_code == 403
    without_member = make_user("los", roles.MEMBER)
    assert client_of(without_member).get(URL).status_code == 403


def test_the_page_is_linked_from_the_member_s_own_pages(colleague, contact):
    assert URL in html(client_of(contact).get(reverse("members:colleagues")))
    assert URL in html(client_of(colleague).get(reverse("submissions:list")))
