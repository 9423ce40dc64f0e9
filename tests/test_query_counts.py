"""Every main page takes a fixed number of queries, whatever the size of the meeting: the
budgets of bench/pages.py (the table in docs/performance.md), on a small and a large meeting."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.pages import MEMBER, SECRETARIAT, main_pages
from tests import factories as f

pytestmark = pytest.mark.django_db


def counts(meeting, clients):
    found = {}
    for page in main_pages(meeting):
        with CaptureQueriesContext(connection) as queries:
            response = clients[page.reader].get(page.path)
        assert response.status_code == 200, page
        found[(page.name, page.reader)] = (len(queries), page.budget)
    return found


def test_no_main_page_takes_more_queries_for_a_larger_meeting(member_user, secretariat_user):
    clients = {"public": Client(), MEMBER: Client(), SECRETARIAT: Client()}
    clients[MEMBER].force_login(member_user)
    clients[SECRETARIAT].force_login(secretariat_user)
    small = counts(f.big_meeting(motions=8, follow_ups=2), clients)
    large = counts(f.big_meeting(motions=200, follow_ups=20), clients)
    over_budget = {page: n for page, (n, budget) in large.items() if n > budget}
    grown = {page: (small[page][0], n) for page, (n, _) in large.items() if n > small[page][0]}
    assert over_budget == {}, large
    assert grown == {}, (small, large)
