"""Electronic votes at the meeting (issue 19): every card holder votes at the same moment,
through gunicorn, while every voter's screen polls the live vote fragment.

    .venv/bin/python -m bench.votes [--voters 342] [--workers N] [--clients 400]
    tests/with_postgres.sh .venv/bin/python -m bench.votes [--voters 5000]

In a fresh database (SQLite in a temporary file, or the PostgreSQL of --database-url /
DATABASE_URL, which should be empty) it loads the 342 municipalities (and, for more voters,
synthetic members with a population each, made in bulk), gives each member one person (role
member) who holds its voting card at a published meeting held today, with a published motion
on its agenda. The chair (a secretariat user) opens a poll on the motion in-process
(voting.polls.open_poll).

gunicorn serves bench.settings on 127.0.0.1 with sync workers (two per core by default, as
docs/deploy.md advises) and persistent database connections, as bench/submissions.py starts it.
The sessions are made in-process (bench/targets.session_cookie), not through the login form.

The clients: up to --clients threads (default 400). With as many voters or fewer, every voter
has its own thread; with more, voter i belongs to thread i % clients, and each thread serves
its voters in turn (a bounded pool: 5,000 threads of Python on two cores would measure the
client, not the server). Each thread:

1. opens the vote page (`voting:vote`) once for each of its voters, for the CSRF token and
   the ballot's signed card (the hidden field `card` of its form, as the browser sends it);
2. the server's ceiling: for --ceiling seconds every thread posts to a trivial view that
   requires login and keeps the CSRF check (`bench_ceiling_post`, bench/urls.py), as fast as
   the server answers, with the same cookies and token: the same concurrency as the votes;
3. polls the live vote fragment (`voting:fragment`) for each of its voters every
   --poll-interval seconds (a conditional GET with the ETag of its last answer, as the
   browser's htmx does), for --before seconds before the vote;
4. at a common moment casts each of its voters' votes (POST `voting:cast`, plain, a random
   choice; the answer expected is a redirect to the vote page). A failed connection or a 5xx
   is retried (up to --tries times, a fifth of a second apart): the vote may have been
   committed before the failure, and the retry must not count it twice. The time from the
   common moment to the redirect is the voter's time to a confirmed vote. A share of the
   voters (--repeat) posts the same vote once more after the confirmation, as a double click
   or a browser retry would: it must be answered as a success and change nothing;
5. keeps polling meanwhile (a thread that is posting a vote does not poll at the same time)
   and for --after seconds after the last vote.

Then the poll is closed in-process (voting.polls.close_poll) and its recorded result
(voting.polls.result) is compared with what the clients were confirmed: `counted` is the
result's cards, `lost` the confirmed votes missing from it (no Cast row of the member with the
choice confirmed, or fewer cards per choice in the result than confirmed), `twice` the cards
counted more than once (more than one Cast row per member, more cards in the result than
members with a Cast row, per choice more cards or weight in the result than the Cast rows
hold). Both must be 0.

Only 127.0.0.1 is ever addressed. Prints a Markdown report (for docs/performance.md) and ends
with one line: sent=N counted=N lost=0 twice=0 p50_ms=.. p99_ms=.. votes_per_s=.."""

import argparse
import contextlib
import datetime as dt
import html
import json
import math
import os
import random
import re
import resource
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from bench.load import django_env, free_port, manage, platform_summary
from bench.submissions import (
    CSRF,
    Browser,
    cpu_seconds,
    percentile,
    start_gunicorn,
)

TIMEOUT_SECONDS = 300
RETRY_PAUSE = 0.2
CHOICES = ("for", "against", "abstain")
HX_HEADERS = re.compile(r'id="ballots"[^>]*hx-headers="([^"]*)"')
CARD = re.compile(r'name="card" value="([^"]+)"')
# Synthetic members' figures hold from before any meeting of the benchmark.
FIGURES_FROM = dt.date(2000, 1, 1)


# The database, before and after (in this process, with Django set up on the same database)


