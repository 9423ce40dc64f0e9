from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from alv.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, (_("Member"), {"fields": ("member",)}))
    list_display = ("username", "email", "member", "is_staff")
    list_filter = (*DjangoUserAdmin.list_filter, "groups")
    autocomplete_fields = ("member",)
