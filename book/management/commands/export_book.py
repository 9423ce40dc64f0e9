import shutil
import time

from django.core.management.base import BaseCommand, CommandError

from agenda.models import Meeting
from book import assembly, builds
from book.models import BookBuild, book_storage

# What --document names: the scope of the stored build.
DOCUMENTS = {"book": assembly.MEETING, "decisions": assembly.DECISIONS}


class Command(BaseCommand):
    help = (
        "Write the meeting book, or with --document decisions the meeting's decision list "
        "(besluitenlijst), to a PDF or Word file. Without MEETING_ID: the next upcoming "
        "meeting, or else the latest one. A stored file of unchanged content is copied, not "
        "rendered again. The member edition of a decision list exists once the secretariat "
        "has published it; --edition secretariat gives the concept before that."
    )

    def add_arguments(self, parser):
        parser.add_argument("meeting_id", nargs="?", type=int)
        parser.add_argument("--format", choices=sorted(builds.FORMATS), default="pdf")
        parser.add_argument("--edition", choices=assembly.EDITIONS, default=assembly.MEMBER)
        parser.add_argument(
            "--document",
            choices=sorted(DOCUMENTS),
            default="book",
            help="book: the meeting book (default); decisions: the decision list.",
        )
        parser.add_argument("-o", "--output", required=True, help="The file to write.")

    def handle(self, meeting_id, format, edition, output, document, **options):
        meeting = self.meeting(meeting_id)
        scope = DOCUMENTS[document]
        if edition == assembly.MEMBER and not meeting.is_published:
            raise CommandError(
                f"The papers of “{meeting.title}” are not published: there is no member "
                "edition yet. Use --edition secretariat for the concept."
            )
        if (
            scope == assembly.DECISIONS
            and edition == assembly.MEMBER
            and meeting.decisions_published_at is None
        ):
            raise CommandError(
                f"The decision list of “{meeting.title}” is not published: there is no member "
                "edition yet. Use --edition secretariat for the concept."
            )
        started = time.perf_counter()
        state = builds.state(meeting, edition, scope, fmt=format)
        build = state.ready if state.is_current else None
        if build is None:
            build = BookBuild.objects.create(
                meeting=meeting,
                edition=edition,
                scope=scope,
                format=format,
                content_hash=state.content_hash,
                is_concept=state.is_concept,
            )
            # A command is no web request: render here, and keep the result for the site.
            try:
                builds.run(build)
            except Exception as exc:
                raise CommandError(f"The book could not be built: {exc}") from exc
            how = "built"
        else:
            how = "unchanged, copied from the store"
        with book_storage().open(build.file_name, "rb") as stored, open(output, "wb") as copy:
            shutil.copyfileobj(stored, copy)
        pages = f"{build.page_count} pages, " if build.page_count else ""
        self.stdout.write(
            f"{output}: {meeting.title}, {document}, {edition} edition, {format}, {pages}"
            f"{build.size} bytes ({how} in {time.perf_counter() - started:.1f} s)"
        )

    def meeting(self, meeting_id):
        if meeting_id is not None:
            try:
                return Meeting.objects.get(pk=meeting_id)
            except Meeting.DoesNotExist:
                raise CommandError(f"No meeting with id {meeting_id}.") from None
        meeting = (
            Meeting.objects.upcoming().first() or Meeting.objects.order_by("-starts_at").first()
        )
        if meeting is None:
            raise CommandError("There is no meeting yet.")
        return meeting
