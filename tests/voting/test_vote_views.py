"""The voter's side of electronic voting (voting/views.py): the vote page, its polled fragment,
casting a vote, attendance and proxies."""

import datetime as dt
import json
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from alv import freshness, roles
from tests import factories as f
from tests.conftest import make_user
from tests.voting.conftest import client_of
from voting import cards, polls
from voting.models import Attendance, Cast, Poll, Proxy, Tally


def vote_url(meeting):
    return reverse("voting:vote", args=[meeting.pk])


def fragment_url(meeting):
    return reverse("voting:fragment", args=[meeting.pk])


def cast_url(poll):
    return reverse("voting:cast", args=[poll.meeting_id, poll.pk])


@pytest.fixture
def poll(motion, holders):
    return polls.open_poll(motion, holders["Amsterdam"])


@pytest.fixture
def utrecht_client(holders):
    return client_of(holders["Utrecht"])


@pytest.fixture(autouse=True)
def fresh_revision():
    freshness.forget_recent()


# The vote page


def test_a_card_holder_sees_the_open_vote_with_one_option_per_choice(utrecht_client, poll):
    html = utrecht_client.get(vote_url(poll.meeting)).content.decode()

    assert "You hold the voting card of Utrecht at this meeting." in html
    assert poll.title in html
    for choice in ("for", "against", "abstain"):
        assert f'name="choice" value="{choice}"' in html
    assert f'action="{cast_url(poll)}"' in html


def test_a_colleague_without_the_card_is_told_who_holds_it_and_cannot_vote(poll, holders, utrecht):
    colleague = make_user("wethouder", roles.MEMBER, member=utrecht)
    html = client_of(colleague).get(vote_url(poll.meeting)).content.decode()

    assert "utrecht holds the voting card of Utrecht at this meeting" in html
    assert "Your contact person chooses who holds it, on the page Voting cards." in html
    assert 'name="choice"' not in html
    assert "You do not hold a voting card at this meeting" in html


def test_a_contact_person_without_the_card_is_pointed_to_the_voting_cards_page(
    meeting, holders, utrecht
):
    contact = make_user("contact", roles.MEMBER, member=utrecht)
    contact.is_contact = True
    contact.save()
    html = client_of(contact).get(vote_url(meeting)).content.decode()

    assert reverse("voting:cards") in html


def test_a_meeting_the_reader_may_not_see_answers_404_everywhere(holders, utrecht):
    hidden = f.meeting(published=False, starts_at=timezone.now())
    client = client_of(holders["Utrecht"])

    assert client.get(vote_url(hidden)).status_code == 404
    assert client.get(fragment_url(hidden)).status_code == 404
    posted = client.post(reverse("voting:attend", args=[hidden.pk]), {"mode": "online"}).status_code
    assert posted == 404
    assert not Attendance.objects.exists()


def test_a_visitor_is_sent_to_log_in_and_staff_without_a_member_are_refused(
    client, meeting, secretariat_user
):
    response = client.get(vote_url(meeting))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert client_of(secretariat_user).get(vote_url(meeting)).status_code == 403


# Casting a vote


def test_a_card_holder_votes_without_javascript_and_is_shown_the_receipt(
    utrecht_client, poll, utrecht
):
    response = utrecht_client.post(cast_url(poll), {"member": utrecht.pk, "choice": "for"})

    cast = Cast.objects.get(poll=poll, member=utrecht)
    assert response.status_code == 302
    assert response["Location"] == vote_url(poll.meeting) + "#votes"
    page = utrecht_client.get(response["Location"]).content.decode()
    assert f"was counted. Receipt code: {cast.receipt}." in page
    assert "Your vote has been counted" in page and cast.receipt in page
    assert Tally.objects.get(poll=poll, choice="for").weight == 374_000


