from django.core.management.base import BaseCommand

from book import refresh


class Command(BaseCommand):
    help = (
        "Queue a build of every member book of the published meetings that does not show what "
        "members may read now (as the sweep after a change of the papers does). For a new "
        "installation, or after restoring a backup without its stored books; the worker "
        "(db_worker) builds them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--meeting", type=int, help="only this meeting (its id)")

    def handle(self, *args, meeting=None, **options):
        meetings = refresh.published_meetings()
        if meeting is not None:
            meetings = meetings.filter(pk=meeting)
        queued = refresh.refresh(meetings)
        self.stdout.write(f"{queued} book build(s) queued.")
