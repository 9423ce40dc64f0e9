"""The papers' revision (alv.freshness): every way of writing the papers raises it, nothing
else does, and a write that is rolled back leaves it as it was."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.db.models import F

from agenda.models import Meeting
from alv import freshness
from alv.freshness import papers_revision, written_table
from alv.models import PapersRevision
from members.models import Member
from motions.models import PreAdvice, Proposal
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def motion():
    return f.motion(f.item(f.meeting()), "Motie", advice="ontraden")


def raises_revision(write):
    before = papers_revision()
    write()
    return papers_revision() > before


def test_saving_a_motion_raises_it(motion):
    motion.title = "Nieuw"
    assert raises_revision(motion.save)


def test_a_queryset_update_raises_it(motion):
    assert raises_revision(lambda: Proposal.objects.filter(pk=motion.pk).update(title="Nieuw"))


def test_a_bulk_update_raises_it(motion):
    rows = list(PreAdvice.objects.filter(proposal=motion))
    for row in rows:
        row.published_at = None
    assert raises_revision(lambda: PreAdvice.objects.bulk_update(rows, ["published_at"]))


def test_deleting_raises_it(motion):
    assert raises_revision(lambda: PreAdvice.objects.filter(proposal=motion).delete())


def test_renaming_a_member_raises_it(motion):
    assert raises_revision(lambda: Member.objects.update(name="Andere naam"))


def test_changing_submitters_raises_it(motion):
    assert raises_revision(lambda: motion.proposalsubmitter_set.all().delete())


def test_locking_rows_of_the_papers_raises_it_where_the_database_locks_rows(motion):
    # PostgreSQL locks the rows (so the counter must be locked first); SQLite, which locks the
    # whole database instead, gets no FOR UPDATE and nothing to count.
    before = papers_revision()
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=motion.meeting_id)
        raised = papers_revision() > before
    assert raised == connection.features.has_select_for_update


def test_a_rolled_back_write_leaves_it_as_it_was(motion):
    before = papers_revision()
    with pytest.raises(RuntimeError), transaction.atomic():
        Proposal.objects.filter(pk=motion.pk).update(title="Nieuw")
        raise RuntimeError
    assert papers_revision() == before


def test_writes_outside_the_papers_leave_it_alone(motion, member_user):
    before = papers_revision()
    member_user.first_name = "Anne"
    member_user.save()
    motion.history.update(history_change_reason="x")
    assert papers_revision() == before


@pytest.mark.parametrize(
    "sql, table",
    [
        ('INSERT INTO "motions_proposal" ("title") VALUES (%s)', "motions_proposal"),
        ('UPDATE "agenda_meeting" SET "title" = %s', "agenda_meeting"),
        ('DELETE FROM "motions_preadvice" WHERE 1', "motions_preadvice"),
        ('SELECT "id" FROM "agenda_meeting" WHERE "id" = 1 FOR UPDATE', "agenda_meeting"),
        ('SELECT "id" FROM "agenda_meeting" WHERE "id" = 1', None),
        ('UPDATE "alv_user" SET "first_name" = %s', None),
        ('INSERT INTO "motions_historicalmotion" ("title") VALUES (%s)', None),
        ('UPDATE "django_session" SET "expire_date" = %s', None),
    ],
)
def test_it_recognises_what_writes_the_papers(sql, table):
    assert written_table(sql) == table


# What a worker remembers of the counter, for the live poll's 304 (recent_revision). Outside a
# test transaction (transactional_db): a value read inside a transaction is never remembered.


def someone_else_raises_it():
    """A write by another worker: the counter goes up, this process is not told."""
    PapersRevision.objects.update(revision=F("revision") + 1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_trusts_what_it_read_for_at_most_a_second(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(freshness.time, "monotonic", lambda: clock[0])
    f.meeting()
    freshness.forget_recent()
    seen = freshness.recent_revision()
    someone_else_raises_it()
    clock[0] += 0.5
    assert freshness.recent_revision() == seen
    clock[0] += freshness.RECENT_SECONDS
    assert freshness.recent_revision() == seen + 1 == papers_revision()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_forgets_what_it_read_as_soon_as_it_writes_the_papers_itself():
    meeting = f.meeting()
    freshness.forget_recent()
    seen = freshness.recent_revision()
    Meeting.objects.filter(pk=meeting.pk).update(title="Nieuw")
    assert freshness.recent_revision() > seen


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_forgets_it_again_when_its_transaction_commits():
    meeting = f.meeting()
    freshness.forget_recent()
    with transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(title="Nieuw")
        # Meanwhile another thread of the worker reads, and remembers, the value before it.
        remembered = []

        def read_in_another_thread():
            remembered.append(freshness.recent_revision())
            connections.close_all()

        thread = threading.Thread(target=read_in_another_thread)
        thread.start()
        thread.join()
        assert remembered == [papers_revision() - 1]
    assert freshness.recent_revision() == papers_revision() == remembered[0] + 1
