"""Recording what the assembly decides, and what follows from it.

Subjects are motions, amendments, resolutions, parts of a motion (VotePart) and decisions on
an agenda item as such (ItemDecision). Outcomes: adopted (possibly by acclamation), rejected,
withdrawn, held over, with a vote result as percentages of the weighted votes cast. Also:
votes on the board's pre-advice itself, the three-way vote on an amendment the board did not
adopt, and weighted results computed from votes per member.

Every recording is atomic: bad input raises ValidationError and changes nothing."""

import hashlib
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from agenda import outcomes
from agenda.models import AgendaItem, ItemDecision, Meeting, Resolution
from agenda.outcomes import PERCENT_FIELDS, Status
from alv.models import Association
from members.models import Member
from motions import amending, followup, holdover
from motions.models import Amendment, Ballot, Motion, PreAdvice, Proposal, VotePart

OUTCOME_FIELDS = ("status", "by_acclamation", *PERCENT_FIELDS, "decided_at")
THREE_WAY_FIELDS = ("percent_original", "percent_amended", "percent_neither")
TOLERANCE = Decimal("0.05")

# What the assembly decides when it follows the board's pre-advice ("conform preadvies").
PRE_ADVICE_OUTCOMES = {
    PreAdvice.Value.ADOPT: Status.ADOPTED,
    PreAdvice.Value.ADVISE_AGAINST: Status.REJECTED,
    PreAdvice.Value.HOLD_OVER: Status.HELD_OVER,
}


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as error:
        raise ValidationError(gettext("A percentage must be a number.")) from error


def _meeting_id(subject):
    # A motion outside the agenda's items is on its own meeting's papers (agenda_meeting_id).
    if isinstance(subject, VotePart):
        return subject.motion.agenda_meeting_id
    if isinstance(subject, Proposal):
        return subject.agenda_meeting_id
    return subject.agenda_item.meeting_id


# Conflicts: the meeting-day page is open in more than one browser. Each form carries the stamp
# of the decision it was shown with; a recording from a page that showed another decision than
# the stored one is refused, never silently overwritten.

NOT_DECIDED = "new"


def outcome_stamp(subject):
    """A short fingerprint of the decision on `subject` as stored (None or an unsaved item
    decision: none taken yet). Every recording changes it: its moment is part of it."""
    if subject is None or subject.pk is None:
        return NOT_DECIDED
    fields = (*OUTCOME_FIELDS, "on_pre_advice", *THREE_WAY_FIELDS, "text")
    shown = "|".join(f"{name}={getattr(subject, name, None)}" for name in fields)
    return hashlib.sha256(shown.encode()).hexdigest()[:20]


class StaleOutcome(ValidationError):
    """The decision changed since the page was shown; `current` is the stored one."""

    def __init__(self, current):
        self.current = current
        if current is None or current.pk is None:
            message = gettext("The decision was undone or removed meanwhile.")
        else:
            message = gettext("Meanwhile someone else recorded: %(outcome)s.") % {
                "outcome": describe(current)
            }
        super().__init__(
            f"{message} "
            + gettext("Nothing was changed. Check the result and record it again if needed.")
        )


def check_unchanged(subject, expected):
    """Inside the recording's transaction: take the write lock on the decision's row first
    (a no-op UPDATE, which PostgreSQL and SQLite both serialise), then compare the stored
    decision with the `expected` stamp the page was shown with. Of two recordings from pages
    showing the same decision exactly one passes; the other gets StaleOutcome."""
    if isinstance(subject, ItemDecision):
        # A first decision on an item has no row yet: its item's row is the lock.
        AgendaItem.objects.filter(pk=subject.agenda_item_id).update(title=F("title"))
        current = ItemDecision.objects.filter(agenda_item_id=subject.agenda_item_id).first()
    else:
        table = subject._meta.get_field("status").model  # the parent's, for motions
        table._base_manager.filter(pk=subject.pk).update(status=F("status"))
        current = type(subject)._base_manager.filter(pk=subject.pk).first()
    if outcome_stamp(current) != expected:
        raise StaleOutcome(current)
    if current is not None and subject.pk is None:
        subject.pk = current.pk  # decided meanwhile and as expected: update that row
        subject._state.adding = False


def item_decision(item):
    """The decision on an agenda item as such, new (unsaved) if none was taken yet."""
    return ItemDecision.objects.filter(agenda_item=item).first() or ItemDecision(agenda_item=item)


