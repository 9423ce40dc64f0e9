"""The test database as every test finds it. Browser tests run beside Playwright's sync API,
which leaves its asyncio loop marked as running in the test thread; the test thread's database
connection must not change under it (tests/conftest.py, _one_database_connection_per_thread)."""

import asyncio

import pytest
from django.db import connections


@pytest.mark.django_db
def test_the_test_thread_keeps_its_connection_while_a_loop_seems_to_run():
    outside = connections["default"]
    loop = asyncio.new_event_loop()
    asyncio._set_running_loop(loop)  # as Playwright's sync API leaves the thread
    try:
        inside = connections["default"]
    finally:
        asyncio._set_running_loop(None)
        loop.close()
    # Before the fix this was a second connection, without the data that serialized_rollback
    # restores: a browser test after other tests found no association and no roles.
    assert inside is outside
