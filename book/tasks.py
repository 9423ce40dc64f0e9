from django_tasks import task

from book import builds
from book.models import BookBuild


@task()
def render_book(build_id):
    """Render one stored book. Runs in the worker (`manage.py db_worker`), never in a request."""
    build = BookBuild.objects.select_related("meeting").get(pk=build_id)
    if build.is_ready:
        return build.file_name
    return builds.run(build).file_name


@task()
def discard_outdated_books(meeting_id):
    """Remove a meeting's member books that show what members may no longer read (queued by
    the secretariat's withdrawals: see `builds.papers_withdrawn`)."""
    from agenda.models import Meeting

    meeting = Meeting.objects.filter(pk=meeting_id).first()
    return builds.discard_outdated(meeting) if meeting is not None else 0


@task()
def refresh_books(meeting_id=None):
    """Queue the builds of the member books that changed: of one meeting (just published), or
    of every published meeting (the sweep after edits). See `book.refresh`."""
    from book import refresh

    if meeting_id is None:
        return refresh.refresh(refresh.published_meetings())
    return refresh.refresh(refresh.published_meetings().filter(pk=meeting_id))
