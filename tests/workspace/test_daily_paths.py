"""The secretariat's daily paths made short and calm (issue 22): the agenda builder offers only
the moves that can be made and says a refusal once, adding an item is at hand at the top; the
pre-advice overview folds long rationales and edits in a wide panel; every select, checkbox
and text box of the workspace is NL Design System's, and a select says what to choose."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories as f
from tests.workspace.util import HTMX, html
from workspace.forms import MotionForm, NewAgendaItemForm, NewMotionPartForm
from workspace.views.pre_advice import FOLD_AT, folded

pytestmark = pytest.mark.django_db


def agenda_of(*titles, children=None):
    meeting = f.meeting(published=False)
    items = {title: f.item(meeting, title) for title in titles}
    for parent, subs in (children or {}).items():
        for sub in subs:
            items[sub] = f.item(meeting, sub, parent=items[parent])
    return meeting, items


def button(page, element_id):
    """The opening tag of the button with this id."""
    found = re.search(rf'<button[^>]*\bid="{element_id}"[^>]*>', page)
    assert found, element_id
    return found.group(0)


def disabled(page, element_id):
    return " disabled" in button(page, element_id)


# --- The agenda builder ---------------------------------------------------------------------


def test_the_agenda_disables_the_moves_that_cannot_be_made(secretariat):
    meeting, items = agenda_of("A", "B", "C", children={"B": ["B1", "B2"]})
    page = html(secretariat.get(reverse("workspace:agenda", args=[meeting.pk])))
    a, b, c, b1, b2 = (items[t].pk for t in ("A", "B", "C", "B1", "B2"))
    assert disabled(page, f"item-{a}-up") and not disabled(page, f"item-{a}-down")
    assert not disabled(page, f"item-{b}-up") and not disabled(page, f"item-{b}-down")
    assert not disabled(page, f"item-{c}-up") and disabled(page, f"item-{c}-down")
    # Sub-items move among their siblings only.
    assert disabled(page, f"item-{b1}-up") and not disabled(page, f"item-{b1}-down")
    assert not disabled(page, f"item-{b2}-up") and disabled(page, f"item-{b2}-down")
    # Nothing above the first to go under; an item with sub-items stays a main item.
    assert disabled(page, f"item-{a}-indent") and disabled(page, f"item-{b}-indent")
    assert not disabled(page, f"item-{c}-indent")


def test_the_move_buttons_are_outlined_buttons_not_plain_text(secretariat):
    meeting, items = agenda_of("A", "B")
    page = html(secretariat.get(reverse("workspace:agenda", args=[meeting.pk])))
    for direction in ("up", "down", "indent"):
        tag = button(page, f"item-{items['B'].pk}-{direction}")
        assert "utrecht-button utrecht-button--secondary-action" in tag


def test_a_row_drawn_again_after_an_edit_keeps_its_impossible_moves_disabled(secretariat):
    meeting, items = agenda_of("A", "B")
    row = html(secretariat.get(reverse("workspace:item_row", args=[items["A"].pk]), **HTMX))
    assert disabled(row, f"item-{items['A'].pk}-up")
    assert not disabled(row, f"item-{items['A'].pk}-down")


def test_moving_the_first_item_up_is_refused_with_one_message(secretariat):
    meeting, items = agenda_of("A", "B")
    url = reverse("workspace:item_move", args=[items["A"].pk])
    page = html(secretariat.post(url, {"direction": "up"}, **HTMX))
    assert page.count("This item is already the first.") == 1
    assert 'role="alert"' in page and "hx-swap-oob" not in page
    assert [i.title for i in meeting.ordered_items()] == ["A", "B"]


def test_adding_an_item_is_offered_above_the_agenda_and_below_it(secretariat):
    meeting, _items = agenda_of("A", "B")
    page = html(secretariat.get(reverse("workspace:agenda", args=[meeting.pk])))
    top, first_item = page.index('id="add-item-top-button"'), page.index("data-dnd-item")
    assert top < first_item < page.index('id="add-item-button"')


def test_an_item_added_at_the_top_comes_last_and_its_errors_stay_in_the_top_form(secretariat):
    meeting, _items = agenda_of("A", "B")
    url = reverse("workspace:agenda_add", args=[meeting.pk])
    data = {"place": "top", "new-top-title": "Rondvraag", "new-top-kind": "discussion"}
    assert "Item 3 “Rondvraag” is added." in html(secretariat.post(url, data, **HTMX))
    assert [i.title for i in meeting.ordered_items()] == ["A", "B", "Rondvraag"]

    data = {"place": "top", "new-top-title": " ", "new-top-kind": "discussion"}
    page = html(secretariat.post(url, data, **HTMX))
    assert 'id="id_new-top-title_error"' in page and 'id="id_new-title_error"' not in page
    assert meeting.items.count() == 3


def test_an_empty_agenda_has_one_form_to_add_the_first_item(secretariat):
    meeting = f.meeting(published=False)
    page = html(secretariat.get(reverse("workspace:agenda", args=[meeting.pk])))
    assert 'id="add-item-top-button"' in page and 'id="add-item-button"' not in page
    assert "Add the first item above." in page


def test_the_first_and_last_motion_part_cannot_move_beyond_the_ends(secretariat):
    meeting, items = agenda_of("Moties")
    motion = f.motion(items["Moties"], "Ravijnjaar")
    f.motion_parts(motion, [("consideration", "Overwegende."), ("request", "Verzoekt.")])
    parts = list(motion.parts.order_by("position"))
    page = html(secretariat.get(reverse("workspace:proposal", args=[motion.pk])))
    assert disabled(page, f"part-{parts[0].pk}-up")
    assert not disabled(page, f"part-{parts[0].pk}-down")
    assert disabled(page, f"part-{parts[-1].pk}-down")


# --- The pre-advice overview ----------------------------------------------------------------

LONG = (
    "Deze moties zijn alle ingediend toen de tekst van de geactualiseerde resolutie nog niet "
    "bekend was. Het bestuur wil met de geactualiseerde resolutie recht doen aan de gevoelens, "
    "wensen en verwachtingen van alle gemeenten en namens de gemeenten één heldere inzet van de "
    "gemeenten richting het kabinet formuleren."
)


def test_a_long_rationale_is_folded_between_words_and_a_short_one_is_not():
    start = folded(LONG)
    assert start.endswith("…") and len(start) <= FOLD_AT + 1
    assert LONG.startswith(start[:-1]) and LONG[len(start) - 1] == " "
    assert folded("Het bestuur neemt de motie over.") is None
    assert folded("") is None


def test_the_overview_shows_the_start_of_a_long_rationale_and_folds_the_rest(secretariat):
    meeting, items = agenda_of("Asiel")
    motion = f.motion(items["Asiel"], "Solidariteit")
    f.pre_advice(motion, "intrekken", rationale=LONG)
    page = html(secretariat.get(reverse("workspace:pre_advice", args=[meeting.pk])))
    assert folded(LONG) in page
    details = re.search(r'<details class="ws-fold__details">.*?</details>', page, re.S).group(0)
    assert "<summary" in details and "Read more" in details and LONG in details
    assert page.count(LONG) == 1


def test_a_rationale_shared_by_several_motions_is_written_out_once(secretariat):
    meeting, items = agenda_of("Kabinet")
    for title in ("Alphen", "Haaksbergen", "Son en Breugel"):
        f.pre_advice(f.motion(items["Kabinet"], title), "intrekken", rationale=LONG)
    page = html(secretariat.get(reverse("workspace:pre_advice", args=[meeting.pk])))
    assert page.count(folded(LONG)) == 1
    assert page.count("Same rationale as 1.1.") == 2
    # The whole text stays at hand behind each row's own fold.
    assert page.count("ws-fold__details") == 3


def test_a_row_is_edited_in_a_panel_as_wide_as_the_table(secretariat):
    meeting, items = agenda_of("Asiel")
    motion = f.motion(items["Asiel"], "Solidariteit", advice="neutraal", published_advice=False)
    url = reverse("workspace:pre_advice_row", args=["proposal", motion.pk])
    row = html(secretariat.get(url, **HTMX))
    assert row.count("<td") == 1 and 'colspan="7"' in row
    form = re.search(r"<form .*?</form>", row, re.S).group(0)
    for name in ("value", "response", "status", "rationale"):
        assert f'name="proposal-{motion.pk}-{name}"' in form
    assert "<textarea" in form and 'class="utrecht-select utrecht-select--html-select"' in form


# --- Form controls --------------------------------------------------------------------------


def test_a_new_motion_part_asks_for_its_kind_instead_of_showing_dashes():
    with translation.override("en"):
        rendered = str(NewMotionPartForm(prefix="part")["kind"])
    assert "---------" not in rendered
    assert re.search(r'<option value="" selected>\(choose the kind\)</option>', rendered)


def test_an_optional_select_says_what_choosing_nothing_means():
    meeting, _items = agenda_of("Moties")
    with translation.override("en"):
        form = MotionForm(meeting=meeting)
        resolution, agenda_item = str(form["resolution"]), str(form["agenda_item"])
    assert "(none)" in resolution and "---------" not in resolution
    # A motion may stand outside the agenda's items (issue 23).
    assert "(no agenda item: listed apart)" in agenda_item and "---------" not in agenda_item


def test_every_workspace_widget_gets_the_nl_design_system_classes():
    meeting = f.meeting(published=False)
    form = NewAgendaItemForm(meeting=meeting, prefix="new")
    assert 'class="utrecht-textbox utrecht-textbox--html-input"' in str(form["title"])
    assert 'class="utrecht-select utrecht-select--html-select"' in str(form["kind"])
    assert 'class="utrecht-select utrecht-select--html-select"' in str(form["parent"])
    checkbox = str(form["is_standard"])
    assert 'class="utrecht-checkbox utrecht-checkbox--html-input"' in checkbox


def test_a_checkbox_sits_in_the_input_column_beside_its_label():
    meeting = f.meeting(published=False)
    rendered = NewAgendaItemForm(meeting=meeting, prefix="new").render()
    field = re.search(
        r'<div class="utrecht-form-field utrecht-form-field--checkbox.*?</div>\s*</div>',
        rendered,
        re.S,
    ).group(0)
    assert re.search(
        r'<div class="utrecht-form-field__input"><input type="checkbox"[^>]*utrecht-checkbox', field
    )
    assert (
        '<label class="utrecht-form-label utrecht-form-label--checkbox" for="id_new-is_standard">'
        in field
    )
