"""Every page fits a phone: at 390 pixels nothing scrolls sideways. For the members and the
public, the pages of the permission matrix (tests/urlmatrix.py) that a member's person or the
public gets, over the samples (tests/samples.py), and the demo meeting's for the long titles
and texts of real papers: its meeting page with the live panel, a resolution compared with its
earlier version, its published decision list. For the secretariat, the demo meeting's pages
in the workspace and those its menu links (the meeting day, the status overview, ...)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from agenda.models import AgendaItem, Meeting, Resolution
from motions.models import Amendment, Motion
from tests import urlmatrix
from tests.browser.test_member_pages import member_pages
from tests.browser.workspace import PHONE, fits_the_screen, log_in
from tests.samples import build_samples

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The secretariat's and the board's own pages: not for members or the public.
STAFF_NAMESPACES = ("workspace", "book")


def matrix_pages(samples):
    """(role, URL) of every page of the matrix that a member's person gets, or else the public:
    whole pages only, no fragments, files or stylesheets; of a page shown for several meetings
    (public, members only) the first, of a search each query."""
    clients = {role: urlmatrix.client_for(role, samples) for role in ("member", "anonymous")}
    pages, seen = [], set()
    for name in sorted(urlmatrix.MATRIX):
        if name.partition(":")[0] in STAFF_NAMESPACES:
            continue
        for case in urlmatrix.cases(name):
            role = next((r for r in clients if case.get[r] is urlmatrix.OK), None)
            if role is None or (name, case.query) in seen:
                continue
            seen.add((name, case.query))
            url = urlmatrix.url_for(name, case, samples)
            response = clients[role].get(url)
            if response["Content-Type"].startswith("text/html") and b"<main" in response.content:
                pages.append((role, url))
    return pages


def demo_pages(meeting):
    """The demo meeting's pages, as it is under way at its last item with its decisions out."""
    last = AgendaItem.objects.filter(meeting=meeting).order_by("-pk").first()
    Meeting.objects.filter(pk=meeting.pk).update(
        current_item=last, decisions_published_at=timezone.now()
    )
    return [
        *member_pages(meeting).values(),
        reverse("live:decisions", args=[meeting.pk]),
        reverse("live:follow_up_overview"),
    ]


def too_wide(page, live_server, pages, user_for, tmp_path):
    """Visit every (role, URL) of `pages` at phone width, signed in as `user_for(role)` (None:
    nobody) whenever the role changes, in one browser context; the pages that scroll sideways,
    each with its width, and a screenshot of each in `tmp_path`."""
    page.set_viewport_size(PHONE)
    signed_in = None
    found = []
    for role, url in pages:
        if role != signed_in:
            page.context.clear_cookies()
            user = user_for(role)
            if user is not None:
                log_in(page, live_server, user)
            signed_in = role
        page.goto(live_server.url + url)
        if page.locator(".alv-live__status").count():
            # The live panel is fetched after the page: measured once it is in.
            page.locator("#live-status").wait_for()
        if not fits_the_screen(page):
            width = page.evaluate("document.documentElement.scrollWidth")
            page.screenshot(path=tmp_path / f"{len(found)}.png", full_page=True)
            found.append(f"{url} as {role}: {width} px")
    return found


def test_no_page_of_the_members_or_the_public_scrolls_sideways_on_a_phone(
    page, live_server, demo_meeting, tmp_path
):
    samples = build_samples()
    pages = matrix_pages(samples) + [("demo", url) for url in demo_pages(demo_meeting)]
    assert len(pages) > 35  # the walk covers the pages, not a few of them

    def user_for(role):
        # The demo's member person ("lid", of Haaksbergen) sees its own motions first.
        if role == "demo":
            return get_user_model().objects.get(username="lid")
        return samples.user(role)

    wide = too_wide(page, live_server, pages, user_for, tmp_path)
    assert not wide, (
        f"These pages scroll sideways at {PHONE['width']} px (screenshots in {tmp_path}):\n"
        + "\n".join(wide)
    )


def secretariat_pages(meeting):
    """The workspace's lists, the demo meeting's pages in the workspace, each kind once, and
    the pages the workspace's meeting menu links (templates/workspace/_meeting_nav.html): the meeting day at an item with
    a resolution, motions and an amendment, and at one without."""
    motion = Motion.objects.filter(meeting=meeting).order_by("pk").first()
    amendment = Amendment.objects.filter(meeting=meeting).order_by("pk").first()
    resolution = Resolution.objects.get(title="VNG-inzet richting kabinet")
    bare = AgendaItem.objects.filter(meeting=meeting, proposals=None, resolutions=None).first()
    meeting_day = reverse("live:meeting_day", args=[meeting.pk])

    def of_meeting(*names):
        return [reverse(name, args=[meeting.pk]) for name in names]

    return [
        *(reverse(f"workspace:{name}") for name in ("meetings", "members", "people", "groups")),
        *of_meeting("workspace:dashboard", "workspace:agenda", "workspace:intake"),
        *of_meeting("workspace:pre_advice", "workspace:meeting_edit"),
        reverse("workspace:proposal_new", args=[meeting.pk, "motion"]),
        reverse("workspace:item", args=[resolution.agenda_item_id]),
        reverse("workspace:resolution", args=[resolution.pk]),
        reverse("workspace:resolution_diff", args=[resolution.pk]),
        reverse("workspace:proposal", args=[motion.pk]),
        reverse("workspace:proposal", args=[amendment.pk]),
        f"{meeting_day}?item={resolution.agenda_item_id}",
        f"{meeting_day}?item={bare.pk}",
        *of_meeting("live:status", "live:attendance", "live:projector", "live:decisions"),
    ]


def test_no_page_of_the_secretariat_for_a_meeting_scrolls_sideways_on_a_phone(
    page, live_server, demo_meeting, tmp_path
):
    pages = [("secretariat", url) for url in secretariat_pages(demo_meeting)]
    secretariat = get_user_model().objects.get(username="secretariaat")
    wide = too_wide(page, live_server, pages, lambda role: secretariat, tmp_path)
    assert not wide, (
        f"These pages scroll sideways at {PHONE['width']} px (screenshots in {tmp_path}):\n"
        + "\n".join(wide)
    )
