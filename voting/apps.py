from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "voting"
    verbose_name = _("Voting")

    def ready(self):
        # The ground floor asks its rules who needs a second factor; this floor adds one.
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save

        from alv import access
        from voting.rules import holds_a_card_that_needs_a_second_factor
        from voting.signals import cards_follow_their_holder

        if holds_a_card_that_needs_a_second_factor not in access.SECOND_FACTOR_REQUIRED_FOR:
            access.SECOND_FACTOR_REQUIRED_FOR.append(holds_a_card_that_needs_a_second_factor)
        post_save.connect(
            cards_follow_their_holder, sender=get_user_model(), dispatch_uid="voting-cards"
        )
