"""The mail of online motions, sent by the task worker (`manage.py db_worker`), never in a
request: the receipt of a submitted motion, proof of what was sent and when."""

from django_tasks import task

from members import people
from members.tasks import send
from submissions.models import Submission


def receipt_recipients(submission):
    """The person who submitted it and the contact persons of every submitting member, each
    address once."""
    persons = [submission.submitted_by] if submission.submitted_by else []
    for member in submission.submitters():
        persons.extend(people.contacts_of(member))
    seen, recipients = set(), []
    for person in persons:
        if person.email and person.email.lower() not in seen:
            seen.add(person.email.lower())
            recipients.append(person)
    return recipients


@task()
def send_receipt(submission_id):
    submission = (
        Submission.objects.select_related("meeting", "agenda_item", "member", "submitted_by")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None or submission.submitted_at is None:
        return 0
    recipients = receipt_recipients(submission)
    for person in recipients:
        send(
            "receipt",
            person.email,
            person.language,
            {"submission": submission, "person": person},
            folder="submissions/mail",
        )
    return len(recipients)
