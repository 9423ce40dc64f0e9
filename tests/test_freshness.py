"""The papers' revision (alv.freshness): every way of writing the papers raises it, nothing
else does, and a write that is rolled back leaves it as it was."""

import pytest
from django.db import connection, transaction

from agenda.models import Meeting
from alv.freshness import papers_revision, written_table
from motions.models import Member, PreAdvice, Proposal
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
