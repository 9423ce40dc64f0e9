"""Online submissions at the deadline (issue 18): every member submits a motion in the last
ten minutes before the motion deadline, all at once, through gunicorn.

    .venv/bin/python -m bench.submissions [--members 342] [--workers N] [--spread 0] [--late 10]
    tests/with_postgres.sh .venv/bin/python -m bench.submissions

In a fresh database (SQLite in a temporary file, or the PostgreSQL of --database-url /
DATABASE_URL, which should be empty) it loads the 342 municipalities, gives each one person
(role member, its contact person) and makes a published meeting in two weeks with five agenda
items. Right before the clients start, the meeting's motion deadline is set 10 to 11 minutes
ahead (a whole minute, as the secretariat sets it), so every submission falls in the last ten
minutes before it.

gunicorn serves bench.settings on 127.0.0.1 with sync workers, about two per core as
docs/deploy.md advises (no threads: deploy.md runs sync workers), and persistent database
connections. One thread per member then does what a browser does, all starting at the same
moment (or spread over --spread seconds): open the new-motion form (for the CSRF token), post
the draft, follow the redirect to the draft's page (for the submit form's revision), post
submit, and follow the redirect once more. Each step is timed, and the whole of it. An error is
any unexpected status (not the page, not the redirect to the submission), a failed connection,
or a page after submitting that still offers to submit.

A late wave follows: --late of the members submit a motion to a second meeting whose deadline
passed an hour ago, with the reason a late motion needs.

Then the database is checked: every member's motion there once, submitted, by its person, the
late flag of every submission equal to its time against its meeting's deadline, and a receipt
queued for each. Last, the secretariat's intake queue (`workspace:intake`) is rendered
in-process with the queries counted, with all submissions and with 10 of them (the rest deleted
in a transaction that is rolled back): the counts must be equal.

The sessions are made in-process (a SessionStore row, as bench/targets.session_cookie makes
them), not through the login form: logins are throttled per address (django-axes,
alv/throttle.py), so 342 logins from 127.0.0.1 would lock out, and the login is not what is
measured. The secretariat's in-process session is marked as having passed its second factor,
as after entering a code of its authenticator app.

Only 127.0.0.1 is ever addressed. Prints a Markdown report (for docs/performance.md)."""

import argparse
import datetime as dt
import http.client
import http.cookies
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

from bench.load import (
    PYTHON,
    ROOT,
    django_env,
    free_port,
    manage,
    platform_summary,
    worker_pids,
)

ITEMS = 5
INTAKE_FEW = 10
# Long enough for the last of 342 clients queued behind the workers on a loaded machine.
TIMEOUT_SECONDS = 300
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STEPS = [
    ("form", "open the new-motion form (GET)"),
    ("draft", "post the draft (POST, redirect)"),
    ("draft page", "the draft's page (GET)"),
    ("submit", "submit (POST, redirect)"),
    ("after", "the page after submitting (GET)"),
]

FINDINGS = [
    "gemeenten steeds meer taken uitvoeren zonder dat de middelen daarmee in de pas lopen;",
    "de uitvoering van de jeugdwet om structurele en voorspelbare financiering vraagt;",
]
CONSIDERATIONS = [
    "inwoners verwachten dat de overheid als één overheid samenwerkt en levert;",
    "een landelijke aanpak voorkomt dat iedere gemeente zelf het wiel moet uitvinden;",
]
REQUESTS = [
    "bij het kabinet aan te dringen op structurele financiering;",
    "de leden voor de volgende ledenvergadering over de voortgang te informeren,",
]


def start_gunicorn(env, port, workers, log):
    """gunicorn as bench/load.py starts it, but with `workers` sync workers (load.py's are
    fixed at two) and its own log kept, to count worker timeouts and crashes."""
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "alv.wsgi",
            "--workers",
            str(workers),
            "--timeout",
            "60",  # as docs/deploy.md
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        stderr=log,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    raise RuntimeError("gunicorn did not start")


