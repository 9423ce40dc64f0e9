"""The secretariat's status overview with its picture, and the placement of held-over motions
(live/views/status.py)."""

import re

import pytest
from django.urls import reverse

from agenda.outcomes import Status
from motions import votes
from motions.models import HoldOver, Proposal
from tests import factories as f
from tests.live_helpers import large_meeting

pytestmark = pytest.mark.django_db


def url(meeting):
    return reverse("live:status", args=[meeting.pk])


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def test_it_is_for_the_secretariat_only(client, member_user):
    meeting = f.meeting()
    assert client.get(url(meeting)).status_code == 302
    client.force_login(member_user)
    assert client.get(url(meeting)).status_code == 403


def test_it_draws_pre_advice_and_outcomes_per_item_with_a_text_equivalent(secretariat):
    meeting = f.meeting()
    item = f.item(meeting, "Wonen")
    f.motion(item, advice="overnemen")
    f.motion(item, advice="overnemen")
    rejected = f.motion(item, advice="ontraden")
    votes.record_outcome(rejected, Status.REJECTED)
    html = secretariat.get(url(meeting)).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg
    assert "<title" in svg and "<desc" in svg
    assert re.search(
        r'class="alv-chart__segment alv-chart__segment--overnemen"[^>]*width="320"', svg
    )
    table = html[html.index("<table") : html.index("</table>")]
    assert "overnemen: 2" in table and "ontraden: 1" in table
    assert "verworpen: 1" in table and "nog niet besloten: 2" in table


def test_it_places_a_held_over_motion_of_an_earlier_meeting(secretariat):
    earlier_item = f.item(f.meeting(days=-100), "Asiel")
    motion = f.motion(earlier_item, "Solidariteit in de asielopvang")
    votes.record_outcome(motion, Status.HELD_OVER)
    meeting = f.meeting()
    target = f.item(meeting, "Moties")
    html = secretariat.get(url(meeting)).content.decode()
    assert "Solidariteit in de asielopvang" in html
    hold_over = HoldOver.objects.get()
    place = reverse("live:place_held_over", args=[meeting.pk])
    assert secretariat.post(place, {"hold_over": hold_over.pk, "item": ""}).status_code == 400
    response = secretariat.post(place, {"hold_over": hold_over.pk, "item": target.pk})
    assert response.status_code == 302
    assert Proposal.objects.get(pk=motion.pk).agenda_item == target
    assert "Solidariteit in de asielopvang" not in secretariat.get(url(meeting)).content.decode()


def test_it_refuses_to_place_under_an_item_of_another_meeting(secretariat):
    earlier_item = f.item(f.meeting(days=-100))
    motion = f.motion(earlier_item)
    votes.record_outcome(motion, Status.HELD_OVER)
    meeting = f.meeting()
    elsewhere = f.item(f.meeting(days=60))
    place = reverse("live:place_held_over", args=[meeting.pk])
    data = {"hold_over": HoldOver.objects.get().pk, "item": elsewhere.pk}
    assert secretariat.post(place, data).status_code == 400
    assert Proposal.objects.get(pk=motion.pk).agenda_item == earlier_item


def test_its_query_count_does_not_grow_with_the_meeting(secretariat, django_assert_max_num_queries):
    meeting = large_meeting(items=3, motions=30)
    # With the secretary's second-factor device and the association: constant.
    with django_assert_max_num_queries(17):
        assert secretariat.get(url(meeting)).status_code == 200


def test_it_lists_the_open_motions_of_earlier_meetings_under_the_follow_up_item(secretariat):
    old = f.motion(f.item(f.meeting(days=-200)), "Oude motie")
    votes.record_outcome(old, Status.ADOPTED, by_acclamation=True)
    meeting = f.meeting()
    item = f.item(meeting, "Verantwoording uitvoering moties", is_follow_up=True)
    html = secretariat.get(url(meeting)).content.decode()
    assert "1 aangenomen motie van eerdere vergaderingen staat nog open" in html
    collect = reverse("live:status_collect_follow_ups", args=[meeting.pk, item.pk])
    assert secretariat.post(collect).status_code == 302
    assert item.follow_ups.get().motion_id == old.pk
    html = secretariat.get(url(meeting)).content.decode()
    assert "Elke openstaande motie van eerdere vergaderingen staat onder dit agendapunt." in html


