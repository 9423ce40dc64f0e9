"""The results of a written consultation (voting/results.py): published as each vote closes,
with each member's vote in a named vote and the receipts counted in a secret one, to everyone
who may see the meeting; rendered as the decision list renders its votes."""

import datetime as dt

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from agenda.models import Meeting
from tests import factories as f
from tests.voting.conftest import client_of
from voting import polls, record
from voting.models import Cast, Poll

pytestmark = pytest.mark.django_db


def results_url(meeting):
    return reverse("voting:results", args=[meeting.pk])


def visitor():
    """Anyone on the internet, reading the English interface."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def written(subject, by, *, hours=24, **options):
    now = timezone.now()
    return polls.open_poll(
        subject,
        by,
        written=True,
        opens_at=now - dt.timedelta(minutes=1),
        closes_at=now + dt.timedelta(hours=hours),
        **options,
    )


def rows_of(html, caption):
    """The body rows of the table with `caption`, each as its cells' HTML."""
    table = html[html.index(caption) :].split("</table>")[0]
    return [row.split("</tr>")[0] for row in table.split("<tr")[2:]]


def test_the_worker_closes_a_named_vote_and_everyone_reads_each_members_vote(
    meeting,
    motion,
    amsterdam,
    utrecht,
    vlieland,
    holders,
    secretariat_user,
    django_capture_on_commit_callbacks,
    work_off_queue,
    time_machine,
):
    time_machine.move_to(timezone.now(), tick=False)
    now = timezone.localtime()
    with django_capture_on_commit_callbacks(execute=True):
        client_of(secretariat_user).post(
            reverse("voting:consultation", args=[meeting.pk]),
            {
                "subjects": [f"proposal-{motion.pk}"],
                "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
                "closes_at": (now + dt.timedelta(hours=24)).strftime("%Y-%m-%dT%H:%M"),
            },
        )
    poll = Poll.objects.get()
    polls.cast_vote(poll, amsterdam, "against", holders["Amsterdam"])
    polls.cast_vote(poll, utrecht, "for", holders["Utrecht"])
    polls.cast_vote(poll, vlieland, "abstain", secretariat_user, on_paper=True)
    work_off_queue()  # the announcement
    assert "Votes per member" not in visitor().get(results_url(meeting)).content.decode()

    time_machine.move_to(timezone.now() + dt.timedelta(hours=25), tick=False)
    work_off_queue()  # the end: the worker closes it
    html = visitor().get(results_url(meeting)).content.decode()
    assert f"Result of the poll on {poll.title}" in html
    assert ">71.28%</td>" in html
    rows = rows_of(html, f"Votes per member on {poll.title}")
    expected = [
        ("Amsterdam", "Against", 931000, "no"),
        ("Utrecht", "For", 374000, "no"),
        ("Vlieland", "Abstain", 1200, "yes"),
    ]
    assert len(rows) == len(expected)
    for row, (name, choice, weight, paper) in zip(rows, expected, strict=True):
        assert f">{name}</th>" in row and f">{choice}</td>" in row
        assert f">{weight}</td>" in row and f">{paper}</td>" in row


def test_a_secret_vote_shows_its_totals_and_the_receipts_counted_never_a_member(
    meeting, item, amsterdam, utrecht, vlieland, holders, secretariat_user
):
    # A motion of a member that does not vote: the title names nobody who did.
    subject = f.motion(item, "Geheim", submitters=[f.member("Zeeland")])
    poll = written(subject, secretariat_user, secret=True)
    polls.cast_vote(poll, amsterdam, "against", holders["Amsterdam"])
    polls.cast_vote(poll, utrecht, "for", holders["Utrecht"])
    polls.close_poll(poll)
    html = visitor().get(results_url(meeting)).content.decode()
    assert f"Result of the poll on {poll.title}" in html
    assert "Votes per member" not in html
    assert "Amsterdam" not in html and "Utrecht" not in html
    receipts = sorted(Cast.objects.filter(poll=poll).values_list("receipt", flat=True))
    codes = html[html.index("The receipt codes") :].split("</p>")[1]
    assert codes.count('<code class="alv-receipt">') == 2
    assert [code.split("<")[0] for code in codes.split('class="alv-receipt">')[1:]] == receipts


