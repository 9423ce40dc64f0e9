from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The secretariat's working surface: meetings, agenda, resolutions, motions, amendments,
    pre-advice and publication, edited in the browser. It has no models of its own: it
    changes the models of `agenda` and `motions` through their methods."""

    name = "workspace"
    verbose_name = _("Secretariat workspace")
