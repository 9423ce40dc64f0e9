import re

import pytest
from django.test import Client
from django.urls import reverse

from motions.models import PreAdvice
from tests import factories as f
from tests.conftest import make_user
from tests.workspace.util import HTMX, assert_refused, html

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting_with_motions(db):
    meeting = f.meeting(published=False)
    item = f.item(meeting, "Asiel")
    other = f.item(meeting, "Wmo")
    solidarity = f.motion(
        item, "Solidariteit", submitters=[f.member("Sliedrecht"), f.member("Gorinchem")]
    )
    synchronisation = f.motion(item, "Synchronisatie", advice="neutraal", published_advice=False)
    youth_care = f.motion(other, "Jeugdzorg", advice="overnemen", published_advice=False)
    return meeting, solidarity, synchronisation, youth_care


def overview_url(meeting):
    return reverse("workspace:pre_advice", args=[meeting.pk])


def row_url(proposal):
    return reverse("workspace:pre_advice_row", args=["proposal", proposal.pk])


def row_data(proposal, value="", rationale="", response="", status="submitted", **revisions):
    prefix = f"proposal-{proposal.pk}"
    advice = PreAdvice.objects.filter(proposal=proposal).first()
    return {
        f"{prefix}-value": value,
        f"{prefix}-rationale": rationale,
        f"{prefix}-response": response,
        f"{prefix}-status": status,
        f"{prefix}-subject_revision": revisions.get("subject", proposal.revision),
        f"{prefix}-advice_revision": revisions.get("advice", advice.revision if advice else ""),
    }


def rows_of(page):
    return re.findall(r'<tr class="utrecht-table__row" id="pa-proposal-(\d+)">', page)


def test_the_overview_is_for_the_secretariat_and_the_board_only(member, meeting_with_motions):
    meeting, solidarity, _sync, youth_care = meeting_with_motions
    assert_refused(overview_url(meeting), member=member)
    assert_refused(row_url(solidarity), member=member)
    assert_refused(row_url(solidarity), "post", row_data(solidarity, "aanhouden"), member=member)
    settle = reverse("workspace:pre_advice_settle", args=[youth_care.pre_advice.pk])
    assert_refused(settle, "post", {"revision": 1}, member=member)
    assert not PreAdvice.objects.filter(proposal=solidarity).exists()


def test_the_board_reads_the_overview_but_does_not_edit_it(board, meeting_with_motions):
    meeting, solidarity, _sync, _youth_care = meeting_with_motions
    page = html(board.get(overview_url(meeting)))
    assert "Motie Sliedrecht en Gorinchem “Solidariteit”" in page
    assert f'id="pa-proposal-{solidarity.pk}-edit"' not in page
    assert board.get(row_url(solidarity)).status_code == 403
    assert board.post(row_url(solidarity), row_data(solidarity, "overnemen")).status_code == 403


def test_the_secretariat_does_not_settle(secretariat, meeting_with_motions):
    _meeting, _solidarity, _sync, youth_care = meeting_with_motions
    advice = youth_care.pre_advice
    settle = reverse("workspace:pre_advice_settle", args=[advice.pk])
    assert secretariat.post(settle, {"revision": advice.revision}).status_code == 403
    advice.refresh_from_db()
    assert not advice.is_settled


def test_the_table_groups_the_rows_by_agenda_item_with_counts_per_value(secretariat, demo_meeting):
    page = html(secretariat.get(overview_url(demo_meeting)))
    assert "13 motions and amendments" in page
    assert "Overnemen: <strong>6</strong>" in page and "Intrekken: <strong>3</strong>" in page
    assert "No pre-advice yet: <strong>0</strong>" in page
    eight_b = page.index("Item 8b:")
    assert eight_b < page.index("Motie Nunspeet en Harderwijk") < page.index("Item 8c:")
    assert '<td class="utrecht-table__cell alv-number">8b.3</td>' in page
    assert "Motie Goirle “Compensatie onderwijshuisvesting”" in page  # a follow-up, under item 9


def test_the_filters_come_from_the_query_string(secretariat, meeting_with_motions):
    meeting, solidarity, synchronisation, youth_care = meeting_with_motions
    url = overview_url(meeting)
    assert rows_of(html(secretariat.get(url, {"advice": "none"}))) == [str(solidarity.pk)]
    assert rows_of(html(secretariat.get(url, {"advice": "overnemen"}))) == [str(youth_care.pk)]
    item = synchronisation.agenda_item
    assert rows_of(html(secretariat.get(url, {"item": item.pk}))) == [
        str(solidarity.pk),
        str(synchronisation.pk),
    ]
    assert rows_of(html(secretariat.get(url, {"state": "draft"}))) == [
        str(synchronisation.pk),
        str(youth_care.pk),
    ]
    fragment = html(secretariat.get(url, {"advice": "ontraden"}, **HTMX))
    assert fragment.lstrip().startswith('<div id="pre-advice-table">')
    assert "No motion or amendment matches." in fragment and "Showing 0 of 3." in fragment


