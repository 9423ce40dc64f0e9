from django.contrib import admin

from agenda.models import (
    AgendaItem,
    Attachment,
    Clause,
    Meeting,
    Resolution,
    ResolutionSubmitter,
    ResolutionVersion,
)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ("position", "parent", "title", "kind", "is_standard", "is_follow_up")
    extra = 0
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "starts_at", "location", "published_at", "visibility")
    list_filter = ("kind", "visibility", "published_at")
    search_fields = ("title", "location")
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline]


class ResolutionInline(admin.TabularInline):
    model = Resolution
    fields = ("position", "title", "submitted_by_board", "status")
    extra = 0
    show_change_link = True


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ("__str__", "meeting", "kind", "is_standard", "is_follow_up")
    list_filter = ("meeting", "kind", "is_follow_up")
    search_fields = ("title", "text")
    list_select_related = ("meeting", "parent")
    inlines = [ResolutionInline]


class ResolutionSubmitterInline(admin.TabularInline):
    model = ResolutionSubmitter
    autocomplete_fields = ("member",)
    extra = 0


class ResolutionVersionInline(admin.TabularInline):
    model = ResolutionVersion
    fields = ("number", "label", "published_at")
    extra = 0
    show_change_link = True


@admin.register(Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    list_display = ("title", "agenda_item", "submitted_by_board", "status")
    list_filter = ("agenda_item__meeting", "status", "submitted_by_board")
    search_fields = ("title",)
    list_select_related = ("agenda_item__parent",)
    inlines = [ResolutionSubmitterInline, ResolutionVersionInline]


class ClauseInline(admin.TabularInline):
    model = Clause
    fields = ("position", "text")
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


@admin.register(ResolutionVersion)
class ResolutionVersionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "label", "published_at")
    list_filter = ("resolution__agenda_item__meeting",)
    search_fields = ("resolution__title", "intro", "explanation", "clauses__text")
    list_select_related = ("resolution",)
    inlines = [ClauseInline, AttachmentInline]
