"""Per meeting, one of a member's people holds its voting card: the contact person says who."""

import pytest
from django.test import Client
from django.urls import reverse

from alv import roles
from tests import factories as f
from tests.conftest import make_user
from voting.models import VotingCard

pytestmark = pytest.mark.django_db

URL = reverse("voting:cards")


@pytest.fixture
def utrecht():
    return f.member("Utrecht")


def person(username, member, contact=False):
    user = make_user(username, roles.MEMBER, member=member)
    user.is_contact = contact
    user.email = username
    user.save()
    return user


@pytest.fixture
def contact(utrecht):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(person("contact@utrecht.example", utrecht, contact=True))
    return client


def test_the_contact_person_gives_a_colleague_the_card_for_a_coming_meeting(contact, utrecht):
    meeting = f.meeting(days=20)
    griffier = person("griffier@utrecht.example", utrecht)
    page = contact.get(URL).content.decode()
    assert meeting.title in page and "griffier@utrecht.example" in page
    response = contact.post(URL, {"meeting": meeting.pk, "holder": griffier.pk})
    assert response.status_code == 302
    assert VotingCard.objects.get(meeting=meeting, member=utrecht).holder == griffier
    # Sent again (a retried request) it is still one card.
    contact.post(URL, {"meeting": meeting.pk, "holder": griffier.pk})
    assert VotingCard.objects.filter(meeting=meeting).count() == 1
    assert f'value="{griffier.pk}" selected' in contact.get(URL).content.decode()


def test_another_colleague_takes_the_card_over_and_nobody_clears_it(contact, utrecht):
    meeting = f.meeting(days=20)
    a, b = person("a@utrecht.example", utrecht), person("b@utrecht.example", utrecht)
    contact.post(URL, {"meeting": meeting.pk, "holder": a.pk})
    contact.post(URL, {"meeting": meeting.pk, "holder": b.pk})
    assert VotingCard.objects.get(meeting=meeting).holder == b
    contact.post(URL, {"meeting": meeting.pk, "holder": ""})
    assert not VotingCard.objects.exists()


def test_the_card_goes_only_to_an_active_person_of_the_member_itself(contact, utrecht):
    meeting = f.meeting(days=20)
    stranger = person("wethouder@zwolle.example", f.member("Zwolle"))
    gone = person("weg@utrecht.example", utrecht)
    gone.is_active = False
    gone.save()
    for holder in (stranger, gone):
        response = contact.post(URL, {"meeting": meeting.pk, "holder": holder.pk})
        assert response.status_code == 400
    assert not VotingCard.objects.exists()


def test_only_coming_meetings_the_member_may_see_have_a_card(contact, utrecht):
    past = f.meeting(days=-20)
    unpublished = f.meeting(days=20, published=False)
    page = contact.get(URL).content.decode()
    assert past.title not in page and unpublished.title not in page
    griffier = person("griffier@utrecht.example", utrecht)
    for meeting in (past, unpublished):
        assert contact.post(URL, {"meeting": meeting.pk, "holder": griffier.pk}).status_code == 400
    assert not VotingCard.objects.exists()


def test_a_member_s_person_who_is_not_the_contact_does_not_set_cards(utrecht):
    client = Client()
    client.force_login(person("raadslid@utrecht.example", utrecht))
    assert client.get(URL).status_code == 403


def test_a_deactivated_or_moved_person_no_longer_holds_a_coming_card(contact, utrecht):
    coming, held = f.meeting(days=20), f.meeting(days=-20)
    griffier = person("griffier@utrecht.example", utrecht)
    wethouder = person("wethouder@utrecht.example", utrecht)
    VotingCard.objects.create(meeting=coming, member=utrecht, holder=griffier)
    VotingCard.objects.create(meeting=held, member=utrecht, holder=griffier)
    VotingCard.objects.create(meeting=f.meeting(days=30), member=utrecht, holder=wethouder)
    griffier.is_active = False
    griffier.save()
    wethouder.member = f.member("Zwolle")
    wethouder.save()
    # Only the card of the meeting already held stays, as the record of who voted then.
    assert list(VotingCard.objects.values_list("meeting", flat=True)) == [held.pk]
