"""Electronic votes on the meeting day, the chair's side (live/views/polls.py): opening a vote
on a subject, its progress (never the interim result), paper cards, closing and cancelling;
what the live panel, the projector and the decision list show of it."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agenda.outcomes import Status
from motions.models import Motion
from tests import factories as f
from voting import polls
from voting.models import Cast, Poll

pytestmark = pytest.mark.django_db


HTMX = {"HTTP_HX_REQUEST": "true"}
# What the red button of a confirmation sends: closing and cancelling ask first.
CONFIRMED = {"confirm": "1"}


def open_url(motion, kind="proposal", pk=None):
    return reverse("live:open_poll", args=[motion.agenda_item.meeting_id, kind, pk or motion.pk])


def poll_url(name, poll):
    return reverse(f"live:{name}", args=[poll.meeting_id, poll.pk])


def day_url(meeting):
    return reverse("live:meeting_day", args=[meeting.pk])


def vote(poll, members, holders, **choices):
    for name, choice in choices.items():
        polls.cast_vote(poll, members[name], choice, holders[name])


class TestAccess:
    def test_only_the_secretariat_may_open_follow_enter_close_and_cancel_a_vote(
        self, motion, holders, member_user, board_user, secretariat_user
    ):
        poll = polls.open_poll(motion, secretariat_user)
        urls = [
            ("post", open_url(motion)),
            ("get", poll_url("poll_progress", poll)),
            ("get", poll_url("paper_votes", poll)),
            ("post", poll_url("paper_votes", poll)),
            ("post", poll_url("close_poll", poll)),
            ("post", poll_url("cancel_poll", poll)),
        ]
        anonymous = Client()
        for method, url in urls:
            response = getattr(anonymous, method)(url)
            assert response.status_code == 302 and "login" in response["Location"], url
        for user in (member_user, board_user, holders["Utrecht"]):
            client = Client()
            client.force_login(user)
            for method, url in urls:
                assert getattr(client, method)(url).status_code == 403, (user, url)
        assert Poll.objects.get(pk=poll.pk).is_open

    def test_a_vote_of_another_meeting_is_not_found_through_this_one(
        self, chair, motion, secretariat_user
    ):
        poll = polls.open_poll(motion, secretariat_user)
        other = f.meeting(title="Andere ALV")
        for name in ("poll_progress", "paper_votes", "close_poll", "cancel_poll"):
            url = reverse(f"live:{name}", args=[other.pk, poll.pk])
            assert chair.post(url).status_code == 404, name
        url = reverse("live:open_poll", args=[other.pk, "proposal", motion.pk])
        assert chair.post(url).status_code == 404
        assert Poll.objects.get(pk=poll.pk).is_open

    def test_the_actions_take_post_only(self, chair, motion, secretariat_user):
        poll = polls.open_poll(motion, secretariat_user)
        assert chair.get(poll_url("close_poll", poll)).status_code == 405
        assert chair.get(poll_url("cancel_poll", poll)).status_code == 405
        assert chair.get(open_url(motion)).status_code == 405
        assert Poll.objects.get(pk=poll.pk).is_open


class TestOpening:
    def test_the_meeting_day_page_offers_a_vote_on_each_subject(self, chair, motion, holders):
        html = chair.get(f"{day_url(motion.agenda_item.meeting)}?item={motion.agenda_item_id}")
        html = html.content.decode()
        assert f'id="proposal-{motion.pk}-open-poll"' in html
        assert f'action="{open_url(motion)}"' in html

    def test_opening_shows_the_progress_in_cards_and_weight_but_never_the_interim_result(
        self, chair, motion, members, holders
    ):
        response = chair.post(open_url(motion), {"changeable": "on"})
        assert response.status_code == 302
        poll = Poll.objects.get()
        assert poll.is_open and poll.changeable and not poll.secret
        vote(poll, members, holders, Amsterdam="against", Vlieland="for")

        html = chair.get(day_url(motion.agenda_item.meeting)).content.decode()
        assert 'id="poll-panel"' in html
        assert "2 of 3 cards voted" in html
        assert "Weight voted: 932200 of 1306200" in html
        assert 'max="1306200" value="932200"' in html
        assert 'hx-trigger="every 2s"' in html
        assert "alv-poll-result" not in html
        assert f'id="proposal-{motion.pk}-open-poll"' not in html  # one vote at a time

        fragment = chair.get(poll_url("poll_progress", poll)).content.decode()
        assert "2 of 3 cards voted" in fragment
        assert "alv-poll-result" not in fragment
        for label in ("For", "Against", "Abstain", "%"):
            assert label not in fragment

    def test_an_htmx_request_gets_the_workspace_with_the_vote_under_way(
        self, chair, motion, members
    ):
        response = chair.post(open_url(motion), **HTMX)
        html = response.content.decode()
        assert html.lstrip().startswith('<div id="meeting-day"')
        assert "0 of 3 cards voted" in html

    def test_a_refused_vote_is_explained_at_its_form_with_the_choices_kept(
        self, chair, motion, holders
    ):
        # A secret vote cannot be changeable.
        response = chair.post(open_url(motion), {"secret": "on", "changeable": "on"}, **HTMX)
        html = response.content.decode()
        assert not Poll.objects.exists()
        assert f'id="proposal-{motion.pk}-poll-error"' in html
        assert "A secret vote cannot be changed" in html
        assert f'id="proposal-{motion.pk}-secret" checked' in html
        assert f'id="proposal-{motion.pk}-changeable" checked' in html
        assert 'role="alert"><p class="utrecht-paragraph">' not in html  # no box at the top

    def test_without_htmx_a_refused_vote_answers_400_with_the_page(
        self, chair, item, members, motion
    ):
        draft = f.motion(item, "Concept", submitters=[members["Utrecht"]], is_draft=True)
        response = chair.post(open_url(draft))
        assert response.status_code == 400
        assert "Members vote only on published papers." in response.content.decode()
        assert not Poll.objects.exists()

    def test_the_vote_on_the_pre_advice_opens_where_one_is_settled(
        self, chair, item, members, holders
    ):
        advised = f.motion(
            item, "Met preadvies", submitters=[members["Utrecht"]], advice="aanhouden"
        )
        html = chair.get(f"{day_url(item.meeting)}?item={item.pk}").content.decode()
        assert f'id="proposal-{advised.pk}-open-pre-advice-poll"' in html
        chair.post(open_url(advised), {"on_pre_advice": "1"})
        assert Poll.objects.get().kind == Poll.Kind.PRE_ADVICE

    def test_a_vote_on_an_item_as_such_opens_on_the_item(self, chair, meeting, holders):
        accounts = f.item(meeting, "Jaarrekening", kind="decision")
        chair.post(reverse("live:open_poll", args=[meeting.pk, "item", accounts.pk]))
        poll = Poll.objects.get()
        assert poll.agenda_item == accounts


class TestClosing:
    def test_closing_records_the_weighted_outcome_and_shows_the_result(
        self, chair, motion, members, holders, secretariat_user
    ):
        poll = polls.open_poll(motion, secretariat_user)
        vote(poll, members, holders, Amsterdam="against", Utrecht="for", Vlieland="for")

        response = chair.post(poll_url("close_poll", poll), CONFIRMED)
        assert response.status_code == 302
        motion = Motion.objects.get(pk=motion.pk)
        assert motion.status == Status.REJECTED
        assert str(motion.percent_against) == "71.28"

        html = chair.get(day_url(motion.agenda_item.meeting)).content.decode()
        assert "Last poll" in html
        assert "alv-poll-result" in html
        assert "71.28%" in html and "28.72%" in html
        assert "931000" in html
        assert "Recorded:" in html
        assert "rejected with 28.72% for, 71.28% against and 0.00% abstaining" in html
        # The decision also shows in the subject's own record, and new votes may open.
        assert f'id="proposal-{motion.pk}-undo"' in html
        assert f'id="proposal-{motion.pk}-open-poll"' in html

    def test_a_vote_closed_meanwhile_is_not_closed_twice(self, chair, motion, secretariat_user):
        poll = polls.open_poll(motion, secretariat_user)
        polls.close_poll(poll)
        response = chair.post(poll_url("close_poll", poll), **HTMX)
        assert "This vote was closed already." in response.content.decode()

    def test_the_progress_of_a_closed_vote_shows_no_figures_and_stops_polling(
        self, chair, motion, members, holders, secretariat_user
    ):
        poll = polls.open_poll(motion, secretariat_user)
        vote(poll, members, holders, Utrecht="for")
        polls.close_poll(poll)
        html = chair.get(poll_url("poll_progress", poll)).content.decode()
        assert "This poll is no longer open." in html
        assert "hx-trigger" not in html

    def test_cancelling_records_nothing(self, chair, motion, members, holders, secretariat_user):
        poll = polls.open_poll(motion, secretariat_user)
        vote(poll, members, holders, Utrecht="for")
        assert chair.post(poll_url("cancel_poll", poll), CONFIRMED).status_code == 302
        assert Poll.objects.get(pk=poll.pk).state == Poll.State.CANCELLED
        assert Motion.objects.get(pk=motion.pk).status == Status.SUBMITTED
        html = chair.get(day_url(motion.agenda_item.meeting)).content.decode()
        assert 'id="poll-panel"' not in html


class TestAskingFirst:
    """Closing records the result and ends the voting; cancelling throws the votes away: both
    ask first, and the server refuses them without that confirmation."""

    def test_the_panel_asks_with_a_red_button_for_each(self, chair, motion, secretariat_user):
        polls.open_poll(motion, secretariat_user)
        page = chair.get(day_url(motion.agenda_item.meeting)).content.decode()
        for name in ("close", "cancel"):
            button = re.search(f'<button[^>]*id="{name}-poll-confirm"[^>]*>', page).group(0)
            assert 'name="confirm" value="1"' in button and "utrecht-button--danger" in button

    @pytest.mark.parametrize(
        ("name", "refusal"),
        [
            ("close_poll", "Nothing was closed: confirm first"),
            ("cancel_poll", "Nothing was cancelled: confirm first"),
        ],
    )
    def test_without_the_confirmation_the_vote_stays_open_and_its_confirmation_comes_back_open(
        self, chair, motion, members, holders, secretariat_user, name, refusal
    ):
        poll = polls.open_poll(motion, secretariat_user)
        vote(poll, members, holders, Utrecht="for")
        response = chair.post(poll_url(name, poll))
        assert response.status_code == 400
        fragment = chair.post(poll_url(name, poll), **HTMX)
        assert fragment.status_code == 200  # htmx swaps it
        for html in (response.content.decode(), fragment.content.decode()):
            errors = html[html.index('id="poll-errors"') :][:600]
            assert refusal in errors
            summary = f'<summary id="{name.split("_")[0]}-poll">'
            assert re.search(f"<details [^>]* open>\\s*{summary}", html), summary
        assert Poll.objects.get(pk=poll.pk).is_open
        assert Cast.objects.filter(poll=poll).count() == 1
        assert Motion.objects.get(pk=motion.pk).status == Status.SUBMITTED

    def test_a_vote_no_longer_open_is_refused_for_that_reason_confirmed_or_not(
        self, chair, motion, secretariat_user
    ):
        poll = polls.open_poll(motion, secretariat_user)
        polls.cancel_poll(poll)
        for data in ({}, CONFIRMED):
            html = chair.post(poll_url("close_poll", poll), data, **HTMX).content.decode()
            assert "Nothing was closed" not in html
        assert Poll.objects.get(pk=poll.pk).state == Poll.State.CANCELLED


class TestPaperCards:
    def test_it_lists_only_the_members_that_have_not_voted(
        self, chair, motion, members, holders, secretariat_user
    ):
        poll = polls.open_poll(motion, secretariat_user)
        vote(poll, members, holders, Amsterdam="for")
        html = chair.get(poll_url("paper_votes", poll)).content.decode()
        assert "Utrecht" in html and "Vlieland" in html
        assert "Amsterdam" not in html
        assert "2 members have not voted" in html

    def test_saving_enters_each_chosen_vote_on_paper(
        self, chair, motion, members, holders, secretariat_user
    ):
        poll = polls.open_poll(motion, secretariat_user)
        response = chair.post(
            poll_url("paper_votes", poll),
            {f"m{members['Utrecht'].pk}": "against", f"m{members['Vlieland'].pk}": ""},
        )
        assert response.status_code == 302
        cast = Cast.objects.get(poll=poll)
        assert (cast.member, cast.choice, cast.on_paper) == (members["Utrecht"], "against", True)
        assert polls.progress(poll)["cards"] == 1

    def test_a_row_with_an_error_saves_nothing_and_keeps_the_values(
        self, chair, motion, members, holders, secretariat_user
    ):
        poll = polls.open_poll(motion, secretariat_user)
        page = chair.get(poll_url("paper_votes", poll))
        assert page.status_code == 200
        # Utrecht's card votes from its phone while the secretariat types the paper cards.
        vote(poll, members, holders, Utrecht="for")
        amsterdam, utrecht, vlieland = (members[n] for n in ("Amsterdam", "Utrecht", "Vlieland"))
        response = chair.post(
            poll_url("paper_votes", poll),
            {f"m{amsterdam.pk}": "against", f"m{utrecht.pk}": "against", f"m{vlieland.pk}": "?"},
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert "Nothing was entered" in html
        assert f'id="member-{vlieland.pk}-error"' in html
        assert "Choose one of the options." in html
        assert f'aria-labelledby="option-against member-{amsterdam.pk}" checked' in html
        assert list(Cast.objects.filter(poll=poll).values_list("member", "on_paper")) == [
            (utrecht.pk, False)
        ]

    def test_a_member_that_voted_meanwhile_is_refused_its_paper_card(
        self, chair, motion, members, holders, secretariat_user
    ):
        poll = polls.open_poll(motion, secretariat_user, changeable=True)
        chair.get(poll_url("paper_votes", poll))
        utrecht = members["Utrecht"]
        vote(poll, members, holders, Utrecht="for")
        # The page listed Utrecht as not voted; its row still arrives.
        response = chair.post(poll_url("paper_votes", poll), {f"m{utrecht.pk}": "against"})
        # Utrecht has voted now, so it is no longer a row: nothing chosen is entered.
        assert response.status_code == 400
        assert Cast.objects.get(poll=poll, member=utrecht).choice == "for"

    def test_no_paper_card_is_entered_in_a_closed_vote(
        self, chair, motion, members, secretariat_user
    ):
        poll = polls.open_poll(motion, secretariat_user)
        polls.close_poll(poll)
        response = chair.post(poll_url("paper_votes", poll), {f"m{members['Utrecht'].pk}": "for"})
        assert response.status_code == 400
        assert "This vote is closed" in response.content.decode()
        assert not Cast.objects.exists()


class TestLiveScreens:
    def fragment(self, client, meeting):
        return client.get(reverse("live:fragment", args=[meeting.pk])).content.decode()

    def projector(self, client, meeting):
        return client.get(reverse("live:projector", args=[meeting.pk])).content.decode()

    def test_they_say_what_is_voted_on_then_show_the_result_until_the_next_item(
        self, motion, members, holders, secretariat_user
    ):
        meeting = motion.agenda_item.meeting
        meeting.set_current(motion.agenda_item, motion)
        watcher = Client(HTTP_ACCEPT_LANGUAGE="en")
        poll = polls.open_poll(motion, secretariat_user)
        vote(poll, members, holders, Amsterdam="against", Utrecht="for")
        for html in (self.fragment(watcher, meeting), self.projector(watcher, meeting)):
            assert f"Voting is under way on {poll.title}" in html
            assert "alv-poll-result" not in html
            assert "931000" not in html

        polls.close_poll(poll)
        for html in (self.fragment(watcher, meeting), self.projector(watcher, meeting)):
            assert "Voting is under way" not in html
            assert "alv-poll-result" in html
            assert "71.34%" in html

        meeting.set_current(f.item(meeting, "Rondvraag"))
        for html in (self.fragment(watcher, meeting), self.projector(watcher, meeting)):
            assert "alv-poll-result" not in html

    def test_the_fragment_takes_a_fixed_number_of_queries_with_a_vote(
        self, motion, members, holders, secretariat_user, django_assert_max_num_queries
    ):
        meeting = motion.agenda_item.meeting
        meeting.set_current(motion.agenda_item, motion)
        poll = polls.open_poll(motion, secretariat_user)
        vote(poll, members, holders, Amsterdam="against", Utrecht="for")
        polls.close_poll(poll)
        client = Client()
        with django_assert_max_num_queries(14):
            assert client.get(reverse("live:fragment", args=[meeting.pk])).status_code == 200
        with django_assert_max_num_queries(14):
            assert client.get(reverse("live:projector", args=[meeting.pk])).status_code == 200


class TestDecisionList:
    def decisions(self, client, meeting):
        return client.get(reverse("live:decisions", args=[meeting.pk])).content.decode()

    def test_a_named_vote_lists_each_members_vote_under_its_subject(
        self, chair, motion, members, holders, secretariat_user
    ):
        poll = polls.open_poll(motion, secretariat_user)
        vote(poll, members, holders, Amsterdam="against", Utrecht="for")
        polls.cast_vote(poll, members["Vlieland"], "abstain", secretariat_user, on_paper=True)
        polls.close_poll(poll)
        html = self.decisions(chair, motion.agenda_item.meeting)
        assert "the votes per member" in html
        assert "<details" in html
        table = html[html.index("Votes per member on") :]
        rows = [row.split("</tr>")[0] for row in table.split("<tr")[2:5]]
        for row, (name, choice, weight, paper) in zip(
            rows,
            (
                ("Amsterdam", "Against", 931000, "no"),
                ("Utrecht", "For", 374000, "no"),
                ("Vlieland", "Abstain", 1200, "yes"),
            ),
            strict=True,
        ):
            assert f">{name}</th>" in row
            assert f">{choice}</td>" in row
            assert f">{weight}</td>" in row
            assert f">{paper}</td>" in row

    def test_a_secret_vote_shows_only_the_totals(
        self, chair, motion, members, holders, secretariat_user
    ):
        poll = polls.open_poll(motion, secretariat_user, secret=True)
        vote(poll, members, holders, Amsterdam="against", Utrecht="for")
        polls.close_poll(poll)
        html = self.decisions(chair, motion.agenda_item.meeting)
        assert "Secret poll on" in html
        assert "alv-poll-result" in html
        assert "Votes per member on" not in html
        assert ">Amsterdam</th>" not in html
        # Each voter finds the receipt of their vote among those counted.
        for cast in Cast.objects.filter(poll=poll):
            assert f'<code class="alv-receipt">{cast.receipt}</code>' in html

    def test_the_list_takes_a_fixed_number_of_queries_with_votes(
        self, chair, item, members, holders, secretariat_user
    ):
        meeting = item.meeting

        def count():
            with CaptureQueriesContext(connection) as queries:
                chair.get(reverse("live:decisions", args=[meeting.pk]))
            return len(queries)

        first = f.motion(item, "Eerste", submitters=[members["Utrecht"]])
        poll = polls.open_poll(first, secretariat_user)
        vote(poll, members, holders, Amsterdam="for")
        polls.close_poll(poll)
        one = count()
        for n in range(3):
            more = f.motion(item, f"Motie {n}", submitters=[members["Utrecht"]])
            poll = polls.open_poll(more, secretariat_user)
            vote(poll, members, holders, Amsterdam="for", Utrecht="against")
            polls.close_poll(poll)
        assert count() == one
