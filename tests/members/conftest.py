import pytest
from django_tasks_db.models import DBTaskResult

from alv import roles
from tests import factories as f
from tests.book.conftest import make_worker
from tests.conftest import make_user


@pytest.fixture
def work_off_queue():
    """Run every queued task once, as the worker would (see tests/book/conftest.py)."""

    def run():
        worker = make_worker()
        ran = 0
        for result in DBTaskResult.objects.ready().order_by("enqueued_at"):
            result.claim(worker.worker_id)
            worker.run_task(result)
            ran += 1
        return ran

    return run


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
