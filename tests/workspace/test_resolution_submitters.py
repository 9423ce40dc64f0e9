import datetime as dt

import pytest
from django.urls import reverse

from agenda.models import Resolution, ResolutionSubmitter
from tests import factories as f
from tests.workspace.util import HTMX, assert_refused, html

pytestmark = pytest.mark.django_db


def board_resolution():
    item = f.item(f.meeting(published=False), "Asiel")
    return f.resolution(item, "Houdbaar perspectief", published=False)


def url(resolution):
    return reverse("workspace:resolution_submitters", args=[resolution.pk])


def submitters(resolution):
    return list(
        ResolutionSubmitter.objects.filter(resolution=resolution)
        .order_by("position")
        .values_list("member__name", flat=True)
    )


def data(resolution, members, by_board=False, revision=None):
    values = {
        "submitters-submitters": [m.pk for m in members],
        "submitters-revision": revision or resolution.revision,
    }
    if by_board:
        values["submitters-submitted_by_board"] = "on"
    return values


def test_only_the_secretariat_edits_the_submitters(member, board):
    resolution = board_resolution()
    sent = data(resolution, [f.member("Utrecht")])
    assert_refused(url(resolution), "post", sent, member=member, board=board)
    assert_refused(url(resolution), "get", member=member, board=board)
    assert submitters(resolution) == []


def test_the_form_uses_the_type_ahead_member_picker(secretariat):
    resolution = board_resolution()
    form = html(secretariat.get(url(resolution), **HTMX))
    assert "<html" not in form and "data-submitter-picker" in form
    assert reverse("workspace:member_search") in form


def test_members_become_the_submitters_in_the_order_chosen(secretariat):
    resolution = board_resolution()
    sliedrecht, gorinchem = f.member("Sliedrecht"), f.member("Gorinchem")
    fragment = html(
        secretariat.post(url(resolution), data(resolution, [sliedrecht, gorinchem]), **HTMX)
    )
    assert "Submitted by: Sliedrecht, Gorinchem." in fragment and "<form" not in fragment
    resolution.refresh_from_db()
    assert not resolution.submitted_by_board
    assert submitters(resolution) == ["Sliedrecht", "Gorinchem"]
    # The change is in the history of the resolution's page.
    assert ResolutionSubmitter.history.filter(resolution_id=resolution.pk).count() == 2
    page = html(secretariat.get(reverse("workspace:resolution", args=[resolution.pk])))
    assert "Submitter Sliedrecht created" in page


def test_a_member_named_with_en_stays_one_submitter(secretariat):
    resolution = board_resolution()
    son = f.member("Son en Breugel")
    secretariat.post(url(resolution), data(resolution, [son]))
    assert submitters(resolution) == ["Son en Breugel"]


def test_back_to_the_board_removes_the_members(secretariat):
    resolution = board_resolution()
    secretariat.post(url(resolution), data(resolution, [f.member("Utrecht")]))
    resolution.refresh_from_db()
    response = secretariat.post(url(resolution), data(resolution, [], by_board=True))
    assert response["Location"] == reverse("workspace:resolution", args=[resolution.pk])
    resolution.refresh_from_db()
    assert resolution.submitted_by_board and submitters(resolution) == []


@pytest.mark.parametrize(
    "members, by_board, message",
    [
        ([], False, "Choose at least one submitter from the member list."),
        (["member"], True, "A resolution of the board has no submitting members"),
        (["member", "member"], False, "A member can submit it only once."),
    ],
)
def test_bad_input_gives_a_message_and_changes_nothing(secretariat, members, by_board, message):
    resolution = board_resolution()
    member = f.member("Utrecht")
    sent = data(resolution, [member for _m in members], by_board=by_board)
    page = html(secretariat.post(url(resolution), sent))
    assert message in page and 'id="id_submitters-submitters_error"' in page
    resolution.refresh_from_db()
    assert resolution.submitted_by_board and submitters(resolution) == []


def test_an_unknown_or_inactive_member_is_refused(secretariat):
    resolution = board_resolution()
    gone = f.member("Opgeheven", member_until=dt.date(2020, 12, 31))
    for value in (gone.pk, 999999, "x"):
        sent = {"submitters-submitters": [value], "submitters-revision": resolution.revision}
        page = html(secretariat.post(url(resolution), sent))
        assert "Only members of the association on the day of the meeting can submit" in page
    assert submitters(resolution) == []


def test_a_change_made_meanwhile_is_not_overwritten(secretariat, second_secretary):
    resolution = board_resolution()
    seen = resolution.revision
    second_secretary.post(url(resolution), data(resolution, [f.member("Utrecht")]))
    page = html(
        secretariat.post(url(resolution), data(resolution, [f.member("Zeist")], revision=seen))
    )
    assert "Someone else saved this while you were editing it" in page
    assert "Utrecht" in page  # the current submitters are listed
    assert submitters(resolution) == ["Utrecht"]
    assert Resolution.objects.get(pk=resolution.pk).revision == seen + 1
