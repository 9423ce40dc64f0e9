"""manage.py import_members FILE.csv --valid-from YYYY-MM-DD [--dry-run]

Prints what loading the list would do, then does it; with --dry-run, or when any row has a
problem (each listed with its line number), nothing is saved."""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from members.imports import apply_plan, decode, plan_import, summary_lines


def iso_date(text):
    try:
        return dt.date.fromisoformat(text)
    except ValueError as invalid:
        raise CommandError(f"--valid-from must be a date as YYYY-MM-DD, not {text!r}") from invalid


class Command(BaseCommand):
    help = "Load a list of members (code,name,population[,kind,province,successor_code])."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--valid-from", required=True, type=iso_date)
        parser.add_argument("--dry-run", action="store_true", help="Show the plan, save nothing.")

    def handle(self, *args, file, valid_from, dry_run, **options):
        translation.activate("en")
        try:
            text = decode(file.read_bytes())
        except OSError as unreadable:
            raise CommandError(f"Cannot read {file}: {unreadable.strerror}") from unreadable
        plan = plan_import(text, valid_from)
        if plan.problems:
            for line, problem in plan.problems:
                where = f"line {line}: " if line else ""
                self.stderr.write(f"{file}: {where}{problem}")
            raise CommandError(f"{len(plan.problems)} problem(s); nothing was saved.")
        for line in summary_lines(plan):
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
            return
        apply_plan(plan)
        self.stdout.write(self.style.SUCCESS(f"Saved: the members from {valid_from:%Y-%m-%d} on."))
