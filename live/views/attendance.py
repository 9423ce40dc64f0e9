"""Attendance at the door: per member of the meeting its weight, who holds its voting card,
whether it is present (in the hall or online), and the proxies (machtigingen), which the
secretariat may refuse (after confirming it). In a fixed number of queries, whatever the number
of members. A refused row comes back as sent, its errors at its fields."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alv.access import get_for_meeting, object_id, secretariat_required
from alv.confirmation import confirmed, require_confirmation
from live.views import meeting_day as day
from voting import cards
from voting.models import Attendance, Proxy, VotingCard

ABSENT = "absent"


def _rows(meeting, members):
    """Per member: weight, card holder, the people who may hold the card, presence."""
    people = defaultdict(list)
    for person in (
        get_user_model()
        .objects.filter(member_id__in=[m.pk for m in members], is_active=True)
        .order_by("last_name", "first_name", "email")
    ):
        people[person.member_id].append(person)
    holders = dict(VotingCard.objects.filter(meeting=meeting).values_list("member_id", "holder_id"))
    modes = dict(Attendance.objects.filter(meeting=meeting).values_list("member_id", "mode"))
    return [
        {
            "member": member,
            "weight": cards.weight_of(member, meeting),
            "holder_id": holders.get(member.pk),
            "people": people[member.pk],
            "presence": modes.get(member.pk, ABSENT),
            "holder_error": "",
            "presence_error": "",
            "errors": [],  # of the row as a whole
            "errors_id": f"member-{member.pk}-error",
        }
        for member in members
    ]


def _render(request, meeting, rows=None, proxy_errors=None, status=200):
    if rows is None:
        rows = _rows(meeting, list(cards.voters(meeting).order_by("name")))
    proxy_errors = proxy_errors or {}
    proxies = list(
        Proxy.objects.filter(meeting=meeting)
        .select_related("grantor", "holder")
        .order_by("grantor__name", "-created_at")
    )
    for proxy in proxies:
        proxy.errors = proxy_errors.get(proxy.pk, [])
        proxy.errors_id = f"proxy-{proxy.pk}-errors"
    return render(
        request,
        "live/attendance.html",
        {
            "meeting": meeting,
            "rows": rows,
            "presence": cards.presence(meeting),
            "proxies": proxies,
            "proxies_allowed": cards.proxies_allowed(),
            "vote_open": cards.a_vote_is_open(meeting),
            "modes": [*Attendance.Mode.choices, (ABSENT, _("absent"))],
        },
        status=status,
    )


def _save(meeting, member, holder, presence, by):
    """One member's row: its card holder (only when changed: refused while a vote is open)
    and its presence; both or neither."""
    with transaction.atomic():
        current = VotingCard.objects.filter(meeting=meeting, member=member)
        current = current.values_list("holder_id", flat=True).first()
        if getattr(holder, "pk", None) != current:
            cards.set_holder(meeting, member, holder, by_secretariat=True)
        if presence == ABSENT:
            cards.unregister(meeting, member)
        else:
            cards.register(meeting, member, presence, by)


@secretariat_required
@require_http_methods(["GET", "HEAD", "POST"])
def attendance(request, pk):
    meeting = day._meeting(request, pk)
    if request.method != "POST":
        return _render(request, meeting)
    member = get_object_or_404(cards.voters(meeting), pk=object_id(request.POST.get("member")))
    chosen_holder = request.POST.get("holder", "")
    presence = request.POST.get("presence", "")
    holder = None
    errors = {}
    if chosen_holder:
        holder = (
            get_user_model()
            .objects.filter(member=member, is_active=True, pk=object_id(chosen_holder))
            .first()
        )
        if holder is None:
            errors["holder_error"] = _("Choose one of the member's active people.")
    if presence not in (*Attendance.Mode.values, ABSENT):
        errors["presence_error"] = _("Choose in the hall, online or absent.")
    if not errors:
        try:
            _save(meeting, member, holder, presence, request.user)
        except ValidationError as invalid:
            errors["errors"] = list(invalid.messages)
        else:
            url = reverse("live:attendance", args=[meeting.pk])
            return redirect(f"{url}#member-{member.pk}")
    # The row as it was sent, with its errors at its fields; the others as stored.
    rows = _rows(meeting, list(cards.voters(meeting).order_by("name")))
    for row in rows:
        if row["member"].pk == member.pk:
            row.update(holder_id=object_id(chosen_holder), presence=presence or ABSENT, **errors)
            # The first field to correct takes the focus (the row's message, if none).
            row["autofocus"] = next(iter(errors))
    return _render(request, meeting, rows=rows, status=400)


@secretariat_required
def refuse_proxy(request, pk, proxy_pk):
    """The secretariat refuses a proxy (before a vote opens), once it confirmed it: the
    secretariat cannot undo a refusal, only the member can give a proxy again."""
    meeting = day._meeting(request, pk)
    proxy = get_for_meeting(Proxy.objects.all(), meeting, pk=proxy_pk)
    if response := day._not_a_post(request):
        return response
    try:
        if not confirmed(request) and cards.a_vote_is_open(meeting):
            # The reason that holds whether confirmed or not.
            raise ValidationError(_("A vote is open: wait until it closes."))
        require_confirmation(
            request, _("Nothing was refused: confirm first that this proxy is to be refused.")
        )
        cards.end_proxy(proxy, Proxy.State.REFUSED)
    except ValidationError as invalid:
        proxy_errors = {proxy.pk: list(invalid.messages)}
        return _render(request, meeting, proxy_errors=proxy_errors, status=400)
    return redirect(reverse("live:attendance", args=[meeting.pk]) + "#proxies")