def cpu_seconds(master):
    """CPU time (user and system) the server's workers have used so far: unlike the latencies,
    hardly moved by other work on a shared machine."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in worker_pids(master):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a worker that has just been replaced
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


# The database, before and after (in this process, with Django set up on the same database)


def prepare(members_wanted, late_count):
    """The members and their people, the meetings, the secretariat; returns what the run
    needs."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from agenda.models import AgendaItem, Meeting
    from alv import roles
    from bench.targets import session_cookie
    from members.imports import load_municipalities
    from members.models import Member

    load_municipalities()
    now = timezone.now()
    members = list(Member.objects.on(timezone.localdate()).order_by("name")[:members_wanted])
    User = get_user_model()
    member_group = Group.objects.get(name=roles.MEMBER)
    User.objects.bulk_create(
        User(
            username=f"bench-{member.code or member.pk}",
            first_name="Griffier",
            last_name=member.name,
            email=f"griffie-{member.pk}@example.org",
            member=member,
            function=User.Function.CLERK,
            is_contact=True,
            password=make_password(None),  # unusable: they never log in with one
        )
        for member in members
    )
    people = list(User.objects.filter(member__in=members).order_by("pk"))
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=person.pk, group_id=member_group.pk) for person in people
    )
    person_of = {person.member_id: person for person in people}

    def meeting(title, starts_at, deadline):
        made = Meeting.objects.create(
            title=title,
            starts_at=starts_at,
            location="Jaarbeurs Utrecht",
            published_at=now,
            visibility=Meeting.Visibility.MEMBERS,
            motion_deadline=deadline,
        )
        items = [
            AgendaItem.objects.create(meeting=made, position=n, title=f"Agendapunt {n}")
            for n in range(1, ITEMS + 1)
        ]
        return made, items

    minute = now.replace(second=0, microsecond=0)
    # The deadline is set again right before the clients start (see `run`).
    on_time, on_time_items = meeting(
        "Benchmark-ALV: indienen (synthetisch)",
        minute + dt.timedelta(days=14),
        minute + dt.timedelta(minutes=11),
    )
    late, late_items = meeting(
        "Benchmark-ALV: deadline verstreken (synthetisch)",
        minute + dt.timedelta(days=2),
        minute - dt.timedelta(hours=1),
    )
    secretariat, _ = User.objects.get_or_create(username="bench-secretariat")
    secretariat.groups.add(Group.objects.get(name=roles.SECRETARIAT))
    return {
        "members": members,
        "person_of": person_of,
        "cookies": {
            member.pk: session_cookie(person_of[member.pk]).split(": ", 1)[1] for member in members
        },
        "meeting": on_time,
        "items": on_time_items,
        "late_meeting": late,
        "late_items": late_items,
        "late_members": members[:late_count],
        "secretariat": secretariat,
    }


def verify(meeting, members, person_of, expect_late):
    """The checks of one meeting's submissions: (what, found, passed) per check."""
    from submissions.models import Submission

    deadline = Submission(meeting=meeting).deadline
    submissions = list(Submission.objects.filter(meeting=meeting))
    per_member = Counter(s.member_id for s in submissions)
    wanted = {member.pk for member in members}
    # The rule of Submission.is_on_time, written out: sent in the deadline's minute or before.
    wrong_flag = [
        s
        for s in submissions
        if s.is_late != (s.first_submitted_at.replace(second=0, microsecond=0) > deadline)
    ]
    late = sum(s.is_late for s in submissions)
    not_submitted = sum(s.state != Submission.State.SUBMITTED for s in submissions)
    wrong_person = sum(s.submitted_by_id != person_of[s.member_id].pk for s in submissions)
    without_reason = sum(s.is_late and not s.late_reason.strip() for s in submissions)
    return [
        ("submissions", f"{len(submissions)} of {len(members)}", len(submissions) == len(members)),
        ("in state submitted", f"{len(submissions) - not_submitted}", not_submitted == 0),
        (
            "every member exactly once",
            f"{len(per_member)} members, at most {max(per_member.values(), default=0)} each",
            set(per_member) == wanted and set(per_member.values()) <= {1},
        ),
        ("submitted by the member's person", f"{wrong_person} by another", wrong_person == 0),
        (
            "late flag equals the time against the deadline",
            f"{len(wrong_flag)} wrong of {len(submissions)}",
            not wrong_flag and bool(submissions),
        ),
        (
            "late" if expect_late else "on time",
            f"{late if expect_late else len(submissions) - late} of {len(submissions)}",
            late == (len(submissions) if expect_late else 0),
        ),
        ("late ones with their reason", f"{without_reason} without", without_reason == 0),
    ]


def receipts_queued():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path__endswith="send_receipt").count()


