"""The app runs in production as it would behind the reverse proxy: gunicorn, the production
settings, PostgreSQL, static files from whitenoise.

Runs only in the PostgreSQL pass of `make test` (tests/with_postgres.sh sets DATABASE_URL):
production runs on PostgreSQL only, so on SQLite this test would prove nothing. The
`postgres_only` marker makes tests/conftest.py deselect it on SQLite, which pytest reports as
"deselected" in its summary."""

import re
from http.cookies import SimpleCookie

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection

from papers.demo import DEMO_PASSWORD
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

# serialized_rollback: these tests commit, and their flush would also empty what the
# migrations put in (the role groups) for the tests that come after.
pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module")
def gunicorn(django_db_setup, django_db_blocker, tmp_path_factory):
    # One server for the module: it reads each test's committed rows from the test database.
    tmp_path = tmp_path_factory.mktemp("gunicorn")
    with django_db_blocker.unblock():
        url = database_url()
    env = production_env(url, ALV_STATIC_ROOT=str(tmp_path / "static"))
    collected = manage(env, "collectstatic", "--noinput", "-v", "0")
    assert collected.returncode == 0, collected.stderr
    with gunicorn_server(env) as server:
        yield server.base


def test_gunicorn_serves_the_main_pages_on_postgresql_with_production_settings(
    gunicorn, demo_meeting, settings
):
    assert connection.vendor == "postgresql"
    home = fetch(gunicorn, "/")
    assert home.status == 200
    html = home.read().decode()
    assert demo_meeting.title in html
    assert "Strict-Transport-Security" in home.headers
    assert "frame-ancestors 'none'" in home.headers["Content-Security-Policy"]
    assert home.headers["X-Content-Type-Options"] == "nosniff"

    meeting = fetch(gunicorn, f"/meetings/{demo_meeting.pk}/")
    assert meeting.status == 200
    assert "Ravijnjaar, twee over twaalf!" in meeting.read().decode()

    # Static files come from whitenoise under their hashed names, cacheable for ever.
    stylesheet = re.search(r'href="(/static/css/layout\.[0-9a-f]+\.css)"', html).group(1)
    css = fetch(gunicorn, stylesheet)
    assert css.status == 200
    assert css.headers["Content-Type"].startswith("text/css")
    assert "immutable" in css.headers["Cache-Control"]

    login = fetch(gunicorn, "/accounts/login/")
    assert login.status == 200
    cookie = SimpleCookie(login.headers["Set-Cookie"])
    assert cookie["csrftoken"]["secure"] and cookie["csrftoken"]["httponly"]

    assert fetch(gunicorn, "/meetings/999999/").status == 404


def test_plain_http_is_sent_to_https(gunicorn):
    response = fetch(gunicorn, "/", proxied=False)
    assert response.status == 301
    assert response.headers["Location"] == f"https://{HOST}/"


def test_the_demo_password_does_not_open_production(gunicorn, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    demo_user = make_user("bestuur")
    demo_user.password = make_password(DEMO_PASSWORD)
    demo_user.save(update_fields=["password"])
    real_user = make_user("griffier")
    real_user.password = make_password("Een-echt-wachtwoord-2025")
    real_user.save(update_fields=["password"])

    refused = login(gunicorn, "bestuur", DEMO_PASSWORD)
    assert refused.status == 200
    assert not any("sessionid=" in c for c in refused.headers.get_all("Set-Cookie") or [])
    accepted = login(gunicorn, "griffier", "Een-echt-wachtwoord-2025")
    assert accepted.status == 302
    assert any("sessionid=" in c for c in accepted.headers.get_all("Set-Cookie"))
