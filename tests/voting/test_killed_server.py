"""A vote confirmed to the voter is committed: the app server killed right after the
confirmation loses nothing, and the voter's retry on a new server counts nothing twice.

Through gunicorn with the production settings on PostgreSQL, as tests/test_gunicorn.py (so in
the PostgreSQL pass of `make test` only)."""

import re
from http.cookies import SimpleCookie

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils import timezone

from alv import roles
from tests import factories as f
from tests.conftest import make_user
from tests.production import (
    HOST,
    database_url,
    fetch,
    gunicorn_server,
    login,
    manage,
    production_env,
)
from voting import polls
from voting.models import Cast, Poll, Tally, VotingCard

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Stemkaart-van-Utrecht-2026"


def cookies_of(*responses):
    jar = {}
    for response in responses:
        for header in response.headers.get_all("Set-Cookie") or []:
            jar.update({name: morsel.value for name, morsel in SimpleCookie(header).items()})
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def vote(base, cookie, meeting, poll, member):
    path = reverse("voting:vote", args=[meeting.pk])
    page = fetch(base, path, headers={"Cookie": cookie})
    assert page.status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
    return fetch(
        base,
        reverse("voting:cast", args=[meeting.pk, poll.pk]),
        data={"csrfmiddlewaretoken": token.group(1), "member": member.pk, "choice": "against"},
        headers={"Cookie": cookie, "Referer": f"https://{HOST}{path}"},
    )


def test_a_confirmed_vote_survives_the_server_killed_at_once_and_a_retry_counts_once(
    tmp_path, settings
):
    # The tests hash quickly; the production settings check a password as production does.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    meeting = f.meeting(title="ALV vandaag", starts_at=timezone.now().replace(microsecond=0))
    motion = f.motion(f.item(meeting, "Moties"), "Ravijnjaar")
    utrecht = f.member("Utrecht", population=374_000)
    holder = make_user("griffier-utrecht", roles.MEMBER, member=utrecht)
    holder.password = make_password(PASSWORD)
    holder.save(update_fields=["password"])
    VotingCard.objects.create(meeting=meeting, member=utrecht, holder=holder)
    poll = polls.open_poll(motion, holder)

    env = production_env(database_url(), ALV_STATIC_ROOT=str(tmp_path / "static"))
    assert manage(env, "collectstatic", "--noinput", "-v", "0").returncode == 0
    with gunicorn_server(env) as server:
        page = fetch(server.base, "/accounts/login/")
        logged_in = login(server.base, holder.username, PASSWORD)
        assert logged_in.status == 302
        cookie = cookies_of(page, logged_in)
        confirmed = vote(server.base, cookie, meeting, poll, utrecht)
        assert confirmed.status == 302  # the confirmation: back to the vote page
        server.kill()  # no shutdown: as a crash or a pulled plug

    cast = Cast.objects.get(poll=poll, member=utrecht)
    assert cast.choice == "against"
    assert Tally.objects.get(poll=poll, choice="against").cards == 1

    # The voter did not see the answer and sends the vote again, to a new server.
    with gunicorn_server(env) as server:
        again = vote(server.base, cookie, meeting, poll, utrecht)
        assert again.status == 302
        server.kill()
    assert Cast.objects.filter(poll=poll).count() == 1
    assert Cast.objects.get(poll=poll).receipt == cast.receipt
    assert sum(Tally.objects.filter(poll=poll).values_list("cards", flat=True)) == 1
    assert Poll.objects.get(pk=poll.pk).is_open
