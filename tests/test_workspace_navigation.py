"""The secretariat's and the board's daily paths (issue 22): a login lands on the workspace, the
meeting menu leads to the meeting day, the projector view and the decision list, and the
board finds at the top of the pre-advice page what waits for it to settle."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alv import roles
from motions.models import PreAdvice
from tests import factories as f
from tests.conftest import make_user
from tests.second_factor import current_code, device_of

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
VERIFY = "/accounts/two-factor/verify/"
AFTER_LOGIN = "/accounts/after-login/"
WORKSPACE = "/workspace/"


def english(user=None):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def log_in(username, **extra):
    """A client that posted the login form, as a person does; and the form's answer."""
    client = Client()
    response = client.post(LOGIN, {"username": username, "password": "pw-" + username, **extra})
    assert response.status_code == 302
    return client, response


# --- Where a login lands ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "landing"),
    [(roles.SECRETARIAT, WORKSPACE), (roles.BOARD, WORKSPACE), (roles.MEMBER, "/"), (None, "/")],
)
def test_a_login_without_a_page_to_return_to_lands_on_the_workspace_for_staff_only(role, landing):
    user = make_user("someone", role)
    client, response = log_in("someone")
    assert response["Location"] == AFTER_LOGIN
    if role in (roles.SECRETARIAT, roles.BOARD):
        device_of(user)
        client = english(user)  # the second factor passed; its own path is tested below
    assert client.get(AFTER_LOGIN)["Location"] == landing


def test_a_login_from_the_home_page_has_no_page_to_return_to():
    # The header's login link carries the page it was on; the home page is no destination,
    # so the form sends no `next` and the login lands by role.
    html = Client().get(LOGIN + "?next=/").content.decode()
    assert re.search(r'<input type="hidden" name="next" value="">', html)
    html = Client().get(LOGIN + "?next=/meetings/").content.decode()
    assert '<input type="hidden" name="next" value="/meetings/">' in html


def test_a_safe_next_is_honoured_for_the_secretariat_too():
    make_user("sec", roles.SECRETARIAT)
    _client, response = log_in("sec", next="/meetings/")
    assert response["Location"] == "/meetings/"


def test_a_next_to_another_site_is_ignored_and_the_login_lands_by_role():
    board = make_user("board", roles.BOARD)
    _client, response = log_in("board", next="https://evil.example/workspace/")
    assert response["Location"] == AFTER_LOGIN
    assert english(board).get(AFTER_LOGIN)["Location"] == WORKSPACE


def test_after_the_second_factor_the_secretariat_lands_on_the_workspace():
    secretary = make_user("sec", roles.SECRETARIAT)
    device = device_of(secretary)
    client, response = log_in("sec")
    sent = client.get(response["Location"])
    assert sent["Location"] == VERIFY + "?next=%2Faccounts%2Fafter-login%2F"
    verified = client.post(VERIFY, {"code": current_code(device), "next": AFTER_LOGIN})
    assert verified["Location"] == AFTER_LOGIN
    assert client.get(AFTER_LOGIN)["Location"] == WORKSPACE
    assert client.get(WORKSPACE).status_code == 200


def test_the_landing_sends_a_visitor_home_and_takes_no_post():
    assert Client().get(AFTER_LOGIN)["Location"] == reverse("home")
    assert Client().post(AFTER_LOGIN).status_code == 405


# --- The meeting menu -------------------------------------------------------------------------


def menu_links(html):
    """The meeting menu's links: visible text -> address."""
    nav = re.search(r'<nav class="ws-subnav".*?</nav>', html, re.S).group(0)
    return {
        re.sub(r"\s+", " ", text).strip(): href
        for href, text in re.findall(r'<a class="utrecht-link" href="([^"]+)"[^>]*>(.*?)</a>', nav)
    }


@pytest.fixture
def meeting(db):
    mtg = f.meeting(title="ALV juni")
    f.motion(f.item(mtg, "Moties"), "Ravijnjaar", advice="intrekken")
    return mtg


def test_the_secretariat_s_menu_leads_to_the_meeting_day_the_projector_and_the_decisions(
    meeting, secretariat_user
):
    client = english(secretariat_user)
    links = menu_links(
        client.get(reverse("workspace:dashboard", args=[meeting.pk])).content.decode()
    )
    assert links["Meeting day"] == reverse("live:meeting_day", args=[meeting.pk])
    assert links["Projector view"] == reverse("live:projector", args=[meeting.pk])
    assert links["Decision list"] == reverse("live:decisions", args=[meeting.pk])
    for href in links.values():
        assert client.get(href).status_code == 200, href


