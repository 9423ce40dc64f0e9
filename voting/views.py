"""The members' voting pages. 'My municipality — voting cards': the contact person says, per
coming meeting, which of the member's people holds its voting card. The vote page: a card
holder votes for their member (and the members that gave it a proxy), registers it present
and gives or withdraws its proxy (withdrawing asks first: the server refuses it without)."""

import datetime as dt
import hashlib
import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, FilteredRelation, OuterRef, Q
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from agenda.models import Meeting
from alv import polling
from alv.access import object_id
from alv.confirmation import confirmed
from members import people
from members.models import Member
from members.views import contact_required, representative_required
from motions.models import Ballot
from voting import cards, polls
from voting.forms import ABSENT, AttendanceForm, ProxyForm
from voting.models import Attendance, Cast, Poll, Proxy, VotingCard


def _holders(member):
    return list(people.people_of(member).filter(is_active=True))


@contact_required
@require_http_methods(["GET", "POST"])
def voting_cards(request):
    member = request.user.member
    # The member gives its card until the meeting starts; then only the secretariat may.
    meetings = list(Meeting.objects.visible_to(request.user).not_started())
    holders = _holders(member)
    if request.method == "POST":
        meeting = next(
            (m for m in meetings if m.pk == object_id(request.POST.get("meeting"))), None
        )
        chosen = request.POST.get("holder", "")
        holder = next((p for p in holders if p.pk == object_id(chosen)), None)
        if meeting is None or (chosen and holder is None):
            return HttpResponseBadRequest(_("Choose a coming meeting and one of your colleagues."))
        cards.set_holder(meeting, member, holder)
        if holder is None:
            messages.success(
                request,
                _("Nobody holds the voting card for %(meeting)s now.") % {"meeting": meeting.title},
            )
        else:
            messages.success(
                request,
                _("%(name)s holds the voting card for %(meeting)s.")
                % {"name": holder.get_full_name() or holder.email, "meeting": meeting.title},
            )
        return redirect("voting:cards")
    held = {
        card.meeting_id: card.holder_id
        for card in VotingCard.objects.filter(member=member, meeting__in=meetings)
    }
    rows = [(meeting, held.get(meeting.pk)) for meeting in meetings]
    return render(
        request,
        "voting/cards.html",
        {"member": member, "rows": rows, "holders": holders},
    )


# The vote page: the voter's side of electronic voting (issue 19)

POLL_SECONDS = 1


def _meeting(request, pk):
    return get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)


def _speaks_for_member(user, meeting):
    """Whether `user` registers their member's attendance and proxy: its card holder at this
    meeting, or its contact person."""
    return people.is_contact_person(user) or (
        VotingCard.objects.filter(meeting=meeting, member_id=user.member_id, holder=user).exists()
    )


