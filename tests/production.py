"""Running the app's commands with the production settings, in a child process; and the app
itself under gunicorn, addressed as the reverse proxy passes requests on."""

import contextlib
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from typing import IO
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
HOST = "alv.example.org"
STARTUP_SECONDS = 30


def production_env(database_url, **extra):
    """The environment a production server gets: production settings, a random secret key,
    the database, and nothing of this test process's DJANGO_/ALV_ variables."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "ALV_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="alv.settings_production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DATABASE_URL=database_url,
    )
    env.update(extra)
    return env


def manage(env, *args, timeout=300):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def database_url():
    """The test database, as a URL for a child process."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A gunicorn started by `gunicorn_server`: its master process and its address."""

    process: subprocess.Popen
    base: str
    log: IO[str]

    def kill(self):
        """Kill the master and its workers at once, no shutdown: as a crash or a pulled plug."""
        if self.process.returncode is None:  # not reaped: its process group is still ours
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        """Stop the master, which stops its workers; killed if it has not within 30 s."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self):
        """What gunicorn logged; only once it has ended (the log's offset is shared with it)."""
        self.log.seek(0)
        return self.log.read()

    def wait_until_it_answers(self):
        """The first request, sent at once: the socket listens from before gunicorn started
        (gunicorn_server), so the request waits in its queue until a worker answers it; if
        gunicorn ends first, nothing holds the socket any more and the request fails."""
        try:
            OPENER.open(self.base, timeout=STARTUP_SECONDS).close()
        except urllib.error.HTTPError:
            pass  # it answers (with a redirect to HTTPS or an error page)
        except OSError:
            self.kill()
            raise AssertionError(
                f"gunicorn did not answer within {STARTUP_SECONDS} s:\n{self.output()}"
            ) from None


@contextlib.contextmanager
def gunicorn_server(env, workers=2):
    """gunicorn serving the app with `env` (see production_env) on a free port of 127.0.0.1, in
    a process group of its own. Yields the Server once it answers (failing after 30 s), and
    stops it on leaving, unless it was killed."""
    # The listening socket is made here and handed to gunicorn (fd://): connections queue
    # on it from the start, so the first request waits for gunicorn instead of polling.
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "alv.wsgi:application"]
            + ["--bind", f"fd://{listener.fileno()}", "--workers", str(workers)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            pass_fds=[listener.fileno()],
            start_new_session=True,  # its own process group: killed with its workers
        )
        listener.close()  # gunicorn holds it now; if gunicorn ends, connections are refused
        server = Server(process, f"http://127.0.0.1:{port}", log)
        try:
            server.wait_until_it_answers()
            yield server
        finally:
            server.stop()


@contextlib.contextmanager
def redis_server():
    """A throwaway Redis (Debian's redis-server) on a free port of 127.0.0.1, keeping nothing
    on disk; yields its URL once it says it accepts connections, and stops it on leaving."""
    port = free_port()
    with tempfile.TemporaryDirectory() as directory:
        process = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", directory],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            # Its log goes to standard output; the line below comes once it listens. An end
            # of the output before it is a server that ended.
            log = []
            for line in process.stdout:
                log.append(line)
                if "Ready to accept connections" in line:
                    break
            else:
                raise AssertionError("redis-server ended at its start:\n" + "".join(log))
            # Keep reading what it logs, so it never waits on a full pipe.
            threading.Thread(target=process.stdout.read, daemon=True).start()
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            process.terminate()
            process.wait(timeout=30)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


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


def login(base, username, password):
    """Sign in through the login form; the answer carries the session cookie."""
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