def test_a_filter_on_a_main_item_includes_its_sub_items(secretariat):
    meeting = f.meeting()
    parent = f.item(meeting, "Moties")
    sub = f.item(meeting, "Asiel", parent=parent)
    motion = f.motion(sub, "Onder 1a")
    f.motion(f.item(meeting, "Elders"), "Elders")
    page = html(secretariat.get(overview_url(meeting), {"item": parent.pk}))
    assert rows_of(page) == [str(motion.pk)]


def test_an_unknown_filter_value_shows_everything_with_the_error(secretariat, meeting_with_motions):
    meeting, *_ = meeting_with_motions
    page = html(secretariat.get(overview_url(meeting), {"advice": "misschien"}))
    assert 'id="id_advice_error"' in page and len(rows_of(page)) == 3


def test_the_overview_query_count_does_not_grow_with_the_meeting(
    secretariat, django_assert_max_num_queries
):
    meeting = f.meeting()
    for n in range(5):
        item = f.item(meeting, f"Punt {n}")
        resolution = f.resolution(item)
        f.amendment(item, resolution)
        for m in range(8):
            f.motion(item, f"Motie {n}-{m}", advice="overnemen" if m % 2 else None)
    with django_assert_max_num_queries(20):
        page = html(secretariat.get(overview_url(meeting)))
    assert len(rows_of(page)) == 45


def test_giving_pre_advice_in_place_swaps_only_the_row(secretariat, meeting_with_motions):
    _meeting, solidarity, _sync, _youth_care = meeting_with_motions
    form = html(secretariat.get(row_url(solidarity), **HTMX))
    assert form.lstrip().startswith(
        f'<tr class="utrecht-table__row ws-row--editing" id="pa-proposal-{solidarity.pk}"'
    )
    data = row_data(solidarity, "aanhouden", "Eerst het gesprek met het rijk.")
    row = html(secretariat.post(row_url(solidarity), data, **HTMX))
    assert row.lstrip().startswith(
        f'<tr class="utrecht-table__row" id="pa-proposal-{solidarity.pk}">'
    )
    assert "aanhouden" in row and "Eerst het gesprek met het rijk." in row
    advice = PreAdvice.objects.get(proposal=solidarity)
    assert (advice.value, advice.state, advice.published_at) == ("aanhouden", "draft", None)


def test_the_status_is_edited_with_the_pre_advice(secretariat, meeting_with_motions):
    _meeting, _solidarity, synchronisation, _youth_care = meeting_with_motions
    data = row_data(
        synchronisation,
        "intrekken",
        "Scharen achter de resolutie.",
        "withdraws",
        status="withdrawn",
    )
    secretariat.post(row_url(synchronisation), data, **HTMX)
    synchronisation.refresh_from_db()
    advice = synchronisation.pre_advice
    assert (synchronisation.status, advice.value, advice.response) == (
        "withdrawn",
        "intrekken",
        "withdraws",
    )


def test_bad_pre_advice_is_refused_next_to_the_field(secretariat, meeting_with_motions):
    _meeting, solidarity, synchronisation, _youth_care = meeting_with_motions
    prefix = f"proposal-{synchronisation.pk}"
    answer = html(
        secretariat.post(
            row_url(synchronisation),
            row_data(synchronisation, "neutraal", response="maintains"),
            **HTMX,
        )
    )
    assert (
        f'id="id_{prefix}-response_error"' in answer
        and "Submitters answer only a request to withdraw." in answer
    )
    unknown = html(
        secretariat.post(row_url(synchronisation), row_data(synchronisation, "misschien"), **HTMX)
    )
    assert f'id="id_{prefix}-value_error"' in unknown
    status = html(
        secretariat.post(
            row_url(synchronisation), row_data(synchronisation, "neutraal", status="lost"), **HTMX
        )
    )
    assert f'id="id_{prefix}-status_error"' in status
    answer_only = html(
        secretariat.post(
            row_url(solidarity), row_data(solidarity, "", response="withdraws"), **HTMX
        )
    )
    assert "Choose the pre-advice first." in answer_only
    synchronisation.refresh_from_db()
    assert (
        synchronisation.pre_advice.value,
        synchronisation.pre_advice.response,
        synchronisation.status,
    ) == ("neutraal", "", "submitted")
    assert not PreAdvice.objects.filter(proposal=solidarity).exists()