# --- A refused placement, at its select -------------------------------------------------------


def tag(html, element_id):
    """The opening tag of the element with `element_id`."""
    return re.search(rf'<[^>]*\bid="{re.escape(element_id)}"[^>]*>', html).group(0)


def held_over_pair():
    """Two motions of an earlier meeting held over, and an item of this meeting to place them."""
    earlier = f.meeting(days=-100)
    first = f.motion(f.item(earlier, "Asiel"), "Solidariteit in de asielopvang")
    second = f.motion(f.item(earlier, "Wonen"), "Woningbouw")
    for motion in (first, second):
        votes.record_outcome(motion, Status.HELD_OVER)
    meeting = f.meeting()
    target = f.item(meeting, "Moties")
    return (
        meeting,
        target,
        HoldOver.objects.get(proposal=first),
        HoldOver.objects.get(proposal=second),
    )


def test_a_placement_without_an_item_is_refused_at_the_select_of_that_motion(secretariat):
    meeting, _target, hold_over, other = held_over_pair()
    place = reverse("live:place_held_over", args=[meeting.pk])
    response = secretariat.post(place, {"hold_over": hold_over.pk, "item": ""})
    assert response.status_code == 400
    html = response.content.decode()
    select = tag(html, f"place-{hold_over.pk}")
    assert 'aria-invalid="true"' in select and "utrecht-select--invalid" in select
    assert f'aria-describedby="place-{hold_over.pk}_error"' in select
    assert "autofocus" in select  # the field to correct has the focus
    error = tag(html, f"place-{hold_over.pk}_error")
    assert "utrecht-form-field-error-message" in error
    message = "Kies het agendapunt waaronder de motie komt."
    at_field = html[html.index(error) :]
    assert at_field.index(message) < at_field.index("</p>")
    # Said once, at the field, inside the motion's own form: not at the top of the page.
    assert html.count(message) == 1
    assert html.index(error) > html.index('id="held-over-heading"')
    form = html[
        html.rindex("<form", 0, html.index(select)) : html.index("</form>", html.index(select))
    ]
    assert 'role="alert"' in form and "Solidariteit in de asielopvang" in form
    # The other motion's select is left as it was.
    assert "aria-invalid" not in tag(html, f"place-{other.pk}")
    assert HoldOver.objects.get(pk=hold_over.pk).to_item is None


def test_a_refused_placement_keeps_the_item_that_was_chosen(secretariat):
    meeting, target, hold_over, _other = held_over_pair()
    # Moved meanwhile to another item of its own meeting: holdover.place refuses it.
    moved_to = f.item(hold_over.from_item.meeting, "Elders")
    Proposal.objects.filter(pk=hold_over.proposal_id).update(agenda_item=moved_to)
    place = reverse("live:place_held_over", args=[meeting.pk])
    response = secretariat.post(place, {"hold_over": hold_over.pk, "item": target.pk})
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Deze motie is al naar een ander agendapunt verplaatst."
        in html[html.index(f'id="place-{hold_over.pk}_error"') :][:200]
    )
    select = html[html.index(tag(html, f"place-{hold_over.pk}")) :]
    select = select[: select.index("</select>")]
    assert re.search(rf'<option value="{target.pk}" selected>', select)
    assert select.count(" selected") == 1


def test_a_motion_placed_meanwhile_is_said_at_the_top_of_the_page(secretariat):
    meeting, target, hold_over, _other = held_over_pair()
    place = reverse("live:place_held_over", args=[meeting.pk])
    data = {"hold_over": hold_over.pk, "item": target.pk}
    assert secretariat.post(place, data).status_code == 302
    response = secretariat.post(place, data)
    assert response.status_code == 400
    html = response.content.decode()
    alert = html[html.index('role="alert"') :][:300]
    assert "Deze motie staat al op een agenda." in alert
    assert html.index('role="alert"') < html.index('id="overview-heading"')
    assert 'aria-invalid="true"' not in html
