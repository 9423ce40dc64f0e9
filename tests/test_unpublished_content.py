"""Unpublished content (a meeting not published, draft motions, draft resolution versions,
pre-advice not published) never reaches a member or the public, on any page of the matrix,
its htmx fragment or its error page, or in a stored book built before it was withdrawn;
members-only meetings never reach the public."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agenda.models import Clause, Meeting
from book import assembly, builds
from book.models import BookBuild
from book.views import file_url
from motions.models import ProposalSubmitter
from tests import factories as f
from tests import urlmatrix
from tests.conftest import make_user
from tests.samples import UNPUBLISHED, build_samples
from tests.workspace.test_proposals import motion_data

# Stored books of these tests land in their own folder.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("book_storage")]

PROJECT_URLS = sorted(name for name in urlmatrix.project_urls() if name in urlmatrix.MATRIX)


@pytest.fixture
def samples(db):
    return build_samples()


@pytest.mark.parametrize("name", PROJECT_URLS)
def test_no_page_shows_unpublished_content_to_members_or_the_public(name, samples):
    assert urlmatrix.unpublished_leaks(name, samples=samples) == []


def staff_view(name, samples, **kwargs):
    case = urlmatrix.Case(get=urlmatrix.ANYONE, post=urlmatrix.ANYONE, kwargs=kwargs)
    url = urlmatrix.url_for(name, case, samples)
    response, _ = urlmatrix.fetch("secretariat", "GET", url, samples)
    return urlmatrix.response_text(response)


def test_the_secretariat_sees_the_unpublished_texts_the_check_looks_for(samples):
    # The check above proves something only if these texts are really on the pages.
    public = staff_view("meeting_detail", samples, pk="meeting")
    for marker in (
        "draft-motion-title",
        "draft-clause",
        "draft-version-intro",
        "draft-pre-advice-rationale",
        "settled-pre-advice-rationale",
        "follow-up-pre-advice-rationale",
    ):
        assert UNPUBLISHED + marker in public
    assert urlmatrix.leaks(public, "member")
    unpublished = staff_view("meeting_detail", samples, pk="unpublished.meeting")
    for marker in ("meeting title", "item text", "clause text", "motion title"):
        assert UNPUBLISHED + marker in unpublished


def test_the_public_does_not_see_a_members_only_meeting_but_members_do(samples):
    case = urlmatrix.Case(
        get=urlmatrix.ANYONE, post=urlmatrix.ANYONE, kwargs={"pk": "members_only.meeting"}
    )
    url = urlmatrix.url_for("meeting_detail", case, samples)
    member_page, _ = urlmatrix.fetch("member", "GET", url, samples)
    assert "MEMBERSONLY-motion title" in member_page.content.decode()
    assert (
        urlmatrix.unpublished_leaks(
            "meeting_detail", {"meeting_detail": case}, samples, roles=("anonymous",)
        )
        == []
    )


@pytest.mark.urls("tests.access_test_urls")
def test_the_check_catches_a_page_that_lists_draft_motions(samples):
    matrix = {"leaky_titles": urlmatrix.Case(get=urlmatrix.ANYONE, post=urlmatrix.ANYONE)}
    problems = urlmatrix.unpublished_leaks("leaky_titles", matrix, samples)
    assert any("as member" in p and "UNPUBLISHED-draft-motion-title" in p for p in problems)
    assert any("as anonymous" in p and "MEMBERSONLY-" in p for p in problems)


@pytest.mark.urls("tests.access_test_urls")
@pytest.mark.parametrize("name", ["leaky_word_export", "leaky_pdf_export"])
def test_the_check_reads_word_and_pdf_exports(name, samples):
    matrix = {name: urlmatrix.Case(get=urlmatrix.ANYONE, post=urlmatrix.ANYONE)}
    problems = urlmatrix.unpublished_leaks(name, matrix, samples, roles=("member",))
    assert any("UNPUBLISHED-draft-motion-title" in p for p in problems)


# Stored books: a file built while something was published is not served once it is withdrawn,
# not offered, and removed from the disk.

SECRET = "WITHDRAWN-"


@pytest.fixture
def papers(db):
    """A published meeting whose every kind of content carries the SECRET marker: a motion
    with published pre-advice, and a resolution whose second, published version is current."""
    meeting = f.meeting(title="Najaars-ALV")
    item = f.item(meeting, "Financiën")
    motion = f.motion(item, f"{SECRET}motion title", advice="ontraden")
    motion.pre_advice.rationale = f"{SECRET}pre-advice rationale"
    motion.pre_advice.save()
    resolution = f.resolution(item, "Resolutie", clauses=("Eerste.",))
    version = resolution.new_version("geactualiseerd")
    Clause.objects.filter(version=version).update(text=f"{SECRET}clause of version 2")
    version.publish()
    return meeting, item, motion, version


def motion_to_draft(secretariat, meeting, item, motion, version):
    submitters = ProposalSubmitter.objects.filter(proposal=motion).order_by("position")
    data = motion_data(
        item,
        [s.member for s in submitters],
        title=motion.title,
        is_draft="on",
        revision=motion.revision,
    )
    return secretariat.post(reverse("workspace:proposal", args=[motion.pk]), data)


def pre_advice_unpublished(secretariat, meeting, item, motion, version):
    url = reverse("workspace:publication", args=[meeting.pk])
    return secretariat.post(url, {"action": "unpublish_pre_advice", "confirm": "1"})


def papers_unpublished(secretariat, meeting, item, motion, version):
    url = reverse("workspace:publication", args=[meeting.pk])
    return secretariat.post(url, {"action": "unpublish", "confirm": "1"})


def version_withdrawn(secretariat, meeting, item, motion, version):
    url = reverse("workspace:version_state", args=[version.pk])
    return secretariat.post(url, {"action": "unpublish", "confirm": "1"})


WITHDRAWALS = {
    motion_to_draft: [f"{SECRET}motion title", f"{SECRET}pre-advice rationale"],
    pre_advice_unpublished: [f"{SECRET}pre-advice rationale"],
    papers_unpublished: [f"{SECRET}motion title", f"{SECRET}clause of version 2"],
    version_withdrawn: [f"{SECRET}clause of version 2"],
}


def member_books(meeting, item, motion, work_off_queue):
    """The member edition built as members would have it: the whole book as PDF and Word,
    the item's book and the motion's own PDF."""
    asked = [
        (assembly.MEETING, None, "pdf"),
        (assembly.MEETING, None, "docx"),
        (assembly.ITEM, item, "pdf"),
        (assembly.PROPOSAL, motion.proposal_ptr, "pdf"),
    ]
    for scope, target, fmt in asked:
        builds.request(meeting, assembly.MEMBER, scope, target, fmt=fmt)
    work_off_queue()
    return list(BookBuild.objects.ready().filter(edition=assembly.MEMBER))


@pytest.mark.parametrize("withdraw", WITHDRAWALS, ids=lambda w: w.__name__)
def test_a_stored_book_is_not_served_offered_or_kept_once_its_content_is_withdrawn(
    withdraw,
    papers,
    work_off_queue,
):
    meeting, item, motion, version = papers
    stored = member_books(meeting, item, motion, work_off_queue)
    assert len(stored) == 4
    member = Client()
    member.force_login(make_user("raadslid", "member"))
    readers = {"anonymous": Client(), "member": member}
    markers = WITHDRAWALS[withdraw]
    # Before: the files are there, and they do carry the texts about to be withdrawn.
    texts = {}
    for build in stored:
        response = readers["anonymous"].get(file_url(build))
        assert response.status_code == 200, build
        texts[build] = urlmatrix.response_text(response)
    assert all(any(marker in text for text in texts.values()) for marker in markers)
    withdrawn = [b for b in stored if any(marker in texts[b] for marker in markers)]
    untouched = [b for b in stored if b not in withdrawn]

    secretariat = Client()
    secretariat.force_login(make_user("sec", "secretariat"))
    answer = withdraw(secretariat, meeting, item, motion, version)
    assert answer.status_code in (200, 302)
    assert answer.status_code == 302 or "errorlist" not in answer.content.decode()

    # At once, before the worker has removed anything: no reader gets such a file.
    for role, reader in readers.items():
        for build in withdrawn:
            assert reader.get(file_url(build)).status_code == 404, (role, build)
        # Nor a link to one, on the page that offers the book.
        page = reader.get(reverse("book:get", args=[meeting.pk, assembly.MEMBER]))
        assert all(file_url(build) not in page.content.decode() for build in withdrawn), role
        assert all(marker not in urlmatrix.response_text(page) for marker in markers), role

    # The worker removes the files (and their rows) from the disk; the others stay served.
    work_off_queue()
    assert not any(build.path.exists() for build in withdrawn)
    assert not BookBuild.objects.filter(pk__in=[build.pk for build in withdrawn]).exists()
    for build in untouched:
        assert readers["member"].get(file_url(build)).status_code == 200, build


def test_a_current_member_book_stays_when_something_else_is_withdrawn(
    papers,
    work_off_queue,
):
    meeting, item, motion, version = papers
    other = f.item(f.meeting(title="Andere ALV"), "Begroting")
    builds.request(other.meeting, assembly.MEMBER)
    work_off_queue()
    kept = BookBuild.objects.ready().get(meeting=other.meeting)
    secretariat = Client()
    secretariat.force_login(make_user("sec", "secretariat"))
    papers_unpublished(secretariat, meeting, item, motion, version)
    work_off_queue()
    assert kept.path.exists()
    assert Client().get(file_url(kept)).status_code == 200


def test_a_member_book_finished_after_a_withdrawal_is_not_kept(
    papers,
    work_off_queue,
    book_storage,
    monkeypatch,
):
    meeting, item, motion, version = papers
    real_renderer = builds.renderer

    def withdraw_while_rendering(fmt):
        render = real_renderer(fmt)

        def rendering(book):
            result = render(book)
            # The secretariat unpublishes the papers while the worker is still at it.
            meeting.unpublish()
            return result

        return rendering

    monkeypatch.setattr(builds, "renderer", withdraw_while_rendering)
    builds.request(meeting, assembly.MEMBER)
    work_off_queue()
    assert not BookBuild.objects.filter(edition=assembly.MEMBER, status="ready").exists()
    assert not any(book_storage.rglob("*.pdf"))


def test_unpublishing_the_decision_list_removes_its_member_files(
    papers,
    work_off_queue,
):

    meeting, *_ = papers
    Meeting.objects.filter(pk=meeting.pk).update(decisions_published_at=timezone.now())
    meeting.refresh_from_db()
    builds.request(meeting, assembly.MEMBER, assembly.DECISIONS)
    work_off_queue()
    stored = BookBuild.objects.ready().get(scope=assembly.DECISIONS)
    assert Client().get(file_url(stored)).status_code == 200
    secretariat = Client()
    secretariat.force_login(make_user("sec", "secretariat"))
    secretariat.post(
        reverse("live:publish_decisions", args=[meeting.pk]), {"publish": "0", "confirm": "1"}
    )
    assert Client().get(file_url(stored)).status_code == 404
    work_off_queue()
    assert not stored.path.exists()