def _personal(request, pk):
    """What the vote fragment shows of the reader's own, for its validator: a digest of the
    members their card votes for, the open polls of the meeting and whether each takes votes
    now, and the votes of those members in them; and the next moment a written consultation
    begins or ends by the clock, which the papers' revision does not see. Asked only when
    the fragment is rendered: a vote the reader makes is answered with the fresh fragment;
    one made on another device, or a paper card, shows with the next change of the papers or
    a reload. Two queries, however many members and polls."""
    user = request.user
    if not getattr(user, "member_id", None):
        return "", 0
    now = timezone.now()
    holds = VotingCard.objects.filter(meeting_id=pk, member_id=user.member_id, holder_id=user.pk)
    active = Proxy.objects.filter(meeting_id=pk, state=Proxy.State.ACTIVE)
    granted = active.filter(holder_id=user.member_id).values("grantor_id")
    gave = active.filter(grantor_id=user.member_id)
    members = list(
        Member.objects.filter(Exists(holds))
        .filter((Q(pk=user.member_id) & ~Q(Exists(gave))) | Q(pk__in=granted))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    open_polls = (
        Poll.objects.filter(meeting_id=pk, state=Poll.State.OPEN)
        .annotate(mine=FilteredRelation("casts", condition=Q(casts__member_id__in=members)))
        .order_by("pk", "mine__member_id")
        .values_list("pk", "opens_at", "closes_at", "mine__member_id", "mine__receipt")
    )
    rows, moments = [], []
    for poll, opens_at, closes_at, member, receipt in open_polls:
        rows.append((poll, Poll.in_period(opens_at, closes_at, now), member, receipt))
        moments += [m for m in (opens_at, closes_at) if m is not None and m > now]
    until = int(min(moments).timestamp()) + 1 if moments else 0
    return hashlib.sha256(repr((members, rows)).encode()).hexdigest()[:16], until


_vote_etag = polling.etag("vote", _personal)


class _Error:
    """A refused vote, shown at its poll and card with the option that was chosen."""

    def __init__(self, poll_pk, member_pk, choice, error):
        self.poll_pk, self.member_pk, self.choice = poll_pk, member_pk, choice
        fields = getattr(error, "error_dict", None)
        if fields is None:
            self.choice_errors, self.messages = [], list(error.messages)
        else:
            by_field = {name: ValidationError(errors).messages for name, errors in fields.items()}
            self.choice_errors = by_field.pop("choice", [])
            self.messages = [m for field in by_field.values() for m in field]


def _ballots(request, meeting, error=None, voted=None):
    """The part of the vote page that changes: per poll that takes votes now, per card the
    user votes with, a ballot or the receipt of its vote; and the last result."""
    now = timezone.now()
    card_rows = cards.card_members(request.user, meeting)
    open_polls = list(
        Poll.objects.filter(meeting=meeting, state=Poll.State.OPEN).order_by("opens_at", "pk")
    )
    taking = [p for p in open_polls if p.takes_votes_at(now)]
    coming = [p for p in open_polls if p.opens_at > now]
    casts = {
        (cast.poll_id, cast.member_id): cast
        for cast in Cast.objects.filter(
            poll__in=[p.pk for p in taking], member__in=[m.pk for m, _w, _p in card_rows]
        )
    }
    labels = dict(Ballot.Choice.choices)
    entries = []
    shown_error = False
    for poll in taking:
        ballots = []
        for member, weight, by_proxy in card_rows:
            mine = (
                error
                if error and (error.poll_pk, error.member_pk) == (poll.pk, member.pk)
                else None
            )
            shown_error = shown_error or mine is not None
            cast = casts.get((poll.pk, member.pk))
            ballots.append(
                {
                    "member": member,
                    "weight": weight,
                    "by_proxy": by_proxy,
                    "cast": cast,
                    "choice_label": labels.get(cast.choice, "") if cast else "",
                    "error": mine,
                    "chosen": mine.choice if mine else "",
                    "just_voted": voted == (poll.pk, member.pk),
                    "card": ""
                    if poll.written
                    else cards.sign_ballot(poll, request.user, member, weight),
                }
            )
        entries.append(
            {
                "poll": poll,
                "options": [(str(c), labels[str(c)]) for c in poll.choices()],
                "ballots": ballots,
            }
        )
    last = (
        Poll.objects.filter(meeting=meeting, state=Poll.State.CLOSED)
        .order_by("-closed_at", "-pk")
        .first()
    )
    polling_on = meeting.is_live or any(p.written for p in open_polls)
    return {
        "meeting": meeting,
        "entries": entries,
        "coming": coming,
        "card_rows": card_rows,
        "result": polls.result(last) if last else None,
        "error": error if error and not shown_error else None,
        "poll_seconds": POLL_SECONDS,
        "polling_on": polling_on,
        "poll_headers": json.dumps({"If-None-Match": _vote_etag(request, meeting.pk)}),
    }


def _page(
    request,
    meeting,
    *,
    error=None,
    attendance_form=None,
    proxy_form=None,
    withdraw_refusal="",
    status=200,
):
    """The vote page. `withdraw_refusal`: why the proxy was not withdrawn, shown in its
    confirmation, open."""
    user = request.user
    member = user.member
    holder = cards.holder_of(meeting, member)
    proxies = Proxy.objects.filter(meeting=meeting, state=Proxy.State.ACTIVE)
    attendance = Attendance.objects.filter(meeting=meeting, member=member).first()
    allowed = cards.proxies_allowed()
    context = {
        "member": member,
        "holder": holder,
        "holds_card": holder is not None and holder.pk == user.pk,
        "is_contact": people.is_contact_person(user),
        "speaks_for_member": _speaks_for_member(user, meeting),
        "attendance": attendance,
        "attendance_form": attendance_form
        or AttendanceForm(initial={"mode": attendance.mode if attendance else ""}),
        "proxies_allowed": allowed,
        "proxy_form": proxy_form or ProxyForm(),
        "withdraw_refusal": withdraw_refusal,
        "given": proxies.filter(grantor=member).select_related("holder").first(),
        "held": list(
            proxies.filter(holder=member).select_related("grantor").order_by("grantor__name")
        ),
        "others": list(cards.voters(meeting).exclude(pk=member.pk).order_by("name"))
        if allowed
        else [],
        **_ballots(request, meeting, error=error),
    }
    return render(request, "voting/vote.html", context, status=status)


@representative_required
@require_safe
def votes(request):
    """ "Vote" in the menu: the vote page of the meeting where the reader holds their member's
    card and a vote can be open now (the meeting's day, or a written consultation); else the
    meetings from today on, and those with a written consultation open, to choose from."""
    user = request.user
    today = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))
    consulting = Q(polls__written=True, polls__state=Poll.State.OPEN)
    meetings = list(
        Meeting.objects.visible_to(user)
        .filter(Q(starts_at__gte=today) | Q(current_item__isnull=False) | consulting)
        .annotate(
            holds=Exists(
                VotingCard.objects.filter(
                    meeting=OuterRef("pk"), member_id=user.member_id, holder=user
                )
            )
        )
        .distinct()
        .order_by("starts_at")
    )
    consulted = set(
        Poll.objects.filter(meeting__in=meetings, written=True, state=Poll.State.OPEN).values_list(
            "meeting_id", flat=True
        )
    )
    now = [m for m in meetings if m.holds and (m.is_live or m.pk in consulted)]
    if len(now) == 1:
        return redirect("voting:vote", now[0].pk)
    rows = [(m, m.pk in consulted) for m in meetings]
    return render(request, "voting/votes.html", {"rows": rows})


