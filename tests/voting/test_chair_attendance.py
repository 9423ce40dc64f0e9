"""Attendance at the door (live/views/attendance.py): the members present and their weight,
who holds each member's voting card, and the proxies the secretariat may refuse."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alv import roles
from tests import factories as f
from tests.conftest import make_user
from voting import cards, polls
from voting.models import Attendance, Proxy, VotingCard

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(holders, utrecht):
    """Per member the person holding its card, and for Utrecht a colleague."""
    return {**holders, "colleague": make_user("griffier-utrecht", roles.MEMBER, member=utrecht)}


def page(meeting):
    return reverse("live:attendance", args=[meeting.pk])


def refuse_url(proxy):
    return reverse("live:refuse_proxy", args=[proxy.meeting_id, proxy.pk])


def row(member, holder="", presence="absent"):
    return {"member": member.pk, "holder": getattr(holder, "pk", holder), "presence": presence}


class TestAccess:
    def test_only_the_secretariat_sees_attendance_and_refuses_proxies(
        self, meeting, members, people, member_user, board_user, proxies_allowed
    ):
        proxy = cards.give_proxy(meeting, members["Vlieland"], members["Utrecht"])
        anonymous = Client()
        for method, url in (("get", page(meeting)), ("post", refuse_url(proxy))):
            response = getattr(anonymous, method)(url)
            assert response.status_code == 302 and "login" in response["Location"]
        for user in (member_user, board_user, people["Utrecht"]):
            client = Client()
            client.force_login(user)
            assert client.get(page(meeting)).status_code == 403
            assert (
                client.post(page(meeting), row(members["Utrecht"], "", "hall")).status_code == 403
            )
            assert client.post(refuse_url(proxy)).status_code == 403
        assert not Attendance.objects.exists()
        assert Proxy.objects.get().state == Proxy.State.ACTIVE

    def test_a_proxy_of_another_meeting_is_not_found_through_this_one(
        self, chair, meeting, members, people, proxies_allowed
    ):
        proxy = cards.give_proxy(meeting, members["Vlieland"], members["Utrecht"])
        other = f.meeting(title="Andere ALV")
        url = reverse("live:refuse_proxy", args=[other.pk, proxy.pk])
        assert chair.post(url).status_code == 404
        assert chair.get(url).status_code == 404
        assert chair.get(refuse_url(proxy)).status_code == 405
        assert Proxy.objects.get().state == Proxy.State.ACTIVE


class TestPage:
    def test_it_shows_every_voter_with_its_weight_holder_and_presence(
        self, chair, meeting, members, people
    ):
        cards.register(meeting, members["Amsterdam"], "hall")
        html = chair.get(page(meeting)).content.decode()
        for name in ("Amsterdam", "Utrecht", "Vlieland"):
            assert f">{name}</th>" in html
        assert ">931000</td>" in html
        assert f'<option value="{people["Utrecht"].pk}" selected>' in html
        assert f'<option value="{people["colleague"].pk}">' in html
        assert '<option value="hall" selected>' in html

    def test_the_totals_count_the_members_present_and_their_weight(
        self, chair, meeting, members, people
    ):
        cards.register(meeting, members["Amsterdam"], "hall")
        cards.register(meeting, members["Vlieland"], "online")
        html = chair.get(page(meeting)).content.decode()
        assert "2 of 3" in html
        assert "932200 of 1306200" in html

    def test_the_meeting_day_page_shows_the_totals_and_links_the_page(
        self, chair, meeting, members, people
    ):
        cards.register(meeting, members["Utrecht"], "online")
        html = chair.get(reverse("live:meeting_day", args=[meeting.pk])).content.decode()
        assert "1 of 3 members, weight 374000 of 1306200" in html
        assert f'href="{page(meeting)}"' in html

    def test_its_query_count_does_not_grow_with_the_number_of_members(
        self, chair, meeting, members, people, proxies_allowed
    ):
        def count():
            with CaptureQueriesContext(connection) as queries:
                assert chair.get(page(meeting)).status_code == 200
            return len(queries)

        proxies_allowed.proxies_per_holder = 10
        proxies_allowed.save()
        cards.give_proxy(meeting, members["Vlieland"], members["Utrecht"])
        cards.register(meeting, members["Utrecht"], "hall")
        few = count()
        for n in range(20):
            member = f.member(f"Gemeente {n}", population=1000 + n)
            person = make_user(f"persoon-{n}", roles.MEMBER, member=member)
            VotingCard.objects.create(meeting=meeting, member=member, holder=person)
            cards.register(meeting, member, "hall" if n % 2 else "online")
            if n < 5:
                cards.give_proxy(meeting, member, members["Amsterdam"])
        assert count() == few


class TestSaving:
    def test_it_registers_a_member_present_and_absent_again(
        self, chair, meeting, members, people, secretariat_user
    ):
        utrecht = members["Utrecht"]
        response = chair.post(page(meeting), row(utrecht, people["Utrecht"], "hall"))
        assert response.status_code == 302
        attendance = Attendance.objects.get(meeting=meeting, member=utrecht)
        assert (attendance.mode, attendance.registered_by) == ("hall", secretariat_user)

        chair.post(page(meeting), row(utrecht, people["Utrecht"], "absent"))
        assert not Attendance.objects.filter(meeting=meeting, member=utrecht).exists()

    def test_it_gives_the_card_to_another_of_the_members_people(
        self, chair, meeting, members, people
    ):
        utrecht = members["Utrecht"]
        chair.post(page(meeting), row(utrecht, people["colleague"], "absent"))
        assert cards.holder_of(meeting, utrecht) == people["colleague"]
        chair.post(page(meeting), row(utrecht, "", "absent"))
        assert cards.holder_of(meeting, utrecht) is None

    def test_a_person_of_another_member_cannot_hold_the_card(self, chair, meeting, members, people):
        utrecht = members["Utrecht"]
        response = chair.post(page(meeting), row(utrecht, people["Amsterdam"], "hall"))
        assert response.status_code == 400
        assert "Choose one of the member" in response.content.decode()
        assert cards.holder_of(meeting, utrecht) == people["Utrecht"]
        assert not Attendance.objects.exists()

    def test_setting_the_holder_is_refused_while_a_vote_is_open_and_nothing_is_saved(
        self, chair, meeting, members, people, secretariat_user
    ):
        item = f.item(meeting, "Moties")
        polls.open_poll(f.motion(item, submitters=[members["Vlieland"]]), secretariat_user)
        utrecht = members["Utrecht"]
        response = chair.post(page(meeting), row(utrecht, people["colleague"], "hall"))
        assert response.status_code == 400
        html = response.content.decode()
        assert "A vote is open" in html
        assert f'id="member-{utrecht.pk}-error"' in html
        # The row keeps what was sent.
        assert f'<option value="{people["colleague"].pk}" selected>' in html
        assert cards.holder_of(meeting, utrecht) == people["Utrecht"]
        assert not Attendance.objects.exists()

    def test_presence_can_still_be_registered_while_a_vote_is_open(
        self, chair, meeting, members, people, secretariat_user
    ):
        item = f.item(meeting, "Moties")
        polls.open_poll(f.motion(item, submitters=[members["Vlieland"]]), secretariat_user)
        utrecht = members["Utrecht"]
        response = chair.post(page(meeting), row(utrecht, people["Utrecht"], "online"))
        assert response.status_code == 302
        assert Attendance.objects.get(member=utrecht).mode == "online"


class TestProxies:
    def test_the_page_lists_the_proxies_with_a_refuse_button(
        self, chair, meeting, members, people, proxies_allowed
    ):
        proxy = cards.give_proxy(meeting, members["Vlieland"], members["Utrecht"])
        html = chair.get(page(meeting)).content.decode()
        assert f'id="proxy-{proxy.pk}"' in html
        assert f'action="{refuse_url(proxy)}"' in html

    def test_the_secretariat_refuses_a_proxy(
        self, chair, meeting, members, people, proxies_allowed
    ):
        proxy = cards.give_proxy(meeting, members["Vlieland"], members["Utrecht"])
        response = chair.post(refuse_url(proxy), {"confirm": "1"})
        assert response.status_code == 302
        assert Proxy.objects.get(pk=proxy.pk).state == Proxy.State.REFUSED
        html = chair.get(page(meeting)).content.decode()
        assert "refused by the secretariat" in html
        assert f'action="{refuse_url(proxy)}"' not in html

    def test_a_proxy_is_not_refused_while_a_vote_is_open(
        self, chair, meeting, members, people, proxies_allowed, secretariat_user
    ):
        proxy = cards.give_proxy(meeting, members["Vlieland"], members["Utrecht"])
        item = f.item(meeting, "Moties")
        polls.open_poll(f.motion(item, submitters=[members["Vlieland"]]), secretariat_user)
        response = chair.post(refuse_url(proxy))
        assert response.status_code == 400
        assert "A vote is open" in response.content.decode()
        assert Proxy.objects.get(pk=proxy.pk).state == Proxy.State.ACTIVE
