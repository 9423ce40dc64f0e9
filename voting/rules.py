"""Who must sign in with a second factor because they vote for a member."""

import datetime as dt

from django.utils import timezone

from alv.models import Association
from voting.models import VotingCard


def holds_a_card_that_needs_a_second_factor(user):
    """Where the association asks it: whoever holds a member's voting card for a meeting that
    has not passed yet."""
    if not Association.current().card_holders_need_second_factor:
        return False

    # Until the day after the meeting: a meeting day runs late.
    since = timezone.now() - dt.timedelta(days=1)
    return VotingCard.objects.filter(holder=user, meeting__starts_at__gte=since).exists()