def record_outcome(
    subject,
    status,
    *,
    by_acclamation=False,
    percent_for=None,
    percent_against=None,
    percent_abstain=None,
    on_pre_advice=False,
    when=None,
    expected=None,
):
    """Record the decision on `subject` and what follows from it: an adopted motion gets a
    follow-up track, a held-over one waits for a later agenda, an adopted amendment changes
    its resolution's text, a part's result decides its motion's status. Status "submitted"
    undoes a decision. With `expected` (the stamp a page showed) a decision recorded
    meanwhile is not overwritten: StaleOutcome."""
    if status not in Status.values:
        raise ValidationError(gettext("Choose a valid outcome."))
    if (
        isinstance(subject, Proposal)
        and subject.kind == Proposal.Kind.MOTION
        and subject.pk is not None
        and VotePart.objects.filter(motion_id=subject.pk).exists()
    ):
        # Its outcome is made from its parts' (_sync_motion_with_parts); a page that still
        # showed the whole-motion buttons must not overwrite it.
        raise ValidationError(
            gettext(
                "This motion is voted in parts: record the outcome of each part; the "
                "motion's follows from them."
            )
        )
    if by_acclamation:
        status = Status.ADOPTED
    old_status = subject.status
    subject.status = status
    subject.by_acclamation = by_acclamation
    subject.percent_for = _decimal(percent_for)
    subject.percent_against = _decimal(percent_against)
    subject.percent_abstain = _decimal(percent_abstain)
    subject.decided_at = None if status == Status.SUBMITTED else (when or timezone.now())
    subject.clean_outcome()
    fields = list(OUTCOME_FIELDS)
    if isinstance(subject, Proposal | VotePart):
        if on_pre_advice and status not in PRE_ADVICE_OUTCOMES.values():
            raise ValidationError(gettext("Only a vote can follow the pre-advice."))
        subject.on_pre_advice = on_pre_advice
        fields.append("on_pre_advice")
    elif on_pre_advice:
        raise ValidationError(gettext("Only motions and amendments have a pre-advice."))
    if isinstance(subject, ItemDecision):
        fields.append("text")
    if isinstance(subject, Amendment):
        for name in THREE_WAY_FIELDS:
            setattr(subject, name, None)
        fields.extend(THREE_WAY_FIELDS)
    with transaction.atomic():
        if expected is not None:
            check_unchanged(subject, expected)
        if subject.pk is None:
            subject.save()
        else:
            subject.save(update_fields=fields)
        _consequences(subject, old_status)
        Meeting(pk=_meeting_id(subject)).touch_live()
    return subject


def _consequences(subject, old_status):
    if isinstance(subject, VotePart):
        _sync_motion_with_parts(subject.motion)
        return
    if not isinstance(subject, Proposal):
        return
    if subject.kind == Proposal.Kind.MOTION:
        if subject.status == Status.ADOPTED:
            followup.ensure_track(subject)
        elif old_status == Status.ADOPTED:
            followup.drop_untouched_track(subject)
    holdover.remember(subject)
    if subject.kind == Proposal.Kind.AMENDMENT and Status.ADOPTED in (subject.status, old_status):
        amendment = subject if isinstance(subject, Amendment) else subject.amendment
        amending.sync_amended_version(amendment.resolution_version)


def motion_status_from_parts(statuses):
    """A motion voted in parts is undecided while a part is; then adopted if any part was
    adopted (its follow-up covers that part), otherwise held over if any part was held over;
    withdrawn only if all parts were; rejected otherwise."""
    statuses = list(statuses)
    if not statuses or Status.SUBMITTED in statuses:
        return Status.SUBMITTED
    if Status.ADOPTED in statuses:
        return Status.ADOPTED
    if Status.HELD_OVER in statuses:
        return Status.HELD_OVER
    if all(s == Status.WITHDRAWN for s in statuses):
        return Status.WITHDRAWN
    return Status.REJECTED


def _sync_motion_with_parts(motion):
    motion = Motion.objects.select_for_update().get(pk=motion.pk)
    parts = list(motion.vote_parts.all())
    old_status = motion.status
    motion.status = motion_status_from_parts(p.status for p in parts)
    motion.by_acclamation = motion.on_pre_advice = False
    for name in PERCENT_FIELDS:
        setattr(motion, name, None)
    decided = [p.decided_at for p in parts if p.decided_at]
    motion.decided_at = max(decided) if decided and motion.status != Status.SUBMITTED else None
    motion.save(update_fields=[*OUTCOME_FIELDS, "on_pre_advice"])
    _consequences(motion, old_status)


