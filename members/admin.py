from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from members.models import Member, Population, SubmitterGroup


class PopulationInline(admin.TabularInline):
    model = Population
    extra = 0


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "kind", "province", "member_from", "member_until")
    list_filter = ("kind", "province")
    search_fields = ("name", "code")
    filter_horizontal = ("successors",)
    inlines = [PopulationInline]


@admin.register(SubmitterGroup)
class SubmitterGroupAdmin(SimpleHistoryAdmin):
    search_fields = ("name",)
    filter_horizontal = ("members",)
