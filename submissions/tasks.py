"""The mail of online motions, sent by the task worker (`manage.py db_worker`), never in a
request: the receipt of a submitted motion, proof of what was sent and when; the invitation to
submit a motion too; and what the secretariat did with it."""

from django_tasks import task

from members import people
from members.models import Member
from members.tasks import absolute, send
from submissions.models import Submission


def receipt_recipients(submission, member_ids=None):
    """The person who submitted it (while they still speak for one of its members) and the
    contact persons of every submitting member, each address once."""
    member_ids = member_ids or [member.pk for member in submission.submitters()]
    persons = []
    sender = submission.submitted_by
    if sender is not None and sender.is_active and sender.member_id in member_ids:
        persons.append(sender)
    for member in Member.objects.filter(pk__in=member_ids):
        persons.extend(people.contacts_of(member))
    seen, recipients = set(), []
    for person in persons:
        if person.email and person.email.lower() not in seen:
            seen.add(person.email.lower())
            recipients.append(person)
    return recipients


@task()
def send_receipt(submission_id, snapshot):
    """The receipt of what was sent: `snapshot` (Submission.snapshot) is the motion as the
    member submitted it, even if it changed before this runs."""
    submission = (
        Submission.objects.select_related("meeting", "agenda_item", "member", "submitted_by")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None:
        return 0
    recipients = receipt_recipients(submission, snapshot["submitter_ids"])
    submission.as_sent(snapshot)
    for person in recipients:
        send(
            "receipt",
            person.email,
            person.language,
            {"submission": submission, "person": person},
            folder="submissions/mail",
        )
    return len(recipients)


def submitters_contacts(submission):
    """The contact persons of every submitting member and the person who submitted."""
    return receipt_recipients(submission)


@task()
def send_notice(submission_id, kind, base_url, member_id=None):
    """Tell the submitters what the secretariat did (`kind`: returned, accepted,
    not_admissible); or, for "invited", tell the contact persons of the member `member_id`
    that it is invited to submit the motion too."""
    submission = (
        Submission.objects.select_related("meeting", "agenda_item", "member", "submitted_by")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None:
        return 0
    if kind == "invited":
        recipients = list(people.contacts_of(Member.objects.get(pk=member_id)))
    else:
        recipients = submitters_contacts(submission)
    sent = 0
    for person in recipients:
        if not person.email:
            continue
        send(
            "notice",
            person.email,
            person.language,
            {
                "submission": submission,
                "person": person,
                "kind": kind,
                "link": absolute(base_url, submission.get_absolute_url()),
            },
            folder="submissions/mail",
        )
        sent += 1
    return sent