def add_part(motion, label, shown=None, expected=None):
    """Split the vote on a motion: one more part, voted separately (its decision is then made
    from its parts'). With `shown` (how many parts the page showed) and `expected` (the stamp
    of the motion's decision it showed) a part added or a result recorded meanwhile is
    neither doubled nor undone."""
    label = (label or "").strip()
    with transaction.atomic():
        if expected is not None:
            check_unchanged(motion, expected)  # also the lock on the motion's row
        else:
            Proposal._base_manager.filter(pk=motion.pk).update(status=F("status"))  # the lock
        position = motion.vote_parts.count() + 1
        if shown is not None and shown != str(position - 1):
            raise ValidationError(
                gettext(
                    "Meanwhile someone else changed the parts of this vote. Nothing was "
                    "changed: check the parts and add it again if needed."
                )
            )
        if not label:
            label = gettext("Part %(number)s") % {"number": position}
        part = VotePart.objects.create(motion=motion, position=position, label=label[:200])
        _sync_motion_with_parts(motion)
        Meeting(pk=motion.agenda_meeting_id).touch_live()
    return part


def remove_part(part, expected=None):
    """Vote on the motion as a whole again for this part. With `expected` (the stamp of the
    part's decision the page showed) a result recorded on it meanwhile is not thrown away."""
    from alv.ordering import renumber

    motion = part.motion
    with transaction.atomic():
        if expected is not None:
            check_unchanged(part, expected)
        part.delete()
        renumber(motion.vote_parts.order_by("position"))
        _sync_motion_with_parts(motion)
        Meeting(pk=motion.agenda_meeting_id).touch_live()


def settled_pre_advice(proposal_id):
    return (
        PreAdvice.objects.with_parts()
        .filter(proposal_id=proposal_id, state=PreAdvice.State.SETTLED)
        .first()
    )


def followed_value(pre_advice, part=None):
    """The value of `pre_advice` (settled) that a vote "conform preadvies" on the motion, or on
    its VotePart `part`, follows; None when there is none to follow. With advice per part
    (PreAdvicePart) a part follows the advice on the part of the same label, and the motion as
    a whole the advice on it as a whole; without, a part follows the motion's advice."""
    if pre_advice is None or not pre_advice.is_settled:
        return None
    value = pre_advice.value
    if part is not None and pre_advice.ordered_parts():
        advice = pre_advice.part_for(part.label)
        value = advice.value if advice else None
    return value if value in PRE_ADVICE_OUTCOMES else None


def pre_advice_to_follow(subject):
    """The outcome a vote on following the board's pre-advice gives `subject` (a motion or
    amendment, or a VotePart); refused when there is none to follow."""
    part = subject if isinstance(subject, VotePart) else None
    motion_id = subject.motion_id if part else subject.pk
    pre_advice = settled_pre_advice(motion_id)
    value = followed_value(pre_advice, part)
    if value is not None:
        return PRE_ADVICE_OUTCOMES[value]
    if pre_advice is not None and pre_advice.ordered_parts():
        if part is None:
            raise ValidationError(
                gettext(
                    "The board gave its pre-advice per part and none on the motion as a "
                    "whole: vote on the parts, labelled as the pre-advice labels them, or on "
                    "the motion itself."
                )
            )
        if pre_advice.part_for(part.label) is None:
            raise ValidationError(
                gettext(
                    "The board gave its pre-advice per part, and none on a part labelled "
                    "“%(label)s”: label the part as the pre-advice does (%(labels)s), or vote "
                    "on the part itself."
                )
                % {
                    "label": part.label,
                    "labels": ", ".join(p.label for p in pre_advice.ordered_parts()),
                }
            )
    raise ValidationError(
        gettext(
            "There is no settled pre-advice to follow: only overnemen, ontraden and "
            "aanhouden can be voted on."
        )
    )


