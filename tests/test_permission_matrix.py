"""Every URL of the project answers every role as the matrix in tests/urlmatrix.py says."""

import pytest

from tests import urlmatrix
from tests.samples import build_samples

pytestmark = pytest.mark.django_db

PROJECT_URLS = sorted(urlmatrix.project_urls(), key=str)


@pytest.fixture
def samples(db):
    return build_samples()


def test_every_url_pattern_has_a_name():
    assert [route for name, route in urlmatrix.project_urls().items() if name is None] == []


@pytest.mark.parametrize("name", [n for n in PROJECT_URLS if n is not None])
def test_each_url_answers_each_role_as_the_matrix_says(name, samples):
    assert name in urlmatrix.MATRIX, (
        f"{name} has no entry in the permission matrix (tests/urlmatrix.py): add one that says "
        "what anonymous visitors, members, the board and the secretariat get"
    )
    assert urlmatrix.check(name, samples=samples) == []


def test_every_matrix_entry_names_a_url_of_the_project():
    assert set(urlmatrix.MATRIX) - set(urlmatrix.project_urls()) == set()


@pytest.mark.urls("tests.access_test_urls")
def test_a_new_url_without_an_entry_is_reported():
    missing = set(urlmatrix.project_urls()) - set(urlmatrix.MATRIX)
    assert "unlisted_page" in missing


@pytest.mark.urls("tests.access_test_urls")
def test_the_matrix_catches_a_view_that_lets_a_member_into_a_secretariat_page(samples):
    matrix = {
        "guarded_page": urlmatrix.Case(
            get=urlmatrix.SECRETARIAT_ONLY, post=urlmatrix.SECRETARIAT_ONLY
        ),
        "unguarded_page": urlmatrix.Case(
            get=urlmatrix.SECRETARIAT_ONLY, post=urlmatrix.SECRETARIAT_ONLY
        ),
    }
    assert urlmatrix.check("guarded_page", matrix, samples) == []
    problems = urlmatrix.check("unguarded_page", matrix, samples)
    assert any("GET" in p and "as member" in p and "403" in p for p in problems)
    assert any("as anonymous" in p and "redirect to login" in p for p in problems)


@pytest.mark.urls("tests.access_test_urls")
def test_the_matrix_catches_a_get_that_changes_something(samples):
    matrix = {"get_that_writes": urlmatrix.Case(get=urlmatrix.ANYONE, post=urlmatrix.ANYONE)}
    problems = urlmatrix.check("get_that_writes", matrix, samples)
    assert any("wrote to the database" in p for p in problems)
