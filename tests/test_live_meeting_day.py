"""The secretariat's meeting-day page (live/views/meeting_day.py)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from agenda.models import AgendaItem, ItemDecision, Meeting, Resolution
from agenda.outcomes import Status
from live.meeting_day import current_stamp
from motions import followup, votes
from motions.models import Amendment, FollowUp, FollowUpTrack, PreAdvice, Proposal, VotePart
from tests import factories as f
from tests.live_helpers import large_meeting

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def page(meeting, item=None):
    url = reverse("live:meeting_day", args=[meeting.pk])
    return f"{url}?item={item.pk}" if item else url


def record_url(meeting, kind, pk):
    return reverse("live:record", args=[meeting.pk, kind, pk])


@pytest.fixture
def meeting():
    return f.meeting(title="Najaars-ALV")


@pytest.fixture
def item(meeting):
    return f.item(meeting, "Moties")


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def moving(data, meeting):
    """A form that moves the meeting, as the page shows it: with what is current now."""
    return {**data, "shown_current": current_stamp(Meeting.objects.get(pk=meeting.pk))}


def as_shown(data, subject):
    """A form as the page shows it: with the stamp of the decision on `subject` as stored."""
    shown = {}
    if isinstance(subject, AgendaItem):
        stored = ItemDecision.objects.filter(agenda_item=subject).first()
        shown["shown_follow_ups"] = followup.package_stamp(subject.follow_ups.all())
    else:
        stored = type(subject)._base_manager.get(pk=subject.pk)
    if isinstance(subject, Amendment):
        resolution = subject.resolution_version.resolution
        shown["shown_resolution"] = votes.outcome_stamp(Resolution.objects.get(pk=resolution.pk))
    return {**data, **shown, "shown": votes.outcome_stamp(stored)}


class TestAccess:
    def test_it_sends_anonymous_visitors_to_log_in(self, client, meeting):
        response = client.get(page(meeting))
        assert response.status_code == 302
        assert "login" in response["Location"]

    def test_it_forbids_members_and_the_board(self, client, meeting, member_user, board_user):
        for user in (member_user, board_user):
            client.force_login(user)
            assert client.get(page(meeting)).status_code == 403

    def test_it_forbids_members_to_record_an_outcome(self, client, item, member_user):
        motion = f.motion(item)
        client.force_login(member_user)
        response = client.post(
            record_url(item.meeting, "proposal", motion.pk), {"status": "adopted"}
        )
        assert response.status_code == 403
        assert reload(motion).status == Status.SUBMITTED

    def test_its_actions_reject_get(self, secretariat, meeting):
        assert secretariat.get(reverse("live:step", args=[meeting.pk])).status_code == 405


class TestPage:
    def test_it_shows_the_agenda_and_the_selected_items_motions_with_their_pre_advice(
        self, secretariat, demo_meeting
    ):
        item = AgendaItem.objects.get(meeting=demo_meeting, title__contains="Contractstandaarden")
        html = secretariat.get(page(demo_meeting, item)).content.decode()
        assert "Landelijke tarieven inkoop jeugdzorg" in html
        assert "overnemen" in html
        assert "Behandel 8b" in html
        assert 'id="item-panel"' in html

    def test_an_htmx_request_gets_only_the_workspace(self, secretariat, item):
        response = secretariat.get(page(item.meeting, item), **HTMX)
        html = response.content.decode()
        assert html.lstrip().startswith('<div id="meeting-day"')
        assert "<html" not in html

    def test_its_query_count_does_not_grow_with_the_meeting(
        self, secretariat, django_assert_max_num_queries
    ):
        meeting = large_meeting(items=3, motions=30)
        item = meeting.items.filter(parent__isnull=False).first()
        meeting.set_current(item, item.proposals.last())
        # With the secretary's second-factor device and the association: constant. The latest
        # poll and the members present (members, their figures, attendances, proxies): 5 more.
        with django_assert_max_num_queries(35):
            response = secretariat.get(page(meeting, item))
        assert response.content.decode().count('class="alv-outcome"') >= 31


class TestCurrentItem:
    def test_it_makes_an_item_current_and_a_motion_under_discussion(self, secretariat, item):
        motion = f.motion(item, "Besproken motie")
        url = reverse("live:set_current", args=[item.meeting_id])
        response = secretariat.post(
            url, moving({"item": item.pk, "proposal": motion.pk}, item.meeting), **HTMX
        )
        assert response.status_code == 200
        meeting = Meeting.objects.get(pk=item.meeting_id)
        assert (meeting.current_item_id, meeting.current_proposal_id) == (item.pk, motion.pk)
        assert meeting.live_revision == 1
        assert 'id="discuss-' not in response.content.decode().split("Besproken motie")[2][:400]

    def test_a_plain_post_redirects_back_to_the_item(self, secretariat, item):
        url = reverse("live:set_current", args=[item.meeting_id])
        response = secretariat.post(url, moving({"item": item.pk}, item.meeting))
        assert response.status_code == 302
        assert response["Location"].endswith(f"?item={item.pk}#item-panel")

    def test_a_motion_of_another_item_cannot_be_under_discussion(self, secretariat, item):
        other = f.motion(f.item(item.meeting, "Ander punt"))
        url = reverse("live:set_current", args=[item.meeting_id])
        response = secretariat.post(
            url, moving({"item": item.pk, "proposal": other.pk}, item.meeting)
        )
        assert response.status_code == 400
        assert Meeting.objects.get(pk=item.meeting_id).current_item_id is None

    def test_next_and_previous_follow_the_reading_order(self, secretariat, meeting):
        first = f.item(meeting, "Opening")
        parent = f.item(meeting, "Moties")
        sub = f.item(meeting, "Sub", parent=parent)
        url = reverse("live:step", args=[meeting.pk])
        for expected in (first, parent, sub):
            secretariat.post(url, moving({"direction": "next"}, meeting), **HTMX)
            assert Meeting.objects.get(pk=meeting.pk).current_item_id == expected.pk
        response = secretariat.post(url, moving({"direction": "next"}, meeting), **HTMX)
        assert 'role="alert"' in response.content.decode()
        secretariat.post(url, moving({"direction": "previous"}, meeting), **HTMX)
        assert Meeting.objects.get(pk=meeting.pk).current_item_id == parent.pk

    def test_stopping_clears_the_current_item(self, secretariat, item):
        item.meeting.set_current(item)
        secretariat.post(
            reverse("live:set_current", args=[item.meeting_id]), moving({}, item.meeting), **HTMX
        )
        assert Meeting.objects.get(pk=item.meeting_id).current_item_id is None


class TestRecording:
    def test_it_records_a_vote_result_typed_the_dutch_way(self, secretariat, item):
        motion = f.motion(item)
        data = {
            "status": "adopted",
            "percent_for": "91,80",
            "percent_against": "6,20",
            "percent_abstain": "2",
        }
        url = record_url(item.meeting, "proposal", motion.pk)
        response = secretariat.post(url, as_shown(data, motion), **HTMX)
        assert response.status_code == 200
        motion = reload(motion)
        assert (motion.status, motion.percent_for) == (Status.ADOPTED, Decimal("91.80"))
        assert 'role="img"' in response.content.decode()
        assert FollowUpTrack.objects.filter(motion=motion).exists()

    def test_percentages_that_do_not_add_up_give_a_clear_message_and_change_nothing(
        self, secretariat, item
    ):
        motion = f.motion(item)
        data = {
            "status": "adopted",
            "percent_for": "91",
            "percent_against": "6",
            "percent_abstain": "1",
        }
        url = record_url(item.meeting, "proposal", motion.pk)
        response = secretariat.post(url, as_shown(data, motion), **HTMX)
        assert response.status_code == 200
        html = response.content.decode()
        assert 'role="alert"' in html and "100" in html
        assert secretariat.post(url, as_shown(data, motion)).status_code == 400
        assert reload(motion).status == Status.SUBMITTED

    def test_one_click_outcomes(self, secretariat, item):
        acclaimed, withdrawn, held = f.motion(item), f.motion(item), f.motion(item)
        meeting = item.meeting
        secretariat.post(
            record_url(meeting, "proposal", acclaimed.pk),
            as_shown({"status": "adopted", "by_acclamation": "on"}, acclaimed),
        )
        secretariat.post(
            record_url(meeting, "proposal", withdrawn.pk),
            as_shown({"status": "withdrawn"}, withdrawn),
        )
        secretariat.post(
            record_url(meeting, "proposal", held.pk), as_shown({"status": "held_over"}, held)
        )
        assert reload(acclaimed).by_acclamation
        assert reload(withdrawn).status == Status.WITHDRAWN
        assert reload(held).status == Status.HELD_OVER

    def test_it_records_outcomes_of_resolutions_and_items(self, secretariat, item):
        resolution = f.resolution(item)
        meeting = item.meeting
        secretariat.post(
            record_url(meeting, "resolution", resolution.pk),
            as_shown(
                {
                    "status": "rejected",
                    "percent_for": "43,02",
                    "percent_against": "56,98",
                    "percent_abstain": "0",
                },
                resolution,
            ),
        )
        secretariat.post(
            record_url(meeting, "item", item.pk),
            as_shown({"status": "adopted", "text": "De notulen worden vastgesteld."}, item),
        )
        assert reload(resolution).status == Status.REJECTED
        assert ItemDecision.objects.get(agenda_item=item).text == "De notulen worden vastgesteld."

    def test_it_will_not_record_on_something_of_another_meeting(self, secretariat, item):
        other = f.motion(f.item(f.meeting()))
        response = secretariat.post(
            record_url(item.meeting, "proposal", other.pk), {"status": "adopted"}
        )
        assert response.status_code == 404
        assert reload(other).status == Status.SUBMITTED

    def test_the_three_way_vote_on_an_amendment_the_board_did_not_adopt(self, secretariat, item):
        resolution = f.resolution(item, clauses=("Een.", "Twee."))
        amendment = f.amendment(item, resolution, 1, "replace", "Eén, gewijzigd.")
        PreAdvice.objects.create(proposal=amendment, value="ontraden", state="settled")
        html = secretariat.get(page(item.meeting, item)).content.decode()
        assert 'name="percent_amended"' in html
        url = reverse("live:three_way", args=[item.meeting_id, amendment.pk])
        data = {"percent_original": "30", "percent_amended": "66", "percent_neither": "4"}
        secretariat.post(url, as_shown(data, amendment), **HTMX)
        assert reload(amendment).status == Status.ADOPTED
        resolution.refresh_from_db()
        assert resolution.current_version.clauses.first().text == "Eén, gewijzigd."

    def test_an_amendment_the_board_adopted_is_recorded_as_taken_over(self, secretariat, item):
        resolution = f.resolution(item)
        amendment = f.amendment(item, resolution)
        PreAdvice.objects.create(proposal=amendment, value="overnemen", state="settled")
        html = secretariat.get(page(item.meeting, item)).content.decode()
        assert 'name="percent_amended"' not in html
        assert f'id="proposal-{amendment.pk}-taken-over"' in html
        url = reverse("live:three_way", args=[item.meeting_id, amendment.pk])
        data = {"percent_original": "30", "percent_amended": "66", "percent_neither": "4"}
        assert secretariat.post(url, as_shown(data, amendment)).status_code == 400

    def test_following_the_pre_advice_to_hold_over(self, secretariat, item):
        motion = f.motion(item, advice="aanhouden")
        url = reverse("live:pre_advice_vote", args=[item.meeting_id, "proposal", motion.pk])
        data = {"percent_for": "88,49", "percent_against": "11,51", "percent_abstain": "0"}
        secretariat.post(url, as_shown(data, motion))
        motion = reload(motion)
        assert (motion.status, motion.on_pre_advice) == (Status.HELD_OVER, True)

    def test_voting_a_motion_in_parts(self, secretariat, item):
        motion = f.motion(item, advice="aanhouden")
        meeting = item.meeting
        add_part = reverse("live:add_part", args=[meeting.pk, motion.pk])
        secretariat.post(add_part, as_shown({"label": "1e deel", "shown_parts": "0"}, motion))
        secretariat.post(add_part, as_shown({"label": "2e deel", "shown_parts": "1"}, motion))
        first, second = VotePart.objects.filter(motion=motion)
        secretariat.post(
            record_url(meeting, "part", first.pk),
            as_shown(
                {
                    "status": "adopted",
                    "percent_for": "92,16",
                    "percent_against": "7,84",
                    "percent_abstain": "0",
                },
                first,
            ),
        )
        secretariat.post(
            reverse("live:pre_advice_vote", args=[meeting.pk, "part", second.pk]),
            as_shown({}, second),
        )
        assert reload(motion).status == Status.ADOPTED
        assert reload(second).status == Status.HELD_OVER
        html = secretariat.get(page(meeting, item)).content.decode()
        assert "1e deel" in html and "2e deel" in html
        # The first part has a result: removing it throws that away, so it is confirmed.
        secretariat.post(
            reverse("live:remove_part", args=[meeting.pk]),
            as_shown({"part": first.pk, "confirm": "1"}, first),
        )
        assert list(VotePart.objects.filter(motion=motion).values_list("label", flat=True)) == [
            "2e deel"
        ]


class TestFollowUpItem:
    def test_it_lists_the_open_motions_and_decides_the_package(self, secretariat):
        earlier_motion = f.motion(f.item(f.meeting(days=-200)), "Oude motie")
        votes.record_outcome(earlier_motion, Status.ADOPTED, by_acclamation=True)
        FollowUpTrack.objects.filter(motion=earlier_motion).update(state="proposed_close")
        meeting = f.meeting()
        item = f.item(meeting, "Verantwoording uitvoering moties", is_follow_up=True)
        html = secretariat.get(page(meeting, item)).content.decode()
        assert 'id="collect-follow-ups"' in html

        secretariat.post(reverse("live:collect_follow_ups", args=[meeting.pk, item.pk]))
        follow_up = FollowUp.objects.get(agenda_item=item)
        assert follow_up.proposed_decision == "close"

        secretariat.post(
            record_url(meeting, "item", item.pk),
            as_shown(
                {
                    "status": "adopted",
                    "percent_for": "97,63",
                    "percent_against": "2,37",
                    "percent_abstain": "0",
                },
                item,
            ),
        )
        assert reload(follow_up).decision == "close"
        assert FollowUpTrack.objects.get(motion=earlier_motion).state == "closed"

    def test_a_single_follow_up_decision(self, secretariat):
        earlier_motion = f.motion(f.item(f.meeting(days=-200)), "Oude motie")
        votes.record_outcome(earlier_motion, Status.ADOPTED, by_acclamation=True)
        item = f.item(f.meeting(), "Verantwoording", is_follow_up=True)
        follow_up = FollowUp.objects.create(agenda_item=item, motion=earlier_motion, position=1)
        url = reverse("live:follow_up_decision", args=[item.meeting_id, follow_up.pk])
        secretariat.post(url, {"decision": "keep_open", "revision": follow_up.revision})
        assert reload(follow_up).decision == "keep_open"
        assert FollowUpTrack.objects.get(motion=earlier_motion).state == "in_progress"
        data = {"decision": "maybe", "revision": reload(follow_up).revision}
        assert secretariat.post(url, data).status_code == 400


def test_the_demo_meeting_day_works_end_to_end(secretariat, demo_meeting):
    item = AgendaItem.objects.get(meeting=demo_meeting, title__contains="Contractstandaarden")
    motion = Proposal.objects.get(agenda_item=item)
    secretariat.post(
        reverse("live:set_current", args=[demo_meeting.pk]),
        moving({"item": item.pk, "proposal": motion.pk}, demo_meeting),
    )
    secretariat.post(
        record_url(demo_meeting, "proposal", motion.pk),
        as_shown({"status": "adopted", "by_acclamation": "on"}, motion),
    )
    html = secretariat.get(page(demo_meeting)).content.decode()
    assert "Landelijke tarieven inkoop jeugdzorg" in html
    assert reload(motion).status == Status.ADOPTED


def test_a_history_restore_gets_the_whole_page(secretariat, item):
    response = secretariat.get(
        page(item.meeting, item), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()


def stamp_on_page(secretariat, meeting, item, action):
    """The stamp the meeting-day page puts in the form that posts to `action`."""
    html = secretariat.get(page(meeting, item)).content.decode()
    form = html[html.index(f'action="{action}"') :]
    return re.search(r'name="(?:shown|shown_current)" value="([^"]*)"', form).group(1)


def hidden_fields_on_page(secretariat, meeting, item, action):
    """The hidden fields of the meeting-day page's form that posts to `action`."""
    html = secretariat.get(page(meeting, item)).content.decode()
    form = html[html.index(f'action="{action}"') :].split("</form>")[0]
    return dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', form))


