"""The throttle helper (alv/throttle.py) that the login, password-reset, second-factor and
invitation pages count with: at most `limit` attempts per window, per key."""

import datetime as dt

import pytest
import time_machine

from alv import throttle

pytestmark = pytest.mark.django_db

# Ten seconds before the hour: a window starts with its first attempt, not on the clock's hour.
HOUR = dt.datetime(2026, 3, 2, 8, 59, 50, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(HOUR, tick=False) as traveller:
        yield traveller


def test_it_allows_the_limit_and_refuses_after():
    answers = [throttle.hit(("invite", "10.0.0.1"), limit=3, window=3600) for _ in range(5)]
    assert answers == [True, True, True, False, False]


def test_a_count_holds_for_the_whole_window_and_ends_after_it(clock):
    for _ in range(3):
        throttle.hit(("invite", "10.0.0.1"), limit=3, window=3600)
    clock.move_to(HOUR + dt.timedelta(minutes=50))
    assert not throttle.hit(("invite", "10.0.0.1"), limit=3, window=3600)
    clock.move_to(HOUR + dt.timedelta(minutes=61))
    assert throttle.hit(("invite", "10.0.0.1"), limit=3, window=3600)


def test_a_count_does_not_restart_when_the_clock_passes_the_hour(clock):
    for _ in range(3):
        throttle.hit(("invite", "10.0.0.1"), limit=3, window=3600)
    clock.move_to(HOUR + dt.timedelta(seconds=20))  # 09:00:10
    assert not throttle.hit(("invite", "10.0.0.1"), limit=3, window=3600)
    assert throttle.blocked(("invite", "10.0.0.1"), 3, 3600)


def test_each_key_counts_on_its_own_and_letter_case_does_not_make_another_key():
    for _ in range(3):
        throttle.hit(("reset", "Griffier@Gemeente.example"), 3, dt.timedelta(hours=1))
    assert not throttle.hit(("reset", "griffier@gemeente.example"), 3, dt.timedelta(hours=1))
    assert throttle.hit(("reset", "wethouder@gemeente.example"), 3, dt.timedelta(hours=1))
    assert throttle.hit(("invite", "griffier@gemeente.example"), 3, dt.timedelta(hours=1))


def test_blocked_asks_without_counting_and_clear_forgets():
    key = ("code", "account", 7)
    assert not throttle.blocked(key, 2, 900)
    throttle.hit(key, 2, 900)
    assert not throttle.blocked(key, 2, 900)
    throttle.hit(key, 2, 900)
    assert throttle.blocked(key, 2, 900)
    throttle.clear(key, 900)
    assert not throttle.blocked(key, 2, 900)


def test_the_client_is_its_address(rf):
    assert throttle.client(rf.get("/", REMOTE_ADDR="192.0.2.5")) == "192.0.2.5"
