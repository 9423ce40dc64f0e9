from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlvConfig(AppConfig):
    name = "alv"
    verbose_name = _("General assembly")

    def ready(self):
        from alv import search

        search.register()
