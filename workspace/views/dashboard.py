"""A meeting's status page: what it is, and what is missing before publication."""

from django.views.decorators.http import require_GET

from workspace.access import secretariat_or_board_required
from workspace.views.common import meeting_or_404, page_or_fragment


@secretariat_or_board_required
@require_GET
def dashboard(request, pk):
    meeting = meeting_or_404(request, pk)
    context = {"meeting": meeting, "section": "dashboard"}
    return page_or_fragment(request, "workspace/dashboard.html", "status", context)
