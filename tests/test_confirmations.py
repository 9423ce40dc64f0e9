"""Destructive, far-reaching actions ask first: withdrawing the papers, the pre-advice or the
decision list from members, refusing a proxy, removing a part of a vote that has a result,
making a published resolution version a draft again, deleting a clause or a part of a
motion's text, discarding a Word import, withdrawing a member's proxy, closing a vote of a
written consultation early. The page says what will happen and offers a red button; the
server refuses the action without that confirmation and changes nothing; a withdrawal is
undone from its message in one click. (Closing and cancelling a vote at the meeting: see
tests/voting/test_chair_polls.py.)"""

import datetime as dt

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from agenda.models import Clause, Meeting, ResolutionVersion
from agenda.outcomes import Status
from alv import roles
from alv.confirmation import confirmed
from alv.models import Association
from motions import votes
from motions.models import Motion, MotionPart, PreAdvice, VotePart
from tests import factories as f
from tests.conftest import make_user
from tests.test_import_views import docx_file, upload
from voting import cards, polls
from voting.models import Poll, Proxy, VotingCard

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


def is_open(asked):
    """Whether the confirmation (its markup, from `confirmation`) is shown open."""
    return " open>" in asked.split(">")[0] + ">"


def asks_with_a_red_button(asked):
    return 'name="confirm" value="1"' in asked and "utrecht-button--danger" in asked


# --- The shared rule (alv/confirmation.py) ---------------------------------------------------


def test_only_the_red_buttons_value_confirms_an_action():
    post = RequestFactory().post
    assert confirmed(post("/", {"confirm": "1"}))
    for data in ({}, {"confirm": ""}, {"confirm": "yes"}, {"confirm": "0"}):
        assert not confirmed(post("/", data)), data
    assert not confirmed(RequestFactory().get("/", {"confirm": "1"}))


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


# --- Making a resolution version a draft again (workspace/views/resolutions.py) ------------


@pytest.fixture
def published_version():
    item = f.item(f.meeting(published=True), "Asiel")
    return f.resolution(item, clauses=("Eerste.", "Tweede."), published=True).current_version


def version_state(version):
    return reverse("workspace:version_state", args=[version.pk])


def is_draft(version):
    return ResolutionVersion.objects.get(pk=version.pk).is_draft


class TestMakingAVersionADraftAgain:
    def test_the_page_says_members_and_the_public_stop_seeing_it_and_asks_with_a_red_button(
        self, secretariat, published_version
    ):
        url = reverse("workspace:resolution", args=[published_version.resolution_id])
        asked = confirmation(html(secretariat.get(url)), "confirm-unpublish-version")
        assert "members and the public stop seeing this version" in asked
        assert "not recalled" in asked and "“Publish this version”" in asked
        assert "Yes, make version 1 a draft again" in asked
        assert asks_with_a_red_button(asked) and not is_open(asked)

    def test_without_the_confirmation_the_version_stays_published(
        self, secretariat, published_version
    ):
        response = secretariat.post(version_state(published_version), {"action": "unpublish"})
        assert response.status_code == 400
        asked = confirmation(html(response), "confirm-unpublish-version")
        assert is_open(asked) and "The version is still published" in asked
        assert not is_draft(published_version)

    def test_confirmed_it_is_a_draft_again(self, secretariat, published_version):
        data = {"action": "unpublish", "confirm": "1"}
        assert secretariat.post(version_state(published_version), data).status_code == 302
        assert is_draft(published_version)

    def test_publishing_and_making_current_are_not_asked(self, secretariat):
        resolution = f.resolution(f.item(f.meeting(), "Asiel"), published=False)
        first = resolution.current_version
        second = resolution.new_version("tweede")
        secretariat.post(version_state(second), {"action": "publish"})
        assert not is_draft(second)
        secretariat.post(version_state(first), {"action": "current"})
        resolution.refresh_from_db()
        assert resolution.current_version_id == first.pk


# --- Deleting a clause (workspace/views/resolutions.py) --------------------------------------


@pytest.fixture
def clauses():
    item = f.item(f.meeting(published=False), "Asiel")
    resolution = f.resolution(item, clauses=("Eerste.", "Tweede.", "Derde."), published=False)
    return list(resolution.current_version.clauses.order_by("position"))


def clause_delete(clause):
    return reverse("workspace:clause_delete", args=[clause.pk])


def clause_texts(clause):
    return list(
        Clause.objects.filter(version_id=clause.version_id)
        .order_by("position")
        .values_list("text", flat=True)
    )


