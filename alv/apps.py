from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate, pre_save
from django.utils.translation import gettext_lazy as _


class AlvConfig(AppConfig):
    name = "alv"
    verbose_name = _("General assembly")

    def ready(self):
        from django.urls import register_converter

        from alv import access, freshness, search, second_factor, text

        # Before any URLconf is loaded: every app's urls.py takes ids as <id:pk>.
        register_converter(access.IdConverter, "id")
        search.register()
        pre_save.connect(text.clean_text_fields, dispatch_uid="alv.text")
        connection_created.connect(freshness.install, dispatch_uid="alv.freshness")
        pre_migrate.connect(freshness.pause, dispatch_uid="alv.freshness.pause")
        post_migrate.connect(freshness.resume, dispatch_uid="alv.freshness.resume")
        user_logged_in.connect(second_factor.remember_at_login, dispatch_uid="alv.second_factor")
