"""The mail of online motions, sent by the task worker (`manage.py db_worker`), never in a
request: the receipt of a submitted motion, proof of what was sent and when; the invitation to
submit a motion too; what the secretariat did with it; the board's pre-advice on it once
published; and the assembly's decision on it.

Every person receives each kind of mail until they turn it off ("My notifications",
members.mailing): each sender asks `mailing.wanting` for its kind."""

from functools import partial

from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django_tasks import task

from agenda.outcomes import Status
from alv import roles
from members import mailing, people
from members.models import MailKind, Member
from members.tasks import absolute, send
from motions import votes
from motions.models import Motion, PreAdvice
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
    recipients = mailing.wanting(
        receipt_recipients(submission, snapshot["submitter_ids"]), MailKind.RECEIPT
    )
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


# Each notice is a kind of mail a person may turn off: merging tells both sides, the
# submitters of the motion that was merged and those of the one it was merged into.
NOTICE_KINDS = {
    "invited": MailKind.INVITED,
    "returned": MailKind.RETURNED,
    "accepted": MailKind.ACCEPTED,
    "not_admissible": MailKind.NOT_ADMISSIBLE,
    "merged": MailKind.MERGED,
    "joined": MailKind.MERGED,
}


@task()
def send_notice(submission_id, kind, base_url, member_id=None):
    """Tell the submitters what the secretariat did (`kind`: returned, accepted,
    not_admissible, merged; "joined": the member `member_id` joined them by a merge); or, for
    "invited", tell the contact persons of the member `member_id` that it is invited to submit
    the motion too."""
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
        recipients = receipt_recipients(submission)
    recipients = mailing.wanting(recipients, NOTICE_KINDS[kind])
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
                # "joined": the member whose motion was merged into this one.
                "joined": Member.objects.filter(pk=member_id).first() if member_id else None,
                "link": absolute(base_url, submission.get_absolute_url()),
            },
            folder="submissions/mail",
        )
        sent += 1
    return sent


# ---------------------------------------------------------------------------------------------
# The board's pre-advice and the assembly's decision on a motion that came in online
#
# Only motions that came in online (a Submission led to them: Submission.motion) are mailed
# about. A motion the secretariat entered from an e-mail or a Word file names its submitting
# members too, but they never chose this channel: their people may not know the motion was
# entered under their name, a group of submitters has no people at all, and mail they did not
# ask for would come from a motion they never saw in the app. Members who want the mail submit
# online.
#
# Both mails follow from the state of the papers, not from one request: a publication, the
# meeting's papers going out, a motion set to published, an outcome recorded or corrected. So
# the views that change that state call `queue_pre_advice_mail` or `queue_decision_mail`,
# which queue one task for the meeting once the change is committed; the task looks at every
# online motion of the meeting as it is when it runs, mails only what every member may read
# then (Proposal.published and PreAdvice.published: unpublished content is never mailed,
# whatever happened between the request and the task), and only what it did not mail the
# person before (members.mailing.claim): a repeated publication, a retried task or an
# outcome saved again unchanged mails nobody twice, a corrected outcome or a changed
# pre-advice once more.

# What makes one decision differ from another: corrected percentages are a new decision; the
# moment it was recorded is not (saving it again changes that only).
DECISION_FIELDS = (
    "status",
    "by_acclamation",
    "percent_for",
    "percent_against",
    "percent_abstain",
    "on_pre_advice",
)


def online_motions(meeting_id):
    """The submissions that became motions of the papers standing on the meeting's agenda
    (a motion held over stands under a later meeting's item)."""
    return (
        Submission.objects.filter(
            Q(motion__meeting_id=meeting_id) | Q(motion__agenda_item__meeting_id=meeting_id)
        )
        .select_related("member", "submitted_by", "motion")
        .order_by("pk")
    )


def _queue_on_commit(mail_task, meeting_id, base_url):
    if not online_motions(meeting_id).exists():
        return False
    # On commit: the worker must find the change the task is about, and a request that is
    # rolled back queues nothing.
    transaction.on_commit(partial(mail_task.enqueue, meeting_id, base_url))
    return True


def queue_pre_advice_mail(meeting_id, base_url):
    """Call after anything that may make the board's pre-advice on the meeting's motions
    readable by members (publishing the pre-advice, the papers, a motion)."""
    return _queue_on_commit(send_pre_advice, meeting_id, base_url)