def test_a_draft_pre_advice_can_be_cleared_but_a_settled_one_cannot(
    secretariat, meeting_with_motions
):
    _meeting, _solidarity, synchronisation, youth_care = meeting_with_motions
    secretariat.post(row_url(synchronisation), row_data(synchronisation, ""), **HTMX)
    assert not PreAdvice.objects.filter(proposal=synchronisation).exists()
    advice = youth_care.pre_advice
    advice.settle(advice.revision)
    refused = html(
        secretariat.post(row_url(youth_care), row_data(youth_care, "ontraden", "Anders."), **HTMX)
    )
    assert "The board has settled this pre-advice: it must reopen it before it changes." in refused
    advice.refresh_from_db()
    assert advice.value == "overnemen"


def test_the_answer_to_a_settled_request_to_withdraw_can_still_be_recorded(
    secretariat, meeting_with_motions
):
    _meeting, _solidarity, _sync, youth_care = meeting_with_motions
    advice = youth_care.pre_advice
    advice.value, advice.rationale = "intrekken", "Scharen achter de resolutie."
    advice.save()
    advice.settle(advice.revision)
    data = row_data(youth_care, "intrekken", "Scharen achter de resolutie.", "maintains")
    secretariat.post(row_url(youth_care), data, **HTMX)
    advice.refresh_from_db()
    assert (advice.response, advice.state) == ("maintains", "settled")


def test_the_board_settles_and_reopens_pre_advice_here(board, meeting_with_motions):
    _meeting, _solidarity, _sync, youth_care = meeting_with_motions
    advice = youth_care.pre_advice
    url = reverse("workspace:pre_advice_settle", args=[advice.pk])
    row = html(board.post(url, {"revision": advice.revision}, **HTMX))
    assert "is settled." in row and "settled</span>" in row
    advice.refresh_from_db()
    assert advice.is_settled and advice.settled_at is not None
    board.post(url, {"revision": advice.revision, "action": "reopen"}, **HTMX)
    advice.refresh_from_db()
    assert advice.state == "draft" and advice.settled_at is None


def test_the_board_never_settles_a_value_it_has_not_seen(board, secretariat, meeting_with_motions):
    _meeting, _solidarity, _sync, youth_care = meeting_with_motions
    advice = youth_care.pre_advice
    seen = advice.revision
    secretariat.post(row_url(youth_care), row_data(youth_care, "ontraden", "Toch niet."), **HTMX)
    url = reverse("workspace:pre_advice_settle", args=[advice.pk])
    row = html(board.post(url, {"revision": seen}, **HTMX))
    assert "The pre-advice changed meanwhile; look at it again before settling." in row
    assert "ontraden" in row  # the row now shows what the board would have settled
    advice.refresh_from_db()
    assert advice.state == "draft"


def test_published_pre_advice_is_not_reopened(board, meeting_with_motions):
    meeting, _solidarity, _sync, youth_care = meeting_with_motions
    advice = youth_care.pre_advice
    advice.settle(advice.revision)
    meeting.publish_pre_advice()
    advice.refresh_from_db()
    url = reverse("workspace:pre_advice_settle", args=[advice.pk])
    row = html(board.post(url, {"revision": advice.revision, "action": "reopen"}, **HTMX))
    assert "Published pre-advice cannot be reopened" in row
    advice.refresh_from_db()
    assert advice.is_settled


def test_editing_a_row_without_htmx_uses_a_page_of_its_own(secretariat, meeting_with_motions):
    meeting, solidarity, _sync, _youth_care = meeting_with_motions
    page = html(secretariat.get(row_url(solidarity)))
    assert "<html" in page and f'form="pa-form-proposal-{solidarity.pk}"' in page
    response = secretariat.post(row_url(solidarity), row_data(solidarity, "ontraden"))
    assert response["Location"] == overview_url(meeting)


def test_a_follow_up_gets_its_pre_advice_and_proposed_decision_here(secretariat, demo_meeting):
    from motions.models import FollowUp

    follow_up = FollowUp.objects.get(motion__title="Compensatie onderwijshuisvesting")
    url = reverse("workspace:pre_advice_row", args=["follow_up", follow_up.pk])
    advice = follow_up.pre_advice
    prefix = f"follow-up-{follow_up.pk}"
    data = {
        f"{prefix}-value": "overnemen",
        f"{prefix}-rationale": advice.rationale,
        f"{prefix}-response": "",
        f"{prefix}-status": "close",
        f"{prefix}-subject_revision": follow_up.revision,
        f"{prefix}-advice_revision": advice.revision,
    }
    row = html(secretariat.post(url, data, **HTMX))
    assert "consider it implemented (afdoen)" in row
    follow_up.refresh_from_db()
    assert follow_up.proposed_decision == "close"


