"""Two app servers behind one address and a task worker, sharing one PostgreSQL and one Redis
(ALV_CACHE_URL), as docs/deploy.md describes for an association that outgrows one machine: a
member logged in on one is logged in on the other and logged out on both; a change shows at
once on both; a book built by the worker is downloaded through either; a vote sent to both is
counted once; stopping one loses nothing committed.

Through gunicorn with the production settings, like tests/voting/test_killed_server.py (so in
the PostgreSQL pass of `make test` only); Redis is Debian's redis-server, started here."""

import re
import subprocess
import sys

import pytest
import redis
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils import timezone

from alv import roles
from book import builds
from book.models import BookBuild
from tests import factories as f
from tests.conftest import make_user
from tests.production import (
    ROOT,
    database_url,
    fetch,
    gunicorn_server,
    login,
    manage,
    production_env,
    redis_server,
)
from tests.voting.test_killed_server import cookies_of, vote
from voting import polls
from voting.models import Cast, Tally, VotingCard

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Stemkaart-van-Zwolle-2026"


@pytest.fixture
def holder(settings):
    # The tests hash quickly; the production settings check a password as production does.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    zwolle = f.member("Zwolle", population=132_000)
    person = make_user("griffier-zwolle", roles.MEMBER, member=zwolle)
    person.password = make_password(PASSWORD)
    person.save(update_fields=["password"])
    return person


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """The static files, collected once for the module's servers (as a deployment does)."""
    root = tmp_path_factory.mktemp("static")
    env = production_env("postgres://unused/unused", ALV_STATIC_ROOT=str(root))
    assert manage(env, "collectstatic", "--noinput", "-v", "0").returncode == 0
    return root


@pytest.fixture
def servers(static_root, tmp_path):
    with redis_server() as cache_url:
        env = production_env(
            database_url(),
            ALV_STATIC_ROOT=str(static_root),
            ALV_CACHE_URL=cache_url,
            ALV_BOOK_STORAGE=str(tmp_path / "books"),  # the storage they share
        )
        with (
            gunicorn_server(env, workers=1) as one,
            gunicorn_server(env, workers=1) as other,
        ):
            yield one, other, redis.Redis.from_url(cache_url), env


def logged_in_as(base, cookie):
    """The name on the log-out button of the home page, or None for a visitor."""
    page = fetch(base, "/", headers={"Cookie": cookie}).read().decode()
    found = re.search(r'<form[^>]*action="/accounts/logout/"', page)
    return found is not None


def test_a_member_logged_in_on_one_server_is_logged_in_on_the_other_and_logged_out_on_both(
    servers, holder
):
    one, other, cache, _env = servers
    page = fetch(one.base, "/accounts/login/")
    answer = login(one.base, holder.username, PASSWORD)
    assert answer.status == 302
    cookie = cookies_of(page, answer)
    session_key = re.search(r"sessionid=([^;]+)", cookie).group(1)
    # The session is read from the shared cache first (and kept in the database too).
    assert any(session_key.encode() in key for key in cache.scan_iter("alv:*"))
    assert logged_in_as(one.base, cookie) and logged_in_as(other.base, cookie)
    cards = reverse("voting:votes")  # for representatives of a member only
    assert fetch(other.base, cards, headers={"Cookie": cookie}).status == 200

    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"',
        fetch(other.base, "/", headers={"Cookie": cookie}).read().decode(),
    ).group(1)
    out = fetch(
        other.base,
        "/accounts/logout/",
        data={"csrfmiddlewaretoken": token},
        headers={"Cookie": cookie, "Referer": "https://alv.example.org/"},
    )
    assert out.status == 302
    assert not logged_in_as(one.base, cookie) and not logged_in_as(other.base, cookie)
    assert fetch(one.base, cards, headers={"Cookie": cookie}).status == 302  # to the login


def test_a_change_to_the_papers_shows_at_once_on_both_servers(servers):
    one, other, _cache, _env = servers
    meeting = f.meeting(title="Najaars-ALV")
    item = f.item(meeting, "Moties")
    f.motion(item, "Ravijnjaar")
    path = reverse("meeting_detail", args=[meeting.pk])
    for server in (one, other):  # each has the page in its caches now
        assert "Ravijnjaar" in fetch(server.base, path).read().decode()
    f.motion(item, "Gelijkwaardigheid")  # committed by another process, as a third server would
    for server in (one, other):
        assert "Gelijkwaardigheid" in fetch(server.base, path).read().decode()


def test_a_vote_sent_to_both_servers_counts_once_and_stopping_one_loses_nothing(servers, holder):
    one, other, _cache, _env = servers
    meeting = f.meeting(title="ALV vandaag", starts_at=timezone.now().replace(microsecond=0))
    motion = f.motion(f.item(meeting, "Moties"), "Ravijnjaar")
    VotingCard.objects.create(meeting=meeting, member=holder.member, holder=holder)
    poll = polls.open_poll(motion, holder)
    page = fetch(one.base, "/accounts/login/")
    cookie = cookies_of(page, login(one.base, holder.username, PASSWORD))

    assert vote(one.base, cookie, meeting, poll, holder.member).status == 302
    one.kill()  # no shutdown: as a crash
    # The voter did not see the answer and sends it again; the proxy sends it to the other.
    assert vote(other.base, cookie, meeting, poll, holder.member).status == 302
    assert Cast.objects.filter(poll=poll).count() == 1
    assert Cast.objects.get(poll=poll).choice == "against"
    assert sum(Tally.objects.filter(poll=poll).values_list("cards", flat=True)) == 1


def test_a_book_built_by_the_worker_is_downloaded_through_either_server(servers):
    one, other, _cache, env = servers
    meeting = f.meeting(title="Najaars-ALV")
    f.motion(f.item(meeting, "Moties"), "Ravijnjaar", advice="overnemen")
    builds.request(meeting, "member")  # as publishing the papers queues it
    # The task worker, on a machine of its own as far as the servers know: it works off the
    # queue (the book) and ends.
    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert worker.returncode == 0, worker.stderr
    assert BookBuild.objects.get(meeting=meeting).status == "ready"
    link = reverse("book:get", args=[meeting.pk, "member"])
    for server in (one, other):
        answer = fetch(server.base, link)
        assert answer.status == 302
        book = fetch(
            server.base, answer.headers["Location"].removeprefix("https://alv.example.org")
        )
        assert book.status == 200
        assert book.read().startswith(b"%PDF")