def queue_decision_mail(meeting_id, base_url):
    """Call after recording or correcting an outcome of a motion of the meeting."""
    return _queue_on_commit(send_decisions, meeting_id, base_url)


def motion_recipients(submission, motion, kind):
    """Who is told about `motion`: the contact persons of its submitting members as the
    papers name them now, and the person who submitted it (while they still speak for one of
    them), each once; only those who may read the motion on the site and did not turn `kind`
    off."""
    member_ids = list(motion.proposalsubmitter_set.values_list("member_id", flat=True))
    persons = receipt_recipients(submission, member_ids)
    return mailing.wanting([p for p in persons if p.email and roles.is_member(p)], kind)


def _send_once(persons, kind, subject, content, template, context_for):
    """Send `template` to each of `persons` who was not sent this `content` about `subject`
    before. A mail that fails is released for a later run; the first failure is raised
    after the others were tried, so the task is marked failed."""
    sent, failure = 0, None
    for person in persons:
        claim = mailing.claim(person, kind, subject, content)
        if claim is None:
            continue
        try:
            with translation.override(person.language):
                context = context_for(person, claim)
            send(template, person.email, person.language, context, folder="submissions/mail")
        except Exception as error:
            mailing.release(claim)
            failure = failure or error
            continue
        sent += 1
    if failure is not None:
        raise failure
    return sent


@task()
def send_pre_advice(meeting_id, base_url):
    """Mail the board's pre-advice on each online motion of the meeting that members may read
    now (the motion and its pre-advice published) to the motion's submitters, once."""
    sent = 0
    for submission in online_motions(meeting_id):
        motion = (
            Motion.objects.published()
            .select_related("meeting", "agenda_item")
            .filter(pk=submission.motion_id)
            .first()
        )
        advice = (
            PreAdvice.objects.published()
            .with_parts()
            .filter(proposal_id=submission.motion_id)
            .first()
        )
        if motion is None or advice is None:
            continue
        context = {
            "submission": submission,
            "motion": motion,
            "advice": advice,
            "link": absolute(base_url, motion.get_absolute_url()),
            "submission_link": absolute(base_url, submission.get_absolute_url()),
        }
        sent += _send_once(
            motion_recipients(submission, motion, MailKind.PRE_ADVICE),
            MailKind.PRE_ADVICE,
            f"motion:{motion.pk}",
            # With advice per part, the parts too (without, the fingerprint stays as it was).
            mailing.fingerprint(
                advice.value,
                advice.rationale,
                *[(p.label, p.value, p.rationale) for p in advice.ordered_parts()],
            ),
            "pre_advice",
            lambda person, claim, context=context: {
                **context,
                "person": person,
                "corrected": claim.is_correction,
            },
        )
    return sent


def _decision_content(motion, parts):
    fields = [getattr(motion, name) for name in DECISION_FIELDS]
    shown_parts = [
        (part.label, *(getattr(part, name) for name in DECISION_FIELDS)) for part in parts
    ]
    # The meeting is part of it: a motion held over and decided again at a later meeting.
    return mailing.fingerprint(motion.agenda_meeting_id, *fields, *shown_parts)


@task()
def send_decisions(meeting_id, base_url):
    """Mail the assembly's decision on each online motion of the meeting that has one, to the
    motion's submitters: once per decision, and again only when it is corrected."""
    sent = 0
    for submission in online_motions(meeting_id):
        motion = (
            Motion.objects.published()
            .select_related("meeting", "agenda_item__meeting")
            .filter(pk=submission.motion_id)
            .first()
        )
        if motion is None or motion.status == Status.SUBMITTED:
            continue  # not readable by members, or not decided (or the decision undone)
        parts = list(motion.vote_parts.order_by("position"))
        context = {
            "submission": submission,
            "motion": motion,
            "meeting": motion.agenda_meeting,
            "link": absolute(base_url, motion.get_absolute_url()),
        }

        def context_for(person, claim, context=context, motion=motion, parts=parts):
            # Described in the person's language (the task runs in the worker's).
            return {
                **context,
                "person": person,
                "corrected": claim.is_correction,
                "decision": votes.describe(motion),
                "parts": [(part.label, votes.describe(part)) for part in parts],
            }

        sent += _send_once(
            motion_recipients(submission, motion, MailKind.DECISION),
            MailKind.DECISION,
            f"motion:{motion.pk}",
            _decision_content(motion, parts),
            "decision",
            context_for,
        )
    return sent
