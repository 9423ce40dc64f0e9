"""The secretariat's intake queue takes a fixed number of queries, however many motions members
submitted and whatever became of them: co-submitters who accepted, are still invited or
declined, late motions with their reason, motions returned, accepted into the papers, declared
not admissible, merged into another, withdrawn, and amendments, under every filter of the
queue. bench/submissions.py reports the same count at 10 and at 342 submissions
(docs/performance.md)."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from submissions.models import Submission
from tests import factories as f
from tests.submissions.conftest import amsterdam, draft
from workspace.views.intake import FILTERS as INTAKE_FILTERS

pytestmark = pytest.mark.django_db

# Eight today: the session, the user, the second factor's device, the roles, the meeting, the
# queue (with its lead members, items, motions, amendments, resolutions, what it was merged
# into), its co-submitters (with their members), the association. Two to spare; the count
# itself must not grow with the queue (below).
BUDGET = 10

FATES = [
    "submitted",
    "late",
    "returned",
    "accepted",
    "not_admissible",
    "withdrawn",
    "merged",
    "amendment",
]
FILTERS = ["", *INTAKE_FILTERS]
ROW = re.compile(r'href="/workspace/submissions/\d+/"')


def add(item, version, rounds, person, staff, now_is):
    """`rounds` submissions of every fate, each with three co-submitters: one accepted, one
    still invited, one declined."""
    for n in range(rounds * len(FATES)):
        fate = FATES[n % len(FATES)]
        lead = f.member()
        if fate == "amendment":
            clause = version.clauses.get(position=1)
            submission = draft(
                version.resolution.agenda_item,
                lead,
                title=f"Amendement {lead.pk}",
                kind=Submission.Kind.AMENDMENT,
                resolution_version=version,
                change="replace",
                target_clause=clause,
                new_text="De begroting vast te stellen met een lagere contributie.",
                findings="",
                considerations="",
                requests="",
            )
        else:
            submission = draft(item, lead, title=f"Motie {lead.pk}")
        accepted, _invited, declined = (submission.invite(f.member()) for _ in range(3))
        accepted.give_answer(person, True, submission.text_revision)
        declined.give_answer(person, False, submission.text_revision)
        # Before the deadline (Friday 5 March 2027, 12:00), or late: the day after it.
        if fate == "late":
            now_is(amsterdam(2027, 3, 6, 9, 0))
            submission.submit(submission.revision, person, late_reason="Het kabinet beslist nu.")
        else:
            now_is(amsterdam(2027, 3, 1, 9, 0))
            submission.submit(submission.revision, person)
        revision = submission.revision
        if fate == "submitted":
            target = submission  # what this round's merged one goes into
        elif fate == "returned":
            submission.return_for_changes(revision, staff, "Graag korter.")
        elif fate == "accepted":
            submission.accept(revision, staff)
        elif fate == "not_admissible":
            submission.declare_not_admissible(revision, staff, "Geen zaak voor de ALV.")
        elif fate == "withdrawn":
            submission.withdraw(revision)
        elif fate == "merged":
            submission.merge_into(revision, staff, target, "Vrijwel dezelfde motie.")
    now_is(amsterdam(2027, 3, 8, 9, 0))


def counts(client, meeting):
    """Per filter of the queue: its rows and the queries of the page."""
    found = {}
    for chosen in FILTERS:
        url = reverse("workspace:intake", args=[meeting.pk])
        url += f"?filter={chosen}" if chosen else ""
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        found[chosen] = (len(ROW.findall(response.content.decode())), len(captured))
    return found


def test_the_intake_queue_takes_the_same_queries_for_8_and_32_submissions_of_every_kind(
    item, griffier, secretariat_user, now_is
):
    # The clock first: a session made before it would have expired by the meeting's March.
    now_is(amsterdam(2027, 3, 1, 9, 0))
    version = f.resolution(f.item(item.meeting, "Verenigingszaken")).current_version
    staff = Client(HTTP_ACCEPT_LANGUAGE="en")
    staff.force_login(secretariat_user)
    queue = reverse("workspace:intake", args=[item.meeting.pk])
    add(item, version, 1, griffier, secretariat_user, now_is)
    staff.get(queue)  # what a worker keeps per process is read before counting
    few = counts(staff, item.meeting)
    page = staff.get(queue).content.decode()
    # Every row shows its co-submitters: the one that has not answered, the one that accepted.
    assert page.count("(not answered yet)") == len(FATES) and "+ Gemeente" in page
    assert "late" in page and "on time" in page and "Amendment" in page
    add(item, version, 3, griffier, secretariat_user, now_is)
    many = counts(staff, item.meeting)
    # One of each fate, then four ("new" and "waiting": the on-time, late and amendment ones).
    rows = {chosen: (3 if chosen in ("new", "waiting") else 1) for chosen in INTAKE_FILTERS}
    assert {chosen: n for chosen, (n, _) in few.items()} == {"": len(FATES), **rows}
    assert {chosen: n for chosen, (n, _) in many.items()} == {
        chosen: 4 * n for chosen, n in {"": len(FATES), **rows}.items()
    }
    grown = {chosen: (few[chosen][1], n) for chosen, (_, n) in many.items() if n != few[chosen][1]}
    assert grown == {}, grown
    over = {chosen: n for chosen, (_, n) in many.items() if n > BUDGET}
    assert over == {}, over
