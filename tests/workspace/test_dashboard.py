import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from agenda.models import Meeting, Resolution
from motions.models import PreAdvice, Proposal
from tests import factories as f
from tests.workspace.util import HTMX, assert_refused, html

pytestmark = pytest.mark.django_db


@pytest.fixture
def preparing():
    """A meeting being prepared: one resolution in draft, motions in every pre-advice state."""
    meeting = f.meeting(published=False, visibility=Meeting.Visibility.PUBLIC)
    item = f.item(meeting, "Asiel")
    other = f.item(meeting, "Wmo")
    resolution = f.resolution(item, "Congruent asielbeleid", published=False)
    motions = {
        "missing": f.motion(item, "Zonder preadvies"),
        "draft": f.motion(item, "Concept", advice="neutraal", published_advice=False),
        "settled": f.motion(other, "Vastgesteld", advice="overnemen", published_advice=False),
        "hidden": f.motion(other, "Nog concept", is_draft=True),
    }
    advice = motions["settled"].pre_advice
    advice.settle(advice.revision)
    return meeting, resolution, motions


def publication_url(meeting):
    return reverse("workspace:publication", args=[meeting.pk])


def dashboard_url(meeting):
    return reverse("workspace:dashboard", args=[meeting.pk])


def test_publishing_is_the_secretariats_alone(member, board, preparing):
    meeting, _resolution, _motions = preparing
    for action in ("publish", "publish_pre_advice"):
        assert_refused(
            publication_url(meeting), "post", {"action": action}, member=member, board=board
        )
    meeting.refresh_from_db()
    assert meeting.published_at is None
    assert not PreAdvice.objects.filter(published_at__isnull=False).exists()


def test_the_board_reads_the_dashboard_without_publish_buttons(board, preparing):
    meeting, _resolution, _motions = preparing
    page = html(board.get(dashboard_url(meeting)))
    assert "Before publication" in page and 'id="publish-papers"' not in page


def test_the_dashboard_lists_what_is_missing_before_publication(secretariat, preparing):
    meeting, resolution, motions = preparing
    page = html(secretariat.get(dashboard_url(meeting)))
    checks = page[page.index('id="checks-heading"') : page.index('id="counts-heading"')]
    assert "Deadline for motions" in checks and "not set" in checks
    assert "1 motion or amendment without pre-advice" in checks
    assert motions["missing"].display_name in checks
    assert "1 pre-advice not settled by the board" in checks and "Concept" in checks
    assert (
        "Resolutie “Congruent asielbeleid”" in checks and "its current version is a draft" in checks
    )
    assert "1 draft motion or amendment (it stays unpublished)" in checks
    summary = " ".join(page.split())
    assert (
        "Pre-advice: 0 published, 1 settled but not published, 1 draft (not settled), "
        "1 still to follow." in summary
    )


def test_the_dashboard_counts_per_agenda_item(secretariat, preparing):
    meeting, resolution, _motions = preparing
    f.amendment(resolution.agenda_item, resolution)
    page = html(secretariat.get(dashboard_url(meeting)))
    row = page[page.index(f'id="counts-{resolution.agenda_item_id}"') :].split("</tr>")[0]
    cells = [c.split("</td>")[0] for c in row.split('utrecht-table__cell--numeric">')[1:]]
    assert cells == [
        "1",
        "2",
        "1",
        "0",
        "2",
    ]  # resolutions, motions, amendments, follow-ups, without


def test_a_complete_meeting_has_nothing_missing(secretariat):
    starts = timezone.now() + dt.timedelta(days=60)
    meeting = f.meeting(
        published=False,
        motion_deadline=starts - dt.timedelta(days=13),
        amendment_deadline=starts - dt.timedelta(days=13),
    )
    meeting.starts_at = starts
    meeting.save()
    item = f.item(meeting, "Asiel")
    f.resolution(item, published=True)
    motion = f.motion(item, "Klaar", advice="overnemen", published_advice=False)
    motion.pre_advice.settle(motion.pre_advice.revision)
    assert "Nothing is missing." in html(secretariat.get(dashboard_url(meeting)))


