from django.contrib import admin

from motions.models import (
    Amendment,
    FollowUp,
    FollowUpReport,
    FollowUpTrack,
    HoldOver,
    Motion,
    MotionPart,
    PreAdvice,
    ProposalSubmitter,
)


class SubmitterInline(admin.TabularInline):
    model = ProposalSubmitter
    autocomplete_fields = ("member",)
    extra = 0


class PreAdviceInline(admin.StackedInline):
    model = PreAdvice
    fk_name = "proposal"
    fields = ("value", "rationale", "state", "settled_at", "published_at", "response")
    extra = 0


class MotionPartInline(admin.TabularInline):
    model = MotionPart
    fields = ("position", "kind", "text")
    extra = 0


class ProposalAdmin(admin.ModelAdmin):
    list_display = ("__str__", "agenda_item", "status", "is_draft", "is_late")
    list_filter = ("meeting", "status", "is_draft", "is_late", "pre_advice__value")
    search_fields = ("title", "submitters__name", "explanation")
    list_select_related = ("agenda_item__parent",)


@admin.register(Motion)
class MotionAdmin(ProposalAdmin):
    search_fields = (*ProposalAdmin.search_fields, "parts__text")
    inlines = [SubmitterInline, MotionPartInline, PreAdviceInline]


@admin.register(Amendment)
class AmendmentAdmin(ProposalAdmin):
    search_fields = (*ProposalAdmin.search_fields, "new_text")
    inlines = [SubmitterInline, PreAdviceInline]


class FollowUpPreAdviceInline(PreAdviceInline):
    fk_name = "follow_up"


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("motion", "agenda_item", "theme", "proposed_decision", "decision")
    list_filter = ("agenda_item__meeting", "proposed_decision", "decision")
    search_fields = ("motion__title", "theme", "report")
    inlines = [FollowUpPreAdviceInline]


@admin.register(PreAdvice)
class PreAdviceAdmin(admin.ModelAdmin):
    list_display = ("__str__", "proposal", "follow_up", "state", "published_at")
    list_filter = ("value", "state")
    search_fields = ("rationale", "proposal__title")


class FollowUpReportInline(admin.StackedInline):
    model = FollowUpReport
    fields = ("date", "text", "proposed_decision")
    extra = 0


@admin.register(FollowUpTrack)
class FollowUpTrackAdmin(admin.ModelAdmin):
    list_display = ("motion", "state", "theme", "updated_at")
    list_filter = ("state", "theme")
    search_fields = ("motion__title", "theme")
    list_select_related = ("motion",)
    inlines = [FollowUpReportInline]


@admin.register(HoldOver)
class HoldOverAdmin(admin.ModelAdmin):
    list_display = ("proposal", "from_item", "to_item", "placed_at")
    list_select_related = ("proposal", "from_item__parent", "to_item__parent")
