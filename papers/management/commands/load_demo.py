from django.core.management.base import BaseCommand, CommandError

from papers import demo


class Command(BaseCommand):
    help = "Load the demo meeting (the seed's ALV papers), all municipalities and demo users."

    def handle(self, *args, **options):
        try:
            meeting = demo.load()
        except demo.DemoNotAllowed as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo meeting loaded: {meeting} ({demo.proposal_count(meeting)} motions and "
                "amendments)."
            )
        )
        self.stdout.write(f"Demo logins (password for each: {demo.DEMO_PASSWORD}):")
        for username, role, member in demo.DEMO_USERS:
            suffix = f", {member}" if member else ""
            self.stdout.write(f"  {username:14} {role}{suffix}")
        self.stdout.write(
            "The demo password skips the second factor here (ALV_DEMO_ALLOWED); other "
            "secretariat and board accounts set one up at their first login."
        )