def test_open_cancelled_and_meeting_votes_never_appear(meeting, item, secretariat_user):
    written(f.motion(item, "Nog open"), secretariat_user)
    polls.cancel_poll(written(f.motion(item, "Geannuleerd"), secretariat_user))
    at_the_meeting = polls.open_poll(f.motion(item, "Ter vergadering"), secretariat_user)
    polls.close_poll(at_the_meeting)
    html = visitor().get(results_url(meeting)).content.decode()
    assert "No vote of the written consultation has closed yet." in html
    for title in ("Nog open", "Geannuleerd", "Ter vergadering"):
        assert title not in html


def test_reading_the_page_closes_a_consultation_the_worker_has_not_closed_yet(
    meeting, motion, amsterdam, utrecht, vlieland, holders, secretariat_user, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    poll = written(motion, secretariat_user, hours=1)
    polls.cast_vote(poll, utrecht, "for", holders["Utrecht"])
    time_machine.move_to(timezone.now() + dt.timedelta(hours=2), tick=False)
    html = visitor().get(results_url(meeting)).content.decode()
    poll.refresh_from_db()
    assert poll.state == Poll.State.CLOSED and poll.closed_at == poll.closes_at
    assert f"Votes per member on {poll.title}" in html


def test_only_who_may_see_the_meeting_reads_it(member_user):
    members_only = f.meeting(visibility=Meeting.Visibility.MEMBERS)
    assert visitor().get(results_url(members_only)).status_code == 404
    assert client_of(member_user).get(results_url(members_only)).status_code == 200
    unpublished = f.meeting(published=False)
    assert client_of(member_user).get(results_url(unpublished)).status_code == 404


def test_a_vote_reads_the_same_here_and_on_the_decision_list(
    meeting, motion, amsterdam, utrecht, vlieland, holders, secretariat_user
):
    poll = written(motion, secretariat_user)
    polls.cast_vote(poll, amsterdam, "against", holders["Amsterdam"])
    polls.cast_vote(poll, vlieland, "for", holders["Vlieland"])
    polls.close_poll(poll)
    Meeting.objects.filter(pk=meeting.pk).update(decisions_published_at=timezone.now())
    with translation.override("en"):
        shown = render_to_string(
            "voting/_poll_record.html", {"poll": record.closed_polls(meeting)[0]}
        )
    assert "Votes per member on" in shown
    decisions = visitor().get(reverse("live:decisions", args=[meeting.pk])).content.decode()
    assert shown in decisions
    assert shown in visitor().get(results_url(meeting)).content.decode()


def test_its_query_count_does_not_grow_with_the_members_and_votes(
    meeting, item, motion, amsterdam, utrecht, vlieland, holders, secretariat_user
):
    def count():
        client = visitor()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(results_url(meeting)).status_code == 200
        return len(queries)

    poll = written(motion, secretariat_user)
    polls.cast_vote(poll, utrecht, "for", holders["Utrecht"])
    polls.close_poll(poll)
    few = count()
    assert few <= 10
    for number in range(3):
        poll = written(f.motion(item, f"Motie {number}"), secretariat_user, secret=number == 1)
        for voter in range(10):
            polls.cast_vote(poll, f.member(population=1_000 + voter), "for", secretariat_user)
        polls.close_poll(poll)
    assert count() == few


# The links to it


def test_the_vote_page_links_the_results_once_a_written_vote_closed(
    meeting, motion, item, amsterdam, utrecht, vlieland, holders, secretariat_user
):
    page = reverse("voting:vote", args=[meeting.pk])
    client = client_of(holders["Utrecht"])
    at_the_meeting = polls.open_poll(f.motion(item, "Ter vergadering"), secretariat_user)
    polls.close_poll(at_the_meeting)
    assert results_url(meeting) not in client.get(page).content.decode()

    poll = written(motion, secretariat_user)
    polls.cast_vote(poll, utrecht, "for", holders["Utrecht"])
    polls.close_poll(poll)
    html = client.get(page).content.decode()
    result = html[html.index("Result of the vote on") :]
    assert f'href="{results_url(meeting)}">Results of the written consultation</a>' in result


def test_the_consultation_page_links_the_results_once_a_vote_closed(
    meeting, motion, secretariat_user
):
    page = reverse("voting:consultation", args=[meeting.pk])
    client = client_of(secretariat_user)
    poll = written(motion, secretariat_user)
    assert results_url(meeting) not in client.get(page).content.decode()
    polls.close_poll(poll)
    assert results_url(meeting) in client.get(page).content.decode()
