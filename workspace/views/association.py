"""The association: its name, logo, colours, the opening formula of a motion, how votes weigh,
the deadline rule and the kinds of member it has (alv.models.Association). The secretariat's."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alv.access import secretariat_required
from alv.models import Association
from workspace.forms import AssociationForm


@secretariat_required
@require_http_methods(["GET", "POST"])
def association_edit(request):
    association = Association.current(request)
    if request.method == "POST":
        # A fresh copy: the one kept for pages must not take the form's unsaved values.
        association = Association.objects.get(pk=association.pk)
        form = AssociationForm(request.POST, request.FILES, instance=association)
        with transaction.atomic():
            saved = form.is_valid() and form.save_checked()
        if saved:
            messages.success(request, _("The association is saved."))
            return redirect("workspace:association")
    else:
        form = AssociationForm(instance=association)
    return render(
        request,
        "workspace/association.html",
        {"form": form, "association": Association.current(request)},
    )