def prepare(voters_wanted, seed):
    """The members (synthetic ones beyond the real municipalities), their people and cards,
    the meeting held today with a published motion, the chair; returns what the run needs."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from agenda.models import AgendaItem, Meeting
    from alv import roles
    from bench.targets import session_cookie
    from members.imports import load_municipalities
    from members.models import Member, Population
    from motions.models import Motion, MotionPart, ProposalSubmitter
    from voting.models import VotingCard

    load_municipalities()
    today = timezone.localdate()
    members = list(Member.objects.on(today).order_by("name")[:voters_wanted])
    missing = voters_wanted - len(members)
    if missing > 0:
        rng = random.Random(seed)
        Member.objects.bulk_create(
            Member(name=f"Synthetische gemeente {n:05d}", code=f"SY{n:05d}")
            for n in range(1, missing + 1)
        )
        synthetic = list(Member.objects.filter(code__startswith="SY").order_by("code"))
        Population.objects.bulk_create(
            Population(
                member=member,
                valid_from=FIGURES_FROM,
                # Like the municipalities: most small, a few large.
                inhabitants=int(min(900_000, 1_000 + rng.lognormvariate(10.3, 0.9))),
            )
            for member in synthetic
        )
        members += synthetic
    User = get_user_model()
    member_group = Group.objects.get(name=roles.MEMBER)
    User.objects.bulk_create(
        User(
            username=f"bench-{member.code or member.pk}",
            first_name="Stemkaarthouder",
            last_name=member.name,
            email=f"stem-{member.pk}@example.org",
            member=member,
            function=User.Function.CLERK,
            password=make_password(None),  # unusable: they never log in with one
        )
        for member in members
    )
    people = list(User.objects.filter(member__in=members).order_by("pk"))
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=person.pk, group_id=member_group.pk) for person in people
    )
    person_of = {person.member_id: person for person in people}

    now = timezone.now()
    meeting = Meeting.objects.create(
        title="Benchmark-ALV: stemmen (synthetisch)",
        starts_at=now.replace(microsecond=0),  # held today: today's members vote
        location="Jaarbeurs Utrecht",
        published_at=now,
        visibility=Meeting.Visibility.MEMBERS,
    )
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Moties")
    motion = Motion.objects.create(
        meeting=meeting,
        agenda_item=item,
        position=1,
        title="Motie structurele financiering gemeenten",
    )
    ProposalSubmitter.objects.create(proposal=motion, member=members[0], position=1)
    MotionPart.objects.create(
        motion=motion, position=1, kind="finding", text="Gemeenten voeren steeds meer taken uit."
    )
    VotingCard.objects.bulk_create(
        VotingCard(meeting=meeting, member=member, holder=person_of[member.pk])
        for member in members
    )
    meeting.set_current(item, motion)  # the chair deals with it, as before a vote
    chair, _ = User.objects.get_or_create(username="bench-chair")
    chair.groups.add(Group.objects.get(name=roles.SECRETARIAT))
    with transaction.atomic():  # thousands of sessions: one commit, not one each
        cookies = {
            member.pk: session_cookie(person_of[member.pk]).split(": ", 1)[1] for member in members
        }
    return {
        "members": members,
        "cookies": cookies,
        "meeting": meeting,
        "motion": motion,
        "chair": chair,
    }


def verify(poll, confirmed):
    """The recorded result against the votes the clients were confirmed; returns the
    figures and the checks, each (what, found, passed)."""
    from voting import polls
    from voting.models import Cast, Tally

    result = polls.result(poll)
    casts = list(Cast.objects.filter(poll=poll).values_list("member_id", "choice", "weight"))
    per_member = Counter(member for member, _, _ in casts)
    cast_choice = {member: choice for member, choice, _ in casts}
    cards_in_casts = Counter(choice for _, choice, _ in casts)
    weight_in_casts = Counter()
    for _, choice, weight in casts:
        weight_in_casts[choice] += weight or 0
    confirmed_per_choice = Counter(confirmed.values())
    tallies = {t.choice: t for t in Tally.objects.filter(poll=poll)}

    missing = [m for m, choice in confirmed.items() if cast_choice.get(m) != choice]
    short = sum(max(0, confirmed_per_choice[c] - result.cards[c]) for c in result.choices)
    lost = max(len(missing), short)
    twice = (
        sum(n - 1 for n in per_member.values() if n > 1)
        + max(0, result.total_cards - len(per_member))
        + sum(max(0, result.cards[c] - cards_in_casts[c]) for c in result.choices)
    )
    weight_over = sum(max(0, result.weights[c] - weight_in_casts[c]) for c in result.choices)
    unconfirmed = sorted(set(per_member) - set(confirmed))
    checks = [
        (
            "result's cards per choice = confirmed per choice",
            ", ".join(f"{c} {result.cards[c]}/{confirmed_per_choice[c]}" for c in result.choices),
            all(result.cards[c] == confirmed_per_choice[c] for c in result.choices),
        ),
        (
            "every confirmed vote has its Cast row with its choice",
            f"{len(confirmed) - len(missing)} of {len(confirmed)}",
            not missing,
        ),
        (
            "at most one Cast row per member",
            f"at most {max(per_member.values(), default=0)}",
            set(per_member.values()) <= {1},
        ),
        (
            "Tally cards and weight = the Cast rows' (per choice)",
            "equal"
            if all(
                tallies[c].cards == cards_in_casts[c] and tallies[c].weight == weight_in_casts[c]
                for c in result.choices
            )
            else "**differ**",
            all(
                tallies[c].cards == cards_in_casts[c] and tallies[c].weight == weight_in_casts[c]
                for c in result.choices
            ),
        ),
        ("counted without a confirmation", f"{len(unconfirmed)}", True),
        ("outcome recorded on closing", f"{poll.recorded}", poll.recorded),
    ]
    return {
        "counted": result.total_cards,
        "per_choice": dict(result.cards),
        "weights": dict(result.weights),
        "shares": result.shares,
        "lost": lost,
        "twice": twice + (1 if weight_over else 0),
        "checks": checks,
    }


def costs(state, poll):
    """In this process, before the run: the queries and time (best of five) of the fragment
    answered 304, of the trivial POST, and of one vote (in a transaction rolled back)."""
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    member = state["members"][-1]
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = state["cookies"][member.pk].split("=", 1)[1]
    meeting = state["meeting"]
    page = client.get(reverse("voting:vote", args=[meeting.pk]))
    etag = json.loads(html.unescape(HX_HEADERS.search(page.content.decode()).group(1)))
    card = CARD.search(page.content.decode()).group(1)
    fragment = reverse("voting:fragment", args=[meeting.pk])
    headers = {"HTTP_IF_NONE_MATCH": etag["If-None-Match"], "HTTP_HX_REQUEST": "true"}

    def measure(request, expect):
        with CaptureQueriesContext(connection) as queries:
            response = request()
        assert response.status_code == expect, (response.status_code, expect)
        count = len(queries)
        timings = []
        for _ in range(5):
            start = time.perf_counter()
            request()
            timings.append((time.perf_counter() - start) * 1000)
        return count, min(timings)

    found = {
        "fragment 304": measure(lambda: client.get(fragment, **headers), 304),
        "trivial POST": measure(lambda: client.post(reverse("bench_ceiling_post")), 200),
    }
    cast = reverse("voting:cast", args=[meeting.pk, poll.pk])
    vote = {"member": member.pk, "choice": "for", "card": card}
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.post(cast, vote)
            ms = (time.perf_counter() - start) * 1000
        assert response.status_code == 302, response.status_code
        found["vote (POST, first)"] = (len(queries), ms)
        found["vote (POST, repeated)"] = measure(lambda: client.post(cast, vote), 302)
        # With JavaScript the answer is the fresh fragment, not a redirect: what it adds.
        found["vote by htmx (repeated, answered with the fragment)"] = measure(
            lambda: client.post(cast, vote, HTTP_HX_REQUEST="true"), 200
        )
        transaction.set_rollback(True)
    return found


# The clients


class Voter:
    def __init__(self, member, screen, choice, repeat):
        self.member, self.screen, self.choice, self.repeat = member, screen, choice, repeat
        self.token = None
        self.card = ""
        self.etag = None
        self.next_poll = 0.0
        self.voted = False


class Run:
    """What the client threads share: the phases' events and what they found."""

    def __init__(self, port, urls, voters, clients, args):
        self.port, self.urls, self.args = port, urls, args
        self.groups = [voters[n::clients] for n in range(clients)]
        self.lock = threading.Lock()
        self.ready = threading.Barrier(clients + 1)
        self.ceiling_go, self.ceiling_stop = threading.Event(), threading.Event()
        self.poll_go, self.vote_go, self.stop = (
            threading.Event(),
            threading.Event(),
            threading.Event(),
        )
        self.vote_start = None
        self.setup_errors = Counter()
        self.ceiling_done, self.ceiling_errors, self.ceiling_times = 0, Counter(), []
        self.polls = []  # (sent at, done at, status or the error's name)
        self.votes = {}  # member pk -> (choice, ms from the common moment, tries, last try ms)
        self.vote_errors = Counter()
        self.retries = Counter()
        self.repeats = Counter()

    # One thread's work, phase by phase

    def client(self, index):
        group = self.groups[index]
        try:
            for voter in group:
                self.open_page(voter)
        finally:
            self.ready.wait()
        self.ceiling_go.wait()
        self.ceiling(group)
        self.poll_go.wait()
        polls = []
        try:
            self.poll_and_vote(group, polls)
        finally:
            with self.lock:
                self.polls += polls

    def poll_and_vote(self, group, polls):
        start = time.monotonic()
        interval = self.args.poll_interval
        for n, voter in enumerate(group):  # spread over the first interval, as screens are
            voter.next_poll = start + interval * n / len(group) if interval > 0 else math.inf
        while not self.stop.is_set():
            if self.vote_go.is_set():
                waiting = [v for v in group if not v.voted]
                if waiting:
                    self.vote(waiting[0])
                    continue
            voter = min(group, key=lambda v: v.next_poll)
            pause = voter.next_poll - time.monotonic()
            if pause > 0:
                event = self.stop if self.vote_go.is_set() else self.vote_go
                event.wait(min(pause, 60))
                continue
            polls.append(self.poll(voter))

    def open_page(self, voter):
        try:
            status, _, body = voter.screen.send("GET", self.urls["vote"])
        except OSError as error:
            with self.lock:
                self.setup_errors[f"vote page: {type(error).__name__}"] += 1
            return
        token = CSRF.search(body.decode())
        if status != 200 or token is None:
            with self.lock:
                self.setup_errors[
                    f"vote page: {status}, token {'found' if token else 'missing'}"
                ] += 1
            return
        voter.token = token.group(1)
        card = CARD.search(body.decode())
        voter.card = card.group(1) if card else ""
        # The page carries its fragment's validator (hx-headers): the first poll is conditional.
        headers = HX_HEADERS.search(body.decode())
        if headers:
            voter.etag = json.loads(html.unescape(headers.group(1))).get("If-None-Match")

    def ceiling(self, group):
        voter = next((v for v in group if v.token), None)
        done, errors, times = 0, Counter(), []
        while voter and not self.ceiling_stop.is_set():
            start = time.perf_counter()
            try:
                status, _, body = voter.screen.send(
                    "POST", self.urls["ceiling"], {"csrfmiddlewaretoken": voter.token}
                )
            except OSError as error:
                errors[type(error).__name__] += 1
                continue
            if status == 200 and body == b"ok":
                if not self.ceiling_stop.is_set():
                    done += 1
                    times.append((time.perf_counter() - start) * 1000)
            else:
                errors[status] += 1
        with self.lock:
            self.ceiling_done += done
            self.ceiling_errors += errors
            self.ceiling_times += times

    def poll(self, voter):
        sent = time.monotonic()
        voter.next_poll = sent + self.args.poll_interval
        headers = {"HX-Request": "true"}
        if voter.etag:
            headers["If-None-Match"] = voter.etag
        try:
            status, answer, _ = voter.screen.send("GET", self.urls["fragment"], headers=headers)
        except OSError as error:
            return sent, time.monotonic(), type(error).__name__
        voter.etag = answer.get("ETag") or voter.etag
        return sent, time.monotonic(), status

    def post_vote(self, voter):
        form = {
            "csrfmiddlewaretoken": voter.token,
            "member": voter.member.pk,
            "choice": voter.choice,
            "card": voter.card,
        }
        try:
            status, answer, _ = voter.screen.send("POST", self.urls["cast"], form)
        except OSError as error:
            return type(error).__name__, None
        return status, answer.get("Location")

    def confirmed(self, status, location):
        return (
            status == 302
            and (location or "").split("?")[0].split("#")[0] in self.urls["vote_locations"]
        )

    def vote(self, voter):
        voter.voted = True
        if voter.token is None:
            with self.lock:
                self.vote_errors["no token (vote page failed)"] += 1
            return
        tries = 0
        while tries < self.args.tries:
            tries += 1
            start = time.perf_counter()
            status, location = self.post_vote(voter)
            last = (time.perf_counter() - start) * 1000
            if self.confirmed(status, location):
                done = (time.perf_counter() - self.vote_start) * 1000
                with self.lock:
                    self.votes[voter.member.pk] = (voter.choice, done, tries, last)
                break
            retry = isinstance(status, str) or status >= 500
            with self.lock:
                if retry:
                    self.retries[status] += 1
                else:
                    self.vote_errors[f"{status} to {location}" if location else status] += 1
            if not retry:
                return
            time.sleep(RETRY_PAUSE)
        else:
            with self.lock:
                self.vote_errors[f"gave up after {tries} tries"] += 1
            return
        if voter.repeat:  # the same vote again: a double click, a browser's retry
            status, location = self.post_vote(voter)
            with self.lock:
                self.repeats["confirmed again" if self.confirmed(status, location) else status] += 1


