"""The mail about an online motion after the secretariat took it in: the board's pre-advice
once members can read it, and the assembly's decision. Each is sent by the worker, queued
when the change is committed, once per content; and each person can turn every kind of mail
off, the others still coming."""

import pytest
from django.db import transaction
from django.urls import reverse

from agenda.outcomes import Status
from alv import roles
from members import mailing
from members.models import MailKind, SentMail
from motions import votes
from motions.models import Motion, PreAdvice, PreAdvicePart
from submissions.models import Submission
from submissions.tasks import queue_decision_mail, send_decisions, send_pre_advice
from tests import factories as f
from tests.conftest import make_user
from tests.submissions.conftest import amsterdam, client_of, draft

pytestmark = pytest.mark.django_db

HAAKSBERGEN = "griffie@haaksbergen.example"
ENSCHEDE = "griffie@enschede.example"


def contact(person, email):
    # In English: the tests read the mail as written, whatever the Dutch catalogue says.
    person.email, person.is_contact, person.language = email, True, "en"
    person.save()
    return person


def addresses(outbox):
    return sorted(address for message in outbox for address in message.to)


@pytest.fixture
def contacts(griffier, enschede_person):
    """Haaksbergen's and Enschede's contact persons, with their addresses."""
    return contact(griffier, HAAKSBERGEN), contact(enschede_person, ENSCHEDE)


@pytest.fixture
def sent(item, haaksbergen, enschede, contacts, now_is):
    """A motion of Haaksbergen that Enschede submits too, sent on time (no mail yet)."""
    griffier, enschede_person = contacts
    now_is(amsterdam(2027, 3, 1, 9, 0))
    submission = draft(item, haaksbergen)
    submission.invite(enschede).give_answer(enschede_person, True, submission.text_revision)
    submission.submit(submission.revision, griffier)
    return Submission.objects.get()


@pytest.fixture
def in_the_papers(sent, secretariat_user):
    """The motion accepted and published, with the board's pre-advice settled (not yet
    published): the submitters know nothing of it yet."""
    motion = sent.accept(sent.revision, secretariat_user)
    Motion.objects.filter(pk=motion.pk).update(is_draft=False)
    PreAdvice.objects.create(
        proposal=motion,
        value=PreAdvice.Value.ADOPT,
        rationale="Het bestuur neemt de motie over: de oproep past bij de inzet.",
        state=PreAdvice.State.SETTLED,
    )
    return Motion.objects.get(pk=motion.pk)


@pytest.fixture
def publish_pre_advice(secretariat_user, django_capture_on_commit_callbacks):
    """The secretariat publishes the settled pre-advice of the meeting on its status page."""
    client = client_of(secretariat_user)

    def publish(meeting, action="publish_pre_advice"):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("workspace:publication", args=[meeting.pk]),
                {"action": action, "confirm": "1"},
            )

    return publish


@pytest.fixture
def record(secretariat_user, django_capture_on_commit_callbacks):
    """The secretariat records a decision on the meeting-day page, as the page shows it."""
    client = client_of(secretariat_user)

    def record(motion, **data):
        stored = Motion.objects.get(pk=motion.pk)
        url = reverse("live:record", args=[motion.agenda_item.meeting_id, "proposal", motion.pk])
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {**data, "shown": votes.outcome_stamp(stored)})
        assert response.status_code == 302
        return Motion.objects.get(pk=motion.pk)

    return record


# ---------------------------------------------------------------------------------------------
# The board's pre-advice


def test_the_published_pre_advice_is_mailed_by_the_worker_to_every_submitter_once(
    in_the_papers, publish_pre_advice, work_off_queue, mailoutbox
):
    motion = in_the_papers
    publish_pre_advice(motion.meeting)
    assert mailoutbox == []  # not inside the request
    assert work_off_queue() == 1
    assert addresses(mailoutbox) == [ENSCHEDE, HAAKSBERGEN]
    message = mailoutbox[0]
    assert "Ravijnjaar" in message.subject
    assert "overnemen" in message.body
    assert "de oproep past bij de inzet" in message.body
    assert "http://testserver" + motion.get_absolute_url() in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and "de oproep past bij de inzet" in html
    # Published again, and the task run twice: nobody is mailed twice.
    publish_pre_advice(motion.meeting)
    send_pre_advice.enqueue(motion.meeting_id, "http://testserver/")
    assert work_off_queue() == 2
    assert len(mailoutbox) == 2


