"""The background build: a request queues a task, the worker renders once, an unchanged
meeting is served from the store, an edit makes the next request build anew, and a failure
is kept with its reason while the previous book stays available."""

import pypdf
import pytest

from book import assembly, builds
from book.models import BookBuild
from motions.models import PreAdvice
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    item = f.item(f.meeting(title="Kleine ALV"), "Financiën")
    f.motion(item, "Geld voor gemeenten", advice="overnemen")
    return item.meeting


@pytest.fixture
def renders(monkeypatch):
    """Counts the renderings, letting them through."""
    calls = []
    real = builds.renderer

    def counting(fmt):
        render = real(fmt)

        def wrapped(book):
            calls.append(book)
            return render(book)

        return wrapped

    monkeypatch.setattr(builds, "renderer", counting)
    return calls


def test_a_request_queues_a_build_and_renders_nothing_itself(meeting, renders):
    state = builds.request(meeting, assembly.MEMBER)
    assert state.build.status == BookBuild.Status.QUEUED
    assert state.build.task_id
    assert state.is_pending and state.ready is None
    assert renders == []


def test_the_worker_renders_the_book_and_stores_it(meeting, renders, work_off_queue):
    builds.request(meeting, assembly.MEMBER)
    assert work_off_queue() == 1
    build = BookBuild.objects.get()
    assert build.status == BookBuild.Status.READY and build.progress == 100
    assert build.path.read_bytes().startswith(b"%PDF")
    assert build.page_count == len(pypdf.PdfReader(build.path).pages) and build.size > 1000
    assert len(renders) == 1


def test_an_unchanged_meeting_is_never_rendered_twice(meeting, renders, work_off_queue):
    builds.request(meeting, assembly.MEMBER)
    work_off_queue()
    again = builds.request(meeting, assembly.MEMBER)
    assert again.is_current
    assert work_off_queue() == 0
    assert len(renders) == 1
    assert BookBuild.objects.count() == 1


def test_an_edit_makes_the_next_request_build_anew_and_serves_the_old_one_meanwhile(
    meeting, renders, work_off_queue
):
    builds.request(meeting, assembly.SECRETARIAT)
    work_off_queue()
    old = BookBuild.objects.get()
    PreAdvice.objects.filter(proposal__title="Geld voor gemeenten").update(rationale="Anders.")

    state = builds.state(meeting, assembly.SECRETARIAT)
    assert state.is_outdated and state.ready == old

    state = builds.request(meeting, assembly.SECRETARIAT)
    assert state.is_pending and state.ready == old
    work_off_queue()
    state = builds.state(meeting, assembly.SECRETARIAT)
    assert state.is_current and state.ready != old
    assert len(renders) == 2
    # The outdated file is dropped once its successor is there.
    assert not old.path.exists()
    assert list(BookBuild.objects.all()) == [state.ready]


def test_the_member_edition_offers_no_outdated_book_meanwhile(meeting, renders, work_off_queue):
    # An outdated member book may show what has been withdrawn since: members wait instead.
    builds.request(meeting, assembly.MEMBER)
    work_off_queue()
    old = BookBuild.objects.get()
    assert builds.is_current(old)
    PreAdvice.objects.filter(proposal__title="Geld voor gemeenten").update(rationale="Anders.")

    assert not builds.is_current(old)
    state = builds.state(meeting, assembly.MEMBER)
    assert state.ready is None and not state.is_outdated
    assert builds.request(meeting, assembly.MEMBER).is_pending
    work_off_queue()
    state = builds.state(meeting, assembly.MEMBER)
    assert state.is_current and state.ready != old and not old.path.exists()


def test_a_failed_render_is_kept_with_its_reason_and_the_previous_book_stays(
    meeting, monkeypatch, work_off_queue
):
    builds.request(meeting, assembly.SECRETARIAT)
    work_off_queue()
    previous = BookBuild.objects.get()
    PreAdvice.objects.update(rationale="Iets nieuws.")

    def broken(fmt):
        def render(book):
            raise RuntimeError("Lettertype Liberation Sans ontbreekt")

        return render

    monkeypatch.setattr(builds, "renderer", broken)
    builds.request(meeting, assembly.SECRETARIAT)
    work_off_queue()

    state = builds.state(meeting, assembly.SECRETARIAT)
    assert state.failed.error == "Lettertype Liberation Sans ontbreekt"
    assert state.ready == previous and previous.path.exists()
    # Polling does not loop on the broken book; asking again explicitly does.
    assert builds.request(meeting, assembly.SECRETARIAT).build == state.failed
    retry = builds.request(meeting, assembly.SECRETARIAT, retry=True)
    assert retry.build != state.failed and retry.is_pending


def test_a_lost_build_is_started_again(meeting, work_off_queue):
    from django.utils import timezone

    from book.models import STALE_AFTER

    first = builds.request(meeting, assembly.MEMBER).build
    BookBuild.objects.filter(pk=first.pk).update(requested_at=timezone.now() - 2 * STALE_AFTER)
    second = builds.request(meeting, assembly.MEMBER).build
    assert second.pk != first.pk and second.is_pending


def test_member_and_secretariat_editions_are_stored_apart(meeting, work_off_queue):
    builds.request(meeting, assembly.MEMBER)
    builds.request(meeting, assembly.SECRETARIAT)
    assert work_off_queue() == 2
    member, secretariat = (
        builds.state(meeting, assembly.MEMBER).ready,
        builds.state(meeting, assembly.SECRETARIAT).ready,
    )
    assert member.path != secretariat.path
    assert member.content_hash != secretariat.content_hash


def test_a_single_motion_is_built_as_its_own_small_book(meeting, work_off_queue):
    motion = meeting.proposals.get()
    builds.request(meeting, assembly.MEMBER, assembly.PROPOSAL, motion)
    work_off_queue()
    state = builds.state(meeting, assembly.MEMBER, assembly.PROPOSAL, motion)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(state.ready.path).pages)
    assert "Geld voor gemeenten" in text
    assert state.ready.page_count == 1


def test_a_stored_book_whose_file_is_gone_is_built_again(meeting, work_off_queue):
    builds.request(meeting, assembly.MEMBER)
    work_off_queue()
    lost = BookBuild.objects.get()
    lost.path.unlink()
    state = builds.request(meeting, assembly.MEMBER)
    assert state.ready is None and state.is_pending
    work_off_queue()
    assert builds.state(meeting, assembly.MEMBER).ready.path.exists()
