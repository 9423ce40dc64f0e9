from django.core.management.base import BaseCommand, CommandError

from papers import demo as papers_demo
from voting import demo


class Command(BaseCommand):
    help = "Give the demo member its voting cards and open a demo written consultation."

    def handle(self, *args, **options):
        try:
            meeting = demo.load()
        except papers_demo.DemoNotAllowed as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo votes loaded: 'lid' holds its voting cards; {meeting.title} is open."
            )
        )