@representative_required
@require_safe
def vote(request, pk):
    """The vote page of a member's person: their card, their member's attendance and proxies,
    and the votes that are open."""
    return _page(request, _meeting(request, pk))


@polling.polled("vote", _personal)
@representative_required
def fragment(request, pk):
    """The open votes and the last result, polled every second. Answers 304 while neither the
    papers' revision nor the reader's own cards and votes changed (see _personal)."""
    meeting = _meeting(request, pk)
    return render(request, "voting/_ballots.html", _ballots(request, meeting))


@representative_required
def cast(request, pk, poll_pk):
    """A card votes. Counted only once polls.cast_vote returned: it commits inside."""
    # The poll with its meeting, if the reader may see it, in one query: another meeting's
    # poll, or a meeting the reader may not see, is a 404 whatever the method.
    visible = Meeting.visibility_q(request.user, "meeting__")
    poll = get_object_or_404(
        Poll.objects.filter(visible).select_related("meeting"), pk=poll_pk, meeting_id=pk
    )
    meeting = poll.meeting
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    member_pk = object_id(request.POST.get("member"))
    member, weight = cards.ballot_card(
        request.POST.get("card"), poll, request.user, member_pk
    ) or next(
        ((m, w) for m, w, _p in cards.card_members(request.user, meeting) if m.pk == member_pk),
        (None, None),
    )
    if member is None:
        raise PermissionDenied(_("You do not vote for this member at this meeting."))
    choice = request.POST.get("choice", "")
    try:
        outcome = polls.cast_vote(poll, member, choice, request.user, weight=weight)
    except ValidationError as error:
        refused = _Error(poll.pk, member.pk, choice, error)
        if request.htmx:
            return render(
                request, "voting/_ballots.html", _ballots(request, meeting, error=refused)
            )
        return _page(request, meeting, error=refused, status=400)
    if request.htmx:
        voted = (poll.pk, member.pk)
        return render(request, "voting/_ballots.html", _ballots(request, meeting, voted=voted))
    text = {
        polls.Outcome.CHANGED: _(
            "Your vote for %(member)s on %(title)s was changed. Receipt code: %(receipt)s."
        ),
    }.get(
        outcome.status,
        _("Your vote for %(member)s on %(title)s was counted. Receipt code: %(receipt)s."),
    )
    messages.success(
        request,
        text % {"member": member.name, "title": poll.title, "receipt": outcome.cast.receipt},
    )
    return redirect(reverse("voting:vote", args=[meeting.pk]) + "#votes")


