"""SQL queries per main page, on the large synthetic meeting, as a Markdown table.

    .venv/bin/python -m bench.queries [--database-url URL]

Builds the meeting of the book benchmark (25 agenda items, 200 motions, 40 amendments, all 342
municipalities) in a fresh database (SQLite in a temporary file, or the PostgreSQL of
--database-url / DATABASE_URL, which should be empty) and opens every page of bench/pages.py
twice as its reader: the first request renders everything, the second finds the rendered
papers cached where the page caches them. tests/test_query_counts.py asserts the same budgets."""

import argparse
import io
import os
import shutil
import tempfile
from pathlib import Path


def main():
    parser = argparse.ArgumentParser(
        prog="python -m bench.queries", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="alv-queries-"))
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    try:
        print(measure())
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def measure():
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from agenda.models import Meeting
    from alv import roles
    from bench.pages import MEMBER, SECRETARIAT, main_pages
    from bench.targets import second_factor_passed
    from book.management.commands.create_bench_meeting import TITLE

    call_command("migrate", "--noinput", verbosity=0)
    call_command("create_bench_meeting", verbosity=0, stdout=io.StringIO())
    meeting = Meeting.objects.get(title=TITLE)
    clients = {reader: Client(HTTP_HOST="127.0.0.1") for reader in ("public", MEMBER, SECRETARIAT)}
    for reader, group in ((MEMBER, roles.MEMBER), (SECRETARIAT, roles.SECRETARIAT)):
        user, _ = get_user_model().objects.get_or_create(username=f"bench-{reader}")
        user.groups.add(Group.objects.get(name=group))
        clients[reader].force_login(user)
        session = clients[reader].session
        second_factor_passed(user, session)
        session.save()

    lines = [
        f"Queries per page, {connection.vendor}, on “{meeting.title}” "
        f"({meeting.items.count()} agenda items, {meeting.proposals.count()} motions and "
        "amendments):\n",
        "| page | reader | first request | again | budget (tests) |",
        "|---|---|---:|---:|---:|",
    ]
    for page in main_pages(meeting):
        counts = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = clients[page.reader].get(page.path)
            assert response.status_code == 200, (page, response.status_code)
            counts.append(len(queries))
        lines.append(f"| {page.name} | {page.reader} | {counts[0]} | {counts[1]} | {page.budget} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