def intake_queries(meeting, secretariat):
    """Queries and render time of the intake queue with all the meeting's submissions and
    with INTAKE_FEW of them (the others deleted in a transaction rolled back afterwards)."""
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from bench.targets import second_factor_passed
    from submissions.models import Submission

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(secretariat)
    session = client.session
    second_factor_passed(secretariat, session)
    session.save()
    url = reverse("workspace:intake", args=[meeting.pk])
    row_link = reverse("workspace:intake_submission", args=[0]).replace("0/", "")

    def measure():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, response.status_code
        # Counted now: the next request empties the connection's log the context reads.
        count = len(queries)
        rows = response.content.decode().count(f'href="{row_link}')
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        return rows, count, min(timings)

    # What a worker keeps per process (the association, under the papers' revision) is read
    # once before counting, as in a worker that has served a page before.
    client.get(url)
    everything = measure()
    with transaction.atomic():
        submissions = Submission.objects.filter(meeting=meeting).order_by("pk")
        keep = list(submissions.values_list("pk", flat=True)[:INTAKE_FEW])
        submissions.exclude(pk__in=keep).delete()
        few = measure()
        transaction.set_rollback(True)
    return [few, everything]


# The clients


class Failed(Exception):
    pass


class Browser:
    """One member's browser: its cookies, and a connection per request (gunicorn's sync
    workers close every connection after the response)."""

    def __init__(self, port, cookie):
        self.port = port
        self.cookies = dict(part.split("=", 1) for part in cookie.split("; "))

    def request(self, method, path, form=None):
        status, headers, content = self.send(method, path, form)
        return status, headers.get("Location"), content.decode()

    def send(self, method, path, form=None, headers=None):
        """The request with `headers` besides the cookies; the status, the answer's headers
        and its body as bytes."""
        sent = {
            "Host": f"127.0.0.1:{self.port}",
            "Accept-Language": "nl",
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
            **(headers or {}),
        }
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT_SECONDS)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                self.keep(header)
            return response.status, response.headers, content
        finally:
            connection.close()

    def keep(self, header):
        for name, morsel in http.cookies.SimpleCookie(header).items():
            if morsel.value == "" or morsel["max-age"] == "0":
                self.cookies.pop(name, None)  # deleted, as the messages cookie once shown
            else:
                self.cookies[name] = morsel.coded_value


def submit_one(port, cookie, item, title, late_reason, go, offset):
    """One member's motion from the empty form to submitted; returns the steps' times in ms
    (and "whole"), or raises Failed with the step and what went wrong."""
    from django.urls import reverse

    new = reverse("submissions:new")
    browser = Browser(port, cookie)
    times = {}

    def step(name, method, path, form=None, expect=200):
        start = time.perf_counter()
        try:
            status, location, html = browser.request(method, path, form)
        except OSError as error:
            raise Failed(name, type(error).__name__) from error
        finally:
            times[name] = (time.perf_counter() - start) * 1000
        if status != expect:
            raise Failed(name, status)
        return location, html

    go.wait()
    time.sleep(offset)
    start = time.perf_counter()
    _, html = step("form", "GET", new)
    token = CSRF.search(html).group(1)
    text = {
        "csrfmiddlewaretoken": token,
        "agenda_item": item.pk,
        "title": title,
        "findings": "\n".join(FINDINGS),
        "considerations": "\n".join(CONSIDERATIONS),
        "requests": "\n".join(REQUESTS),
        "explanation": "Toelichting van de indiener.",
        "revision": "",
    }
    page, _ = step("draft", "POST", new, text, expect=302)
    match = re.fullmatch(r"/my-municipality/motions/(\d+)/", page or "")
    if not match:
        raise Failed("draft", f"redirected to {page}")
    _, html = step("draft page", "GET", page)
    submit = reverse("submissions:submit", args=[int(match.group(1))])
    form = html[html.find(f'action="{submit}"') :]
    revision = re.search(r'name="revision" value="(\d+)"', form)
    if revision is None:
        raise Failed("draft page", "no submit form")
    sent = {"csrfmiddlewaretoken": token, "revision": revision.group(1)}
    if late_reason:
        sent["late_reason"] = late_reason
    location, _ = step("submit", "POST", submit, sent, expect=302)
    if location != page:
        raise Failed("submit", f"redirected to {location}")
    _, html = step("after", "GET", page)
    # A stale revision or a refusal redirects to the same page, which then still offers it.
    if f'action="{submit}"' in html:
        raise Failed("after", "not submitted")
    times["whole"] = (time.perf_counter() - start) * 1000
    return times


