from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookConfig(AppConfig):
    name = "book"
    verbose_name = _("Meeting book")

    def ready(self):
        from alv import freshness
        from book import refresh

        # Every committed change of the papers keeps the stored books current (book.refresh).
        freshness.after_papers_written(refresh.papers_written)