def test_the_dashboard_query_count_does_not_grow_with_the_meeting(
    secretariat, django_assert_max_num_queries
):
    meeting = f.meeting()
    for n in range(5):
        item = f.item(meeting, f"Punt {n}")
        resolution = f.resolution(item)
        f.amendment(item, resolution)
        for m in range(6):
            f.motion(item, f"Motie {n}-{m}", advice="overnemen" if m % 2 else None)
    with django_assert_max_num_queries(20):
        secretariat.get(dashboard_url(meeting))


def test_publishing_the_papers_publishes_the_current_resolution_versions(
    secretariat, member, preparing
):
    meeting, resolution, motions = preparing
    detail = reverse("meeting_detail", args=[meeting.pk])
    assert member.get(detail).status_code == 404
    fragment = html(secretariat.post(publication_url(meeting), {"action": "publish"}, **HTMX))
    assert fragment.lstrip().startswith('<div id="status">')
    assert "The papers are published: members can read them now." in fragment
    meeting.refresh_from_db()
    resolution.refresh_from_db()
    assert meeting.is_published and not resolution.current_version.is_draft
    page = html(member.get(detail))
    assert "Eerste." in page and "Vastgesteld" in page
    assert "Nog concept" not in page  # a draft motion stays unpublished
    assert "overnemen" not in page  # settled, but its pre-advice is not published yet


def test_pre_advice_is_published_separately_and_only_when_settled(secretariat, preparing):
    meeting, _resolution, motions = preparing
    meeting.publish()
    response = secretariat.post(publication_url(meeting), {"action": "publish_pre_advice"})
    assert response["Location"] == dashboard_url(meeting)
    published = PreAdvice.objects.published()
    assert list(published.values_list("proposal__title", flat=True)) == ["Vastgesteld"]
    anonymous = Proposal.objects.visible_to(AnonymousUser()).filter(meeting=meeting)
    shown = {p.title: getattr(p, "pre_advice", None) for p in anonymous}
    assert shown["Vastgesteld"].value == "overnemen"
    assert shown["Concept"] is None  # a draft pre-advice: "preadvies volgt"


def test_unpublishing_takes_papers_and_pre_advice_offline_again(secretariat, member, preparing):
    meeting, _resolution, _motions = preparing
    meeting.publish()
    meeting.publish_pre_advice()
    # Withdrawing is confirmed on the page (tests/test_confirmations.py: refused without).
    secretariat.post(publication_url(meeting), {"action": "unpublish_pre_advice", "confirm": "1"})
    assert not PreAdvice.objects.published().exists()
    secretariat.post(publication_url(meeting), {"action": "unpublish", "confirm": "1"})
    meeting.refresh_from_db()
    assert not meeting.is_published
    assert member.get(reverse("meeting_detail", args=[meeting.pk])).status_code == 404


def test_publication_is_recorded_in_the_history(secretariat, preparing):
    meeting, _resolution, motions = preparing
    secretariat.post(publication_url(meeting), {"action": "publish"})
    secretariat.post(publication_url(meeting), {"action": "publish_pre_advice"})
    record = meeting.history.latest()
    assert record.published_at is not None and record.history_user.username == "sec"
    advice = motions["settled"].pre_advice
    assert advice.history.latest().published_at is not None
    assert advice.history.latest().history_user.username == "sec"


def test_an_unknown_publication_action_changes_nothing(secretariat, preparing):
    meeting, _resolution, _motions = preparing
    response = secretariat.post(publication_url(meeting), {"action": "shout"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.published_at is None


def test_a_resolution_without_clauses_or_current_version_is_flagged(secretariat):
    meeting = f.meeting(published=False)
    item = f.item(meeting)
    empty = Resolution.start(item, "Leeg")
    orphan = Resolution.start(item, "Zonder versie")
    orphan.current_version = None
    orphan.save()
    page = html(secretariat.get(dashboard_url(meeting)))
    assert "its current version has no clauses" in page and "it has no current version" in page
    assert empty.title in page
