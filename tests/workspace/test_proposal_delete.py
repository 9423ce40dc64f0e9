import pytest
from django.urls import reverse

from agenda.models import Meeting
from agenda.outcomes import Status
from motions.models import Amendment, Ballot, Motion, PreAdvice, Proposal
from tests import factories as f
from tests.workspace.util import HTMX, assert_refused, html

pytestmark = pytest.mark.django_db


def three_motions():
    item = f.item(f.meeting(published=False), "Financiën")
    first = f.motion(item, "Eerste")
    duplicate = f.motion(item, "Dubbel uit Word", is_draft=True, advice="ontraden")
    third = f.motion(item, "Derde")
    return item, first, duplicate, third


def url(proposal):
    return reverse("workspace:proposal_delete", args=[proposal.pk])


def numbers(item):
    return [
        (p.title, p.position)
        for p in Proposal.objects.filter(agenda_item=item).order_by("position")
    ]


def test_only_the_secretariat_deletes(member, board):
    _item, _first, duplicate, _third = three_motions()
    data = {"revision": duplicate.revision}
    assert_refused(url(duplicate), "post", data, member=member, board=board)
    assert_refused(url(duplicate), "get", member=member, board=board)
    assert Motion.objects.filter(pk=duplicate.pk).exists()


def test_a_get_asks_for_confirmation_and_deletes_nothing(secretariat):
    _item, _first, duplicate, _third = three_motions()
    page = html(secretariat.get(url(duplicate)))
    assert "Delete 1.2 Motie" in page and f'id="proposal-{duplicate.pk}-confirm-delete"' in page
    assert f'name="revision" value="{duplicate.revision}"' in page
    assert Motion.objects.filter(pk=duplicate.pk).exists()


def test_confirming_deletes_it_and_the_later_ones_move_up_a_number(secretariat):
    item, _first, duplicate, third = three_motions()
    response = secretariat.post(url(duplicate), {"revision": duplicate.revision})
    assert response["Location"] == reverse("workspace:item", args=[item.pk])
    assert not Proposal.objects.filter(pk=duplicate.pk).exists()
    assert not PreAdvice.objects.filter(proposal_id=duplicate.pk).exists()
    assert numbers(item) == [("Eerste", 1), ("Derde", 2)]
    # The deletion and the renumbering are in the history.
    assert Motion.history.filter(id=duplicate.pk, history_type="-").exists()
    assert Motion.history.filter(id=third.pk, position=2).exists()


def test_an_htmx_confirmation_redraws_the_list_with_the_new_numbers(secretariat):
    item, _first, duplicate, third = three_motions()
    form = html(secretariat.get(url(duplicate), **HTMX))
    assert "<html" not in form and f'id="proposal-row-{duplicate.pk}"' in form
    fragment = html(secretariat.post(url(duplicate), {"revision": duplicate.revision}, **HTMX))
    assert 'id="proposals"' in fragment and "Dubbel uit Word" not in fragment.split("ws-status")[0]
    assert f'id="proposal-row-{third.pk}"' in fragment and f"{item.number}.2" in fragment
    assert "is deleted." in fragment  # announced to screen readers


def test_cancelling_puts_the_row_back(secretariat):
    _item, _first, duplicate, _third = three_motions()
    row = html(secretariat.get(url(duplicate) + "?cancel=1", **HTMX))
    assert f'id="proposal-row-{duplicate.pk}"' in row and "<form" in row
    assert "confirm-delete" not in row


def test_a_row_put_back_after_cancelling_keeps_the_first_up_and_the_last_down_disabled(
    secretariat,
):
    _item, first, duplicate, third = three_motions()

    def disabled(proposal, direction):
        row = html(secretariat.get(url(proposal) + "?cancel=1", **HTMX))
        button = row.split(f'id="proposal-{proposal.pk}-{direction}"')[1].split(">")[0]
        return "disabled" in button

    assert disabled(first, "up") and not disabled(first, "down")
    assert not disabled(duplicate, "up") and not disabled(duplicate, "down")
    assert not disabled(third, "up") and disabled(third, "down")


def test_a_proposal_with_an_outcome_is_not_deleted_and_the_page_says_why(secretariat):
    item, first, _duplicate, _third = three_motions()
    first.status = Status.WITHDRAWN
    first.save()
    page = html(secretariat.get(url(first)))
    assert "has an outcome or votes" in page and "confirm-delete" not in page
    page = html(secretariat.post(url(first), {"revision": first.revision}))
    assert "has an outcome or votes" in page
    assert Motion.objects.filter(pk=first.pk).exists()
    assert numbers(item) == [("Eerste", 1), ("Dubbel uit Word", 2), ("Derde", 3)]


def test_an_amendment_with_votes_is_not_deleted(secretariat):
    item = f.item(f.meeting(), "Zorg")
    resolution = f.resolution(item)
    amendment = f.amendment(item, resolution)
    Ballot.objects.create(proposal=amendment, member=f.member(), choice=Ballot.Choice.FOR, weight=1)
    page = html(secretariat.post(url(amendment), {"revision": amendment.revision}))
    assert "has an outcome or votes" in page
    assert Amendment.objects.filter(pk=amendment.pk).exists()


def test_an_amendment_without_outcome_is_deleted(secretariat):
    item = f.item(f.meeting(), "Zorg")
    amendment = f.amendment(item, f.resolution(item))
    secretariat.post(url(amendment), {"revision": amendment.revision})
    assert not Amendment.objects.filter(pk=amendment.pk).exists()


def test_a_change_made_meanwhile_asks_for_confirmation_again(secretariat):
    item, _first, duplicate, _third = three_motions()
    seen = duplicate.revision
    duplicate.title = "Toch anders"
    duplicate.save_if_current(seen, update_fields=["title"])
    page = html(secretariat.post(url(duplicate), {"revision": seen}))
    assert "Someone else changed it while you were deciding" in page
    assert f'name="revision" value="{seen + 1}"' in page
    assert Motion.objects.filter(pk=duplicate.pk).exists()
    assert len(numbers(item)) == 3


def test_a_post_without_the_revision_deletes_nothing(secretariat):
    _item, _first, duplicate, _third = three_motions()
    for data in ({}, {"revision": "x"}):
        page = html(secretariat.post(url(duplicate), data))
        assert "Confirm the deletion with the button." in page
    assert Motion.objects.filter(pk=duplicate.pk).exists()


def test_a_motion_under_discussion_on_the_meeting_day_is_let_go_of(secretariat):
    item, _first, duplicate, _third = three_motions()
    item.meeting.set_current(item, duplicate)
    secretariat.post(url(duplicate), {"revision": duplicate.revision})
    assert Meeting.objects.get(pk=item.meeting_id).current_proposal_id is None