def test_pre_advice_is_not_mailed_before_members_can_read_it(
    in_the_papers, publish_pre_advice, work_off_queue, mailoutbox
):
    motion = in_the_papers
    meeting = motion.meeting
    # The papers are not out yet: the published pre-advice is not readable by members.
    meeting.unpublish()
    publish_pre_advice(meeting)
    work_off_queue()
    assert mailoutbox == []
    # The papers go out: now it is.
    publish_pre_advice(meeting, action="publish")
    work_off_queue()
    assert addresses(mailoutbox) == [ENSCHEDE, HAAKSBERGEN]


def test_pre_advice_withdrawn_before_the_worker_runs_is_not_mailed(
    in_the_papers, publish_pre_advice, work_off_queue, mailoutbox
):
    meeting = in_the_papers.meeting
    publish_pre_advice(meeting)
    publish_pre_advice(meeting, action="unpublish_pre_advice")
    work_off_queue()
    assert mailoutbox == []


def test_a_draft_motion_s_pre_advice_is_not_mailed(
    in_the_papers, publish_pre_advice, work_off_queue, mailoutbox
):
    motion = in_the_papers
    Motion.objects.filter(pk=motion.pk).update(is_draft=True)
    publish_pre_advice(motion.meeting)
    work_off_queue()
    assert mailoutbox == []


def test_changed_pre_advice_is_mailed_again_and_the_same_one_is_not(
    in_the_papers, publish_pre_advice, work_off_queue, mailoutbox
):
    meeting = in_the_papers.meeting
    publish_pre_advice(meeting)
    work_off_queue()
    # Taken back, reopened, changed and published again: a second mail, saying so.
    meeting.unpublish_pre_advice()
    PreAdvice.objects.update(value=PreAdvice.Value.NEUTRAL)
    publish_pre_advice(meeting)
    work_off_queue()
    assert len(mailoutbox) == 4
    assert all("neutraal" in m.body and "replaces" in m.body for m in mailoutbox[2:])
    assert all(m.subject.startswith("Changed pre-advice") for m in mailoutbox[2:])
    # Taken back and published again unchanged: nothing new.
    meeting.unpublish_pre_advice()
    publish_pre_advice(meeting)
    work_off_queue()
    assert len(mailoutbox) == 4


def test_a_request_to_withdraw_points_to_where_the_submitters_answer(
    in_the_papers, publish_pre_advice, work_off_queue, mailoutbox
):
    PreAdvice.objects.update(value=PreAdvice.Value.WITHDRAW)
    publish_pre_advice(in_the_papers.meeting)
    work_off_queue()
    submission = Submission.objects.get()
    assert all("http://testserver" + submission.get_absolute_url() in m.body for m in mailoutbox)


def test_pre_advice_is_not_mailed_to_those_who_turned_it_off(
    in_the_papers, contacts, publish_pre_advice, work_off_queue, mailoutbox
):
    griffier, _enschede_person = contacts
    mailing.set_wanted(griffier, [k for k in MailKind.values if k != MailKind.PRE_ADVICE])
    publish_pre_advice(in_the_papers.meeting)
    work_off_queue()
    assert addresses(mailoutbox) == [ENSCHEDE]


def test_a_motion_the_secretariat_entered_itself_is_not_mailed_about(
    item, haaksbergen, contacts, publish_pre_advice, work_off_queue, mailoutbox
):
    f.motion(item, submitters=[haaksbergen], advice="overnemen", published_advice=False)
    PreAdvice.objects.update(state=PreAdvice.State.SETTLED)
    publish_pre_advice(item.meeting)
    assert work_off_queue() == 0  # nothing queued: no motion of the meeting came in online
    assert mailoutbox == []


