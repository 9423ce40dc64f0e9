import pytest
from django.urls import reverse

from motions.models import Proposal
from tests import factories as f
from tests.workspace.util import HTMX, assert_refused, html

pytestmark = pytest.mark.django_db


def item_with_proposals():
    item = f.item(f.meeting(published=False), "Zorg")
    resolution = f.resolution(item)
    return item, [
        f.motion(item, "A"),
        f.amendment(item, resolution, title="B"),
        f.motion(item, "C"),
    ]


def order(item):
    return list(
        Proposal.objects.filter(agenda_item=item)
        .order_by("position")
        .values_list("title", flat=True)
    )


def dragged(new, seen):
    """What workspace.js sends after a drop: parallel item and parent fields, and the order
    the page showed."""
    return {
        "item": [p.pk for p in new],
        "parent": ["" for _p in new],
        "shown": ",".join(str(p.pk) for p in seen),
    }


def test_only_the_secretariat_reorders(member, board):
    item, (a, b, c) = item_with_proposals()
    url = reverse("workspace:proposals_reorder", args=[item.pk])
    assert_refused(url, "post", dragged([c, b, a], [a, b, c]), member=member, board=board)
    assert order(item) == ["A", "B", "C"]


def test_a_drop_puts_motions_and_amendments_in_the_new_order(secretariat):
    item, (a, b, c) = item_with_proposals()
    url = reverse("workspace:proposals_reorder", args=[item.pk])
    fragment = html(secretariat.post(url, dragged([c, a, b], [a, b, c]), **HTMX))
    assert order(item) == ["C", "A", "B"]
    assert "The new order of the motions is saved." in fragment
    assert fragment.index(f'id="proposal-{c.pk}"') < fragment.index(f'id="proposal-{a.pk}"')


def test_without_htmx_the_item_page_follows(secretariat):
    item, (a, b, c) = item_with_proposals()
    url = reverse("workspace:proposals_reorder", args=[item.pk])
    response = secretariat.post(url, dragged([b, a, c], [a, b, c]))
    assert response["Location"] == reverse("workspace:item", args=[item.pk])
    assert order(item) == ["B", "A", "C"]


def test_a_drop_on_an_outdated_list_changes_nothing(secretariat):
    item, (a, b, c) = item_with_proposals()
    d = f.motion(item, "D")  # added by someone else after the page was shown
    url = reverse("workspace:proposals_reorder", args=[item.pk])
    page = html(secretariat.post(url, dragged([c, b, a], [a, b, c]), **HTMX))
    assert "changed while you were reordering them" in page
    assert order(item) == ["A", "B", "C", "D"]
    # The list shown with the message is the current one, ready for another try.
    assert f'id="proposal-{d.pk}"' in page


@pytest.mark.parametrize(
    "broken",
    [
        lambda data: {**data, "item": data["item"][:2]},
        lambda data: {**data, "item": ["x"] + data["item"][1:]},
        lambda data: {**data, "parent": [str(data["item"][0])] * len(data["item"])},
        lambda data: {**data, "item": [data["item"][0]] * len(data["item"])},
    ],
    ids=["incomplete", "unreadable", "nested", "doubled"],
)
def test_a_broken_order_gives_a_message_and_changes_nothing(secretariat, broken):
    item, (a, b, c) = item_with_proposals()
    url = reverse("workspace:proposals_reorder", args=[item.pk])
    page = html(secretariat.post(url, broken(dragged([c, b, a], [a, b, c]))))
    assert 'role="alert"' in page
    assert order(item) == ["A", "B", "C"]


def test_a_proposal_of_another_item_cannot_be_slipped_in(secretariat):
    item, (a, b, c) = item_with_proposals()
    stranger = f.motion(f.item(item.meeting, "Ander punt"), "Vreemd")
    url = reverse("workspace:proposals_reorder", args=[item.pk])
    page = html(secretariat.post(url, dragged([stranger, b, c], [a, b, c])))
    assert "must name every motion and amendment of this item once" in page
    assert order(item) == ["A", "B", "C"]
    assert Proposal.objects.get(pk=stranger.pk).position == 1
