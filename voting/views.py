"""'My municipality — voting cards': the contact person says, per coming meeting, which of the
member's people holds its voting card."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agenda.models import Meeting
from alv.access import object_id
from members import people
from members.views import contact_required
from voting.models import VotingCard


def _holders(member):
    return list(people.people_of(member).filter(is_active=True))


def _give_card(meeting, member, holder):
    """Set the holder; two contact persons saving at once both end with one card (the one
    whose insert loses takes the other's row)."""
    try:
        with transaction.atomic():
            VotingCard.objects.update_or_create(
                meeting=meeting, member=member, defaults={"holder": holder}
            )
    except IntegrityError:
        VotingCard.objects.filter(meeting=meeting, member=member).update(holder=holder)


@contact_required
@require_http_methods(["GET", "POST"])
def voting_cards(request):
    member = request.user.member
    meetings = list(Meeting.objects.visible_to(request.user).upcoming())
    holders = _holders(member)
    if request.method == "POST":
        meeting = next(
            (m for m in meetings if m.pk == object_id(request.POST.get("meeting"))), None
        )
        chosen = request.POST.get("holder", "")
        holder = next((p for p in holders if p.pk == object_id(chosen)), None)
        if meeting is None or (chosen and holder is None):
            return HttpResponseBadRequest(_("Choose a coming meeting and one of your colleagues."))
        with transaction.atomic():
            if holder is None:
                VotingCard.objects.filter(meeting=meeting, member=member).delete()
                messages.success(
                    request,
                    _("Nobody holds the voting card for %(meeting)s now.")
                    % {"meeting": meeting.title},
                )
            else:
                _give_card(meeting, member, holder)
                messages.success(
                    request,
                    _("%(name)s holds the voting card for %(meeting)s.")
                    % {"name": holder.get_full_name() or holder.email, "meeting": meeting.title},
                )
        return redirect("voting:cards")
    cards = {
        card.meeting_id: card.holder_id
        for card in VotingCard.objects.filter(member=member, meeting__in=meetings)
    }
    rows = [(meeting, cards.get(meeting.pk)) for meeting in meetings]
    return render(
        request,
        "voting/cards.html",
        {"member": member, "rows": rows, "holders": holders},
    )