def test_the_second_of_two_pre_advice_editors_is_refused_with_the_current_values(
    secretariat, second_secretary, meeting_with_motions
):
    _meeting, solidarity, _sync, _youth_care = meeting_with_motions
    stale = row_data(solidarity, "overnemen", "Goed idee.")
    secretariat.post(
        row_url(solidarity), row_data(solidarity, "aanhouden", "Eerst het gesprek."), **HTMX
    )
    page = html(second_secretary.post(row_url(solidarity), stale, **HTMX))
    assert "Someone else saved this while you were editing it" in page
    current = page[page.index("ws-current-values") :]
    assert "aanhouden" in current and "Eerst het gesprek." in current
    advice = PreAdvice.objects.get(proposal=solidarity)
    assert (advice.value, advice.rationale) == ("aanhouden", "Eerst het gesprek.")


def test_pre_advice_changes_appear_in_the_motion_history(secretariat, meeting_with_motions):
    _meeting, solidarity, _sync, _youth_care = meeting_with_motions
    secretariat.post(row_url(solidarity), row_data(solidarity, "aanhouden", "Eerst."), **HTMX)
    secretariat.post(row_url(solidarity), row_data(solidarity, "ontraden", "Eerst."), **HTMX)
    page = html(secretariat.get(reverse("workspace:proposal", args=[solidarity.pk])))
    history = page[page.index('id="history-heading"') :]
    assert "Pre-advice created" in history and "Pre-advice changed" in history
    assert "aanhouden → ontraden" in history


def test_the_status_and_the_pre_advice_are_saved_together_or_not_at_all(
    secretariat, meeting_with_motions
):
    _meeting, _solidarity, synchronisation, _youth_care = meeting_with_motions
    data = row_data(synchronisation, "neutraal", response="withdraws", status="withdrawn")
    page = html(secretariat.post(row_url(synchronisation), data, **HTMX))
    assert "Submitters answer only a request to withdraw." in page
    synchronisation.refresh_from_db()
    assert synchronisation.status == "submitted"


def test_a_kept_overview_carries_each_board_members_own_csrf_token(meeting_with_motions):
    # The table is kept once rendered (workspace/views/pre_advice.py); the settle forms in it
    # must work for every board member, not only for the one it was first rendered for.
    meeting, _solidarity, synchronisation, _youth = meeting_with_motions
    clients = []
    for name in ("board-a", "board-b"):
        client = Client(enforce_csrf_checks=True)
        client.force_login(make_user(name, "board"))
        clients.append(client)
    first = html(clients[0].get(overview_url(meeting)))
    second = html(clients[1].get(overview_url(meeting)))
    settle = reverse("workspace:pre_advice_settle", args=[synchronisation.pre_advice.pk])
    # The token of the settle form in the table, not the one of the page's own log-out form.
    form = re.search(rf'action="{settle}".*?</form>', second, re.DOTALL).group(0)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    assert token not in first  # each reader's own, though the table was rendered once
    response = clients[1].post(
        settle,
        {"csrfmiddlewaretoken": token, "revision": synchronisation.pre_advice.revision},
    )
    assert response.status_code == 302
    assert PreAdvice.objects.get(proposal=synchronisation).is_settled


def test_a_kept_overview_shows_a_change_at_once(secretariat, meeting_with_motions):
    meeting, solidarity, _sync, _youth = meeting_with_motions
    assert "Inzet op landelijke regie" not in html(secretariat.get(overview_url(meeting)))
    secretariat.post(
        row_url(solidarity), row_data(solidarity, "overnemen", "Inzet op landelijke regie.")
    )
    assert "Inzet op landelijke regie" in html(secretariat.get(overview_url(meeting)))
    # A filter is a table of its own, kept as well.
    page = html(secretariat.get(overview_url(meeting) + "?advice=overnemen", **HTMX))
    assert "Inzet op landelijke regie" in page and "Synchronisatie" not in page


def test_the_board_and_the_secretariat_each_get_their_own_kept_overview(
    secretariat, board, meeting_with_motions
):
    meeting, *_ = meeting_with_motions
    settle_button = 'name="action" value="settle"'
    assert settle_button not in html(secretariat.get(overview_url(meeting)))
    assert settle_button in html(board.get(overview_url(meeting)))
    assert 'hx-get="/workspace/pre-advice/' not in html(board.get(overview_url(meeting)))
    assert 'hx-get="/workspace/pre-advice/' in html(secretariat.get(overview_url(meeting)))