def record_pre_advice_vote(
    subject,
    *,
    percent_for=None,
    percent_against=None,
    percent_abstain=None,
    when=None,
    expected=None,
):
    """The assembly votes on the board's pre-advice itself and follows it ("aanhouden
    conform preadvies", with or without a vote result). A vote against the pre-advice is not
    a decision on the motion: vote on the motion itself then."""
    outcome = pre_advice_to_follow(subject)
    given = [_decimal(v) for v in (percent_for, percent_against, percent_abstain)]
    if given[0] is not None and given[1] is not None and given[0] <= given[1]:
        raise ValidationError(
            gettext(
                "The assembly did not follow the pre-advice; record the vote on the motion itself."
            )
        )
    return record_outcome(
        subject,
        outcome,
        percent_for=given[0],
        percent_against=given[1],
        percent_abstain=given[2],
        on_pre_advice=True,
        when=when,
        expected=expected,
    )


class ThreeWay:
    ORIGINAL = "original"
    AMENDED = "amended"
    NEITHER = "neither"


def three_way_winner(original, amended, neither):
    """The option with the largest share wins. A tie is no majority for a change: between
    the board's proposal and the amended one the board's proposal stands, and "against
    both" beats a proposal it ties with."""
    if neither >= original and neither >= amended:
        return ThreeWay.NEITHER
    if amended > original:
        return ThreeWay.AMENDED
    return ThreeWay.ORIGINAL


def board_adopted(amendment):
    pre_advice = settled_pre_advice(amendment.pk)
    return pre_advice is not None and pre_advice.value == PreAdvice.Value.ADOPT


def record_three_way_vote(
    amendment, original, amended, neither, when=None, expected=None, expected_resolution=None
):
    """An amendment the board did not adopt: members choose between the board's proposal,
    the amended proposal and against both. The winner decides the amendment (adopted only if
    the amended proposal wins) and the resolution (rejected only if "against both" wins)."""
    if board_adopted(amendment):
        raise ValidationError(
            gettext("The board adopted this amendment: only the amended proposal is voted.")
        )
    values = [_decimal(v) for v in (original, amended, neither)]
    if any(v is None for v in values):
        raise ValidationError(gettext("Give all three percentages."))
    if any(v < 0 or v > 100 for v in values):
        raise ValidationError(gettext("A percentage lies between 0 and 100."))
    if abs(sum(values) - 100) > TOLERANCE:
        raise ValidationError(gettext("The three percentages must add up to 100."))
    winner = three_way_winner(*values)
    decided_at = when or timezone.now()
    old_status = amendment.status
    amendment.status = Status.ADOPTED if winner == ThreeWay.AMENDED else Status.REJECTED
    amendment.by_acclamation = amendment.on_pre_advice = False
    for name in PERCENT_FIELDS:
        setattr(amendment, name, None)
    for name, value in zip(THREE_WAY_FIELDS, values, strict=True):
        setattr(amendment, name, value)
    amendment.decided_at = decided_at
    with transaction.atomic():
        if expected is not None:
            check_unchanged(amendment, expected)
        amendment.save(update_fields=[*OUTCOME_FIELDS, "on_pre_advice", *THREE_WAY_FIELDS])
        resolution = Resolution.objects.select_for_update().get(
            pk=amendment.resolution_version.resolution_id
        )
        if expected_resolution is not None:
            # The three-way vote decides the resolution too: not over a result recorded on it
            # meanwhile.
            check_unchanged(resolution, expected_resolution)
        resolution.status = Status.REJECTED if winner == ThreeWay.NEITHER else Status.ADOPTED
        resolution.by_acclamation = False
        for name in PERCENT_FIELDS:
            setattr(resolution, name, None)
        resolution.decided_at = decided_at
        resolution.save(update_fields=list(OUTCOME_FIELDS))
        _consequences(amendment, old_status)
        Meeting(pk=amendment.agenda_item.meeting_id).touch_live()
    return winner


# Weighted votes


def vote_weight(member, on):
    """The weight of a member's voting card at a meeting on date `on`, by the association's
    rule (Association.vote_weights): "population" (the VNG: by the number of inhabitants
    valid on that date, at least 1), "equal" (one member, one vote) or "member" (the weight
    entered per member). With the figures of the meeting's date, a new list never changes an
    old result."""
    rule = Association.current().vote_weights
    if rule == "population":
        return max(member.population_on(on) or 0, 1)
    if rule == "equal":
        return 1
    if rule == "member":
        return member.vote_weight
    raise ImproperlyConfigured(f"Unknown vote-weight rule: {rule!r}")


