"""Ids no row can have (beyond a 64-bit key, not a number) answer 404 or a form error, never
a 500: in the address of every URL pattern, and in the query strings and forms every page
reads ids from."""

import re

import pytest
from django.urls import reverse

from alv.access import MAX_ID, object_id
from tests import urlmatrix
from tests.samples import build_samples

pytestmark = pytest.mark.django_db

PROJECT_URLS = sorted(name for name in urlmatrix.project_urls() if name in urlmatrix.MATRIX)
WITH_IDS = [name for name in PROJECT_URLS if "<id:" in urlmatrix.project_urls()[name]]

# Every name a page or form reads an id from, with values no row can have.
ID_FIELDS = (
    "item",
    "proposal",
    "part",
    "target",
    "version",
    "resolution_version",
    "hold_over",
    "agenda_item",
    "parent",
    "meeting",
    "submitters",
    "resolution",
    "revision",
    "old",
    "new",
)
JUNK = ("abc", "99999999999999999999", str(MAX_ID + 1), "-1", "1.5", "")


@pytest.fixture
def samples(db):
    return build_samples()


def test_object_id_accepts_only_numbers_a_database_key_can_hold():
    assert object_id("42") == 42
    assert object_id(" 7 ") == 7
    assert object_id(str(MAX_ID)) == MAX_ID
    for value in (*JUNK, None, "٣", "0", "1e3", str(MAX_ID + 1)):
        assert object_id(value) is None, value


def test_every_url_pattern_takes_ids_beyond_the_database_keys_as_not_found(samples):
    problems = []
    for name in WITH_IDS:
        case = urlmatrix.cases(name)[0]
        route = urlmatrix.project_urls()[name]
        for too_large in (MAX_ID, MAX_ID + 1):
            kwargs = urlmatrix.sample_kwargs(name, case, samples)
            for arg in re.findall(r"<id:(\w+)>", route):
                kwargs[arg] = too_large
            url = reverse(name, kwargs=kwargs)
            for method in ("GET", "POST"):
                response, _ = urlmatrix.fetch("secretariat", method, url, samples)
                if response.status_code not in (403, 404, 405):  # the settle page is the board's
                    problems.append(f"{method} {url}: {response.status_code}")
    assert problems == []


def test_a_20_digit_id_in_the_address_is_not_found():
    assert urlmatrix.Client().get("/motions/99999999999999999999/").status_code == 404


@pytest.mark.parametrize("junk", JUNK)
def test_no_page_fails_on_a_malformed_id_in_its_query_or_form(junk, samples):
    problems = []
    query = "&".join(f"{name}={junk}" for name in ID_FIELDS)
    data = dict.fromkeys(ID_FIELDS, junk)
    for name in PROJECT_URLS:
        for case in urlmatrix.cases(name):
            url = urlmatrix.url_for(name, case, samples)
            url += ("&" if "?" in url else "?") + query
            for method in ("GET", "HTMX", "POST"):
                response, _ = urlmatrix.fetch(
                    "secretariat", method, url, samples, {**(case.post_data or {}), **data}
                )
                if response.status_code >= 500:
                    problems.append(f"{method} {url}: {response.status_code}")
    assert problems == []
