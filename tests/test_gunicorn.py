"""The app runs in production as it would behind the reverse proxy: gunicorn, the production
settings, PostgreSQL, static files from whitenoise.

Runs only in the PostgreSQL pass of `make test` (tests/with_postgres.sh sets DATABASE_URL):
production runs on PostgreSQL only, so on SQLite this test would prove nothing. The
`postgres_only` marker makes tests/conftest.py deselect it on SQLite, which pytest reports as
"deselected" in its summary."""

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection

from papers.demo import DEMO_PASSWORD
from tests.conftest import make_user
from tests.production import ROOT, manage, production_env

# serialized_rollback: these tests commit, and their flush would also empty what the
# migrations put in (the role groups) for the tests that come after.
pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HOST = "alv.example.org"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def database_url():
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(base, path, data=None, headers=None, proxied=True):
    """A request as the reverse proxy passes it on: the public host name, and HTTPS."""
    request = urllib.request.Request(
        base + path,
        data=urlencode(data).encode() if data is not None else None,
        headers={
            "Host": HOST,
            **({"X-Forwarded-Proto": "https"} if proxied else {}),
            **(headers or {}),
        },
    )
    try:
        return OPENER.open(request, timeout=30)
    except urllib.error.HTTPError as error:
        return error


@pytest.fixture(scope="module")
def gunicorn(django_db_setup, django_db_blocker, tmp_path_factory):
    # One server for the module: it reads each test's committed rows from the test database.
    tmp_path = tmp_path_factory.mktemp("gunicorn")
    with django_db_blocker.unblock():
        url = database_url()
    env = production_env(url, ALV_STATIC_ROOT=str(tmp_path / "static"))
    collected = manage(env, "collectstatic", "--noinput", "-v", "0")
    assert collected.returncode == 0, collected.stderr
    port = free_port()
    log = open(tmp_path / "gunicorn.log", "w+")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "alv.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=1)
            except urllib.error.HTTPError:
                break  # it answers (with a redirect to HTTPS or an error page)
            except OSError:
                assert process.poll() is None, (log.seek(0), log.read())
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


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


def login(base, username, password):
    page = fetch(base, "/accounts/login/")
    token = SimpleCookie(page.headers["Set-Cookie"])["csrftoken"].value
    form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
    return fetch(
        base,
        "/accounts/login/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": form_token.group(1),
        },
        headers={"Cookie": f"csrftoken={token}", "Referer": f"https://{HOST}/accounts/login/"},
    )


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
