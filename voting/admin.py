from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from voting.models import VotingCard


@admin.register(VotingCard)
class VotingCardAdmin(SimpleHistoryAdmin):
    list_display = ("meeting", "member", "holder")
    list_filter = ("meeting",)
    search_fields = ("member__name", "holder__email")
