"""Asking first (issue 22): destructive and far-reaching actions wait for a confirmation.

Such an action stands folded on its page in a confirmation (`<details class="alv-confirm">`)
that says what will happen, with a red button that sends `confirm=1`. Its view refuses the
action without that field, changes nothing and says so; the page then shows the confirmation
open, with the refusal in it. Every such view asks here, so they all ask the same way:

    require_confirmation(request, _("Nothing was deleted: confirm first that ..."))

raises `Unconfirmed` (a ValidationError) for a view whose refusals are exceptions, and
`confirmed(request)` answers the question for one that redirects instead."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FIELD = "confirm"


class Unconfirmed(ValidationError):
    """An action refused for want of its confirmation: nothing was changed. Its message says
    so; a page shows it in the action's confirmation, open."""


def confirmed(request):
    """Whether the POST came from the red button of the action's confirmation."""
    return request.POST.get(FIELD) == "1"


def require_confirmation(request, refusal):
    """Refuse the action unless `request` confirms it: raises Unconfirmed with `refusal`,
    which says that nothing happened and why."""
    if not confirmed(request):
        raise Unconfirmed(refusal)


def nothing_withdrawn():
    """The refusal of an unconfirmed withdrawal of what members read: the papers, the
    pre-advice, the decision list."""
    return _("Nothing was withdrawn: read what withdrawing does, then confirm it.")
