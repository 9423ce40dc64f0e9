"""A meeting held today with three member municipalities of very different weight, each
with a person who holds its voting card, and a published motion to vote on."""

import pytest
from django.test import Client
from django.utils import timezone

from alv import roles
from alv.models import Association
from tests import factories as f
from tests.conftest import make_user
from voting.models import VotingCard


@pytest.fixture
def meeting(db):
    return f.meeting(title="ALV vandaag", starts_at=timezone.now().replace(microsecond=0))


@pytest.fixture
def item(meeting):
    return f.item(meeting, "Moties")


@pytest.fixture
def motion(item, vlieland):
    return f.motion(item, "Ravijnjaar", submitters=[vlieland])


@pytest.fixture
def amsterdam(db):
    return f.member("Amsterdam", population=931_000)


@pytest.fixture
def utrecht(db):
    return f.member("Utrecht", population=374_000)


@pytest.fixture
def vlieland(db):
    return f.member("Vlieland", population=1_200)


@pytest.fixture
def members(amsterdam, utrecht, vlieland):
    """The three members by name."""
    return {member.name: member for member in (amsterdam, utrecht, vlieland)}


@pytest.fixture
def holders(meeting, amsterdam, utrecht, vlieland):
    """Per member the person who holds its card at `meeting`, by the member's name."""
    people = {}
    for member in (amsterdam, utrecht, vlieland):
        person = make_user(member.name.lower(), roles.MEMBER, member=member)
        VotingCard.objects.create(meeting=meeting, member=member, holder=person)
        people[member.name] = person
    return people


@pytest.fixture
def proxies_allowed(db):
    association = Association.current()
    association.proxies_per_holder = 2
    association.save()
    return association


def client_of(user):
    """A browser-less client logged in as `user`, reading the English interface."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.fixture
def chair(secretariat_user):
    """The secretariat's client, as the chair's desk uses it on the meeting day."""
    return client_of(secretariat_user)
