from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PapersConfig(AppConfig):
    """The meeting papers assembled once for every page, book and export: what a reader
    sees of a meeting (`contents`), the record of what it decided (`decisions`), and the demo
    meeting built from the seed (`demo`, `manage.py load_demo`). No models of its own."""

    name = "papers"
    verbose_name = _("Meeting papers")
