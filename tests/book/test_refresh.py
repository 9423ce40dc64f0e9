"""The books members read are kept ready: built when the papers change, never by a reader
(book/refresh.py)."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from agenda.models import Meeting
from book import assembly, builds, refresh
from book.models import BookBuild
from book.tasks import refresh_books
from motions.models import MotionPart
from tests import factories as f

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _a_minute(settings):
    settings.BOOK_REFRESH_DELAY = 60  # as in production


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def meeting(clock):
    item = f.item(f.meeting(title="Najaars-ALV"), "Financiën")
    f.motion(item, "Geld voor gemeenten", advice="overnemen")
    f.motion(item, "Meer handen in de zorg", advice="ontraden")
    f.motion(item, "Nog in concept", is_draft=True)
    f.item(item.meeting, "Rondvraag")
    return item.meeting


def sweeps():
    return refresh.pending(None)


def member_books(meeting):
    return {
        (b.scope, b.target_id, b.format)
        for b in BookBuild.objects.filter(meeting=meeting, edition=assembly.MEMBER)
    }


def every_member_book(meeting):
    """What members may download of `meeting`: the book, each item's and each published
    motion's own files, in PDF and Word."""
    targets = [(assembly.MEETING, None)]
    # An item with nothing to read ("Rondvraag") has no file of its own.
    targets += [(assembly.ITEM, item.pk) for item in meeting.items.exclude(title="Rondvraag")]
    targets += [(assembly.PROPOSAL, p.pk) for p in meeting.proposals.filter(is_draft=False)]
    return {(scope, target, fmt) for scope, target in targets for fmt in ("pdf", "docx")}


def get_url(meeting, query=""):
    return reverse("book:get", args=[meeting.pk, "member"]) + query


def status_url(meeting, query=""):
    return reverse("book:status", args=[meeting.pk, "member"]) + query


def test_a_sweep_queues_every_member_book_of_the_published_meetings(meeting, work_off_queue):
    unpublished = f.meeting(published=False)
    f.motion(f.item(unpublished, "Geheim"), "Niet voor leden")
    assert refresh.refresh(refresh.published_meetings()) == len(every_member_book(meeting))
    assert member_books(meeting) == every_member_book(meeting)
    assert not BookBuild.objects.filter(meeting=unpublished).exists()
    work_off_queue()
    assert BookBuild.objects.filter(status="ready").count() == len(every_member_book(meeting))
    # Nothing changed: nothing is built again.
    assert refresh.refresh(refresh.published_meetings()) == 0


def test_after_one_motion_changes_only_the_files_that_show_it_are_built_again(
    meeting, work_off_queue
):
    refresh.refresh(refresh.published_meetings())
    work_off_queue()
    motion = meeting.proposals.get(title="Geld voor gemeenten")
    MotionPart.objects.filter(motion_id=motion.pk).update(text="Een nieuwe tekst.")
    assert refresh.refresh(refresh.published_meetings()) == 6
    queued = {(b.scope, b.target_id) for b in BookBuild.objects.filter(status="queued")}
    assert queued == {
        (assembly.MEETING, None),
        (assembly.ITEM, motion.agenda_item_id),
        (assembly.PROPOSAL, motion.pk),
    }


def test_ten_edits_in_a_minute_make_one_sweep_and_one_build_of_each_book(
    meeting, work_off_queue, clock
):
    refresh.refresh(refresh.published_meetings())
    work_off_queue()
    motion = meeting.proposals.get(title="Geld voor gemeenten")
    for n in range(10):
        MotionPart.objects.filter(motion_id=motion.pk).update(text=f"Versie {n}.")
        refresh.papers_written()  # what every committed write of the papers calls
        clock.shift(dt.timedelta(seconds=5))
    sweep = sweeps().get()
    assert sweep.run_after == NOW + dt.timedelta(seconds=60)
    assert work_off_queue() == 0  # not before its time
    clock.shift(dt.timedelta(seconds=15))
    assert work_off_queue() == 1  # the sweep, which queues the builds
    assert work_off_queue() == 6  # the book, the item's and the motion's, PDF and Word
    assert BookBuild.objects.filter(scope="meeting", format="pdf").count() == 1
    assert builds.state(meeting, assembly.MEMBER).is_current


def test_a_change_after_the_sweep_started_gets_a_sweep_of_its_own(meeting, clock):
    refresh.papers_written()
    first = sweeps().get()
    first.claim("a-worker")  # the worker has started it: it may not see what follows
    clock.shift(dt.timedelta(seconds=61))
    refresh.papers_written()
    assert sweeps().count() == 1 and sweeps().get().pk != first.pk


