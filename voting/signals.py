"""A voting card follows its holder: a person who is deactivated, or who moves to another
member, no longer holds a card for a meeting still to come (the card of a meeting held stays,
as the record of who voted then)."""

from django.utils import timezone

from voting.models import VotingCard


def cards_follow_their_holder(sender, instance, **kwargs):
    cards = VotingCard.objects.filter(holder=instance, meeting__starts_at__gte=timezone.now())
    if instance.is_active:
        cards = cards.exclude(member_id=instance.member_id)
    cards.delete()