def voters_on(date):
    """The members who vote at a meeting on `date`, with the figures their weight needs."""
    return Member.objects.on(date).with_populations()


def choices_for(subject):
    """The options members vote on: three for an amendment the board did not adopt."""
    if isinstance(subject, Amendment) and not board_adopted(subject):
        return [Ballot.Choice.ORIGINAL, Ballot.Choice.AMENDED, Ballot.Choice.NEITHER]
    return [Ballot.Choice.FOR, Ballot.Choice.AGAINST, Ballot.Choice.ABSTAIN]


def weighted_percentages(ballots, choices):
    """Per choice its share of the weighted votes cast, in percent with two decimals that
    add up to exactly 100 (largest remainder). None when nobody voted."""
    totals = dict.fromkeys(choices, 0)
    for ballot in ballots:
        totals[ballot.choice] += ballot.weight
    return shares_of(totals, choices)


def shares_of(totals, choices):
    """Per choice its share of the weight in `totals` (choice -> weight), in percent with two
    decimals that add up to exactly 100 (largest remainder). None when nobody voted."""
    total = sum(totals.get(c, 0) for c in choices)
    if total == 0:
        return None
    exact = {c: Fraction(totals.get(c, 0) * 10000, total) for c in choices}
    hundredths = {c: int(exact[c]) for c in choices}
    left = 10000 - sum(hundredths.values())
    for choice in sorted(choices, key=lambda c: exact[c] - hundredths[c], reverse=True)[:left]:
        hundredths[choice] += 1
    return {c: Decimal(hundredths[c]) / 100 for c in choices}


def record_shares(subject, shares, when=None):
    """Record the outcome a weighted result gives: the three-way winner for the options of
    an amendment the board did not adopt; otherwise adopted when the weight for outnumbers
    the weight against."""
    if Ballot.Choice.ORIGINAL in shares:
        return record_three_way_vote(
            subject,
            shares[Ballot.Choice.ORIGINAL],
            shares[Ballot.Choice.AMENDED],
            shares[Ballot.Choice.NEITHER],
            when=when,
        )
    share_for, share_against = shares[Ballot.Choice.FOR], shares[Ballot.Choice.AGAINST]
    return record_outcome(
        subject,
        Status.ADOPTED if share_for > share_against else Status.REJECTED,
        percent_for=share_for,
        percent_against=share_against,
        percent_abstain=shares[Ballot.Choice.ABSTAIN],
        when=when,
    )


def _ballot_subject(subject):
    if isinstance(subject, Resolution):
        return {"resolution": subject}
    if isinstance(subject, VotePart):
        return {"vote_part": subject}
    return {"proposal_id": subject.pk}


def ballots_of(subject):
    return Ballot.objects.filter(**_ballot_subject(subject))


@transaction.atomic
def record_ballots(subject, votes, when=None, expected=None):
    """Register the members' votes (member pk -> choice; members left out did not vote),
    compute the weighted result and record the outcome it gives: for a normal vote adopted
    when the weighted votes for outnumber those against. Returns the percentages. With
    `expected`, refused (StaleOutcome) if the decision changed since the page was shown."""
    if expected is not None:
        # Checked once, here: the lock it takes is held until the recording below commits.
        check_unchanged(subject, expected)
    choices = choices_for(subject)
    if any(choice not in choices for choice in votes.values()):
        raise ValidationError(gettext("Choose one of the options for every member who voted."))
    date = Meeting.objects.get(pk=_meeting_id(subject)).date
    members = voters_on(date).in_bulk(list(votes))
    if len(members) != len(votes):
        raise ValidationError(gettext("Only members on the day of the meeting vote."))
    if not votes:
        raise ValidationError(gettext("Nobody voted."))
    ballots_of(subject).delete()
    ballots = Ballot.objects.bulk_create(
        Ballot(
            member=members[pk],
            choice=choice,
            weight=vote_weight(members[pk], date),
            **_ballot_subject(subject),
        )
        for pk, choice in votes.items()
    )
    percentages = weighted_percentages(ballots, choices)
    record_shares(subject, percentages, when=when)
    return percentages


# Describing a result in words, the way the papers do ("aangenomen met 91,80%"): one reading
# for every page and file, kept with the outcome itself (agenda.outcomes); named here too for
# the callers that record and describe in one breath.
describe = outcomes.describe
percent = outcomes.percent