def _back(meeting, anchor):
    return redirect(reverse("voting:vote", args=[meeting.pk]) + anchor)


@representative_required
@require_POST
def attend(request, pk):
    """The member's card holder or contact person registers it present, or not."""
    meeting = _meeting(request, pk)
    if not _speaks_for_member(request.user, meeting):
        raise PermissionDenied
    form = AttendanceForm(request.POST)
    if form.is_valid():
        member, mode = request.user.member, form.cleaned_data["mode"]
        try:
            if mode == ABSENT:
                cards.unregister(meeting, member)
                messages.success(
                    request, _("%(member)s is not registered as present.") % {"member": member.name}
                )
            else:
                attendance = cards.register(meeting, member, mode, by=request.user)
                messages.success(
                    request,
                    _("%(member)s is registered as present %(mode)s.")
                    % {"member": member.name, "mode": attendance.get_mode_display()},
                )
            return _back(meeting, "#attendance")
        except ValidationError as error:
            form.add_error("mode", error.messages)
    return _page(request, meeting, attendance_form=form, status=400)


@representative_required
@require_POST
def give_proxy(request, pk):
    """The member lets another member vote for it at this meeting (a machtiging)."""
    meeting = _meeting(request, pk)
    if not _speaks_for_member(request.user, meeting):
        raise PermissionDenied
    form = ProxyForm(request.POST)
    if form.is_valid():
        try:
            proxy = cards.give_proxy(
                meeting, request.user.member, form.cleaned_data["holder"], by=request.user
            )
        except ValidationError as error:
            fields = getattr(error, "error_dict", None)
            if fields:
                for name, errors in fields.items():
                    form.add_error("holder" if name == "holder" else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _("%(holder)s votes for %(member)s at this meeting.")
                % {"holder": proxy.holder.name, "member": proxy.grantor.name},
            )
            return _back(meeting, "#proxies")
    return _page(request, meeting, proxy_form=form, status=400)


@representative_required
def withdraw_proxy(request, pk, proxy_pk):
    """The member takes back its proxy, once confirmed: the page asks first."""
    meeting = _meeting(request, pk)
    if not _speaks_for_member(request.user, meeting):
        raise PermissionDenied
    proxy = get_object_or_404(
        Proxy.objects.select_related("meeting", "holder"),
        pk=proxy_pk,
        meeting=meeting,
        grantor_id=request.user.member_id,
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not confirmed(request):
        refusal = _(
            "Nothing was withdrawn: confirm first that %(holder)s is no longer to vote for "
            "%(member)s."
        ) % {"holder": proxy.holder.name, "member": request.user.member.name}
        return _page(request, meeting, withdraw_refusal=refusal, status=400)
    try:
        cards.end_proxy(proxy, Proxy.State.WITHDRAWN)
    except ValidationError as error:
        form = ProxyForm()
        form.add_error(None, error.messages)
        return _page(request, meeting, proxy_form=form, status=400)
    messages.success(
        request,
        _("%(holder)s no longer votes for %(member)s.")
        % {"holder": proxy.holder.name, "member": request.user.member.name},
    )
    return _back(meeting, "#proxies")
