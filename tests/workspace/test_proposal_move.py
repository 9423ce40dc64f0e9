import pytest
from django.urls import reverse

from motions.models import Motion, Proposal
from tests import factories as f
from tests.workspace.util import HTMX, assert_refused, html

pytestmark = pytest.mark.django_db


def item_with_motions(*titles):
    item = f.item(f.meeting(published=False), "Financiën")
    return item, [f.motion(item, title) for title in titles]


def order(item):
    return list(
        Proposal.objects.filter(agenda_item=item)
        .order_by("position")
        .values_list("title", "position")
    )


def shown(motions):
    return ",".join(str(m.pk) for m in motions)


def move(client, motion, direction, seen, **extra):
    url = reverse("workspace:proposal_move", args=[motion.pk])
    return client.post(url, {"direction": direction, "shown": shown(seen)}, **extra)


def test_only_the_secretariat_moves_motions(member, board):
    item, motions = item_with_motions("A", "B")
    url = reverse("workspace:proposal_move", args=[motions[1].pk])
    data = {"direction": "up", "shown": shown(motions)}
    assert_refused(url, "post", data, member=member, board=board)
    assert order(item) == [("A", 1), ("B", 2)]


def test_moving_up_swaps_the_numbers(secretariat):
    item, (a, b, c) = item_with_motions("A", "B", "C")
    response = move(secretariat, c, "up", [a, b, c])
    assert response["Location"] == reverse("workspace:item", args=[item.pk])
    assert order(item) == [("A", 1), ("C", 2), ("B", 3)]
    # The renumbering is in each motion's history.
    assert Motion.history.filter(id=c.pk, position=2).exists()


def test_an_htmx_move_redraws_the_list_and_says_the_new_number(secretariat):
    item, (a, b) = item_with_motions("A", "B")
    fragment = html(move(secretariat, a, "down", [a, b], **HTMX))
    assert 'id="proposals"' in fragment and "<html" not in fragment
    assert f"is now number {item.number}.2." in fragment
    # The next move carries the new order.
    assert f'name="shown" value="{b.pk},{a.pk}"' in fragment


def test_the_first_does_not_move_up_and_the_last_not_down(secretariat):
    item, (a, b) = item_with_motions("A", "B")
    assert "already the first" in html(move(secretariat, a, "up", [a, b]))
    assert "already the last" in html(move(secretariat, b, "down", [a, b], **HTMX))
    assert order(item) == [("A", 1), ("B", 2)]


def test_a_move_on_an_outdated_list_changes_nothing(secretariat):
    item, (a, b, c) = item_with_motions("A", "B", "C")
    # Someone else moved C up meanwhile: this editor still sees A, B, C.
    move(secretariat, c, "up", [a, b, c])
    page = html(move(secretariat, a, "down", [a, b, c]))
    assert "changed while you were reordering them" in page
    assert order(item) == [("A", 1), ("C", 2), ("B", 3)]


@pytest.mark.parametrize(
    "direction, seen",
    [("sideways", None), ("up", "x,y"), ("up", "")],
    ids=["move", "order", "none"],
)
def test_bad_input_gives_a_message_and_changes_nothing(secretariat, direction, seen):
    item, (a, b) = item_with_motions("A", "B")
    sent = {"direction": direction, "shown": shown([a, b]) if seen is None else seen}
    page = html(secretariat.post(reverse("workspace:proposal_move", args=[b.pk]), sent))
    assert 'role="alert"' in page
    assert order(item) == [("A", 1), ("B", 2)]
