"""Which mail about motions submitted online a member's person wants, and what they were sent
already.

Preferences: every kind of mail (MailKind) is on until the person turns it off on their page
"My notifications" (members.views.mail_settings); each sender asks `wanting` for its kind.

Sent once: a mail that follows from the state of the papers (the board's pre-advice published,
the assembly's decision) is sent by a task that may run more than once for the same state: the
secretariat publishes twice, a decision is saved again unchanged, two tasks overlap. `claim`
lets one mail with the same content through per person and subject; `release` gives the claim
back when the mail could not be sent, so a later run sends it."""

import hashlib
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from members.models import MailKind, MailOptOut, SentMail


def turned_off(persons, kind):
    """The ids of those of `persons` who turned mail of `kind` off (one query)."""
    ids = [person.pk for person in persons]
    if not ids:
        return set()
    return set(
        MailOptOut.objects.filter(person_id__in=ids, kind=kind).values_list("person_id", flat=True)
    )


def wanting(persons, kind):
    """Those of `persons` who want mail of `kind`, in their order."""
    persons = list(persons)
    off = turned_off(persons, kind)
    return [person for person in persons if person.pk not in off]


def wanted_kinds(person):
    """The kinds of mail `person` receives: every kind they did not turn off."""
    off = set(MailOptOut.objects.filter(person=person).values_list("kind", flat=True))
    return [kind for kind in MailKind.values if kind not in off]


@transaction.atomic
def set_wanted(person, kinds):
    """`person` receives mail of `kinds` from now on, and no other mail of MailKind."""
    kinds = set(kinds)
    unknown = kinds - set(MailKind.values)
    if unknown:
        raise ValueError(f"unknown kinds of mail: {sorted(unknown)}")
    off = set(MailKind.values) - kinds
    MailOptOut.objects.filter(person=person).exclude(kind__in=off).delete()
    have = set(MailOptOut.objects.filter(person=person).values_list("kind", flat=True))
    MailOptOut.objects.bulk_create(
        [MailOptOut(person=person, kind=kind) for kind in sorted(off - have)],
        ignore_conflicts=True,  # a second tab saving the same at once
    )


def fingerprint(*values):
    """A short fingerprint of what a mail says."""
    return hashlib.sha256("\x1f".join(map(str, values)).encode()).hexdigest()[:40]


@dataclass
class Claim:
    """The right to send one mail; `previous` is the fingerprint of the mail it follows up
    (None for the first about its subject): the mail may say it corrects that one."""

    person_id: int
    kind: str
    subject: str
    fingerprint: str
    previous: str | None

    @property
    def is_correction(self):
        return self.previous is not None


def claim(person, kind, subject, fingerprint):
    """Claim the mail of `kind` with content `fingerprint` about `subject` for `person`: a
    Claim when it was not sent yet, None when the last mail of this kind about this subject
    said the same. Recorded (and committed, outside an outer transaction) before the mail
    goes out, so two tasks at once never both send it; a mail that then fails to go out is
    released again (`release`). A worker that dies between the two loses that one mail rather
    than sending it twice."""
    now = timezone.now()
    key = {"person_id": person.pk, "kind": kind, "subject": subject}
    try:
        with transaction.atomic():
            row = SentMail.objects.select_for_update().filter(**key).first()
            if row is None:
                SentMail.objects.create(**key, fingerprint=fingerprint, sent_at=now)
                return Claim(person.pk, kind, subject, fingerprint, None)
            if row.fingerprint == fingerprint:
                return None
            previous = row.fingerprint
            row.fingerprint, row.sent_at = fingerprint, now
            row.save(update_fields=["fingerprint", "sent_at"])
            return Claim(person.pk, kind, subject, fingerprint, previous)
    except IntegrityError:
        # Another task recorded the first mail about this subject in the same moment: it
        # sends it (or releases it, and a later run sends it).
        return None


def release(claim):
    """Give back a claim whose mail did not go out: the next run sends it."""
    row = SentMail.objects.filter(
        person_id=claim.person_id,
        kind=claim.kind,
        subject=claim.subject,
        fingerprint=claim.fingerprint,
    )
    if claim.previous is None:
        row.delete()
    else:
        row.update(fingerprint=claim.previous)
