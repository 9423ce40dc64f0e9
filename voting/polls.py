"""Electronic votes: the chair opens a poll on what is being dealt with, card holders vote
for their member (and the members that gave them a proxy), the secretariat enters paper
cards, closing records the weighted result as the subject's outcome (motions.votes).

Nothing lost, nothing counted twice:
- one vote per card and poll is a database constraint (Cast), and the weighted totals
  (Tally) change in the same transaction as the record that the card voted;
- every vote and the close take the poll's row lock first (a write, which PostgreSQL and
  SQLite both serialise), so no vote slips in after the result was taken, and a vote is
  confirmed only once it is committed;
- a repeated request (a retry, a double click) finds the card's vote and changes nothing.

A secret poll keeps, per card, only that it voted (with a receipt, no time, no weight), and
per option only the running totals: nothing, in the database or the history, links a member
to its choice (a member's population weight is nearly unique, so not even a weight is kept
beside a choice)."""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda.models import AgendaItem, Resolution
from motions import votes
from motions.models import Amendment, Ballot, Proposal, VotePart
from voting import cards
from voting.models import Attendance, Cast, Poll, Tally


def subject_of(poll):
    """What the poll decides, as motions.votes records it."""
    if poll.proposal_id:
        return poll.proposal.as_subtype()
    if poll.resolution_id:
        return poll.resolution
    if poll.vote_part_id:
        return poll.vote_part
    return votes.item_decision(poll.agenda_item)


def _subject_fields(subject):
    if isinstance(subject, Proposal):
        return {"proposal": subject}
    if isinstance(subject, Resolution):
        return {"resolution": subject}
    if isinstance(subject, VotePart):
        return {"vote_part": subject}
    if isinstance(subject, AgendaItem):
        return {"agenda_item": subject}
    raise ValueError(f"Nothing to vote on: {subject!r}")


def _title(subject):
    if isinstance(subject, VotePart):
        return _("%(part)s of %(motion)s") % {
            "part": subject.label,
            "motion": subject.motion.display_name,
        }
    if isinstance(subject, Proposal):
        return subject.display_name
    if isinstance(subject, AgendaItem):
        return f"{subject.number} {subject.title}".strip()
    return str(subject)


def _meeting_of(subject):
    # A motion outside the agenda's items is on its own meeting's papers (agenda_meeting).
    if isinstance(subject, VotePart):
        return subject.motion.agenda_meeting
    if isinstance(subject, AgendaItem):
        return subject.meeting
    if isinstance(subject, Proposal):
        return subject.agenda_meeting
    return subject.agenda_item.meeting


def _is_published(subject):
    """Members vote only on what they may read."""
    if isinstance(subject, VotePart):
        subject = subject.motion
    if isinstance(subject, Proposal):
        return not subject.is_draft and _meeting_of(subject).is_published
    return _meeting_of(subject).is_published


def kind_for(subject, on_pre_advice=False):
    if on_pre_advice:
        if isinstance(subject, Resolution | AgendaItem):
            raise ValidationError(_("Only motions and amendments have a pre-advice."))
        votes.pre_advice_to_follow(subject)  # refused when there is none to follow
        return Poll.Kind.PRE_ADVICE
    amendment = getattr(subject, "amendment", None) if isinstance(subject, Proposal) else None
    if isinstance(subject, Amendment):
        amendment = subject
    if amendment is not None and not votes.board_adopted(amendment):
        return Poll.Kind.THREE_WAY
    return Poll.Kind.FOR_AGAINST


def open_poll(
    subject,
    by,
    *,
    secret=False,
    changeable=False,
    on_pre_advice=False,
    written=False,
    opens_at=None,
    closes_at=None,
):
    """Open a vote on `subject` (a motion, amendment, part, resolution or agenda item). At
    the meeting one vote is open at a time; a written consultation runs from `opens_at` to
    `closes_at` beside it."""
    if secret and changeable:
        raise ValidationError(_("A secret vote cannot be changed: its choice is not kept."))
    if not _is_published(subject):
        raise ValidationError(_("Members vote only on published papers."))
    meeting = _meeting_of(subject)
    now = timezone.now()
    if written:
        if opens_at is None or closes_at is None:
            raise ValidationError(_("A written consultation needs a start and an end."))
        if closes_at <= max(opens_at, now):
            raise ValidationError({"closes_at": _("The end lies after the start and ahead.")})
    else:
        opens_at, closes_at = now, None
    kind = kind_for(subject, on_pre_advice)
    with transaction.atomic():
        meeting.touch_live()  # the meeting's row lock first: two chairs open one vote
        if not written and cards.a_vote_is_open(meeting):
            raise ValidationError(_("Another vote is open: close it first."))
        if Poll.objects.open().filter(**_subject_fields(_base(subject))).exists():
            raise ValidationError(_("A vote on this is open already."))
        poll = Poll.objects.create(
            meeting=meeting,
            title=_title(subject)[:300],
            kind=kind,
            secret=secret,
            changeable=changeable,
            written=written,
            opens_at=opens_at,
            closes_at=closes_at,
            opened_by=by,
            **_subject_fields(_base(subject)),
        )
        Tally.objects.bulk_create(Tally(poll=poll, choice=choice) for choice in poll.choices())
    return poll