def wave(port, state, members, items, late, spread=0.0):
    """All `members` at once (or spread over `spread` seconds), each in its own thread;
    returns the per-client times, the errors and the wall time."""
    go = threading.Event()
    results, errors = [], Counter()
    lock = threading.Lock()

    def client(index, member):
        title = f"Motie {member.name}: structurele financiering"
        reason = "Het kabinet besluit volgende week; dit kan niet wachten." if late else ""
        try:
            times = submit_one(
                port,
                state["cookies"][member.pk],
                items[index % len(items)],
                title,
                reason,
                go,
                spread * index / max(1, len(members)),
            )
        except Failed as failure:
            with lock:
                errors[failure.args] += 1
        except Exception as error:  # anything else the client met is an error too
            with lock:
                errors[("client", repr(error)[:80])] += 1
        else:
            with lock:
                results.append(times)

    threads = [
        threading.Thread(target=client, args=(index, member), daemon=True)
        for index, member in enumerate(members)
    ]
    for thread in threads:
        thread.start()
    start = time.perf_counter()
    go.set()
    for thread in threads:
        thread.join(TIMEOUT_SECONDS * len(STEPS))
    wall = time.perf_counter() - start
    with lock:
        unfinished = len(members) - len(results) - sum(errors.values())
        if unfinished:
            errors[("client", "did not finish")] += unfinished
        return list(results), Counter(errors), wall


