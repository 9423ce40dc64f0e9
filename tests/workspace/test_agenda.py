import pytest
from django.urls import reverse

from agenda.models import AgendaItem
from tests import factories as f
from tests.workspace.util import HTMX, assert_refused, html

pytestmark = pytest.mark.django_db


def numbers(meeting):
    return [(item.number, item.title) for item in meeting.ordered_items()]


def agenda_of(*titles, children=None):
    meeting = f.meeting(published=False)
    items = {title: f.item(meeting, title) for title in titles}
    for parent, subs in (children or {}).items():
        for sub in subs:
            items[sub] = f.item(meeting, sub, parent=items[parent])
    return meeting, items


def move(client, item, direction, **extra):
    return client.post(
        reverse("workspace:item_move", args=[item.pk]), {"direction": direction}, **extra
    )


def test_every_agenda_action_is_the_secretariats_alone(member, board):
    meeting, items = agenda_of("A", "B")
    item = items["A"]
    for url, method, data in [
        (reverse("workspace:agenda", args=[meeting.pk]), "get", None),
        (reverse("workspace:agenda_add", args=[meeting.pk]), "post", {"new-title": "X"}),
        (reverse("workspace:agenda_reorder", args=[meeting.pk]), "post", {"item": [item.pk]}),
        (reverse("workspace:item", args=[item.pk]), "get", None),
        (reverse("workspace:item", args=[item.pk]), "post", {"item-1-title": "X"}),
        (reverse("workspace:item_row", args=[item.pk]), "get", None),
        (reverse("workspace:item_move", args=[item.pk]), "post", {"direction": "down"}),
        (reverse("workspace:item_delete", args=[item.pk]), "get", None),
        (reverse("workspace:item_delete", args=[item.pk]), "post", {}),
    ]:
        assert_refused(url, method, data, member=member, board=board)
    assert numbers(meeting) == [("1", "A"), ("2", "B")]


def test_an_anonymous_htmx_request_is_sent_to_the_login_page_as_a_whole(client):
    meeting, _items = agenda_of("A")
    response = client.get(reverse("workspace:agenda", args=[meeting.pk]), **HTMX)
    assert response.status_code == 200
    assert "/login/" in response["HX-Redirect"]


def test_the_agenda_shows_the_numbers_that_follow_from_the_order(secretariat, demo_meeting):
    page = html(secretariat.get(reverse("workspace:agenda", args=[demo_meeting.pk])))
    for number in ("1", "7", "8", "8a", "8b", "8c", "9", "11"):
        assert f'<span class="ws-agenda__number alv-number">{number}</span>' in page
    assert "Motie Son en Breugel “Kabinet kom over de brug of krijg de taken terug”" in page


def test_the_agenda_query_count_does_not_grow_with_the_meeting(
    secretariat, django_assert_max_num_queries
):
    meeting = f.meeting()
    for n in range(6):
        parent = f.item(meeting, f"Punt {n}")
        for m in range(3):
            sub = f.item(meeting, f"Sub {n}-{m}", parent=parent)
            f.resolution(sub)
            for k in range(4):
                f.motion(sub, f"Motie {n}-{m}-{k}", advice="overnemen")
    with django_assert_max_num_queries(20):
        response = secretariat.get(reverse("workspace:agenda", args=[meeting.pk]))
    assert html(response).count("data-dnd-item") == 24


def test_adding_an_item_puts_it_at_the_end_with_the_next_number(secretariat):
    meeting, _items = agenda_of("Opening", "Sluiting")
    url = reverse("workspace:agenda_add", args=[meeting.pk])
    response = secretariat.post(url, {"new-title": "Rondvraag", "new-kind": "discussion"}, **HTMX)
    assert response.status_code == 200
    page = html(response)
    assert page.lstrip().startswith('<div id="agenda"') and "<html" not in page
    assert "Item 3 “Rondvraag” is added." in page
    assert numbers(meeting)[-1] == ("3", "Rondvraag")


def test_adding_a_sub_item_letters_it_under_its_parent(secretariat):
    meeting, items = agenda_of("Moties", children={"Moties": ["Zorg", "Asiel"]})
    url = reverse("workspace:agenda_add", args=[meeting.pk])
    data = {"new-title": "Wmo", "new-kind": "decision", "new-parent": items["Moties"].pk}
    response = secretariat.post(url, data)
    assert response.status_code == 302
    assert numbers(meeting) == [("1", "Moties"), ("1a", "Zorg"), ("1b", "Asiel"), ("1c", "Wmo")]


