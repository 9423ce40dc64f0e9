import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from alv import roles
from submissions.models import Submission
from tests import factories as f
from tests.conftest import make_user

AMS = dt.timezone(dt.timedelta(hours=1))  # Amsterdam in winter: the meetings below are in March


@pytest.fixture
def meeting(db):
    """A meeting on 18 March 2027 at 10:00; its motions are due 9 working days before, at
    12:00: Friday 5 March 2027 (no holidays in between)."""
    return f.meeting(title="ALV maart", starts_at=dt.datetime(2027, 3, 18, 10, 0, tzinfo=AMS))


@pytest.fixture
def item(meeting):
    return f.item(meeting, "Moties")


@pytest.fixture
def haaksbergen(db):
    return f.member("Haaksbergen")


@pytest.fixture
def enschede(db):
    return f.member("Enschede")


@pytest.fixture
def griffier(haaksbergen):
    return make_user("griffier", roles.MEMBER, member=haaksbergen)


@pytest.fixture
def enschede_person(enschede):
    return make_user("enschede", roles.MEMBER, member=enschede)


def draft(item, member, user=None, **fields):
    return Submission.objects.create(
        meeting=item.meeting,
        agenda_item=item,
        member=member,
        created_by=user,
        title=fields.pop("title", "Ravijnjaar"),
        findings=fields.pop("findings", "gemeenten in 2026 een ravijnjaar tegemoet gaan;"),
        considerations=fields.pop("considerations", "de tijd dringt;"),
        requests=fields.pop("requests", "het kabinet aan te spreken;\nde leden te informeren,"),
        **fields,
    )


def amsterdam(*args):
    return dt.datetime(*args, tzinfo=AMS)


@pytest.fixture
def now_is(monkeypatch):
    """Pin timezone.now() for the code under test."""

    def pin(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return pin


def client_of(user):
    """A browser-less client logged in as `user`, reading the English interface."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def html(response):
    return response.content.decode()
