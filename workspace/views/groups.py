"""Groups of submitters ("Regio Twente"): a motion submitted by a group that is not one member.
The secretariat names a group on a motion (the submitter picker makes it); here it links the
group to the members it consists of, whose pages then show its motions."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from alv.access import secretariat_required
from members.models import SubmitterGroup
from workspace.forms import SubmitterGroupForm
from workspace.views.common import posted


@secretariat_required
@require_GET
def group_list(request):
    groups = (
        SubmitterGroup.objects.annotate(proposal_count=Count("proposals", distinct=True))
        .prefetch_related("members")
        .order_by("name")
    )
    return render(request, "workspace/groups.html", {"groups": groups})


@secretariat_required
@require_http_methods(["GET", "POST"])
def group_new(request):
    return _edit(request, SubmitterGroup())


@secretariat_required
@require_http_methods(["GET", "POST"])
def group_edit(request, pk):
    return _edit(request, get_object_or_404(SubmitterGroup, pk=pk))


def _edit(request, group):
    form = SubmitterGroupForm(posted(request), instance=group)
    if request.method == "POST" and form.is_valid() and form.save_checked():
        messages.success(request, _("The group %(name)s is saved.") % {"name": group.name})
        return redirect("workspace:groups")
    return render(request, "workspace/group_edit.html", {"form": form, "group": group})
