import pytest

from alv import roles
from tests import factories as f
from tests.conftest import make_user


@pytest.fixture
def municipality(db):
    return f.member("Gemeente Utrecht")


@pytest.fixture
def other_municipality(db):
    return f.member("Gemeente Zwolle")


@pytest.fixture
def contact(municipality):
    """The contact person of Utrecht."""
    user = make_user("contact@utrecht.example", roles.MEMBER, member=municipality)
    user.email = "contact@utrecht.example"
    user.first_name, user.last_name = "Carla", "Contact"
    user.is_contact = True
    user.save()
    return user
