"""Who votes for which member at a meeting: the card holder of each member, the members
present, and the proxies (machtigingen) that let one member's card vote for another.

A proxy given or withdrawn is refused while a vote at the meeting is open, and so is the
secretariat's change of a card holder: in the middle of a vote either would let a member vote
twice or not at all (the database refuses a second vote per member and poll anyway). The
member's contact person may pass its card on at any time; a vote asks who holds it."""

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, Q
from django.utils.translation import gettext as _

from alv.models import Association
from members.models import Member
from motions import votes
from voting.models import Attendance, Poll, Proxy, VotingCard


def voters(meeting):
    """The members who vote at `meeting`, with the figures their weight needs."""
    return votes.voters_on(meeting.date)


def weight_of(member, meeting):
    return votes.vote_weight(member, meeting.date)


def holder_of(meeting, member):
    card = VotingCard.objects.filter(meeting=meeting, member=member).select_related("holder")
    card = card.first()
    return card.holder if card else None


def a_vote_is_open(meeting):
    return Poll.objects.filter(meeting=meeting, written=False).open().exists()


def _no_open_vote(meeting):
    if a_vote_is_open(meeting):
        raise ValidationError(_("A vote is open: wait until it closes."))


def set_holder(meeting, member, holder, *, by_secretariat=False):
    """Give the member's card to one of its active people (None: nobody holds it). The
    secretariat may change it until a vote starts."""
    if holder is not None and (holder.member_id != member.pk or not holder.is_active):
        raise ValidationError(_("The card is held by an active person of the member itself."))
    with transaction.atomic():
        if by_secretariat:
            _no_open_vote(meeting)
        if holder is None:
            VotingCard.objects.filter(meeting=meeting, member=member).delete()
            return
        try:
            with transaction.atomic():
                VotingCard.objects.update_or_create(
                    meeting=meeting, member=member, defaults={"holder": holder}
                )
        except IntegrityError:
            # Two saves at once: the one whose insert lost takes the other's row.
            VotingCard.objects.filter(meeting=meeting, member=member).update(holder=holder)


def register(meeting, member, mode, by=None):
    """Register `member` present (in the hall or online); again, to change how."""
    if mode not in Attendance.Mode.values:
        raise ValidationError(_("Choose in the hall or online."))
    if not voters(meeting).filter(pk=member.pk).exists():
        raise ValidationError(_("Only members on the day of the meeting attend it."))
    try:
        with transaction.atomic():
            attendance, _created = Attendance.objects.update_or_create(
                meeting=meeting, member=member, defaults={"mode": mode, "registered_by": by}
            )
    except IntegrityError:
        attendance = Attendance.objects.get(meeting=meeting, member=member)
    return attendance


def unregister(meeting, member):
    Attendance.objects.filter(meeting=meeting, member=member).delete()


def presence(meeting):
    """Members present, members represented by proxy, and their weight, against the whole."""
    members = list(voters(meeting))
    present = set(Attendance.objects.filter(meeting=meeting).values_list("member_id", flat=True))
    by_proxy = set(
        Proxy.objects.filter(meeting=meeting, state=Proxy.State.ACTIVE)
        .exclude(grantor_id__in=present)
        .filter(holder_id__in=present)
        .values_list("grantor_id", flat=True)
    )
    weights = {m.pk: weight_of(m, meeting) for m in members}
    return {
        "members": len(members),
        "weight": sum(weights.values()),
        "present": len(present & weights.keys()),
        "present_weight": sum(weights[pk] for pk in present if pk in weights),
        "by_proxy": len(by_proxy & weights.keys()),
        "by_proxy_weight": sum(weights[pk] for pk in by_proxy if pk in weights),
    }


# Proxies


def proxies_allowed():
    return Association.current().proxies_per_holder > 0