def _base(subject):
    """A motion or amendment is kept as its Proposal row."""
    if isinstance(subject, Proposal) and type(subject) is not Proposal:
        return Proposal(pk=subject.pk)
    return subject


def _check_period(poll, now):
    if poll.takes_votes_at(now):
        return
    if now < poll.opens_at:
        raise ValidationError(_("This vote has not opened yet."))
    raise ValidationError(_("This vote is closed: your vote was not counted."))


def _lock_open(poll):
    """Inside the vote's transaction, first: lock the poll's row against closing, if it is
    open. On PostgreSQL a shared lock, so that votes run side by side and only the close
    (an UPDATE) waits for them, and they for it; SQLite serialises every writer, and takes
    the write lock with a no-op UPDATE before anything is read (a read first could not be
    followed by a write while another connection writes)."""
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(Poll._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {table} WHERE id = %s AND state = %s FOR SHARE",
                [poll.pk, Poll.State.OPEN],
            )
            locked = cursor.fetchone() is not None
    else:
        locked = Poll.objects.filter(pk=poll.pk, state=Poll.State.OPEN).update(state=F("state"))
    if not locked:
        raise ValidationError(_("This vote is closed: your vote was not counted."))


def new_receipt():
    code = secrets.token_hex(4).upper()
    return f"{code[:4]}-{code[4:]}"


class Outcome:
    """What happened to a vote: `cast` is the card's record; `status` is "counted" (new),
    "changed", or "already" (it had voted so; nothing changed)."""

    COUNTED, CHANGED, ALREADY = "counted", "changed", "already"

    def __init__(self, cast, status):
        self.cast, self.status = cast, status


def cast_vote(poll, member, choice, by, *, on_paper=False, now=None, weight=None):
    """The card of `member` votes `choice` in `poll`. The caller checked that `by` may vote
    for the member (its card holder, by proxy, or the secretariat for a paper card).

    What does not change while the poll is open (its period, the member's right to vote and
    weight) is read before the lock; under it only what must be: whether the card voted, the
    vote, and last the totals (their rows are the ones every vote writes, so they are held
    for the shortest time)."""
    now = now or timezone.now()
    if not Poll.meeting.is_cached(poll):
        poll = Poll.objects.select_related("meeting").get(pk=poll.pk)
    if choice not in [str(c) for c in poll.choices()]:
        raise ValidationError({"choice": _("Choose one of the options.")})
    _check_period(poll, now)
    if weight is None:  # else the caller read it from cards.voters, as card_members does
        weight = _weight_of_voter(poll.meeting, member)
    outer = connection.in_atomic_block
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                outcome = _cast(poll, member, choice, weight, on_paper, savepoint=outer)
                if outcome.status == Outcome.COUNTED and not poll.written:
                    # In the vote's transaction: one commit, and no vote without its card
                    # counted present.
                    _attend(poll.meeting, member, by, on_paper)
            break
        except IntegrityError:
            # The same card at the same moment from two requests (PostgreSQL lets votes run
            # side by side): the one that lost finds the other's vote the second time.
            if outer or attempt == 2:
                raise ValidationError(_("This card has voted already.")) from None
    return outcome


def _weight_of_voter(meeting, member):
    voter = cards.voters(meeting).filter(pk=member.pk).first()
    if voter is None:
        raise ValidationError(_("Only members on the day of the meeting vote."))
    return cards.weight_of(voter, meeting)


def _cast(poll, member, choice, weight, on_paper, savepoint):
    _lock_open(poll)
    cast = Cast.objects.filter(poll=poll, member=member).first()
    if cast is not None:
        if poll.secret or cast.choice == choice:
            return Outcome(cast, Outcome.ALREADY)
        if not poll.changeable:
            raise ValidationError(
                _("This card has voted already; the vote cannot be changed in this poll.")
            )
        old = cast.choice
        cast.choice, cast.receipt, cast.on_paper = choice, new_receipt(), on_paper
        cast.save(update_fields=["choice", "receipt", "on_paper"])
        # In the order of the options, as every change does: two voters changing in opposite
        # directions at once wait for each other instead of deadlocking.
        for option, sign in sorted([(old, -1), (choice, 1)]):
            _add(poll, option, sign * cast.weight, sign)
        return Outcome(cast, Outcome.CHANGED)
    cast = Cast(poll=poll, member=member, on_paper=on_paper, receipt=new_receipt())
    if not poll.secret:
        cast.choice, cast.weight = choice, weight
    if savepoint:
        with transaction.atomic():  # inside the caller's transaction: fail just this
            cast.save(force_insert=True)
    else:
        cast.save(force_insert=True)
    _add(poll, choice, weight, 1)
    return Outcome(cast, Outcome.COUNTED)