def warm(port, urls, cookies, workers):
    """A worker's first request imports the whole app: every worker answers a few of each
    kind at once before anything is measured."""
    screens = [Browser(port, cookie) for cookie in cookies[: workers * 3]]

    def one(screen):
        for path in (urls["vote"], urls["fragment"], urls["vote"]):
            with contextlib.suppress(OSError):
                screen.send("GET", path)

    threads = [threading.Thread(target=one, args=(s,)) for s in screens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)


def window_stats(polls, start, end):
    inside = [p for p in polls if start <= p[1] < end]
    seconds = max(end - start, 1e-9)
    statuses = Counter(p[2] for p in inside)
    answered = statuses[200] + statuses[304]
    ms = [(done - sent) * 1000 for sent, done, status in inside if status in (200, 304)]
    return {
        "seconds": seconds,
        "served": len(inside),
        "per_s": len(inside) / seconds,
        "share_304": statuses[304] / answered if answered else float("nan"),
        "errors": {k: v for k, v in statuses.items() if k not in (200, 304)},
        "p50": percentile(ms, 0.5),
        "p99": percentile(ms, 0.99),
    }


def client_cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def drive(args, state, poll, port, server, workers):
    """All the clients' phases; returns what they measured."""
    from django.urls import reverse

    meeting = state["meeting"]
    vote_url = reverse("voting:vote", args=[meeting.pk])
    urls = {
        "vote": vote_url,
        "vote_locations": {vote_url, f"http://127.0.0.1:{port}{vote_url}"},
        "fragment": reverse("voting:fragment", args=[meeting.pk]),
        "cast": reverse("voting:cast", args=[meeting.pk, poll.pk]),
        "ceiling": reverse("bench_ceiling_post"),
    }
    rng = random.Random(args.seed)
    voters = [
        Voter(
            member,
            Browser(port, state["cookies"][member.pk]),
            rng.choice(CHOICES),
            rng.random() < args.repeat,
        )
        for member in state["members"]
    ]
    warm(port, urls, list(state["cookies"].values()), workers)
    clients = min(len(voters), args.clients)
    run = Run(port, urls, voters, clients, args)
    threads = [threading.Thread(target=run.client, args=(n,), daemon=True) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    run.ready.wait()
    setup = time.monotonic() - started

    cpu_0, client_0 = cpu_seconds(server), client_cpu()
    run.ceiling_go.set()
    ceiling_start = time.monotonic()
    time.sleep(args.ceiling)
    run.ceiling_stop.set()
    ceiling_seconds = time.monotonic() - ceiling_start
    cpu_1, client_1 = cpu_seconds(server), client_cpu()
    time.sleep(2)  # the last ceiling posts are answered

    poll_cpu_0 = cpu_seconds(server)
    run.poll_go.set()
    poll_start = time.monotonic()
    time.sleep(args.before)
    load_before = os.getloadavg()[0]
    cpu_2, client_2 = cpu_seconds(server), client_cpu()
    run.vote_start = time.perf_counter()
    vote_start = time.monotonic()
    run.vote_go.set()
    deadline = vote_start + TIMEOUT_SECONDS + len(voters)  # a second a vote: ample
    while time.monotonic() < deadline:
        with run.lock:
            if len(run.votes) + sum(run.vote_errors.values()) >= len(voters):
                break
        time.sleep(0.05)
    vote_end = vote_start + max((ms for _, ms, _, _ in run.votes.values()), default=0) / 1000
    cpu_3, client_3 = cpu_seconds(server), client_cpu()
    load_after = os.getloadavg()[0]
    time.sleep(args.after)
    run.stop.set()
    for thread in threads:
        thread.join(TIMEOUT_SECONDS)
    with run.lock:
        unfinished = len(voters) - len(run.votes) - sum(run.vote_errors.values())
        if unfinished:
            run.vote_errors["did not finish"] += unfinished
    return {
        "clients": clients,
        "setup": setup,
        "setup_errors": run.setup_errors,
        "ceiling_rps": run.ceiling_done / ceiling_seconds,
        "ceiling_p50": percentile(run.ceiling_times, 0.5),
        "ceiling_p99": percentile(run.ceiling_times, 0.99),
        "ceiling_errors": run.ceiling_errors,
        "ceiling_cpu_ms": (cpu_1 - cpu_0) * 1000 / max(run.ceiling_done, 1),
        "ceiling_client_cpu": (client_1 - client_0) / ceiling_seconds,
        "polls_before": window_stats(run.polls, poll_start + 1, vote_start),
        "polls_during": window_stats(run.polls, vote_start, max(vote_end, vote_start + 0.001)),
        "polls_after": window_stats(run.polls, vote_end, vote_end + args.after),
        "poll_cpu_ms": (cpu_2 - poll_cpu_0)
        * 1000
        / max(1, sum(poll_start <= sent and done < vote_start for sent, done, _ in run.polls)),
        "votes": run.votes,
        "vote_errors": run.vote_errors,
        "retries": run.retries,
        "repeats": run.repeats,
        "repeat_wanted": sum(v.repeat for v in voters),
        "wall": vote_end - vote_start,
        "vote_cpu": cpu_3 - cpu_2,
        "vote_client_cpu": client_3 - client_2,
        "load": (load_before, load_after),
    }


def run(args, database_url):
    env = django_env(database_url)
    os.environ.update(env)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    import django

    django.setup()
    from django.db import connection

    from voting import polls

    prepared_at = time.monotonic()
    state = prepare(args.voters, args.seed)
    prepare_seconds = time.monotonic() - prepared_at
    poll = polls.open_poll(state["motion"], state["chair"])
    in_process = costs(state, poll)
    workers = args.workers or 2 * (os.cpu_count() or 1)
    port = free_port()
    log_path = Path(tempfile.gettempdir()) / f"alv-bench-votes-{os.getpid()}.log"
    with open(log_path, "w+") as log:
        # The workers each hold their own connection; this process's is closed so that
        # SQLite has no reader of ours during the run.
        connection.close()
        server = start_gunicorn(env, port, workers, log)
        try:
            found = drive(args, state, poll, port, server, workers)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
        log.seek(0)
        server_log = [line.rstrip() for line in log if line.strip()]
    log_path.unlink(missing_ok=True)
    polls.close_poll(poll, by=state["chair"])
    poll.refresh_from_db()
    confirmed = {member: choice for member, (choice, *_rest) in found["votes"].items()}
    found.update(verify(poll, confirmed))
    found.update(
        vendor=connection.vendor,
        workers=workers,
        voters=len(state["members"]),
        prepare_seconds=prepare_seconds,
        in_process=in_process,
        server_log=server_log,
    )
    return found


def summary(found):
    times = [ms for _, ms, _, _ in found["votes"].values()]
    rate = len(found["votes"]) / found["wall"] if found["wall"] > 0 else float("nan")
    return (
        f"sent={found['voters']} counted={found['counted']} lost={found['lost']} "
        f"twice={found['twice']} p50_ms={percentile(times, 0.5):.0f} "
        f"p99_ms={percentile(times, 0.99):.0f} votes_per_s={rate:.1f}"
    )


def report(found, args):
    votes = found["votes"]
    times = [ms for _, ms, _, _ in votes.values()]
    last_try = [ms for _, _, _, ms in votes.values()]
    rate = len(votes) / found["wall"] if found["wall"] > 0 else float("nan")
    ratio = rate / found["ceiling_rps"] if found["ceiling_rps"] else float("nan")
    clients, voters = found["clients"], found["voters"]
    per_client = (
        "one thread per voter"
        if clients == voters
        else (
            f"{clients} client threads, each serving {voters // clients} or {-(-voters // clients)} "
            "voters in turn"
        )
    )
    lines = [
        f"## Electronic votes: {found['vendor']}, gunicorn {found['workers']} sync workers, "
        f"{voters} voters\n",
        f"Machine: {os.cpu_count()} cores, {platform_summary()}; load average (1 min) "
        f"{found['load'][0]:.1f} when the vote started, {found['load'][1]:.1f} when it ended. "
        f"{per_client}; "
        + (f"polling every {args.poll_interval:g} s" if args.poll_interval > 0 else "no polling")
        + f". Prepared in "
        f"{found['prepare_seconds']:.0f} s; the vote pages (CSRF tokens) opened in "
        f"{found['setup']:.1f} s.\n",
        "| | |",
        "|---|---:|",
        f"| votes confirmed | {len(votes)} of {voters} |",
        f"| all confirmed within | {found['wall']:.2f} s |",
        f"| votes/s | {rate:.1f} |",
        f"| ceiling: trivial authenticated POST (login, CSRF), {clients} clients, "
        f"{args.ceiling:g} s | {found['ceiling_rps']:.1f} req/s (p50 {found['ceiling_p50']:.0f} "
        f"ms, p99 {found['ceiling_p99']:.0f} ms) |",
        f"| **votes/s as a share of the ceiling** | **{ratio:.0%}** |",
        f"| time to a confirmed vote: p50 / p99 / max | {percentile(times, 0.5):.0f} / "
        f"{percentile(times, 0.99):.0f} / {max(times, default=float('nan')):.0f} ms |",
        f"| the confirmed POST alone: p50 / p99 | {percentile(last_try, 0.5):.0f} / "
        f"{percentile(last_try, 0.99):.0f} ms |",
        f"| workers' CPU: per trivial POST / per vote (polls during the vote included) | "
        f"{found['ceiling_cpu_ms']:.1f} / {found['vote_cpu'] * 1000 / max(len(votes), 1):.1f} ms |",
        f"| the client's own CPU: ceiling run / vote burst | "
        f"{found['ceiling_client_cpu']:.2f} cores / "
        f"{found['vote_client_cpu'] / max(found['wall'], 1e-9):.2f} cores |",
        f"| retries (failed connection or 5xx) | {sum(found['retries'].values())}"
        + "".join(f"; {k}: {v}" for k, v in sorted(found["retries"].items(), key=str) if v)
        + " |",
        f"| the same vote posted again after its confirmation | {found['repeat_wanted']}: "
        + ", ".join(f"{k} {v}" for k, v in found["repeats"].items())
        + " |",
        f"| vote errors | {sum(found['vote_errors'].values())}"
        + "".join(f"; {k}: {v}" for k, v in found["vote_errors"].items())
        + " |",
        f"| vote page errors | {sum(found['setup_errors'].values())}"
        + "".join(f"; {k}: {v}" for k, v in found["setup_errors"].items())
        + " |",
        f"| ceiling errors | {sum(found['ceiling_errors'].values())}"
        + "".join(f"; {k}: {v}" for k, v in found["ceiling_errors"].items())
        + " |",
        "",
        "The live vote fragment, polled by every voter "
        + (
            f"(wanted: {voters / args.poll_interval:.0f} req/s):\n"
            if args.poll_interval > 0
            else "(not polled in this run: --poll-interval 0):\n"
        ),
        "| window | seconds | served | req/s | 304s | p50 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for key, label in [
        ("polls_before", "before the vote"),
        ("polls_during", "during the vote burst"),
        ("polls_after", "after the last vote"),
    ]:
        w = found[key]
        lines.append(
            f"| {label} | {w['seconds']:.1f} | {w['served']} | {w['per_s']:.0f} | "
            f"{w['share_304']:.0%} | {w['p50']:.0f} | {w['p99']:.0f} | "
            + (", ".join(f"{k}: {v}" for k, v in w["errors"].items()) or "0")
            + " |"
        )
    lines.append(
        f"\nWorkers' CPU per poll (before the vote): {found['poll_cpu_ms']:.1f} ms.\n"
        "\nThe recorded result (`polls.result` after `polls.close_poll`) against the "
        "confirmations:\n"
    )
    lines += ["| check | found | |", "|---|---|---|"]
    for what, value, passed in found["checks"]:
        lines.append(f"| {what} | {value} | {'ok' if passed else '**FAILED**'} |")
    lines += [
        "\nIn-process, before the run (the test client, one request at a time):\n",
        "| request | queries | ms (best of 5) |",
        "|---|---:|---:|",
    ]
    lines += [f"| {k} | {q} | {ms:.1f} |" for k, (q, ms) in found["in_process"].items()]
    shares = found["shares"] or {}
    lines.append(
        "\nResult: "
        + ", ".join(
            f"{c} {found['per_choice'][c]} cards, weight {found['weights'][c]:,}"
            + (f" ({shares[c]}%)" if c in shares else "")
            for c in found["per_choice"]
        )
        + "."
    )
    if found["server_log"]:
        lines.append(f"\ngunicorn logged {len(found['server_log'])} lines, the first:\n")
        lines += [f"    {line}" for line in found["server_log"][:10]]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(
        prog="python -m bench.votes", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--voters", type=int, default=342, help="cards voting")
    parser.add_argument(
        "--workers", type=int, default=0, help="gunicorn sync workers (default: two per core)"
    )
    parser.add_argument(
        "--clients", type=int, default=400, help="client threads at most (a bounded pool)"
    )
    parser.add_argument(
        "--poll-interval", type=float, default=1.0, help="seconds between polls (0: no polling)"
    )
    parser.add_argument("--ceiling", type=float, default=10, help="seconds of the ceiling run")
    parser.add_argument("--before", type=float, default=5, help="seconds of polling before")
    parser.add_argument("--after", type=float, default=3, help="seconds of polling after")
    parser.add_argument("--tries", type=int, default=20, help="tries per vote at most")
    parser.add_argument(
        "--repeat", type=float, default=0.1, help="share of voters who post their vote twice"
    )
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="alv-bench-votes-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    try:
        found = run(args, database_url)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(report(found, args))
    print()
    print(summary(found))
    passed = (
        found["lost"] == 0
        and found["twice"] == 0
        and not found["vote_errors"]
        and len(found["votes"]) == found["voters"]
        and all(ok for *_, ok in found["checks"])
    )
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