def give_proxy(meeting, grantor, holder, by=None):
    """Member `grantor` lets member `holder` vote for it at `meeting`. No chains: a member
    that votes for others gives no proxy, and one that gave a proxy holds none."""
    limit = Association.current().proxies_per_holder
    if limit == 0:
        raise ValidationError(_("The association's rules allow no proxies."))
    if holder is None or holder.pk == grantor.pk:
        raise ValidationError({"holder": _("Choose another member.")})
    with transaction.atomic():
        # The lock first (a write, which SQLite and PostgreSQL both serialise): two members
        # giving their proxy to the same holder at once cannot pass its limit together.
        Member.objects.filter(pk=holder.pk).update(name=F("name"))
        _no_open_vote(meeting)
        eligible = set(
            voters(meeting).filter(pk__in=[grantor.pk, holder.pk]).values_list("pk", flat=True)
        )
        if holder.pk not in eligible:
            raise ValidationError({"holder": _("That member does not vote at this meeting.")})
        if grantor.pk not in eligible:
            raise ValidationError(_("Only members on the day of the meeting vote."))
        active = Proxy.objects.filter(meeting=meeting, state=Proxy.State.ACTIVE)
        if active.filter(grantor=grantor).exists():
            raise ValidationError(_("Your member has given a proxy already: withdraw it first."))
        if active.filter(holder=grantor).exists():
            raise ValidationError(
                _("Your member votes for another member already, so it cannot give a proxy.")
            )
        if active.filter(grantor=holder).exists():
            raise ValidationError({"holder": _("That member has let another member vote for it.")})
        if active.filter(holder=holder).count() >= limit:
            raise ValidationError(
                {
                    "holder": _("That member already votes for %(count)s other members.")
                    % {"count": limit}
                }
            )
        return Proxy.objects.create(meeting=meeting, grantor=grantor, holder=holder, created_by=by)


def end_proxy(proxy, state):
    """Withdrawn by its grantor, or refused by the secretariat: before a vote opens."""
    with transaction.atomic():
        _no_open_vote(proxy.meeting)
        updated = Proxy.objects.filter(pk=proxy.pk, state=Proxy.State.ACTIVE).update(state=state)
    if not updated:
        raise ValidationError(_("This proxy was ended already."))


def card_members(user, meeting):
    """The members `user` votes for at `meeting`: their own member, if they hold its card
    and it did not let another member vote for it, and every member that let it vote for
    them; each with its weight and whether by proxy."""
    if not getattr(user, "member_id", None) or not user.is_active:
        return []
    if not VotingCard.objects.filter(meeting=meeting, member_id=user.member_id, holder=user):
        return []
    active = Proxy.objects.filter(meeting=meeting, state=Proxy.State.ACTIVE)
    granted = active.filter(holder_id=user.member_id).values("grantor_id")
    gave = active.filter(grantor_id=user.member_id)
    own = Q(pk=user.member_id) & ~Q(Exists(gave))
    members = voters(meeting).filter(own | Q(pk__in=granted))
    rows = [
        (member, weight_of(member, meeting), member.pk != user.member_id)
        for member in members.order_by("name")
    ]
    rows.sort(key=lambda row: row[2])  # their own member first
    return rows


# The signed ballot: what card_members found, carried by the ballot form of a poll at the
# meeting, so that the vote need not find it again (three queries, a third of a vote's cost
# when every member votes at once).

BALLOT_SALT = "voting.ballot"


def sign_ballot(poll, user, member, weight):
    """The token of `user`'s ballot for `member` in `poll`, with the member's weight."""
    return signing.dumps([poll.pk, user.pk, member.pk, member.name, weight], salt=BALLOT_SALT)


def ballot_card(token, poll, user, member_pk):
    """The member (its id and name only) and weight a signed ballot gives `user` in `poll`,
    or None: then the caller asks card_members.

    Trusted only in a poll at the meeting: while it is open no proxy is given or withdrawn
    (_no_open_vote), and the ballot was signed while it was open, so the members the card
    votes for and their weights are the same now. Whether `user` still holds their own
    member's card is asked again (one small query): the contact person may pass it on."""
    if not token or poll.written:
        return None
    try:
        poll_pk, user_pk, signed_member, name, weight = signing.loads(token, salt=BALLOT_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if (poll_pk, user_pk, signed_member) != (poll.pk, user.pk, member_pk):
        return None
    holds = VotingCard.objects.filter(
        meeting_id=poll.meeting_id, member_id=user.member_id, holder_id=user.pk
    )
    if not getattr(user, "member_id", None) or not holds.exists():
        return None
    return Member(pk=signed_member, name=name), weight
