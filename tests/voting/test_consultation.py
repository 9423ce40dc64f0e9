"""A written consultation of the members: the secretariat opens votes on published papers
for a period, the card holders are mailed, and the worker closes them at their end."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from agenda.outcomes import Status
from alv import roles
from members import mailing
from members.models import MailKind
from tests.conftest import make_user
from tests.voting.conftest import client_of
from voting import polls
from voting.models import Poll


def _open(client, meeting, subjects, hours=48, **extra):
    now = timezone.localtime()
    return client.post(
        reverse("voting:consultation", args=[meeting.pk]),
        {
            "subjects": subjects,
            "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + dt.timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M"),
            **extra,
        },
    )


def _holders_with_mail(holders):
    for person in holders.values():
        person.email = f"{person.username}@example.nl"
        person.save(update_fields=["email"])


def test_the_secretariat_opens_a_written_consultation_and_every_card_holder_is_mailed_once(
    meeting,
    motion,
    holders,
    secretariat_user,
    django_capture_on_commit_callbacks,
    work_off_queue,
    mailoutbox,
):
    _holders_with_mail(holders)
    with django_capture_on_commit_callbacks(execute=True):
        response = _open(client_of(secretariat_user), meeting, [f"proposal-{motion.pk}"])

    assert response.status_code == 302
    poll = Poll.objects.get(meeting=meeting)
    assert poll.written and poll.is_open and poll.proposal_id == motion.pk
    assert mailoutbox == []  # not inside the request
    work_off_queue()
    assert sorted(m.to[0] for m in mailoutbox) == [
        "amsterdam@example.nl",
        "utrecht@example.nl",
        "vlieland@example.nl",
    ]
    assert "Ravijnjaar" in mailoutbox[0].body
    assert reverse("voting:vote", args=[meeting.pk]) in mailoutbox[0].body

    from voting.tasks import announce_consultation

    announce_consultation.enqueue([poll.pk], "http://testserver/")
    work_off_queue()
    assert len(mailoutbox) == 3  # the same announcement is not sent twice


def test_a_card_holder_who_turned_the_mail_off_is_not_mailed(
    meeting,
    motion,
    holders,
    secretariat_user,
    django_capture_on_commit_callbacks,
    work_off_queue,
    mailoutbox,
):
    _holders_with_mail(holders)
    mailing.set_wanted(
        holders["Utrecht"], [k for k in MailKind.values if k != MailKind.CONSULTATION]
    )
    with django_capture_on_commit_callbacks(execute=True):
        _open(client_of(secretariat_user), meeting, [f"proposal-{motion.pk}"])
    work_off_queue()
    assert "utrecht@example.nl" not in [m.to[0] for m in mailoutbox]
    assert len(mailoutbox) == 2


def test_a_member_without_a_card_holder_has_its_contact_persons_mailed(
    meeting,
    motion,
    secretariat_user,
    vlieland,
    django_capture_on_commit_callbacks,
    work_off_queue,
    mailoutbox,
):
    contact = make_user("contact", roles.MEMBER, member=vlieland)
    contact.is_contact, contact.email, contact.language = True, "contact@vlieland.nl", "en"
    contact.save()
    with django_capture_on_commit_callbacks(execute=True):
        _open(client_of(secretariat_user), meeting, [f"proposal-{motion.pk}"])
    work_off_queue()
    assert [m.to[0] for m in mailoutbox] == ["contact@vlieland.nl"]
    assert "Nobody holds" in mailoutbox[0].body


def test_an_end_before_the_start_is_refused_at_its_field_and_nothing_opens(
    meeting, motion, secretariat_user
):
    response = _open(client_of(secretariat_user), meeting, [f"proposal-{motion.pk}"], hours=-2)
    assert response.status_code == 400
    assert "The end lies after the start" in response.content.decode()
    assert not Poll.objects.exists()


def test_one_subject_that_cannot_be_voted_on_opens_none_of_the_others(
    meeting, item, motion, secretariat_user
):
    from tests import factories as f

    draft = f.motion(item, "Concept", is_draft=True)
    response = _open(
        client_of(secretariat_user), meeting, [f"proposal-{motion.pk}", f"proposal-{draft.pk}"]
    )
    # The draft is not even offered: members cannot read it.
    assert response.status_code == 400
    assert not Poll.objects.exists()


def test_members_may_not_open_a_consultation(meeting, motion, holders):
    response = _open(client_of(holders["Utrecht"]), meeting, [f"proposal-{motion.pk}"])
    assert response.status_code == 403
    assert not Poll.objects.exists()


def test_the_worker_closes_the_consultation_at_its_end_and_records_the_result(
    meeting,
    motion,
    holders,
    utrecht,
    amsterdam,
    secretariat_user,
    django_capture_on_commit_callbacks,
    work_off_queue,
    time_machine,
):
    time_machine.move_to(timezone.now(), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        _open(client_of(secretariat_user), meeting, [f"proposal-{motion.pk}"], hours=24)
    poll = Poll.objects.get()
    polls.cast_vote(poll, utrecht, "for", holders["Utrecht"])
    polls.cast_vote(poll, amsterdam, "for", holders["Amsterdam"])
    work_off_queue()  # the announcement; the closing waits for the end
    assert Poll.objects.get().is_open
    assert DBTaskResult.objects.ready().count() == 0

    time_machine.move_to(timezone.now() + dt.timedelta(hours=25), tick=False)
    assert work_off_queue() == 1
    poll.refresh_from_db()
    assert poll.state == Poll.State.CLOSED and poll.recorded
    motion.refresh_from_db()
    assert motion.status == Status.ADOPTED
    assert str(motion.percent_for) == "100.00"


def test_a_written_vote_cannot_be_cast_after_its_end(
    meeting, motion, holders, utrecht, secretariat_user, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    now = timezone.now()
    poll = polls.open_poll(
        motion,
        secretariat_user,
        written=True,
        opens_at=now,
        closes_at=now + dt.timedelta(hours=1),
    )
    time_machine.move_to(now + dt.timedelta(hours=2), tick=False)
    import pytest
    from django.core.exceptions import ValidationError

    with translation.override("en"), pytest.raises(ValidationError, match="closed"):
        polls.cast_vote(poll, utrecht, "for", holders["Utrecht"])


def test_the_secretariat_closes_a_written_vote_early(
    meeting, motion, holders, utrecht, secretariat_user
):
    now = timezone.now()
    poll = polls.open_poll(
        motion,
        secretariat_user,
        written=True,
        opens_at=now,
        closes_at=now + dt.timedelta(days=3),
    )
    polls.cast_vote(poll, utrecht, "against", holders["Utrecht"])
    response = client_of(secretariat_user).post(
        reverse("voting:close_consultation_poll", args=[meeting.pk, poll.pk]), {"confirm": "1"}
    )
    assert response.status_code == 302
    motion.refresh_from_db()
    assert motion.status == Status.REJECTED
