"""Where a member's people find the vote page from the meeting page."""

from django import template

from voting.models import Poll

register = template.Library()


@register.simple_tag
def written_consultation_open(meeting):
    """Whether a written consultation of `meeting` is open. Opening and closing one raise the
    papers' revision, so a page cached under it (alv.pagecache) may show the answer."""
    return Poll.objects.filter(meeting=meeting, written=True, state=Poll.State.OPEN).exists()