def test_the_board_s_menu_offers_only_what_the_board_may_open(meeting, board_user):
    client = english(board_user)
    for page in ("workspace:dashboard", "workspace:pre_advice"):
        links = menu_links(client.get(reverse(page, args=[meeting.pk])).content.decode())
        assert "Meeting day" not in links
        assert {"Projector view", "Decision list"} <= set(links)
        for href in links.values():
            assert client.get(href).status_code == 200, href
    # The meeting day stays the secretariat's.
    assert client.get(reverse("live:meeting_day", args=[meeting.pk])).status_code == 403


# --- What waits for the board ------------------------------------------------------------------


def waiting_section(html):
    found = re.search(r'<section id="board-waiting".*?</section>', html, re.S)
    return found.group(0) if found else None


def pre_advice_page(client, meeting):
    return client.get(reverse("workspace:pre_advice", args=[meeting.pk])).content.decode()


@pytest.fixture
def drafts(db):
    """A meeting with two motions whose draft pre-advice waits for the board, one settled
    and published, one without pre-advice yet."""
    mtg = f.meeting(title="ALV december")
    item = f.item(mtg, "Financiën")
    waiting = [
        f.motion(item, "Ravijnjaar", advice="intrekken", published_advice=False),
        f.motion(item, "Twee over twaalf", advice="overnemen", published_advice=False),
    ]
    f.motion(item, "Al vastgesteld", advice="ontraden")
    f.motion(item, "Nog zonder preadvies")
    return mtg, waiting


def test_the_board_sees_what_waits_for_it_with_the_way_to_settle_each(drafts, board_user):
    meeting, waiting = drafts
    section = waiting_section(pre_advice_page(english(board_user), meeting))
    assert "2 motions and amendments wait for the board to settle their pre-advice." in section
    items = re.findall(r"<li class=\"utrecht-unordered-list__item\">.*?</li>", section, re.S)
    assert len(items) == 2
    page = reverse("workspace:pre_advice", args=[meeting.pk])
    for motion, html in zip(waiting, items, strict=True):
        assert motion.title in html
        assert f'href="{page}#pa-proposal-{motion.pk}"' in html
        assert "Read and settle" in html
    assert "Al vastgesteld" not in section and "Nog zonder preadvies" not in section


def test_the_link_leads_to_the_row_where_the_board_settles(drafts, board_user):
    meeting, waiting = drafts
    html = pre_advice_page(english(board_user), meeting)
    row = re.search(rf'<tr [^>]*id="pa-proposal-{waiting[0].pk}".*?</tr>', html, re.S).group(0)
    assert 'name="action" value="settle"' in row


def test_with_nothing_to_settle_the_board_reads_a_calm_message(board_user):
    meeting = f.meeting()
    f.motion(f.item(meeting), "Al vastgesteld", advice="ontraden")
    section = waiting_section(pre_advice_page(english(board_user), meeting))
    assert "Nothing is waiting for the board." in section
    assert "<li" not in section


def test_the_secretariat_does_not_get_the_board_s_list(drafts, secretariat_user):
    meeting, _waiting = drafts
    assert waiting_section(pre_advice_page(english(secretariat_user), meeting)) is None


def test_settling_in_the_table_brings_the_board_s_list_up_to_date(drafts, board_user):
    meeting, waiting = drafts
    advice = PreAdvice.objects.get(proposal=waiting[0])
    response = english(board_user).post(
        reverse("workspace:pre_advice_settle", args=[advice.pk]),
        {"revision": advice.revision, "action": "settle"},
        headers={"HX-Request": "true"},
    )
    section = waiting_section(response.content.decode())
    assert 'hx-swap-oob="outerHTML"' in section
    assert "1 motion or amendment waits for the board to settle its pre-advice." in section
    assert waiting[0].title not in section and waiting[1].title in section


def draft_meeting(motions):
    meeting = f.meeting(title="ALV")
    items = [f.item(meeting, f"Punt {n}") for n in range(4)]
    earlier = f.item(f.meeting(days=-200), "Moties")
    report = f.item(meeting, "Verantwoording", is_follow_up=True)
    for n in range(motions):
        f.motion(items[n % 4], f"Motie {n}", advice="overnemen", published_advice=n % 2 == 0)
        follow_up = f.follow_up(report, f.motion(earlier, f"Eerder {n}", status="adopted"))
        PreAdvice.objects.create(follow_up=follow_up, value="overnemen")
    return meeting


def test_the_board_s_page_takes_as_many_queries_for_a_large_meeting_as_for_a_small_one(
    board_user,
):
    client = english(board_user)
    small, large = draft_meeting(4), draft_meeting(40)
    found = []
    for meeting in (small, large):
        with CaptureQueriesContext(connection) as queries:
            html = pre_advice_page(client, meeting)
        found.append(len(queries))
        assert waiting_section(html) is not None
    assert found[1] == found[0], found