class TestDeletingAClause:
    def test_the_page_names_the_clause_and_says_the_others_move_up(self, secretariat, clauses):
        second = clauses[1]
        url = reverse("workspace:resolution", args=[second.version.resolution_id])
        asked = confirmation(html(secretariat.get(url)), f"clause-{second.pk}-confirm-delete")
        assert "Clause 2 (“Tweede.”) is deleted from this draft version" in asked
        assert "the clauses after it move up one number" in asked
        assert "Yes, delete clause 2" in asked
        assert asks_with_a_red_button(asked) and not is_open(asked)
        # With htmx or without: the form has both.
        assert f'action="{clause_delete(second)}"' in asked
        assert f'hx-post="{clause_delete(second)}"' in asked

    def test_without_the_confirmation_htmx_gets_the_list_with_it_open(self, secretariat, clauses):
        second = clauses[1]
        response = secretariat.post(clause_delete(second), **HTMX)
        assert response.status_code == 200  # htmx swaps it
        fragment = html(response)
        assert fragment.lstrip().startswith(f'<div id="clauses-{second.version_id}"')
        asked = confirmation(fragment, f"clause-{second.pk}-confirm-delete")
        assert is_open(asked)
        assert asked.count("Nothing was deleted: confirm first that clause 2") == 1
        assert "hx-swap-oob" not in fragment  # said once, in the confirmation
        assert not is_open(confirmation(fragment, f"clause-{clauses[0].pk}-confirm-delete"))
        assert clause_texts(second) == ["Eerste.", "Tweede.", "Derde."]

    def test_without_the_confirmation_a_plain_post_gets_the_page_with_it_open(
        self, secretariat, clauses
    ):
        second = clauses[1]
        response = secretariat.post(clause_delete(second))
        assert response.status_code == 400
        asked = confirmation(html(response), f"clause-{second.pk}-confirm-delete")
        assert is_open(asked) and "Nothing was deleted" in asked
        assert clause_texts(second) == ["Eerste.", "Tweede.", "Derde."]

    def test_confirmed_it_is_deleted_with_htmx_and_without(self, secretariat, clauses):
        first, second, _third = clauses
        fragment = html(secretariat.post(clause_delete(second), {"confirm": "1"}, **HTMX))
        assert "Clause 2 is deleted." in fragment
        assert clause_texts(first) == ["Eerste.", "Derde."]
        response = secretariat.post(clause_delete(first), {"confirm": "1"})
        assert response.status_code == 302
        assert clause_texts(first) == ["Derde."]


# --- Deleting a part of a motion's text (workspace/views/proposals.py) -----------------------


@pytest.fixture
def text_parts():
    motion = f.motion(f.item(f.meeting(published=False), "Asiel"), "Solidariteit")
    f.motion_parts(motion, [("consideration", "Overwegende."), ("request", "Verzoekt.")])
    return list(motion.parts.order_by("position"))


def part_delete(part):
    return reverse("workspace:part_delete", args=[part.pk])


def part_texts(part):
    return list(
        MotionPart.objects.filter(motion_id=part.motion_id)
        .order_by("position")
        .values_list("text", flat=True)
    )


class TestDeletingAPartOfAMotion:
    def test_the_page_names_the_part_and_says_the_others_move_up(self, secretariat, text_parts):
        request = text_parts[-1]
        page = html(secretariat.get(reverse("workspace:proposal", args=[request.motion_id])))
        asked = confirmation(page, f"part-{request.pk}-confirm-delete")
        number = request.position
        assert f"Part {number} (“Verzoekt.”) is deleted from the text of the motion" in asked
        assert f"Yes, delete part {number}" in asked
        assert asks_with_a_red_button(asked) and not is_open(asked)
        assert f'action="{part_delete(request)}"' in asked
        assert f'hx-post="{part_delete(request)}"' in asked

    def test_without_the_confirmation_the_part_stays(self, secretariat, text_parts):
        request = text_parts[-1]
        before = part_texts(request)
        fragment = html(secretariat.post(part_delete(request), **HTMX))
        assert fragment.lstrip().startswith('<div id="parts">')
        asked = confirmation(fragment, f"part-{request.pk}-confirm-delete")
        assert is_open(asked) and "Nothing was deleted: confirm first that part" in asked
        assert "hx-swap-oob" not in fragment
        assert secretariat.post(part_delete(request)).status_code == 400
        assert part_texts(request) == before

    def test_confirmed_it_is_deleted(self, secretariat, text_parts):
        request = text_parts[-1]
        before = part_texts(request)
        fragment = html(secretariat.post(part_delete(request), {"confirm": "1"}, **HTMX))
        assert f"Part {request.position} is deleted." in fragment
        assert part_texts(request) == before[:-1]
        assert not Motion.objects.get(pk=request.motion_id).parts.filter(pk=request.pk).exists()


# --- Discarding a Word import (motions/import_views.py) --------------------------------------


@pytest.fixture
def imported(secretariat):
    meeting = f.meeting(published=False)
    f.item(meeting, "Asiel")
    upload(secretariat, meeting, docx_file(name="solidariteit.docx"))
    return meeting


def discard(meeting, **data):
    url = reverse("motion_import_confirm", args=[meeting.pk, 0])
    return url, {"action": "discard", **data}


def waiting(client, meeting):
    return client.session.get("motion_imports", {}).get(str(meeting.pk), [])