def test_an_item_without_title_is_refused_next_to_the_field(secretariat):
    meeting, _items = agenda_of("Opening")
    url = reverse("workspace:agenda_add", args=[meeting.pk])
    response = secretariat.post(url, {"new-title": "  ", "new-kind": "decision"}, **HTMX)
    page = html(response)
    assert 'id="id_new-title_error"' in page and "This field is required." in page
    assert meeting.items.count() == 1


def test_an_over_long_title_is_refused(secretariat):
    meeting, _items = agenda_of("Opening")
    url = reverse("workspace:agenda_add", args=[meeting.pk])
    response = secretariat.post(url, {"new-title": "x" * 301, "new-kind": "decision"})
    assert "at most 300 characters" in html(response)
    assert meeting.items.count() == 1


def test_a_sub_item_cannot_go_under_an_item_of_another_meeting(secretariat):
    meeting, _items = agenda_of("Opening")
    _other, other_items = agenda_of("Elders")
    url = reverse("workspace:agenda_add", args=[meeting.pk])
    data = {"new-title": "X", "new-kind": "decision", "new-parent": other_items["Elders"].pk}
    response = secretariat.post(url, data)
    assert 'id="id_new-parent_error"' in html(response)
    assert other_items["Elders"].children.count() == 0
    assert meeting.items.count() == 1


def test_moving_an_item_down_renumbers_the_agenda_at_once(secretariat):
    meeting, items = agenda_of("A", "B", "C", children={"A": ["A1"]})
    response = move(secretariat, items["A"], "down", **HTMX)
    page = html(response)
    assert "“A” is now item 2." in page
    assert numbers(meeting) == [("1", "B"), ("2", "A"), ("2a", "A1"), ("3", "C")]
    assert page.index(">B</a>") < page.index(">A</a>")


def test_moving_a_sub_item_up_stays_among_its_siblings(secretariat):
    meeting, items = agenda_of("A", children={"A": ["A1", "A2"]})
    move(secretariat, items["A2"], "up")
    assert numbers(meeting) == [("1", "A"), ("1a", "A2"), ("1b", "A1")]


def test_indenting_makes_an_item_the_last_sub_item_of_the_one_above(secretariat):
    meeting, items = agenda_of("A", "B", "C", children={"A": ["A1"]})
    move(secretariat, items["B"], "indent")
    assert numbers(meeting) == [("1", "A"), ("1a", "A1"), ("1b", "B"), ("2", "C")]


def test_outdenting_makes_a_sub_item_a_main_item_after_its_parent(secretariat):
    meeting, items = agenda_of("A", "B", children={"A": ["A1", "A2", "A3"]})
    move(secretariat, items["A2"], "outdent")
    assert numbers(meeting) == [("1", "A"), ("1a", "A1"), ("1b", "A3"), ("2", "A2"), ("3", "B")]


@pytest.mark.parametrize(
    ("title", "direction", "message"),
    [
        ("A", "up", "This item is already the first."),
        ("B", "down", "This item is already the last."),
        ("A", "indent", "An item with sub-items cannot become a sub-item."),
        ("A", "outdent", "This is already a main item."),
        ("A1", "indent", "A sub-item cannot go one level deeper."),
        ("A", "sideways", "Unknown move."),
    ],
)
def test_an_impossible_move_is_explained_and_changes_nothing(
    secretariat, title, direction, message
):
    meeting, items = agenda_of("A", "B", children={"A": ["A1"]})
    response = move(secretariat, items[title], direction, **HTMX)
    assert message in html(response)
    assert numbers(meeting) == [("1", "A"), ("1a", "A1"), ("2", "B")]


def test_the_first_item_cannot_be_indented(secretariat):
    meeting, items = agenda_of("A", "B")
    response = move(secretariat, items["A"], "indent")
    assert "The first item has no item above it to go under." in html(response)
    assert numbers(meeting) == [("1", "A"), ("2", "B")]


def test_a_move_without_htmx_returns_to_the_agenda_page(secretariat):
    meeting, items = agenda_of("A", "B")
    response = move(secretariat, items["B"], "up")
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:agenda", args=[meeting.pk])


def reorder(client, meeting, order, **extra):
    data = {"item": [pk for pk, _ in order], "parent": [p or "" for _, p in order]}
    return client.post(reverse("workspace:agenda_reorder", args=[meeting.pk]), data, **extra)