class Undone(Exception):
    pass


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_any_committed_change_of_the_papers_schedules_the_sweep(clock):
    # Restoring the database for this test wrote the papers too: start from nothing.
    DBTaskResult.objects.all().delete()
    cache.clear()
    with pytest.raises(Undone), transaction.atomic():
        Meeting.objects.create(title="Teruggedraaid", starts_at=NOW)
        raise Undone
    assert not sweeps().exists()  # nothing committed, nothing to build
    meeting = f.meeting(title="Voorjaars-ALV")  # committed at once: autocommit
    assert sweeps().count() == 1
    # However it is written: here a queryset update in a transaction.
    with transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(location="Den Haag")
    assert sweeps().count() == 1  # one sweep for all of them
    assert sweeps().get().run_after == NOW + dt.timedelta(seconds=60)


def test_publishing_the_papers_queues_the_member_books_at_once(
    client, secretariat_user, work_off_queue, clock
):
    meeting = f.meeting(published=False, title="Najaars-ALV")
    f.motion(f.item(meeting, "Financiën"), "Geld voor gemeenten", advice="overnemen")
    client.force_login(secretariat_user)
    url = reverse("workspace:publication", args=[meeting.pk])
    assert client.post(url, {"action": "publish"}).status_code == 302
    assert refresh.pending(meeting).get().run_after is not None
    assert work_off_queue() == 1  # at once: the refresh, which queues the builds
    assert member_books(meeting) == every_member_book(meeting)
    work_off_queue()
    client.logout()
    response = client.get(get_url(meeting))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "book:file",
        args=[
            builds.state(meeting, "member").ready.pk,
            builds.download_name(builds.state(meeting, "member").ready),
        ],
    )


def test_publishing_the_decision_list_queues_it(client, meeting, secretariat_user, work_off_queue):
    client.force_login(secretariat_user)
    client.post(reverse("live:publish_decisions", args=[meeting.pk]), {"publish": "1"})
    work_off_queue()
    assert (assembly.DECISIONS, None, "pdf") in member_books(meeting)
    assert (assembly.DECISIONS, None, "docx") in member_books(meeting)


def test_a_member_sees_the_update_coming_and_the_page_downloads_it_when_ready(
    client, meeting, member_user, work_off_queue, clock
):
    client.force_login(member_user)
    refresh.papers_written()  # the papers changed a moment ago
    html = client.get(get_url(meeting)).content.decode()
    assert "De pdf wordt klaargemaakt" in html and "Wacht op zijn beurt" in html
    assert 'hx-trigger="every 1s"' in html and "then=download" in html
    assert "niet beschikbaar" not in html and "<button" not in html.split("<main")[1]
    clock.shift(dt.timedelta(seconds=61))
    work_off_queue()  # the sweep queues the builds
    html = client.get(get_url(meeting)).content.decode()
    assert "De pdf wordt klaargemaakt" in html and "<progress" in html
    polled = client.get(status_url(meeting, "?then=download"), headers={"HX-Request": "true"})
    assert "HX-Redirect" not in polled
    work_off_queue()  # the builds
    polled = client.get(status_url(meeting, "?then=download"), headers={"HX-Request": "true"})
    ready = builds.state(meeting, "member").ready
    file = reverse("book:file", args=[ready.pk, builds.download_name(ready)])
    assert polled["HX-Redirect"] == file + "?download=1"
    saved = client.get(polled["HX-Redirect"])
    assert saved["Content-Disposition"].startswith("attachment;")
    assert client.get(file)["Content-Disposition"].startswith("inline;")


def test_the_status_never_says_not_made_above_its_download_link(
    client, meeting, secretariat_user, work_off_queue
):
    client.force_login(secretariat_user)
    item = meeting.items.first()
    query = f"?scope=item&target={item.pk}"
    html = client.get(reverse("book:get", args=[meeting.pk, "secretariat"]) + query)
    assert "De pdf is nog niet gemaakt" in html.content.decode()
    client.post(reverse("book:build", args=[meeting.pk, "secretariat"]) + query)
    work_off_queue()
    status = reverse("book:status", args=[meeting.pk, "secretariat"]) + query + "&then=download"
    html = client.get(status).content.decode()
    assert "Agendapunt 1 downloaden (pdf)" in html
    assert "nog niet gemaakt" not in html and "wordt klaargemaakt" not in html


def test_the_command_queues_what_is_missing(meeting, capsys):
    call_command("refresh_books")
    assert f"{len(every_member_book(meeting))} book build(s) queued." in capsys.readouterr().out
    assert DBTaskResult.objects.filter(task_path=refresh_books.module_path).count() == 0
    call_command("refresh_books", "--meeting", str(meeting.pk))
    assert "0 book build(s) queued." in capsys.readouterr().out


def test_a_withdrawal_is_no_longer_offered_once_the_sweep_ran(meeting, work_off_queue, clock):
    refresh.refresh(refresh.published_meetings())
    work_off_queue()
    motion = meeting.proposals.get(title="Meer handen in de zorg")
    stored = BookBuild.objects.get(scope="proposal", target_id=motion.pk, format="pdf")
    motion.is_draft = True
    motion.save()
    refresh.refresh(refresh.published_meetings())
    assert not BookBuild.objects.filter(pk=stored.pk).exists()
    assert not stored.path.exists()
