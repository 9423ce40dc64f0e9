from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


class AlvConfig(AppConfig):
    name = "alv"
    verbose_name = _("General assembly")

    def ready(self):
        from alv import freshness, search

        search.register()
        connection_created.connect(freshness.install, dispatch_uid="alv.freshness")
        pre_migrate.connect(freshness.pause, dispatch_uid="alv.freshness.pause")
        post_migrate.connect(freshness.resume, dispatch_uid="alv.freshness.resume")