def test_the_dragged_order_is_saved_with_sub_items_and_numbers(secretariat):
    meeting, items = agenda_of("A", "B", "C", children={"A": ["A1"]})
    a, b, c, a1 = (items[t].pk for t in ("A", "B", "C", "A1"))
    response = reorder(secretariat, meeting, [(c, None), (a, None), (b, a), (a1, None)], **HTMX)
    assert "The new order of the agenda is saved." in html(response)
    assert numbers(meeting) == [("1", "C"), ("2", "A"), ("2a", "B"), ("3", "A1")]


def test_a_reorder_naming_an_item_of_another_meeting_is_refused(secretariat):
    meeting, items = agenda_of("A", "B")
    _other, other_items = agenda_of("Elders")
    order = [(other_items["Elders"].pk, None), (items["B"].pk, None), (items["A"].pk, None)]
    response = reorder(secretariat, meeting, order, **HTMX)
    assert "The new order names items that are not on this agenda." in html(response)
    assert numbers(meeting) == [("1", "A"), ("2", "B")]
    assert other_items["Elders"].meeting_id != meeting.pk


def test_a_reorder_that_misses_an_item_added_meanwhile_is_refused(secretariat):
    meeting, items = agenda_of("A", "B", "C")
    response = reorder(secretariat, meeting, [(items["B"].pk, None), (items["A"].pk, None)])
    assert "The agenda changed while you were reordering it" in html(response)
    assert numbers(meeting) == [("1", "A"), ("2", "B"), ("3", "C")]


@pytest.mark.parametrize(
    "data",
    [{"item": ["x"], "parent": [""]}, {"item": ["1", "2"], "parent": [""]}, {}],
)
def test_an_unreadable_reorder_is_refused(secretariat, data):
    meeting, _items = agenda_of("A", "B")
    response = secretariat.post(reverse("workspace:agenda_reorder", args=[meeting.pk]), data)
    assert "utrecht-alert--error" in html(response)
    assert numbers(meeting) == [("1", "A"), ("2", "B")]


def test_a_reorder_cannot_nest_sub_items_two_levels_deep(secretariat):
    meeting, items = agenda_of("A", "B", "C")
    a, b, c = (items[t].pk for t in "ABC")
    response = reorder(secretariat, meeting, [(a, None), (b, a), (c, b)])
    assert "sub-items have no sub-items" in html(response)
    assert numbers(meeting) == [("1", "A"), ("2", "B"), ("3", "C")]


def test_editing_an_item_inline_swaps_its_row_for_a_form_and_back(secretariat):
    meeting, items = agenda_of("Opening")
    item = items["Opening"]
    url = reverse("workspace:item", args=[item.pk])
    form = html(secretariat.get(url, **HTMX))
    assert form.lstrip().startswith(
        f'<div class="ws-agenda__row ws-agenda__row--editing" id="item-row-{item.pk}"'
    )
    prefix = f"item-{item.pk}"
    data = {
        f"{prefix}-title": "Opening en mededelingen",
        f"{prefix}-kind": "information",
        f"{prefix}-revision": item.revision,
    }
    row = html(secretariat.post(url, data, **HTMX))
    assert row.lstrip().startswith(f'<div class="ws-agenda__row" id="item-row-{item.pk}"')
    assert "Opening en mededelingen" in row and "Item 1 is saved." in row
    item.refresh_from_db()
    assert (item.title, item.kind) == ("Opening en mededelingen", "information")


def test_an_invalid_inline_edit_returns_the_form_with_the_error(secretariat):
    meeting, items = agenda_of("Opening")
    item = items["Opening"]
    prefix = f"item-{item.pk}"
    data = {
        f"{prefix}-title": "",
        f"{prefix}-kind": "decision",
        f"{prefix}-revision": item.revision,
    }
    page = html(secretariat.post(reverse("workspace:item", args=[item.pk]), data, **HTMX))
    assert f'id="id_{prefix}-title_error"' in page and "<html" not in page
    item.refresh_from_db()
    assert item.title == "Opening"


def test_cancelling_an_inline_edit_puts_the_row_back(secretariat):
    _meeting, items = agenda_of("Opening")
    row = html(secretariat.get(reverse("workspace:item_row", args=[items["Opening"].pk]), **HTMX))
    assert 'class="ws-agenda__row"' in row and "Opening" in row


