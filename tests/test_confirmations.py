"""Destructive, far-reaching actions ask first: withdrawing the papers, the pre-advice or the
decision list from members, refusing a proxy, removing a part of a vote that has a result.
The page says what will happen and offers a red button; the server refuses the action without
that confirmation and changes nothing; a withdrawal is undone from its message in one click."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from agenda.models import Meeting
from agenda.outcomes import Status
from alv.models import Association
from motions import votes
from motions.models import PreAdvice, VotePart
from tests import factories as f
from voting import cards
from voting.models import Proxy

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def secretariat(secretariat_user):
    # English, so that the tests read the messages as written in the code.
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(secretariat_user)
    return client


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    yield
    translation.deactivate()  # the English requests leave English active in the thread


def html(response):
    return response.content.decode()


def confirmation(page, details_id):
    """The folded confirmation with `details_id`: its markup, up to its end."""
    start = page.index(f'id="{details_id}"')
    return page[page.rindex("<details", 0, start) : page.index("</details>", start)]


# --- The papers and the pre-advice (workspace/views/dashboard.py) ----------------------------


@pytest.fixture
def published():
    """A published meeting with a published pre-advice."""
    meeting = f.meeting(published=True)
    f.motion(f.item(meeting, "Wonen"), "Ravijnjaar", advice="overnemen")
    assert PreAdvice.objects.published().count() == 1
    return meeting


def dashboard(meeting, query=""):
    return reverse("workspace:dashboard", args=[meeting.pk]) + query


def publication(meeting):
    return reverse("workspace:publication", args=[meeting.pk])


class TestWithdrawingThePapers:
    def test_the_page_says_what_withdrawing_does_and_asks_with_a_red_button(
        self, secretariat, published
    ):
        asked = confirmation(html(secretariat.get(dashboard(published))), "confirm-unpublish")
        assert "only the secretariat and the board see the meeting and its papers again" in asked
        assert "e-mails already sent and copies already downloaded are not recalled" in asked
        assert "Publish the papers" in asked
        assert 'name="confirm" value="1"' in asked and "utrecht-button--danger" in asked

    def test_without_the_confirmation_nothing_is_withdrawn(self, secretariat, published):
        response = secretariat.post(publication(published), {"action": "unpublish"})
        assert response["Location"] == dashboard(published, "?confirm=unpublish")
        assert Meeting.objects.get(pk=published.pk).is_published
        # The confirmation comes back open, saying why nothing happened.
        asked = confirmation(html(secretariat.get(response["Location"])), "confirm-unpublish")
        assert asked.startswith('<details class="alv-confirm" id="confirm-unpublish" open>')
        assert "Nothing was withdrawn" in asked

    def test_without_the_confirmation_htmx_gets_the_confirmation_open(self, secretariat, published):
        response = secretariat.post(publication(published), {"action": "unpublish"}, **HTMX)
        fragment = html(response)
        assert fragment.lstrip().startswith('<div id="status">')
        assert "Nothing was withdrawn" in confirmation(fragment, "confirm-unpublish")
        assert Meeting.objects.get(pk=published.pk).is_published

    def test_confirmed_it_is_withdrawn_and_published_again_in_one_click(
        self, secretariat, published
    ):
        data = {"action": "unpublish", "confirm": "1"}
        response = secretariat.post(publication(published), data)
        assert response["Location"] == dashboard(published, "?withdrawn=unpublish")
        assert not Meeting.objects.get(pk=published.pk).is_published
        page = html(secretariat.get(response["Location"]))
        undo = page[page.index('id="undo-withdrawal"') :].split("</div>")[0]
        assert "The papers are no longer published." in undo
        assert 'name="action" value="publish"' in undo and "Publish the papers again" in undo
        secretariat.post(publication(published), {"action": "publish"})
        assert Meeting.objects.get(pk=published.pk).is_published

    def test_htmx_withdraws_and_offers_the_undo_in_the_fragment(self, secretariat, published):
        data = {"action": "unpublish", "confirm": "1"}
        fragment = html(secretariat.post(publication(published), data, **HTMX))
        assert 'id="undo-withdrawal"' in fragment and "Publish the papers again" in fragment
        assert not Meeting.objects.get(pk=published.pk).is_published


class TestWithdrawingThePreAdvice:
    def test_the_page_says_what_withdrawing_does(self, secretariat, published):
        asked = confirmation(
            html(secretariat.get(dashboard(published))), "confirm-unpublish-pre-advice"
        )
        assert "the 1 published pre-advice again" in asked
        assert "“pre-advice to follow”" in asked
        assert "not recalled" in asked and "utrecht-button--danger" in asked

    def test_without_the_confirmation_nothing_is_withdrawn(self, secretariat, published):
        response = secretariat.post(publication(published), {"action": "unpublish_pre_advice"})
        assert response["Location"] == dashboard(published, "?confirm=unpublish_pre_advice")
        assert PreAdvice.objects.published().count() == 1

    def test_confirmed_it_is_withdrawn_and_published_again_in_one_click(
        self, secretariat, published
    ):
        data = {"action": "unpublish_pre_advice", "confirm": "1"}
        response = secretariat.post(publication(published), data)
        assert not PreAdvice.objects.published().exists()
        page = html(secretariat.get(response["Location"]))
        undo = page[page.index('id="undo-withdrawal"') :].split("</div>")[0]
        assert "The pre-advice is no longer published." in undo
        assert "Publish the 1 settled pre-advice again" in undo
        secretariat.post(publication(published), {"action": "publish_pre_advice"})
        assert PreAdvice.objects.published().count() == 1

    def test_the_board_is_asked_nothing_and_may_do_nothing(self, published, board_user):
        board = Client()
        board.force_login(board_user)
        assert 'id="confirm-unpublish' not in html(board.get(dashboard(published)))
        data = {"action": "unpublish_pre_advice", "confirm": "1"}
        assert board.post(publication(published), data).status_code == 403
        assert PreAdvice.objects.published().count() == 1


# --- The decision list (live/views/decisions.py) -------------------------------------------


@pytest.fixture
def decisions_published():
    meeting = f.meeting(title="Decemberledenvergadering")
    votes.record_outcome(f.motion(f.item(meeting, "Zorg")), Status.ADOPTED, by_acclamation=True)
    Meeting.objects.filter(pk=meeting.pk).update(decisions_published_at=timezone.now())
    return meeting


def decisions(meeting, query=""):
    return reverse("live:decisions", args=[meeting.pk]) + query


def publish_decisions(meeting):
    return reverse("live:publish_decisions", args=[meeting.pk])


def decisions_published_at(meeting):
    return Meeting.objects.get(pk=meeting.pk).decisions_published_at


class TestWithdrawingTheDecisionList:
    def test_the_page_says_what_withdrawing_does_and_asks_with_a_red_button(
        self, secretariat, decisions_published
    ):
        page = html(secretariat.get(decisions(decisions_published)))
        asked = confirmation(page, "confirm-withdraw")
        assert "members and the public no longer see it" in asked
        assert "not recalled" in asked and "“Publish the decision list”" in asked
        assert 'name="confirm" value="1"' in asked and "utrecht-button--danger" in asked

    def test_without_the_confirmation_nothing_is_withdrawn(self, secretariat, decisions_published):
        for data in ({"publish": "0"}, {}):
            response = secretariat.post(publish_decisions(decisions_published), data)
            assert response.status_code == 302
            assert decisions_published_at(decisions_published) is not None
        page = html(secretariat.get(response["Location"]))
        asked = confirmation(page, "confirm-withdraw")
        assert " open>" in asked.split(">")[0] + ">" and "Nothing was withdrawn" in asked

    def test_confirmed_it_is_withdrawn_and_published_again_in_one_click(
        self, secretariat, decisions_published, member_user
    ):
        data = {"publish": "0", "confirm": "1"}
        response = secretariat.post(publish_decisions(decisions_published), data)
        assert decisions_published_at(decisions_published) is None
        member = Client()
        member.force_login(member_user)
        assert member.get(decisions(decisions_published)).status_code == 404
        page = html(secretariat.get(response["Location"]))
        undo = page[page.index('id="undo-withdrawal"') :].split("</div>")[0]
        assert "The decision list is no longer published." in undo
        assert 'name="publish" value="1"' in undo
        secretariat.post(publish_decisions(decisions_published), {"publish": "1"})
        assert decisions_published_at(decisions_published) is not None
        assert member.get(decisions(decisions_published)).status_code == 200

    def test_the_undo_is_offered_only_while_the_list_is_withdrawn(
        self, secretariat, decisions_published
    ):
        page = html(secretariat.get(decisions(decisions_published, "?withdrawn=1")))
        assert 'id="undo-withdrawal"' not in page


# --- Refusing a proxy (live/views/attendance.py) -------------------------------------------


@pytest.fixture
def proxy():
    association = Association.current()
    association.proxies_per_holder = 2
    association.save()
    meeting = f.meeting()
    vlieland = f.member("Vlieland", population=1_200)
    utrecht = f.member("Utrecht", population=374_000)
    return cards.give_proxy(meeting, vlieland, utrecht)


def refuse(proxy):
    return reverse("live:refuse_proxy", args=[proxy.meeting_id, proxy.pk])


class TestRefusingAProxy:
    def test_the_page_says_what_refusing_does_and_asks_with_a_red_button(self, secretariat, proxy):
        page = html(secretariat.get(reverse("live:attendance", args=[proxy.meeting_id])))
        asked = confirmation(page, f"refuse-proxy-{proxy.pk}")
        assert "Utrecht will no longer vote for Vlieland" in asked
        assert "The secretariat cannot undo this" in asked
        assert 'name="confirm" value="1"' in asked and "utrecht-button--danger" in asked

    def test_without_the_confirmation_it_is_not_refused(self, secretariat, proxy):
        response = secretariat.post(refuse(proxy))
        assert response.status_code == 400
        asked = confirmation(html(response), f"refuse-proxy-{proxy.pk}")
        assert asked.startswith('<details class="alv-confirm" open>')
        page = html(response)
        errors = page[page.index(f'id="proxy-{proxy.pk}-errors"') :][:600]
        assert "Nothing was refused" in errors and "Vlieland" in errors
        assert Proxy.objects.get(pk=proxy.pk).state == Proxy.State.ACTIVE

    def test_confirmed_it_is_refused(self, secretariat, proxy):
        assert secretariat.post(refuse(proxy), {"confirm": "1"}).status_code == 302
        assert Proxy.objects.get(pk=proxy.pk).state == Proxy.State.REFUSED


# --- Removing a part of a vote (live/views/meeting_day.py) ---------------------------------


@pytest.fixture
def parts():
    motion = f.motion(f.item(f.meeting(), "Moties"), "Ravijnjaar")
    first, second = (votes.add_part(motion, label) for label in ("1e deel", "2e deel"))
    votes.record_outcome(first, Status.ADOPTED, by_acclamation=True)
    return VotePart.objects.get(pk=first.pk), VotePart.objects.get(pk=second.pk)


def remove(part, **data):
    url = reverse("live:remove_part", args=[part.motion.agenda_item.meeting_id])
    return url, {"part": part.pk, "shown": votes.outcome_stamp(part), **data}


def meeting_day(part):
    item = part.motion.agenda_item
    return reverse("live:meeting_day", args=[item.meeting_id]) + f"?item={item.pk}"


class TestRemovingAPart:
    def test_a_part_with_a_result_asks_first_one_without_does_not(self, secretariat, parts):
        decided, open_part = parts
        page = html(secretariat.get(meeting_day(decided)))
        asked = confirmation(page, f"remove-part-{decided.pk}")
        assert "1e deel has a result: adopted by acclamation." in asked
        assert 'name="confirm" value="1"' in asked and "utrecht-button--danger" in asked
        assert f'<button type="submit" id="remove-part-{open_part.pk}"' in page

    def test_without_the_confirmation_the_part_and_its_result_stay(self, secretariat, parts):
        decided, _open_part = parts
        url, data = remove(decided)
        response = secretariat.post(url, data, **HTMX)
        page = html(response)
        errors = page[page.index(f'id="part-{decided.pk}-errors"') :][:600]
        assert "Nothing was removed" in errors and "1e deel" in errors
        assert confirmation(page, f"remove-part-{decided.pk}").startswith(
            '<details class="alv-confirm" open>'
        )
        assert VotePart.objects.get(pk=decided.pk).status == Status.ADOPTED
        assert secretariat.post(url, data).status_code == 400

    def test_confirmed_the_part_is_removed(self, secretariat, parts):
        decided, open_part = parts
        url, data = remove(decided, confirm="1")
        secretariat.post(url, data, **HTMX)
        assert list(VotePart.objects.values_list("pk", flat=True)) == [open_part.pk]

    def test_a_part_without_a_result_goes_in_one_click(self, secretariat, parts):
        _decided, open_part = parts
        url, data = remove(open_part)
        secretariat.post(url, data, **HTMX)
        assert not VotePart.objects.filter(pk=open_part.pk).exists()
