import pytest
from django.test import Client
from django.utils import translation

from tests.conftest import make_user


@pytest.fixture
def secretariat(secretariat_user):
    # English, so that tests read the messages as written in the code.
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def board(board_user):
    # English, so that tests read the messages as written in the code.
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(board_user)
    return client


@pytest.fixture
def member(member_user):
    # English, so that tests read the messages as written in the code.
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(member_user)
    return client


@pytest.fixture
def second_secretary(db):
    # English, so that tests read the messages as written in the code.
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(make_user("sec2", "secretariat"))
    return client


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    yield
    # A request leaves its language active in the thread (LocaleMiddleware does not switch
    # back): after the English clients, later tests must find the default language again.
    translation.deactivate()