def test_the_item_page_shows_the_form_and_the_history_of_moves_and_edits(secretariat):
    meeting, items = agenda_of("A", "B")
    move(secretariat, items["B"], "up")
    page = html(secretariat.get(reverse("workspace:item", args=[items["B"].pk])))
    history = page[page.index('id="history-heading"') :]
    moved = history[: history.index("Item created")]
    assert "Item changed" in moved and "by sec" in moved
    assert "Position:" in moved and "2 → 1" in moved


def test_saving_the_item_page_without_htmx_redirects_to_it(secretariat):
    _meeting, items = agenda_of("A")
    item = items["A"]
    prefix = f"item-{item.pk}"
    data = {
        f"{prefix}-title": "B",
        f"{prefix}-kind": "decision",
        f"{prefix}-revision": item.revision,
    }
    response = secretariat.post(reverse("workspace:item", args=[item.pk]), data)
    assert response["Location"] == reverse("workspace:item", args=[item.pk])


def test_deleting_an_empty_item_renumbers_the_rest(secretariat):
    meeting, items = agenda_of("A", "B", "C")
    response = secretariat.post(reverse("workspace:item_delete", args=[items["B"].pk]), {}, **HTMX)
    assert "Item “B” is deleted." in html(response)
    assert numbers(meeting) == [("1", "A"), ("2", "C")]


def test_deleting_an_item_that_holds_papers_asks_where_they_go(secretariat):
    meeting, items = agenda_of("A", "B")
    resolution = f.resolution(items["A"])
    f.motion(items["A"], "Motie")
    url = reverse("workspace:item_delete", args=[items["A"].pk])
    question = secretariat.get(url, **HTMX)
    assert question["HX-Retarget"] == f"#item-row-{items['A'].pk}"
    assert "It holds 1 resolution(s), 1 motion(s) or amendment(s)" in html(question)
    refused = secretariat.post(url, {}, **HTMX)
    assert "choose the item they move to" in html(refused)
    assert AgendaItem.objects.filter(pk=items["A"].pk).exists()
    resolution.refresh_from_db()
    assert resolution.agenda_item_id == items["A"].pk


def test_deleting_an_item_moves_its_papers_to_the_chosen_item(secretariat):
    meeting, items = agenda_of("A", "B")
    f.resolution(items["B"], "Al daar")
    resolution = f.resolution(items["A"], "Verhuist")
    motion = f.motion(items["A"], "Motie")
    url = reverse("workspace:item_delete", args=[items["A"].pk])
    secretariat.post(url, {f"delete-{items['A'].pk}-move_to": items["B"].pk})
    resolution.refresh_from_db()
    motion.refresh_from_db()
    assert (resolution.agenda_item_id, resolution.position) == (items["B"].pk, 2)
    assert motion.agenda_item_id == items["B"].pk
    assert numbers(meeting) == [("1", "B")]


def test_papers_cannot_move_to_an_item_of_another_meeting(secretariat):
    meeting, items = agenda_of("A", "B")
    _other, other_items = agenda_of("Elders")
    f.resolution(items["A"])
    url = reverse("workspace:item_delete", args=[items["A"].pk])
    response = secretariat.post(url, {f"delete-{items['A'].pk}-move_to": other_items["Elders"].pk})
    assert "Select a valid choice." in html(response)
    assert numbers(meeting) == [("1", "A"), ("2", "B")]


def test_an_item_with_sub_items_is_not_deleted(secretariat):
    meeting, items = agenda_of("A", children={"A": ["A1"]})
    url = reverse("workspace:item_delete", args=[items["A"].pk])
    response = secretariat.post(url, {})
    assert "This item has sub-items: move or delete them first." in html(response)
    assert numbers(meeting) == [("1", "A"), ("1a", "A1")]


def test_a_deletion_that_fails_halfway_moves_nothing(secretariat, demo_meeting):
    from motions.models import FollowUp

    follow_up = FollowUp.objects.first()
    source = follow_up.agenda_item
    target = f.item(demo_meeting, "Ook verantwoording")
    FollowUp.objects.create(agenda_item=target, motion=follow_up.motion, position=1)
    resolution = f.resolution(source, "Gaat niet mee")
    url = reverse("workspace:item_delete", args=[source.pk])
    response = secretariat.post(url, {f"delete-{source.pk}-move_to": target.pk})
    assert "The chosen item already follows up one of these motions." in html(response)
    resolution.refresh_from_db()
    assert resolution.agenda_item_id == source.pk
    assert AgendaItem.objects.filter(pk=source.pk).exists()