def test_a_vote_by_htmx_answers_the_fresh_fragment_with_the_receipt_and_choice(
    utrecht_client, poll, utrecht
):
    response = utrecht_client.post(
        cast_url(poll), {"member": utrecht.pk, "choice": "against"}, HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    receipt = Cast.objects.get(poll=poll, member=utrecht).receipt
    assert response.status_code == 200
    assert html.lstrip().startswith('<div class="alv-ballots" id="ballots"')
    assert "Your vote has been counted</strong>: against." in html
    assert receipt in html
    assert 'name="choice"' not in html  # this vote cannot be changed
    assert "autofocus" in html


def test_the_same_vote_posted_twice_counts_once_and_answers_the_same_receipt(
    utrecht_client, poll, utrecht
):
    data = {"member": utrecht.pk, "choice": "for"}
    utrecht_client.post(cast_url(poll), data)
    again = utrecht_client.post(cast_url(poll), data, follow=True)

    receipt = Cast.objects.get(poll=poll, member=utrecht).receipt
    assert again.status_code == 200
    assert f"Receipt code: {receipt}." in again.content.decode()
    assert Cast.objects.filter(poll=poll).count() == 1
    assert Tally.objects.get(poll=poll, choice="for").cards == 1


def test_nobody_votes_for_a_member_whose_card_they_do_not_hold(poll, holders, utrecht, amsterdam):
    colleague = make_user("wethouder", roles.MEMBER, member=utrecht)

    assert (
        client_of(colleague)
        .post(cast_url(poll), {"member": utrecht.pk, "choice": "for"})
        .status_code
        == 403
    )
    assert (
        client_of(holders["Utrecht"])
        .post(cast_url(poll), {"member": amsterdam.pk, "choice": "for"})
        .status_code
        == 403
    )
    assert not Cast.objects.exists()


def ballot_card(client, meeting, member):
    """The signed card of `member`'s ballot on the vote page, as the browser posts it."""
    html = client.get(vote_url(meeting)).content.decode()
    form = re.search(rf'name="member" value="{member.pk}">.*?name="card" value="([^"]+)"', html)
    return form.group(1)


def test_a_vote_with_its_ballots_signed_card_is_counted_with_the_members_weight(
    utrecht_client, poll, utrecht, django_assert_max_num_queries
):
    card = ballot_card(utrecht_client, poll.meeting, utrecht)

    # The session, the reader, roles and association; the poll with its meeting; the card;
    # the vote's transaction.
    with django_assert_max_num_queries(16):
        response = utrecht_client.post(
            cast_url(poll), {"member": utrecht.pk, "choice": "for", "card": card}
        )

    assert response.status_code == 302
    assert Cast.objects.get(poll=poll, member=utrecht).weight == 374_000
    assert Attendance.objects.get(meeting=poll.meeting, member=utrecht).mode == "online"


def test_a_signed_card_gives_no_other_member_weight_or_poll(
    utrecht_client, poll, motion, holders, utrecht, amsterdam
):
    card = ballot_card(utrecht_client, poll.meeting, utrecht)
    tampered = card[:-3] + ("AAA" if not card.endswith("AAA") else "BBB")

    # Another member with Utrecht's card, or a forged card: not for this reader.
    for data in (
        {"member": amsterdam.pk, "choice": "for", "card": card},
        {"member": amsterdam.pk, "choice": "for", "card": tampered},
    ):
        assert utrecht_client.post(cast_url(poll), data).status_code == 403
    assert not Cast.objects.exists()
    # A forged card for the reader's own member is ignored: the weight is looked up.
    utrecht_client.post(cast_url(poll), {"member": utrecht.pk, "choice": "for", "card": tampered})
    assert Cast.objects.get(poll=poll, member=utrecht).weight == 374_000


def test_a_signed_card_no_longer_votes_once_the_card_was_passed_on(poll, holders, utrecht):
    holder = client_of(holders["Utrecht"])
    card = ballot_card(holder, poll.meeting, utrecht)
    colleague = make_user("griffier", roles.MEMBER, member=utrecht)
    cards.set_holder(poll.meeting, utrecht, colleague)

    refused = holder.post(cast_url(poll), {"member": utrecht.pk, "choice": "for", "card": card})

    assert refused.status_code == 403
    assert not Cast.objects.exists()


def test_a_signed_card_counts_only_in_the_poll_at_the_meeting_it_was_signed_for(
    utrecht_client, poll, motion, holders, utrecht
):
    user = holders["Utrecht"]
    # Signed with a weight of 5: where the card is trusted, the vote weighs 5.
    signed = cards.sign_ballot(poll, user, utrecht, 5)
    utrecht_client.post(cast_url(poll), {"member": utrecht.pk, "choice": "for", "card": signed})
    assert Cast.objects.get(poll=poll, member=utrecht).weight == 5

    # In the next poll the same card is not trusted: the weight is looked up.
    polls.close_poll(poll, holders["Amsterdam"])
    following = polls.open_poll(motion, holders["Amsterdam"])
    utrecht_client.post(
        cast_url(following), {"member": utrecht.pk, "choice": "for", "card": signed}
    )
    assert Cast.objects.get(poll=following, member=utrecht).weight == 374_000


def test_a_signed_card_is_not_trusted_in_a_written_consultation(motion, holders, utrecht):
    # Proxies may change while a consultation is open for days: its votes look the card up.
    now = timezone.now()
    written = polls.open_poll(
        motion,
        holders["Amsterdam"],
        written=True,
        opens_at=now,
        closes_at=now + dt.timedelta(days=3),
    )
    signed = cards.sign_ballot(written, holders["Utrecht"], utrecht, 5)

    client_of(holders["Utrecht"]).post(
        cast_url(written), {"member": utrecht.pk, "choice": "for", "card": signed}
    )

    assert Cast.objects.get(poll=written, member=utrecht).weight == 374_000


def test_a_poll_of_another_meeting_is_not_found(utrecht_client, poll, utrecht, holders):
    other = f.meeting(starts_at=timezone.now())
    url = reverse("voting:cast", args=[other.pk, poll.pk])

    assert utrecht_client.post(url, {"member": utrecht.pk, "choice": "for"}).status_code == 404


def test_a_vote_after_the_poll_closed_is_refused_with_a_clear_message_and_not_counted(
    utrecht_client, poll, utrecht
):
    polls.close_poll(poll)
    response = utrecht_client.post(cast_url(poll), {"member": utrecht.pk, "choice": "for"})

    assert response.status_code == 400
    assert "This vote is closed: your vote was not counted." in response.content.decode()
    assert not Cast.objects.filter(member=utrecht).exists()


def test_a_vote_without_an_option_is_refused_at_the_ballot(utrecht_client, poll, utrecht):
    response = utrecht_client.post(cast_url(poll), {"member": utrecht.pk})

    html = response.content.decode()
    assert response.status_code == 400
    error_id = f"ballot-{poll.pk}-{utrecht.pk}-error"
    assert f'aria-describedby="{error_id}"' in html
    assert "Choose one of the options." in html
    assert not Cast.objects.exists()


def test_a_refused_vote_by_htmx_shows_the_message_in_the_fragment(utrecht_client, poll, utrecht):
    polls.close_poll(poll)
    response = utrecht_client.post(
        cast_url(poll), {"member": utrecht.pk, "choice": "for"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200  # htmx swaps only a success
    assert "This vote is closed: your vote was not counted." in response.content.decode()


def test_a_changeable_vote_shows_the_receipt_and_a_form_to_change_it(motion, holders, utrecht):
    poll = polls.open_poll(motion, holders["Utrecht"], changeable=True)
    client = client_of(holders["Utrecht"])
    client.post(cast_url(poll), {"member": utrecht.pk, "choice": "for"})
    response = client.post(cast_url(poll), {"member": utrecht.pk, "choice": "against"}, follow=True)

    html = response.content.decode()
    assert "was changed. Receipt code:" in html
    assert "Change vote" in html
    assert Cast.objects.get(poll=poll, member=utrecht).choice == "against"


def test_a_secret_vote_shows_the_receipt_but_no_choice(motion, holders, utrecht):
    poll = polls.open_poll(motion, holders["Utrecht"], secret=True)
    client = client_of(holders["Utrecht"])
    response = client.post(
        cast_url(poll), {"member": utrecht.pk, "choice": "for"}, HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert "Your vote has been counted</strong>." in html
    assert Cast.objects.get(poll=poll).receipt in html


def test_a_proxy_holder_votes_for_the_grantor_with_the_grantors_weight(
    meeting, motion, holders, proxies_allowed, utrecht, vlieland
):
    vlieland_client = client_of(holders["Vlieland"])
    given = vlieland_client.post(
        reverse("voting:give_proxy", args=[meeting.pk]), {"holder": utrecht.pk}
    )
    assert given.status_code == 302
    poll = polls.open_poll(motion, holders["Amsterdam"])
    client = client_of(holders["Utrecht"])

    html = client.get(vote_url(meeting)).content.decode()
    assert "Vlieland (by proxy)" in html
    client.post(cast_url(poll), {"member": vlieland.pk, "choice": "against"})
    client.post(cast_url(poll), {"member": utrecht.pk, "choice": "for"})

    assert Cast.objects.get(poll=poll, member=vlieland).weight == 1_200
    assert Tally.objects.get(poll=poll, choice="against").weight == 1_200
    assert Tally.objects.get(poll=poll, choice="for").weight == 374_000
    # The grantor's own card no longer votes.
    refused = vlieland_client.post(cast_url(poll), {"member": vlieland.pk, "choice": "for"})
    assert refused.status_code == 403


def test_a_written_consultation_refuses_votes_before_and_after_its_period(motion, holders, utrecht):
    now = timezone.now()
    poll = polls.open_poll(
        motion,
        holders["Amsterdam"],
        written=True,
        opens_at=now + dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(hours=2),
    )
    client = client_of(holders["Utrecht"])
    data = {"member": utrecht.pk, "choice": "for"}

    early = client.post(cast_url(poll), data)
    assert early.status_code == 400
    assert "This vote has not opened yet." in early.content.decode()
    with time_machine.travel(now + dt.timedelta(hours=3)):
        late = client.post(cast_url(poll), data)
    assert late.status_code == 400
    assert "This vote is closed: your vote was not counted." in late.content.decode()
    with time_machine.travel(now + dt.timedelta(minutes=90)):
        assert client.post(cast_url(poll), data).status_code == 302
    assert Cast.objects.filter(poll=poll).count() == 1


# The polled fragment


def test_the_fragment_answers_304_when_nothing_changed_and_200_after_a_poll_opens(
    meeting, motion, holders
):
    client = client_of(holders["Utrecht"])
    first = client.get(fragment_url(meeting))
    assert first.status_code == 200
    assert 'hx-trigger="every 1s"' in first.content.decode()
    etag = first["ETag"]
    assert client.get(fragment_url(meeting), HTTP_IF_NONE_MATCH=etag).status_code == 304

    polls.open_poll(motion, holders["Amsterdam"])
    freshness.forget_recent()
    again = client.get(fragment_url(meeting), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert "Ravijnjaar" in again.content.decode()


def test_a_vote_answers_with_the_fresh_fragment_and_a_validator_that_includes_it(
    poll, holders, utrecht
):
    client = client_of(holders["Utrecht"])
    before = client.get(fragment_url(poll.meeting))["ETag"]
    voted = client.post(
        cast_url(poll), {"member": utrecht.pk, "choice": "for"}, HTTP_HX_REQUEST="true"
    )
    html = voted.content.decode()
    assert "Your vote has been counted" in html
    after = json.loads(re.search(r'hx-headers="([^"]+)"', html).group(1).replace("&quot;", '"'))
    assert after["If-None-Match"] != before
    response = client.get(fragment_url(poll.meeting), HTTP_IF_NONE_MATCH=after["If-None-Match"])
    assert response.status_code == 304


def test_a_vote_made_on_another_device_shows_on_reload_and_with_the_next_change(
    poll, holders, utrecht
):
    client = client_of(holders["Utrecht"])
    etag = client.get(fragment_url(poll.meeting))["ETag"]
    polls.cast_vote(poll, utrecht, "for", holders["Utrecht"])

    assert "Your vote has been counted" in client.get(fragment_url(poll.meeting)).content.decode()
    poll.meeting.touch_live()
    freshness.forget_recent()
    response = client.get(fragment_url(poll.meeting), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Your vote has been counted" in response.content.decode()


def test_the_fragment_answers_200_when_a_written_consultation_begins(motion, holders):
    now = timezone.now()
    polls.open_poll(
        motion,
        holders["Amsterdam"],
        written=True,
        opens_at=now + dt.timedelta(minutes=5),
        closes_at=now + dt.timedelta(hours=2),
    )
    client = client_of(holders["Utrecht"])
    before = client.get(fragment_url(motion.agenda_item.meeting))
    assert 'name="choice"' not in before.content.decode()

    with time_machine.travel(now + dt.timedelta(minutes=6)):
        freshness.forget_recent()
        response = client.get(
            fragment_url(motion.agenda_item.meeting), HTTP_IF_NONE_MATCH=before["ETag"]
        )
    assert response.status_code == 200
    assert 'name="choice"' in response.content.decode()


def test_the_fragment_shows_the_last_result_in_words(poll, holders, amsterdam, utrecht):
    polls.cast_vote(poll, amsterdam, "against", holders["Amsterdam"])
    polls.cast_vote(poll, utrecht, "for", holders["Utrecht"])
    polls.close_poll(poll)

    html = client_of(holders["Utrecht"]).get(fragment_url(poll.meeting)).content.decode()
    assert f"Result of the vote on {escape(poll.title)}" in html
    # 374,000 for and 931,000 against, of 1,305,000.
    assert "For: 28.66% of the weight (1 card)" in html
    assert "Against: 71.34% of the weight (1 card)" in html
    assert "Abstain: 0.00% of the weight (0 cards)" in html
    assert "No vote is open now." in html


def test_the_fragment_does_not_poll_when_the_meeting_is_not_live(holders, utrecht):
    later = f.meeting(days=30)
    from voting.models import VotingCard

    VotingCard.objects.create(meeting=later, member=utrecht, holder=holders["Utrecht"])
    html = client_of(holders["Utrecht"]).get(fragment_url(later)).content.decode()
    assert "hx-trigger" not in html


def test_the_fragment_takes_as_many_queries_for_many_members_and_polls(
    meeting,
    motion,
    item,
    holders,
    proxies_allowed,
    utrecht,
    vlieland,
    amsterdam,
    django_assert_max_num_queries,
):
    client = client_of(holders["Utrecht"])
    polls.open_poll(motion, holders["Amsterdam"])
    with django_assert_max_num_queries(30) as few:
        assert client.get(fragment_url(meeting)).status_code == 200
    baseline = len(few.captured_queries)

    polls.close_poll(Poll.objects.get())
    for number in range(20):
        f.member(f"Gemeente {number}", population=10_000 + number)
    cards.give_proxy(meeting, vlieland, utrecht)
    now = timezone.now()
    for number in range(5):
        written = f.motion(item, f"Motie {number}")
        polls.open_poll(
            written,
            holders["Amsterdam"],
            written=True,
            opens_at=now - dt.timedelta(minutes=1),
            closes_at=now + dt.timedelta(hours=1),
        )
    polls.cast_vote(Poll.objects.open().first(), utrecht, "for", holders["Utrecht"])
    with django_assert_max_num_queries(baseline + 2) as many:  # + the last result and its tallies
        response = client.get(fragment_url(meeting))
    assert response.content.decode().count('name="choice" value="for"') == 9
    assert len(many.captured_queries) <= baseline + 2


# Attendance


def test_the_card_holder_registers_the_member_online_and_then_not_present(
    meeting, utrecht_client, utrecht
):
    url = reverse("voting:attend", args=[meeting.pk])
    assert utrecht_client.post(url, {"mode": "online"}).status_code == 302
    assert Attendance.objects.get(meeting=meeting, member=utrecht).mode == "online"
    page = utrecht_client.get(vote_url(meeting)).content.decode()
    assert "Utrecht is registered as present online." in page

    utrecht_client.post(url, {"mode": "absent"})
    assert not Attendance.objects.filter(meeting=meeting, member=utrecht).exists()


def test_the_contact_person_registers_the_member_in_the_hall(meeting, holders, utrecht):
    contact = make_user("contact", roles.MEMBER, member=utrecht)
    contact.is_contact = True
    contact.save()
    client_of(contact).post(reverse("voting:attend", args=[meeting.pk]), {"mode": "hall"})
    assert Attendance.objects.get(meeting=meeting, member=utrecht).mode == "hall"


def test_a_colleague_who_neither_holds_the_card_nor_is_contact_cannot_register(
    meeting, holders, utrecht
):
    colleague = make_user("wethouder", roles.MEMBER, member=utrecht)
    response = client_of(colleague).post(
        reverse("voting:attend", args=[meeting.pk]), {"mode": "hall"}
    )
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_an_unknown_attendance_mode_is_refused_at_the_field(meeting, utrecht_client):
    response = utrecht_client.post(reverse("voting:attend", args=[meeting.pk]), {"mode": "roof"})
    assert response.status_code == 400
    assert 'aria-describedby="attendance-error"' in response.content.decode()


# Proxies


def test_a_proxy_to_the_member_itself_is_refused_at_the_field(
    meeting, utrecht_client, utrecht, proxies_allowed
):
    response = utrecht_client.post(
        reverse("voting:give_proxy", args=[meeting.pk]), {"holder": utrecht.pk}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="proxy-holder-error"' in html and "Choose another member." in html
    assert not Proxy.objects.exists()


def test_no_proxy_can_be_given_where_the_association_allows_none(
    meeting, utrecht_client, amsterdam
):
    response = utrecht_client.post(
        reverse("voting:give_proxy", args=[meeting.pk]), {"holder": amsterdam.pk}
    )
    assert response.status_code == 400
    assert "The association&#x27;s rules allow no proxies." in response.content.decode()


def test_the_member_withdraws_its_proxy(
    meeting, utrecht_client, utrecht, amsterdam, proxies_allowed
):
    utrecht_client.post(reverse("voting:give_proxy", args=[meeting.pk]), {"holder": amsterdam.pk})
    proxy = Proxy.objects.get()
    page = utrecht_client.get(vote_url(meeting)).content.decode()
    assert "Amsterdam votes for Utrecht at this meeting." in page

    url = reverse("voting:withdraw_proxy", args=[meeting.pk, proxy.pk])
    assert utrecht_client.post(url, {"confirm": "1"}).status_code == 302
    proxy.refresh_from_db()
    assert proxy.state == Proxy.State.WITHDRAWN


def test_nobody_withdraws_another_members_proxy(
    meeting, holders, utrecht, amsterdam, vlieland, proxies_allowed
):
    proxy = cards.give_proxy(meeting, vlieland, amsterdam)
    url = reverse("voting:withdraw_proxy", args=[meeting.pk, proxy.pk])
    assert client_of(holders["Utrecht"]).post(url, {"confirm": "1"}).status_code == 404
    proxy.refresh_from_db()
    assert proxy.state == Proxy.State.ACTIVE


def test_the_holder_sees_which_members_let_it_vote_for_them(
    meeting, holders, utrecht, vlieland, proxies_allowed
):
    cards.give_proxy(meeting, vlieland, utrecht)
    html = client_of(holders["Utrecht"]).get(vote_url(meeting)).content.decode()
    assert "These members let Utrecht vote for them:" in html
    assert "Vlieland" in html


# Finding the page


def test_the_meeting_page_links_the_vote_page_for_a_members_people_while_it_is_live(
    meeting, holders, utrecht
):
    url = reverse("meeting_detail", args=[meeting.pk])
    html = client_of(holders["Utrecht"]).get(url).content.decode()
    assert f'href="{vote_url(meeting)}"' in html
    assert f'href="{reverse("voting:votes")}"' in html

    later = f.meeting(days=30)
    page = client_of(holders["Utrecht"]).get(reverse("meeting_detail", args=[later.pk]))
    assert vote_url(later) not in page.content.decode()


def test_the_meeting_page_links_the_vote_page_while_a_written_consultation_is_open(
    holders, utrecht
):
    later = f.meeting(days=30)
    motion = f.motion(f.item(later, "Moties"), "Schriftelijk")
    now = timezone.now()
    polls.open_poll(
        motion,
        holders["Utrecht"],
        written=True,
        opens_at=now,
        closes_at=now + dt.timedelta(days=3),
    )
    url = reverse("meeting_detail", args=[later.pk])
    html = client_of(holders["Utrecht"]).get(url).content.decode()
    assert f'href="{vote_url(later)}"' in html
    assert "a written consultation is open" in html


def test_vote_in_the_menu_leads_a_card_holder_to_the_meeting_of_today(meeting, holders, utrecht):
    f.meeting(days=30)
    response = client_of(holders["Utrecht"]).get(reverse("voting:votes"))
    assert response.status_code == 302
    assert response["Location"] == vote_url(meeting)


def test_vote_in_the_menu_lists_the_meetings_for_a_colleague_without_a_card(
    meeting, holders, utrecht
):
    later = f.meeting(title="ALV december", days=30)
    colleague = make_user("wethouder", roles.MEMBER, member=utrecht)
    html = client_of(colleague).get(reverse("voting:votes")).content.decode()
    assert vote_url(meeting) in html and vote_url(later) in html
    assert "you hold your member" not in html


def test_a_poll_with_nothing_new_costs_a_few_queries_and_no_rendering(
    poll, holders, django_assert_max_num_queries
):
    client = client_of(holders["Utrecht"])
    etag = client.get(fragment_url(poll.meeting))["ETag"]
    # At most the papers' revision: not the session, the reader, their roles or their rows.
    with django_assert_max_num_queries(1):
        response = client.get(fragment_url(poll.meeting), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
