"""A person's sign-in security, for the secretariat: resetting the second factor of someone who
lost their phone and their recovery codes. The reset is recorded in the admin log (who, whom,
when)."""

from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alv import second_factor
from alv.access import secretariat_required

RESET_LOG_MESSAGE = "Second factor reset by the secretariat"


@secretariat_required
@require_http_methods(["GET", "POST"])
def second_factor_reset(request, pk):
    """GET: the confirmation; POST: remove the person's devices and recovery codes. They set
    up a new one at their next login (required roles) or when they like (everyone else)."""
    person = get_object_or_404(get_user_model(), pk=pk)
    if request.method == "POST":
        second_factor.remove(person)
        LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=[person],
            action_flag=CHANGE,
            change_message=RESET_LOG_MESSAGE,
            single_object=True,
        )
        messages.success(
            request,
            _("The second factor of %(name)s is reset.") % {"name": person.get_username()},
        )
        return redirect("workspace:person_second_factor_reset", pk=person.pk)
    return render(
        request,
        "workspace/person_second_factor_reset.html",
        {"person": person, "has_device": second_factor.has_device(person)},
    )
