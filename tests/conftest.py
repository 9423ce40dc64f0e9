import datetime as dt
import os
import threading

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.test import Client
from django.utils import translation
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from alv import freshness, pagecache, roles
from alv.models import Association
from papers import demo
from tests import second_factor as second_factor_helpers

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made by the
# tests themselves (fixtures, assertions) are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        # This machine has no network beyond the app: keep Chromium from calling home.
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        metavar="MOMENT",
        help=(
            "run with the clock set to this moment (ISO 8601 with its offset, e.g. "
            "2026-03-28T23:30:00+00:00), ticking on from there: the dates users see are "
            "Europe/Amsterdam dates whatever the hour (see `make pytest-clock`)"
        ),
    )


def pytest_configure(config):
    _one_database_connection_per_thread()
    moment = config.getoption("--clock")
    if moment:
        when = dt.datetime.fromisoformat(moment)
        if when.tzinfo is None:
            raise pytest.UsageError("--clock needs a moment with its offset, e.g. +00:00")
        traveller = time_machine.travel(when, tick=True)
        traveller.start()
        config.add_cleanup(traveller.stop)


def _one_database_connection_per_thread():
    """Django keeps its database connections in an asgiref Local: per thread in synchronous
    code, but per asyncio context wherever an event loop seems to run. Playwright's sync API
    leaves its loop marked as running in the test thread, so a test thread that had used the
    database before a browser test started would flip to a second set of connections. The
    test database was set up on the first, which alone carries the data serialized_rollback
    restores: a browser test then started on an empty database, without the association and
    the roles the migrations make (and a page made the default association, "ALV"). The test
    thread is synchronous code: one connection per thread, as outside the tests."""
    from django.db import connections

    connections._connections = threading.local()


def pytest_collection_modifyitems(config, items):
    """Tests marked postgres_only run in the PostgreSQL pass of `make test` only; on SQLite
    they are deselected (pytest's summary counts them), never skipped in silence."""
    from django.conf import settings

    _every_transactional_test_restores_the_database(items)
    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    selected = [item for item in items if not item.get_closest_marker("postgres_only")]
    deselected = [item for item in items if item.get_closest_marker("postgres_only")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


def _every_transactional_test_restores_the_database(items):
    """A transactional test empties every table when it ends; without serialized_rollback the
    rows the migrations made (the association, the roles) are gone for the tests after it, and
    the content types Django makes again clash with the next test that restores them. So each
    one restores them: a test that forgets is refused before anything runs."""
    forgetful = [
        item.nodeid
        for item in items
        if (marker := item.get_closest_marker("django_db"))
        and marker.kwargs.get("transaction")
        and not marker.kwargs.get("serialized_rollback")
    ]
    if forgetful:
        raise pytest.UsageError(
            "django_db(transaction=True) needs serialized_rollback=True: " + ", ".join(forgetful)
        )


@pytest.fixture
def book_storage(settings, tmp_path):
    """The test's own folder for stored books: nothing lands in the developer's media folder.
    Every test under tests/book/ uses it (tests/book/conftest.py); others ask for it."""
    settings.BOOK_STORAGE = tmp_path / "books"
    return settings.BOOK_STORAGE


def make_worker():
    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


@pytest.fixture
def work_off_queue():
    """Runs what the worker would run, in the test's transaction: every queued task, once.
    (The worker's own loop closes connections between tasks, which a test transaction cannot
    survive; its `run_task` is the same code.)"""

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
def demo_meeting(db):
    return demo.load()


def make_user(username, role=None, member=None):
    user = get_user_model().objects.create_user(username=username, password="pw-" + username)
    if role:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    if member:
        user.member = member
        user.save(update_fields=["member"])
    return user


@pytest.fixture
def secretariat_user(db):
    return make_user("sec", roles.SECRETARIAT)


@pytest.fixture
def board_user(db):
    return make_user("board", roles.BOARD)


@pytest.fixture
def member_user(db):
    return make_user("member", roles.MEMBER)


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    # The secretariat and the board must pass a second factor (alv/second_factor.py); a test
    # that logs them in with force_login gets a verified session (tests/second_factor.py).
    # The rule itself is tested through the login form: tests/test_second_factor.py.
    monkeypatch.setattr(Client, "force_login", second_factor_helpers.force_login_verified)


@pytest.fixture(autouse=True)
def _throttle_counts_end_with_the_test(request, django_db_blocker):
    # The throttles count in a database table (alv/throttle.py) that is not a model's, so the
    # flush after a transactional test (the browser tests) leaves it: empty it then.
    yield
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        from django.conf import settings

        with django_db_blocker.unblock():
            caches[settings.ALV_THROTTLE_CACHE].clear()


@pytest.fixture(autouse=True)
def _no_book_sweep_by_surprise(settings):
    # Every committed write of the papers queues a sweep of the stored books a while later
    # (book/refresh.py). A slow test that runs the worker must not find it due and build
    # every book; tests/book/test_refresh.py sets the delay it tests.
    settings.BOOK_REFRESH_DELAY = 24 * 3600


@pytest.fixture(autouse=True)
def _every_test_starts_in_the_default_language():
    # A request activates its language in the thread and leaves it there; without this, a
    # test's messages would be Dutch or English depending on which test ran before it.
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Hashing passwords properly is slow by design; tests only need it to be correct.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_caches():
    # Rendered papers are cached under the papers' revision, a counter that starts again when
    # a test's transaction rolls back: another test's pages must not be found under it.
    for cache in caches.all(initialized_only=True):
        if not isinstance(cache, DatabaseCache):  # the throttles': rolled back with the test
            cache.clear()
    pagecache.clear()
    freshness.forget_recent()
    Association.forget()


@pytest.fixture
def set_association(db):
    """Change the association's fields for one test: set_association(vote_weights="equal")."""

    def change(**fields):
        association = Association.current()
        for name, value in fields.items():
            setattr(association, name, value)
        association.save()
        return association

    return change
