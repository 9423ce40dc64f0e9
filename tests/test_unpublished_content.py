"""Unpublished content (a meeting not published, draft motions, draft resolution versions,
pre-advice not published) never reaches a member or the public, on any page of the matrix,
its htmx fragment or its error page; members-only meetings never reach the public."""

import pytest

from tests import urlmatrix
from tests.samples import UNPUBLISHED, build_samples

pytestmark = pytest.mark.django_db

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