def test_nothing_is_queued_when_the_change_is_rolled_back(
    in_the_papers, django_capture_on_commit_callbacks, work_off_queue
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue_decision_mail(in_the_papers.meeting_id, "http://testserver/")
        raise RuntimeError("the request failed")
    assert callbacks == []
    assert work_off_queue() == 0


# ---------------------------------------------------------------------------------------------
# The decision


def test_the_decision_is_mailed_once_and_not_again_when_saved_unchanged(
    in_the_papers, record, work_off_queue, mailoutbox
):
    motion = in_the_papers
    votes_cast = {"percent_for": "91.80", "percent_against": "6.20", "percent_abstain": "2"}
    record(motion, status="adopted", **votes_cast)
    assert mailoutbox == []  # not inside the request
    assert work_off_queue() == 1
    assert addresses(mailoutbox) == [ENSCHEDE, HAAKSBERGEN]
    message = mailoutbox[0]
    assert message.subject == "Decision on your motion “Ravijnjaar”"
    assert "Adopted with 91.80% for, 6.20% against and 2.00% abstaining" in message.body
    assert "http://testserver" + motion.get_absolute_url() in message.body
    # Saved again as it was (a new moment of recording): no new mail.
    record(motion, status="adopted", **votes_cast)
    work_off_queue()
    assert len(mailoutbox) == 2


def test_a_corrected_decision_is_mailed_once_more(
    in_the_papers, record, work_off_queue, mailoutbox
):
    motion = in_the_papers
    record(motion, status="adopted", percent_for="60", percent_against="40", percent_abstain="0")
    work_off_queue()
    record(motion, status="rejected", percent_for="40", percent_against="60", percent_abstain="0")
    work_off_queue()
    assert len(mailoutbox) == 4
    corrections = mailoutbox[2:]
    assert all(m.subject == "Corrected decision on your motion “Ravijnjaar”" for m in corrections)
    assert all("Rejected" in m.body and "replaces" in m.body for m in corrections)


def test_an_undone_decision_is_not_mailed_and_the_same_one_again_neither(
    in_the_papers, record, work_off_queue, mailoutbox
):
    motion = in_the_papers
    record(motion, status="held_over")
    work_off_queue()
    record(motion, status="submitted")  # undone: not decided
    work_off_queue()
    record(motion, status="held_over")
    work_off_queue()
    assert len(mailoutbox) == 2
    assert Motion.objects.get(pk=motion.pk).status == Status.HELD_OVER


def test_the_decision_is_not_mailed_to_those_who_turned_it_off(
    in_the_papers, contacts, record, work_off_queue, mailoutbox
):
    _griffier, enschede_person = contacts
    mailing.set_wanted(enschede_person, [MailKind.PRE_ADVICE])
    record(in_the_papers, status="withdrawn")
    work_off_queue()
    assert addresses(mailoutbox) == [HAAKSBERGEN]


def test_a_decision_on_a_motion_members_cannot_read_is_not_mailed(
    in_the_papers, record, work_off_queue, mailoutbox
):
    motion = in_the_papers
    Motion.objects.filter(pk=motion.pk).update(is_draft=True)
    record(motion, status="adopted", by_acclamation="on")
    work_off_queue()
    assert mailoutbox == []


def test_a_mail_that_failed_is_sent_by_the_next_run(
    in_the_papers, record, work_off_queue, mailoutbox, monkeypatch
):
    import submissions.tasks

    real_send = submissions.tasks.send

    def refused_for_enschede(template, to, *args, **kwargs):
        if to == ENSCHEDE:
            raise ConnectionRefusedError("the mail server is away")
        return real_send(template, to, *args, **kwargs)

    monkeypatch.setattr(submissions.tasks, "send", refused_for_enschede)
    record(in_the_papers, status="adopted", by_acclamation="on")
    work_off_queue()
    assert addresses(mailoutbox) == [HAAKSBERGEN]
    assert not SentMail.objects.filter(person__email=ENSCHEDE).exists()
    monkeypatch.setattr(submissions.tasks, "send", real_send)
    send_decisions.enqueue(in_the_papers.meeting_id, "http://testserver/")
    work_off_queue()
    assert addresses(mailoutbox) == [ENSCHEDE, HAAKSBERGEN]


# ---------------------------------------------------------------------------------------------
# Each kind can be turned off; the others still come


def test_a_person_who_turned_the_receipt_off_gets_none_and_the_others_still_do(
    item, haaksbergen, enschede, contacts, now_is, work_off_queue, mailoutbox
):
    griffier, enschede_person = contacts
    mailing.set_wanted(griffier, [k for k in MailKind.values if k != MailKind.RECEIPT])
    submission = draft(item, haaksbergen)
    submission.invite(enschede).give_answer(enschede_person, True, submission.text_revision)
    now_is(amsterdam(2027, 3, 1, 9, 0))
    client_of(griffier).post(
        reverse("submissions:submit", args=[submission.pk]),
        {"revision": Submission.objects.get().revision},
    )
    work_off_queue()
    assert addresses(mailoutbox) == [ENSCHEDE]


def test_a_member_that_turned_invitations_off_is_not_asked_by_mail(
    item, haaksbergen, enschede, contacts, work_off_queue, mailoutbox
):
    griffier, enschede_person = contacts
    colleague = contact(make_user("raad", roles.MEMBER, member=enschede), "raad@enschede.example")
    mailing.set_wanted(enschede_person, [k for k in MailKind.values if k != MailKind.INVITED])
    submission = draft(item, haaksbergen)
    client_of(griffier).post(
        reverse("submissions:invite", args=[submission.pk]), {"member_name": "Enschede"}
    )
    work_off_queue()
    assert addresses(mailoutbox) == [colleague.email]


@pytest.mark.parametrize(
    ("action", "kind", "message"),
    [
        ("accept", MailKind.ACCEPTED, ""),
        ("return", MailKind.RETURNED, "Graag korter."),
        ("not_admissible", MailKind.NOT_ADMISSIBLE, "Geen ALV-zaak."),
    ],
)
def test_each_action_of_the_secretariat_can_be_turned_off_on_its_own(
    sent, contacts, secretariat_user, work_off_queue, mailoutbox, action, kind, message
):
    griffier, enschede_person = contacts
    # Haaksbergen's contact turned this one off; Enschede's every other kind.
    mailing.set_wanted(griffier, [k for k in MailKind.values if k != kind])
    mailing.set_wanted(enschede_person, [kind])
    client_of(secretariat_user).post(
        reverse("workspace:intake_submission", args=[sent.pk]),
        {"revision": sent.revision, "action": action, "message": message},
    )
    work_off_queue()
    assert addresses(mailoutbox) == [ENSCHEDE]


# The board's pre-advice per part, in the mail as on every page (PreAdvice.reading); a part
# changed is sent again.


def test_the_mail_tells_the_advice_per_part(
    in_the_papers,
    publish_pre_advice,
    work_off_queue,
    mailoutbox,
):
    advice = PreAdvice.objects.get(proposal=in_the_papers)
    PreAdvice.objects.filter(pk=advice.pk).update(value=PreAdvice.Value.NONE)
    PreAdvicePart.objects.create(
        pre_advice=advice, position=1, label="verzoek 1", value="overnemen", rationale=""
    )
    PreAdvicePart.objects.create(
        pre_advice=advice, position=2, label="verzoek 2", value="ontraden", rationale="Te vroeg."
    )
    publish_pre_advice(in_the_papers.meeting)
    work_off_queue()
    assert len(mailoutbox) == 2
    for message in mailoutbox:  # the contact persons read English (test_notifications)
        assert "per part: verzoek 1: overnemen; verzoek 2: ontraden" in message.body
        assert "verzoek 2: ontraden — Te vroeg." in message.body
        assert "geen preadvies" not in message.body
        assert "verzoek 2: ontraden" in message.alternatives[0][0]
    # Reopened, a part changed, published again: the submitters hear of it.
    in_the_papers.meeting.unpublish_pre_advice()
    PreAdvicePart.objects.filter(position=2).update(value="neutraal")
    publish_pre_advice(in_the_papers.meeting)
    work_off_queue()
    assert len(mailoutbox) == 4
    assert all("verzoek 2: neutraal" in m.body for m in mailoutbox[2:])