class TestTwoSecretariesAtOnce:
    """The meeting-day page open in two browsers: a write from the page that is behind is
    refused with what happened meanwhile, and changes nothing."""

    def test_a_result_recorded_from_a_stale_page_does_not_overwrite_the_first(
        self, secretariat, item
    ):
        motion = f.motion(item, "Ravijnjaar")
        url = record_url(item.meeting, "proposal", motion.pk)
        shown_to_a = stamp_on_page(secretariat, item.meeting, item, url)
        shown_to_b = stamp_on_page(secretariat, item.meeting, item, url)
        a = {"status": "adopted", "percent_for": "60", "percent_against": "40"}
        a |= {"percent_abstain": "0", "shown": shown_to_a}
        assert secretariat.post(url, a, **HTMX).status_code == 200
        b = {"status": "rejected", "percent_for": "30", "percent_against": "70"}
        b |= {"percent_abstain": "0", "shown": shown_to_b}
        response = secretariat.post(url, b, **HTMX)
        html = response.content.decode()
        assert 'role="alert"' in html
        assert "Intussen heeft iemand anders vastgelegd: aangenomen met 60,00% voor" in html
        motion = reload(motion)
        assert (motion.status, motion.percent_for) == (Status.ADOPTED, Decimal("60"))
        assert FollowUpTrack.objects.filter(motion=motion).exists()
        # The page now shows the stored result; from it, the correction goes through.
        fresh = stamp_on_page(secretariat, item.meeting, item, url)
        assert secretariat.post(url, {**b, "shown": fresh}, **HTMX).status_code == 200
        assert reload(motion).status == Status.REJECTED
        assert not FollowUpTrack.objects.filter(motion=motion).exists()

    def test_a_form_without_the_stamp_changes_nothing(self, secretariat, item):
        motion = f.motion(item)
        url = record_url(item.meeting, "proposal", motion.pk)
        assert secretariat.post(url, {"status": "withdrawn"}).status_code == 400
        assert reload(motion).status == Status.SUBMITTED

    def test_the_first_decision_on_an_item_is_not_taken_twice(self, secretariat, item):
        url = record_url(item.meeting, "item", item.pk)
        shown = stamp_on_page(secretariat, item.meeting, item, url)
        first = {"status": "adopted", "text": "De notulen worden vastgesteld.", "shown": shown}
        second = {"status": "rejected", "text": "Niet vastgesteld.", "shown": shown}
        secretariat.post(url, first, **HTMX)
        html = secretariat.post(url, second, **HTMX).content.decode()
        assert "Intussen heeft iemand anders vastgelegd: aangenomen" in html
        decision = ItemDecision.objects.get(agenda_item=item)
        assert (decision.status, decision.text) == (Status.ADOPTED, first["text"])

    def test_a_three_way_vote_from_a_stale_page_is_refused(self, secretariat, item):
        resolution = f.resolution(item, clauses=("Een.", "Twee."))
        amendment = f.amendment(item, resolution, 1, "replace", "Eén, gewijzigd.")
        PreAdvice.objects.create(proposal=amendment, value="ontraden", state="settled")
        url = reverse("live:three_way", args=[item.meeting_id, amendment.pk])
        shown = hidden_fields_on_page(secretariat, item.meeting, item, url)
        won = {"percent_original": "30", "percent_amended": "66", "percent_neither": "4"}
        lost = {"percent_original": "70", "percent_amended": "26", "percent_neither": "4"}
        secretariat.post(url, {**won, **shown}, **HTMX)
        secretariat.post(url, {**lost, **shown}, **HTMX)
        assert reload(amendment).percent_amended == Decimal("66")

    def test_a_three_way_vote_does_not_overwrite_the_resolution_recorded_meanwhile(
        self, secretariat, item
    ):
        resolution = f.resolution(item, clauses=("Een.", "Twee."))
        amendment = f.amendment(item, resolution, 1, "replace", "Eén, gewijzigd.")
        PreAdvice.objects.create(proposal=amendment, value="ontraden", state="settled")
        url = reverse("live:three_way", args=[item.meeting_id, amendment.pk])
        shown = hidden_fields_on_page(secretariat, item.meeting, item, url)
        on_resolution = record_url(item.meeting, "resolution", resolution.pk)
        secretariat.post(on_resolution, as_shown({"status": "withdrawn"}, resolution), **HTMX)
        won = {"percent_original": "30", "percent_amended": "66", "percent_neither": "4"}
        html = secretariat.post(url, {**won, **shown}, **HTMX).content.decode()
        assert "Intussen heeft iemand anders vastgelegd: ingetrokken" in html
        assert reload(resolution).status == Status.WITHDRAWN
        assert reload(amendment).status == Status.SUBMITTED

    def test_next_item_pressed_on_two_pages_moves_the_meeting_one_item(self, secretariat, meeting):
        first, second, _third = (f.item(meeting, title) for title in ("1", "2", "3"))
        url = reverse("live:step", args=[meeting.pk])
        shown = stamp_on_page(secretariat, meeting, None, url)
        secretariat.post(url, {"direction": "next", "shown_current": shown}, **HTMX)
        html = secretariat.post(
            url, {"direction": "next", "shown_current": shown}, **HTMX
        ).content.decode()
        assert "Intussen heeft iemand anders de vergadering verder gezet." in html
        assert Meeting.objects.get(pk=meeting.pk).current_item_id == first.pk
        assert second.pk != first.pk

    def test_a_part_added_on_two_pages_is_added_once(self, secretariat, item):
        motion = f.motion(item)
        url = reverse("live:add_part", args=[item.meeting_id, motion.pk])
        shown = hidden_fields_on_page(secretariat, item.meeting, item, url)
        secretariat.post(url, {"label": "1e deel", **shown}, **HTMX)
        secretariat.post(url, {"label": "1e deel", **shown}, **HTMX)
        assert VotePart.objects.filter(motion=motion).count() == 1

    def test_a_part_added_on_a_stale_page_does_not_undo_the_result_recorded_meanwhile(
        self, secretariat, item
    ):
        motion = f.motion(item)
        url = reverse("live:add_part", args=[item.meeting_id, motion.pk])
        shown = hidden_fields_on_page(secretariat, item.meeting, item, url)
        adopted = {"status": "adopted", "percent_for": "90", "percent_against": "10"}
        adopted["percent_abstain"] = "0"
        on_motion = record_url(item.meeting, "proposal", motion.pk)
        secretariat.post(on_motion, as_shown(adopted, motion), **HTMX)
        html = secretariat.post(url, {"label": "1e deel", **shown}, **HTMX).content.decode()
        assert "Intussen heeft iemand anders vastgelegd: aangenomen met 90,00% voor" in html
        assert not VotePart.objects.filter(motion=motion).exists()
        assert reload(motion).percent_for == Decimal("90")

    def test_a_part_removed_on_a_stale_page_keeps_the_result_recorded_on_it(
        self, secretariat, item
    ):
        motion = f.motion(item)
        first, second = (votes.add_part(motion, label) for label in ("1e deel", "2e deel"))
        url = reverse("live:remove_part", args=[item.meeting_id])
        shown = hidden_fields_on_page(secretariat, item.meeting, item, url)  # of the 1st part
        assert shown["part"] == str(first.pk)
        votes.record_outcome(first, Status.ADOPTED, by_acclamation=True)
        secretariat.post(url, shown, **HTMX)
        assert VotePart.objects.filter(motion=motion).count() == 2
        assert reload(motion).status == Status.SUBMITTED  # the 2nd part is still open

    def test_the_package_decision_does_not_overwrite_a_decision_taken_meanwhile(self, secretariat):
        earlier_motion = f.motion(f.item(f.meeting(days=-200)), "Oude motie")
        votes.record_outcome(earlier_motion, Status.ADOPTED, by_acclamation=True)
        meeting = f.meeting()
        item = f.item(meeting, "Verantwoording", is_follow_up=True)
        follow_up = FollowUp.objects.create(
            agenda_item=item, motion=earlier_motion, position=1, proposed_decision="close"
        )
        url = record_url(meeting, "item", item.pk)
        shown = hidden_fields_on_page(secretariat, meeting, item, url)
        followup.record_decision(follow_up, "keep_open")
        secretariat.post(url, {"status": "adopted", **shown}, **HTMX)
        assert reload(follow_up).decision == "keep_open"
        assert not ItemDecision.objects.filter(agenda_item=item).exists()

    def test_a_follow_up_decision_from_a_stale_page_is_refused(self, secretariat):
        earlier_motion = f.motion(f.item(f.meeting(days=-200)), "Oude motie")
        votes.record_outcome(earlier_motion, Status.ADOPTED, by_acclamation=True)
        item = f.item(f.meeting(), "Verantwoording", is_follow_up=True)
        follow_up = FollowUp.objects.create(agenda_item=item, motion=earlier_motion, position=1)
        url = reverse("live:follow_up_decision", args=[item.meeting_id, follow_up.pk])
        shown = follow_up.revision
        secretariat.post(url, {"decision": "close", "revision": shown}, **HTMX)
        html = secretariat.post(
            url, {"decision": "keep_open", "revision": shown}, **HTMX
        ).content.decode()
        assert "Intussen heeft iemand anders een besluit over deze motie vastgelegd." in html
        assert reload(follow_up).decision == "close"