def percentile(values, share):
    """Nearest rank: the smallest value at or above `share` of them."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else float("nan")


def warm(port, state, workers):
    """A worker's first request imports the whole app: open the form a few times per worker,
    at once, so that every worker has answered before anything is measured."""
    from django.urls import reverse

    cookies = list(state["cookies"].values())[: workers * 3]
    threads = [
        threading.Thread(
            target=lambda c=cookie: Browser(port, c).request("GET", reverse("submissions:new"))
        )
        for cookie in cookies
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)


def run(args, database_url):
    env = django_env(database_url)
    os.environ.update(env)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from agenda.models import Meeting

    state = prepare(args.members, args.late)
    workers = args.workers or 2 * (os.cpu_count() or 1)
    port = free_port()
    log_path = Path(tempfile.gettempdir()) / f"alv-bench-submissions-{os.getpid()}.log"
    with open(log_path, "w+") as log:
        server = start_gunicorn(env, port, workers, log)
        try:
            warm(port, state, workers)
            # The deadline 10 to 11 minutes ahead, on a whole minute: the run falls in the
            # last ten minutes before it.
            now = timezone.now()
            deadline = now.replace(second=0, microsecond=0) + dt.timedelta(minutes=11)
            Meeting.objects.filter(pk=state["meeting"].pk).update(motion_deadline=deadline)
            state["meeting"].refresh_from_db()
            # The server's workers each hold their own connection; this process's is closed
            # so that SQLite has no reader of ours during the run.
            connection.close()
            load_before, cpu_before = os.getloadavg()[0], cpu_seconds(server)
            results, errors, wall = wave(
                port, state, state["members"], state["items"], late=False, spread=args.spread
            )
            finished = timezone.now()
            cpu = cpu_seconds(server) - cpu_before
            load_after = os.getloadavg()[0]
            late_results, late_errors, _ = wave(
                port, state, state["late_members"], state["late_items"], late=True
            )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
        log.seek(0)
        server_log = [line.rstrip() for line in log if line.strip()]
    log_path.unlink(missing_ok=True)
    checks = verify(state["meeting"], state["members"], state["person_of"], expect_late=False)
    late_checks = verify(
        state["late_meeting"], state["late_members"], state["person_of"], expect_late=True
    )
    receipts = receipts_queued()
    expected_receipts = len(state["members"]) + len(state["late_members"])
    checks.append(("receipts queued (both meetings)", f"{receipts}", receipts == expected_receipts))
    intake = intake_queries(state["meeting"], state["secretariat"])
    return {
        "vendor": connection.vendor,
        "workers": workers,
        "clients": len(state["members"]),
        "spread": args.spread,
        "before_deadline": (deadline - now).total_seconds() / 60,
        "left_at_end": (deadline - finished).total_seconds() / 60,
        "wall": wall,
        "cpu": cpu,
        "load": (load_before, load_after),
        "results": results,
        "errors": errors,
        "late_clients": len(state["late_members"]),
        "late_results": late_results,
        "late_errors": late_errors,
        "checks": checks,
        "late_checks": late_checks,
        "intake": intake,
        "server_log": server_log,
    }


def report(found):
    clients, results = found["clients"], found["results"]
    lines = [
        f"## Online submissions at the deadline: {found['vendor']}, gunicorn "
        f"{found['workers']} sync workers\n",
        f"Machine: {os.cpu_count()} cores, {platform_summary()}\n",
        f"{clients} members, one client thread each, "
        + (
            "all started at once"
            if not found["spread"]
            else f"started one after another over {found['spread']:.0f} s, from"
        )
        + f" {found['before_deadline']:.1f} minutes before the motion deadline; the last was "
        f"done {found['left_at_end']:.1f} minutes before it. All {clients} done in "
        f"{found['wall']:.1f} s ({len(results) / found['wall']:.1f} submissions/s). The "
        f"workers used {found['cpu']:.1f} s of CPU, {found['cpu'] * 1000 / clients:.0f} ms per "
        f"submission. Load average (1 min) {found['load'][0]:.1f} before, "
        f"{found['load'][1]:.1f} after.\n",
        f"Per member, of {len(results)} that succeeded (ms):\n",
        "| step | p50 | p99 | max |",
        "|---|---:|---:|---:|",
    ]
    for key, label in [("whole", "**the whole: form, draft, submit, pages**"), *STEPS]:
        values = [times[key] for times in results]
        lines.append(
            f"| {label} | {percentile(values, 0.5):.0f} | {percentile(values, 0.99):.0f} "
            f"| {max(values, default=float('nan')):.0f} |"
        )
    errors = sum(found["errors"].values())
    lines.append(f"\nErrors: {errors}" + (":" if errors else "."))
    for (step, what), count in sorted(found["errors"].items(), key=str):
        lines.append(f"- {step}: {what} ({count}x)")
    lines += ["\nIn the database afterwards:\n", "| check | found | |", "|---|---|---|"]
    for what, value, passed in found["checks"]:
        lines.append(f"| {what} | {value} | {'ok' if passed else '**FAILED**'} |")
    late_errors = sum(found["late_errors"].values())
    lines.append(
        f"\nLate wave: {found['late_clients']} members at once to a meeting whose deadline "
        f"passed an hour ago, with a reason: {len(found['late_results'])} submitted, "
        f"{late_errors} errors"
        + "".join(f"; {step}: {what} ({n}x)" for (step, what), n in found["late_errors"].items())
        + "."
    )
    for what, value, passed in found["late_checks"]:
        lines.append(f"- {what}: {value} ({'ok' if passed else 'FAILED'})")
    lines += [
        "\nThe secretariat's intake queue (`workspace:intake`), rendered in-process:\n",
        "| submissions in the queue | queries | render ms (best of 3) |",
        "|---:|---:|---:|",
    ]
    for rows, queries, ms in found["intake"]:
        lines.append(f"| {rows} | {queries} | {ms:.0f} |")
    counts = {queries for _, queries, _ in found["intake"]}
    lines.append(
        "\nThe intake queue's queries "
        + ("do not grow with the submissions." if len(counts) == 1 else "**grow**.")
    )
    if found["server_log"]:
        lines.append(f"\ngunicorn logged {len(found['server_log'])} lines, the first:\n")
        lines += [f"    {line}" for line in found["server_log"][:10]]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(
        prog="python -m bench.submissions", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--members", type=int, default=342, help="members submitting (max 342)")
    parser.add_argument(
        "--workers", type=int, default=0, help="gunicorn sync workers (default: two per core)"
    )
    parser.add_argument(
        "--spread", type=float, default=0, help="start the clients over this many seconds"
    )
    parser.add_argument("--late", type=int, default=10, help="members in the late wave")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="alv-bench-submissions-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    try:
        found = run(args, database_url)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(report(found))
    passed = all(ok for *_, ok in found["checks"] + found["late_checks"])
    counts = {queries for _, queries, _ in found["intake"]}
    if sum(found["errors"].values()) or sum(found["late_errors"].values()):
        passed = False
    sys.exit(0 if passed and len(counts) == 1 else 1)


if __name__ == "__main__":
    main()
