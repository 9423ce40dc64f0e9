"""Errors of the live app's forms are shown at the field, with the values as they were typed:
the form of that very motion, part, amendment, resolution or item comes back bound, its field
marked (utrecht-form-field--invalid, aria-invalid, aria-describedby to the message), the
errors of the form as a whole inside that form, naming what they are about; nothing is saved.
With htmx the meeting day's fragment, without it the whole page (400)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from agenda.models import ItemDecision, Resolution
from agenda.outcomes import Status
from motions import followup, votes
from motions.models import Amendment, FollowUp, PreAdvice, Proposal, VotePart
from tests import factories as f
from voting import cards, polls

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def item():
    return f.item(f.meeting(title="Najaars-ALV"), "Moties")


def reload(obj):
    return type(obj)._base_manager.get(pk=obj.pk)


def as_shown(data, subject):
    """A form as the page shows it: with the stamp of the decision on `subject` as stored."""
    shown = {}
    if isinstance(subject, Amendment):
        resolution = Resolution.objects.get(pk=subject.resolution_version.resolution_id)
        shown["shown_resolution"] = votes.outcome_stamp(resolution)
    return {**data, **shown, "shown": votes.outcome_stamp(reload(subject))}


def record_url(meeting, kind, pk):
    return reverse("live:record", args=[meeting.pk, kind, pk])


def tag(html, element_id):
    """The opening tag of the element with `element_id`."""
    return re.search(rf'<[^>]*\bid="{re.escape(element_id)}"[^>]*>', html).group(0)


def field_block(html, element_id):
    """The markup of the form field (templates/workspace/_field.html) around `element_id`."""
    at = html.index(f'id="{element_id}"')
    start = html.rindex('<div class="utrecht-form-field ', 0, at)
    return html[start : at + 400]


def form_with(html, element_id):
    """The form that holds the element with `element_id` (its submit button, say)."""
    at = html.index(f'id="{element_id}"')
    return html[html.rindex("<form", 0, at) : html.index("</form>", at)]


def assert_marked(html, element_id, message):
    """The field is marked invalid, its message at it, and the box points at the message."""
    box = tag(html, element_id)
    assert 'aria-invalid="true"' in box
    assert f'aria-describedby="{element_id}_error"' in box
    assert "utrecht-form-field--invalid" in field_block(html, element_id)
    error = html[html.index(f'id="{element_id}_error"') :][:300]
    assert "utrecht-form-field-error-message" in tag(html, f"{element_id}_error")
    assert message in error


VOTE = {"status": "adopted", "percent_for": "150", "percent_against": "6,20"}
VOTE |= {"percent_abstain": "2"}


class TestTheVoteOfAMotion:
    def test_150_for_is_marked_at_that_motions_field_with_the_values_kept(self, secretariat, item):
        other = f.motion(item, "Andere motie")
        motion = f.motion(item, "Ravijnjaar")
        url = record_url(item.meeting, "proposal", motion.pk)
        response = secretariat.post(url, as_shown(VOTE, motion), **HTMX)
        assert response.status_code == 200
        html = response.content.decode()
        prefix = f"proposal-{motion.pk}"
        assert_marked(html, f"{prefix}-percent_for", "hoogstens 100")
        assert 'value="150"' in tag(html, f"{prefix}-percent_for")
        assert 'value="6,20"' in tag(html, f"{prefix}-percent_against")
        assert 'value="2"' in tag(html, f"{prefix}-percent_abstain")
        assert "checked" in tag(html, f"{prefix}-status_0")  # aangenomen
        assert "autofocus" in tag(html, f"{prefix}-percent_for")
        # Only that motion's form: the other one is as it was.
        assert 'aria-invalid="true"' not in form_with(html, f"proposal-{other.pk}-vote")
        # The form names what went wrong, inside it.
        form = form_with(html, f"{prefix}-vote")
        assert 'role="alert"' in form and "Ravijnjaar" in form
        assert f'aria-describedby="{prefix}-vote-errors"' in form
        assert reload(motion).status == Status.SUBMITTED

    def test_without_htmx_the_whole_page_comes_back_with_the_values_and_400(
        self, secretariat, item
    ):
        motion = f.motion(item, "Ravijnjaar")
        response = secretariat.post(
            record_url(item.meeting, "proposal", motion.pk), as_shown(VOTE, motion)
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert "<html" in html
        assert_marked(html, f"proposal-{motion.pk}-percent_for", "hoogstens 100")
        assert 'value="6,20"' in tag(html, f"proposal-{motion.pk}-percent_against")
        assert reload(motion).status == Status.SUBMITTED

    def test_percentages_that_do_not_add_up_are_said_inside_that_form_naming_the_motion(
        self, secretariat, item
    ):
        motion = f.motion(item, "Ravijnjaar")
        data = {"status": "rejected", "percent_for": "40", "percent_against": "50"}
        data["percent_abstain"] = "5"
        url = record_url(item.meeting, "proposal", motion.pk)
        html = secretariat.post(url, as_shown(data, motion), **HTMX).content.decode()
        form = form_with(html, f"proposal-{motion.pk}-vote")
        assert "moeten samen 100 zijn" in form
        assert "Ravijnjaar" in form.split('role="alert"')[1]
        assert 'value="40"' in tag(html, f"proposal-{motion.pk}-percent_for")
        assert "checked" in tag(html, f"proposal-{motion.pk}-status_1")  # verworpen
        assert reload(motion).status == Status.SUBMITTED

    def test_a_corrected_vote_is_saved(self, secretariat, item):
        motion = f.motion(item)
        url = record_url(item.meeting, "proposal", motion.pk)
        secretariat.post(url, as_shown(VOTE, motion), **HTMX)
        html = secretariat.post(
            url, as_shown({**VOTE, "percent_for": "91,80"}, motion), **HTMX
        ).content.decode()
        assert 'aria-invalid="true"' not in html and 'role="alert"' not in html
        assert reload(motion).percent_for == Decimal("91.80")

    def test_a_one_click_outcome_refused_says_so_at_its_motion(self, secretariat, item):
        motion = f.motion(item, "Ravijnjaar")
        url = record_url(item.meeting, "proposal", motion.pk)
        html = secretariat.post(
            url, {"status": "withdrawn", "shown": "stale"}, **HTMX
        ).content.decode()
        errors = tag(html, f"proposal-{motion.pk}-errors")
        assert 'role="alert"' in errors and "autofocus" in errors
        card = html[html.index(f'id="proposal-{motion.pk}-heading"') :]
        assert card.index(f'id="proposal-{motion.pk}-errors"') < card.index("</section>")
        assert reload(motion).status == Status.SUBMITTED


class TestTheOtherSubjects:
    def test_a_resolution(self, secretariat, item):
        resolution = f.resolution(item, "Congruent asielbeleid")
        data = {"status": "adopted", "percent_for": "abc", "percent_against": "1"}
        data["percent_abstain"] = "0"
        url = record_url(item.meeting, "resolution", resolution.pk)
        html = secretariat.post(url, as_shown(data, resolution), **HTMX).content.decode()
        assert_marked(html, f"resolution-{resolution.pk}-percent_for", "getal")
        assert 'value="abc"' in tag(html, f"resolution-{resolution.pk}-percent_for")
        assert reload(resolution).status == Status.SUBMITTED

    def test_a_part(self, secretariat, item):
        motion = f.motion(item, "Ravijnjaar")
        part = votes.add_part(motion, "1e deel")
        url = record_url(item.meeting, "part", part.pk)
        html = secretariat.post(url, as_shown(VOTE, part), **HTMX).content.decode()
        assert_marked(html, f"part-{part.pk}-percent_for", "hoogstens 100")
        assert "1e deel" in form_with(html, f"part-{part.pk}-vote").split('role="alert"')[1]
        assert reload(part).status == Status.SUBMITTED

    def test_the_decision_on_an_item_keeps_its_text(self, secretariat, item):
        data = {"status": "adopted", "percent_for": "101", "percent_against": "0"}
        data |= {"percent_abstain": "0", "text": "De notulen worden vastgesteld."}
        url = record_url(item.meeting, "item", item.pk)
        html = secretariat.post(
            url, {**data, "shown": votes.NOT_DECIDED, "shown_follow_ups": ""}, **HTMX
        ).content.decode()
        assert_marked(html, f"item-{item.pk}-percent_for", "hoogstens 100")
        assert "De notulen worden vastgesteld." in tag(html, f"item-{item.pk}-text")
        assert not ItemDecision.objects.filter(agenda_item=item).exists()

    def test_a_three_way_vote(self, secretariat, item):
        resolution = f.resolution(item, clauses=("Een.", "Twee."))
        amendment = f.amendment(item, resolution, 1, "replace", "Eén, gewijzigd.")
        PreAdvice.objects.create(proposal=amendment, value="ontraden", state="settled")
        url = reverse("live:three_way", args=[item.meeting_id, amendment.pk])
        data = {"percent_original": "30", "percent_amended": "120", "percent_neither": "4"}
        html = secretariat.post(url, as_shown(data, amendment), **HTMX).content.decode()
        assert_marked(html, f"proposal-{amendment.pk}-percent_amended", "hoogstens 100")
        assert 'value="30"' in tag(html, f"proposal-{amendment.pk}-percent_original")
        # A sum that is off: inside the three-way form, the values kept.
        data["percent_amended"] = "50"
        html = secretariat.post(url, as_shown(data, amendment), **HTMX).content.decode()
        form = form_with(html, f"proposal-{amendment.pk}-three-way")
        assert "100" in form.split('role="alert"')[1]
        assert 'value="50"' in tag(html, f"proposal-{amendment.pk}-percent_amended")
        assert reload(amendment).status == Status.SUBMITTED

    def test_a_part_label_that_is_too_long(self, secretariat, item):
        motion = f.motion(item)
        url = reverse("live:add_part", args=[item.meeting_id, motion.pk])
        label = "x" * 201
        data = as_shown({"label": label, "shown_parts": "0"}, motion)
        html = secretariat.post(url, data, **HTMX).content.decode()
        assert_marked(html, f"part-label-{motion.pk}-label", "200")
        assert label in tag(html, f"part-label-{motion.pk}-label")
        assert not VotePart.objects.exists()

    def test_a_follow_up_decision_refused_is_said_at_that_motion(self, secretariat):
        earlier = f.motion(f.item(f.meeting(days=-200)), "Oude motie")
        votes.record_outcome(earlier, Status.ADOPTED, by_acclamation=True)
        item = f.item(f.meeting(), "Verantwoording", is_follow_up=True)
        follow_up = FollowUp.objects.create(agenda_item=item, motion=earlier, position=1)
        url = reverse("live:follow_up_decision", args=[item.meeting_id, follow_up.pk])
        followup.record_decision(follow_up, "close")
        html = secretariat.post(
            url, {"decision": "keep_open", "revision": 1}, **HTMX
        ).content.decode()
        errors = tag(html, f"follow-up-{follow_up.pk}-errors")
        assert 'role="alert"' in errors
        box = html[html.index(f'id="follow-up-{follow_up.pk}-errors"') :][:600]
        assert "Oude motie" in box
        assert reload(follow_up).decision == "close"

    def test_moving_on_past_the_last_item_is_said_under_now(self, secretariat, item):
        item.meeting.set_current(item)
        url = reverse("live:step", args=[item.meeting_id])
        from live.meeting_day import current_stamp

        data = {"direction": "next", "shown_current": current_stamp(item.meeting)}
        html = secretariat.post(url, data, **HTMX).content.decode()
        now = html[html.index('id="now-heading"') : html.index('id="md-agenda-heading"')]
        assert 'id="now-errors"' in now and 'role="alert"' in now


class TestTheOtherLivePages:
    def test_attendance_marks_the_field_of_that_members_row(self, secretariat):
        meeting = f.meeting()
        utrecht = f.member("Utrecht", population=360000)
        url = reverse("live:attendance", args=[meeting.pk])
        data = {"member": utrecht.pk, "holder": "", "presence": "on the moon"}
        response = secretariat.post(url, data)
        assert response.status_code == 400
        html = response.content.decode()
        select = tag(html, f"presence-{utrecht.pk}")
        assert 'aria-invalid="true"' in select
        assert f'aria-describedby="presence-{utrecht.pk}_error"' in select
        assert "utrecht-form-field-error-message" in tag(html, f"presence-{utrecht.pk}_error")
        holder = tag(html, f"holder-{utrecht.pk}")
        assert 'aria-invalid="true"' not in holder
        assert not cards.presence(meeting)["present"]

    def test_attendance_keeps_the_chosen_holder_at_an_error(self, secretariat):
        meeting = f.meeting()
        utrecht = f.member("Utrecht", population=360000)
        url = reverse("live:attendance", args=[meeting.pk])
        data = {"member": utrecht.pk, "holder": "999999", "presence": "hall"}
        html = secretariat.post(url, data).content.decode()
        holder = tag(html, f"holder-{utrecht.pk}")
        assert 'aria-invalid="true"' in holder
        assert f'aria-describedby="holder-{utrecht.pk}_error"' in holder
        presence = html[html.index(f'id="presence-{utrecht.pk}"') :].split("</select>")[0]
        assert '<option value="hall" selected>' in presence

    def test_the_votes_per_member_keep_what_was_entered_and_say_it_in_the_form(
        self, secretariat, item
    ):
        motion = f.motion(item, "Ravijnjaar")
        url = reverse("live:ballots", args=[item.meeting_id, "proposal", motion.pk])
        response = secretariat.post(url, {"shown": "stale"})
        assert response.status_code == 400
        html = response.content.decode()
        form = html[html.index('<form method="post"', html.index("<main")) :]
        assert 'role="alert"' in form.split("</form>")[0]
        assert reload(motion).status == Status.SUBMITTED

    def test_paper_votes_say_it_in_the_form(self, secretariat, secretariat_user, item):
        f.member("Utrecht", population=360000)
        poll = polls.open_poll(f.motion(item), secretariat_user)
        url = reverse("live:paper_votes", args=[item.meeting_id, poll.pk])
        response = secretariat.post(url, {})
        assert response.status_code == 400
        html = response.content.decode()
        form = html[html.index('<form method="post"', html.index("<main")) :]
        assert 'role="alert"' in form.split("</form>")[0]


def test_nothing_else_on_the_page_is_marked_invalid(secretariat, item):
    """The one form that was refused is marked; every other form of the page is blank."""
    first, second = f.motion(item, "Eerste"), f.motion(item, "Tweede")
    resolution = f.resolution(item)
    url = record_url(item.meeting, "proposal", first.pk)
    html = secretariat.post(url, as_shown(VOTE, first), **HTMX).content.decode()
    assert html.count('aria-invalid="true"') == 1
    for kind, pk in (("proposal", second.pk), ("resolution", resolution.pk)):
        assert 'value="' not in tag(html, f"{kind}-{pk}-percent_for")
    assert Proposal.objects.filter(status=Status.SUBMITTED).count() == 2
