from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from alv.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            _("Member"),
            {
                "fields": (
                    "member",
                    "function",
                    "is_contact",
                    "language",
                    "invited_by",
                    "invited_at",
                )
            },
        ),
    )
    readonly_fields = ("invited_by", "invited_at")
    list_display = ("username", "email", "member", "function", "is_contact", "is_active")
    list_filter = (*DjangoUserAdmin.list_filter, "groups", "is_contact")
    autocomplete_fields = ("member",)
