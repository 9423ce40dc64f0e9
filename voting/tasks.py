"""The mail of electronic votes, sent by the task worker: the announcement of a written
consultation to the card holders; and closing a written consultation when its time is up."""

import hashlib

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from alv.models import User
from members import mailing
from members.models import MailKind
from members.tasks import absolute, send
from voting import polls
from voting.models import Poll, VotingCard


def consultation_recipients(meeting):
    """Who votes in a written consultation of `meeting`: each member's card holder; for a
    member whose card nobody holds yet, its contact persons (who then give the card to
    someone, or hold it themselves). Each once, only those who did not turn the mail off."""
    voters = list(polls.cards.voters(meeting).values_list("pk", flat=True))
    holders = {
        card.member_id: card.holder
        for card in VotingCard.objects.filter(meeting=meeting, member_id__in=voters)
        .select_related("holder")
        .filter(holder__is_active=True)
    }
    persons = list(holders.values())
    without = [pk for pk in voters if pk not in holders]
    persons += list(User.objects.filter(member_id__in=without, is_active=True, is_contact=True))
    unique = list({person.pk: person for person in persons if person.email}.values())
    return mailing.wanting(unique, MailKind.CONSULTATION)


@task()
def announce_consultation(poll_ids, base_url):
    """Mail the card holders that a written consultation is open, what it is about and until
    when. Sent once per person and set of polls; a failed mail is sent by a later run."""
    consultation = list(
        Poll.objects.filter(pk__in=poll_ids, written=True, state=Poll.State.OPEN)
        .select_related("meeting")
        .order_by("pk")
    )
    if not consultation:
        return 0
    meeting = consultation[0].meeting
    key = f"consultation:{consultation[0].pk}"
    content = "|".join(f"{p.pk}:{p.title}:{p.opens_at}:{p.closes_at}" for p in consultation)
    fingerprint = hashlib.sha256(content.encode()).hexdigest()
    link = absolute(base_url, reverse("voting:vote", args=[meeting.pk]))
    sent, failure = 0, None
    for person in consultation_recipients(meeting):
        claim = mailing.claim(person, MailKind.CONSULTATION, key, fingerprint)
        if claim is None:
            continue
        try:
            with translation.override(person.language):
                context = {
                    "person": person,
                    "meeting": meeting,
                    "polls": consultation,
                    "opens_at": consultation[0].opens_at,
                    "closes_at": consultation[0].closes_at,
                    "link": link,
                    "holds_card": VotingCard.objects.filter(
                        meeting=meeting, holder=person
                    ).exists(),
                }
            send("consultation", person.email, person.language, context, folder="voting/mail")
        except Exception as error:
            mailing.release(claim)
            failure = failure or error
        else:
            sent += 1
    if failure is not None:
        raise failure
    return sent


@task()
def close_due_consultations():
    """Close the written consultations whose end has passed (queued for each one's end)."""
    return polls.close_due()


def queue_consultation(polls_opened, base_url):
    """After a written consultation was opened: its announcement now, and its closing at its
    end; both once the opening is committed."""
    ids = [poll.pk for poll in polls_opened]
    closes_at = polls_opened[0].closes_at

    def enqueue():
        announce_consultation.enqueue(ids, base_url)
        close_due_consultations.using(run_after=closes_at).enqueue()

    transaction.on_commit(enqueue)