class TestDiscardingAWordImport:
    def test_the_page_says_what_is_thrown_away_and_asks_with_a_red_button(
        self, secretariat, imported
    ):
        page = html(secretariat.get(reverse("motion_import", args=[imported.pk])))
        asked = confirmation(page, "confirm-discard-0")
        assert "What was read from solidariteit.docx is thrown away" in asked
        assert "upload the file again" in asked and "Yes, discard solidariteit.docx" in asked
        assert asks_with_a_red_button(asked) and not is_open(asked)

    def test_without_the_confirmation_the_preview_stays(self, secretariat, imported):
        url, data = discard(imported)
        response = secretariat.post(url, data)
        assert response.status_code == 400
        asked = confirmation(html(response), "confirm-discard-0")
        assert is_open(asked) and "Nothing was discarded" in asked
        assert [e["filename"] for e in waiting(secretariat, imported)] == ["solidariteit.docx"]

    def test_confirmed_it_is_discarded_and_no_motion_made(self, secretariat, imported):
        url, data = discard(imported, confirm="1")
        response = secretariat.post(url, data)
        assert response["Location"] == reverse("motion_import", args=[imported.pk])
        assert waiting(secretariat, imported) == []
        assert not Motion.objects.exists()


# --- Withdrawing a member's proxy (voting/views.py) ------------------------------------------


@pytest.fixture
def given(proxy):
    """The proxy Vlieland gave Utrecht, and the client of the person holding Vlieland's card."""
    person = make_user("griffier-vlieland", roles.MEMBER, member=proxy.grantor)
    VotingCard.objects.create(meeting=proxy.meeting, member=proxy.grantor, holder=person)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(person)
    return proxy, client


def withdraw(proxy):
    return reverse("voting:withdraw_proxy", args=[proxy.meeting_id, proxy.pk])


def vote_page(proxy):
    return reverse("voting:vote", args=[proxy.meeting_id])


def proxy_state(proxy):
    return Proxy.objects.get(pk=proxy.pk).state


class TestWithdrawingAProxy:
    def test_the_page_says_who_stops_voting_and_asks_with_a_red_button(self, given):
        proxy, member = given
        asked = confirmation(html(member.get(vote_page(proxy))), "confirm-withdraw-proxy")
        assert "Utrecht will no longer vote for Vlieland at this meeting" in asked
        assert "Vlieland votes with its own voting card again" in asked
        assert "Yes, withdraw the proxy to Utrecht" in asked
        assert asks_with_a_red_button(asked) and not is_open(asked)

    def test_without_the_confirmation_it_is_not_withdrawn(self, given):
        proxy, member = given
        response = member.post(withdraw(proxy))
        assert response.status_code == 400
        asked = confirmation(html(response), "confirm-withdraw-proxy")
        assert is_open(asked)
        assert "Nothing was withdrawn: confirm first that Utrecht is no longer to vote" in asked
        assert proxy_state(proxy) == Proxy.State.ACTIVE

    def test_confirmed_it_is_withdrawn_and_a_proxy_can_be_given_again(self, given):
        proxy, member = given
        response = member.post(withdraw(proxy), {"confirm": "1"})
        assert response["Location"] == vote_page(proxy) + "#proxies"
        assert proxy_state(proxy) == Proxy.State.WITHDRAWN
        page = html(member.get(response["Location"]))
        assert "Utrecht no longer votes for Vlieland." in page
        assert reverse("voting:give_proxy", args=[proxy.meeting_id]) in page


# --- Closing a vote of a written consultation early (voting/consultations.py) ----------------


@pytest.fixture
def written_poll(secretariat_user):
    motion = f.motion(f.item(f.meeting(), "Moties"), "Ravijnjaar")
    now = timezone.now()
    period = {"opens_at": now, "closes_at": now + dt.timedelta(days=3)}
    return polls.open_poll(motion, secretariat_user, written=True, **period)


def close_early(poll):
    return reverse("voting:close_consultation_poll", args=[poll.meeting_id, poll.pk])


class TestClosingAWrittenVoteEarly:
    def test_the_page_asks_with_a_red_button(self, secretariat, written_poll):
        page = html(secretariat.get(reverse("voting:consultation", args=[written_poll.meeting_id])))
        asked = page[page.index(f'action="{close_early(written_poll)}"') :].split("</form>")[0]
        assert "Its result is recorded and nobody can vote in it any more." in asked
        assert asks_with_a_red_button(asked)

    def test_without_the_confirmation_it_stays_open(self, secretariat, written_poll):
        response = secretariat.post(close_early(written_poll), follow=True)
        assert "Nothing was closed: confirm first" in html(response)
        assert Poll.objects.get(pk=written_poll.pk).is_open

    def test_confirmed_it_is_closed(self, secretariat, written_poll):
        secretariat.post(close_early(written_poll), {"confirm": "1"})
        assert Poll.objects.get(pk=written_poll.pk).state == Poll.State.CLOSED