def _add(poll, choice, weight, count):
    Tally.objects.filter(poll=poll, choice=choice).update(
        weight=F("weight") + weight, cards=F("cards") + count
    )


def _attend(meeting, member, by, on_paper):
    """A card that votes at the meeting is present: in the hall on paper, else online, unless
    registered already."""
    own = getattr(by, "member_id", None) == member.pk
    if own or on_paper:
        mode = Attendance.Mode.HALL if on_paper else Attendance.Mode.ONLINE
        # One statement; a member registered already keeps how it was registered.
        Attendance.objects.bulk_create(
            [Attendance(meeting=meeting, member=member, mode=mode, registered_by=by)],
            ignore_conflicts=True,
        )


# Progress and result


def progress(poll):
    """Cards voted and their weight, against all cards of the meeting: what the chair sees
    while the vote is open (never the interim result)."""
    voted = Tally.objects.filter(poll=poll).aggregate(weight=Sum("weight"), cards=Sum("cards"))
    members = list(cards.voters(poll.meeting))
    return {
        "cards": voted["cards"] or 0,
        "weight": voted["weight"] or 0,
        "all_cards": len(members),
        "all_weight": sum(cards.weight_of(m, poll.meeting) for m in members),
    }


class Result:
    def __init__(self, poll, tallies):
        self.poll = poll
        by_choice = {t.choice: t for t in tallies}
        self.choices = [str(c) for c in poll.choices()]
        self.weights = {c: by_choice[c].weight if c in by_choice else 0 for c in self.choices}
        self.cards = {c: by_choice[c].cards if c in by_choice else 0 for c in self.choices}
        self.shares = votes.shares_of(self.weights, self.choices)

    @property
    def rows(self):
        labels = dict(Ballot.Choice.choices)
        return [
            {
                "choice": c,
                "label": labels[c],
                "weight": self.weights[c],
                "cards": self.cards[c],
                "share": self.shares[c] if self.shares else None,
            }
            for c in self.choices
        ]

    @property
    def total_cards(self):
        return sum(self.cards.values())


def result(poll):
    """The result of a closed poll (never of an open one: nobody sees an interim result)."""
    if poll.state != Poll.State.CLOSED:
        return None
    return Result(poll, list(poll.tallies.all()))


def close_poll(poll, by=None, now=None):
    """Close the vote and record its result as the decision on its subject, through the
    rules of motions.votes (weighted shares, the three-way winner, a part's motion, the
    pre-advice). A vote nobody voted in records nothing; neither does a vote against the
    board's pre-advice (the assembly then votes on the motion itself)."""
    now = now or timezone.now()
    with transaction.atomic():
        if not Poll.objects.filter(pk=poll.pk, state=Poll.State.OPEN).update(
            state=Poll.State.CLOSED, closed_at=now, closed_by=by
        ):
            raise ValidationError(_("This vote was closed already."))
        poll = Poll.objects.select_related(
            "meeting", "proposal", "resolution", "vote_part__motion", "agenda_item"
        ).get(pk=poll.pk)
        outcome = Result(poll, list(poll.tallies.all()))
        shares = outcome.shares
        recorded = False
        if shares is not None:
            recorded = _record(poll, shares, now)
        if recorded:
            Poll.objects.filter(pk=poll.pk).update(recorded=True)
            poll.recorded = True
        poll.meeting.touch_live()
    return poll


def _record(poll, shares, when):
    subject = subject_of(poll)
    if poll.kind != Poll.Kind.PRE_ADVICE:
        votes.record_shares(subject, shares, when=when)
        return True
    share_for, share_against = shares[Ballot.Choice.FOR], shares[Ballot.Choice.AGAINST]
    if share_for <= share_against:
        return False
    votes.record_pre_advice_vote(
        subject,
        percent_for=share_for,
        percent_against=share_against,
        percent_abstain=shares[Ballot.Choice.ABSTAIN],
        when=when,
    )
    return True


def cancel_poll(poll, by=None):
    """Stop a vote without a result (opened on the wrong subject)."""
    with transaction.atomic():
        if not Poll.objects.filter(pk=poll.pk, state=Poll.State.OPEN).update(
            state=Poll.State.CANCELLED, closed_at=timezone.now(), closed_by=by
        ):
            raise ValidationError(_("This vote was closed already."))
        poll.meeting.touch_live()


def close_due(now=None):
    """Close the written consultations whose end has passed; returns how many."""
    now = now or timezone.now()
    closed = 0
    for poll in Poll.objects.open().filter(written=True, closes_at__lte=now):
        try:
            close_poll(poll, now=poll.closes_at)
        except ValidationError:
            continue  # closed meanwhile by another
        closed += 1
    return closed


def named_votes(poll):
    """Per member its vote, for a named poll that closed: published with the decisions."""
    if poll.secret or poll.state != Poll.State.CLOSED:
        return []
    return list(poll.casts.select_related("member").order_by("member__name"))
