import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from agenda.models import Clause, Resolution
from tests import factories as f
from tests.workspace.util import HTMX, assert_refused, html

pytestmark = pytest.mark.django_db


def draft_resolution(clauses=("Eerste.", "Tweede.", "Derde.")):
    item = f.item(f.meeting(published=False), "Asiel")
    return f.resolution(item, "Houdbaar perspectief", clauses=clauses, published=False)


def clause_texts(version):
    return list(version.clauses.order_by("position").values_list("text", flat=True))


def test_every_resolution_action_is_the_secretariats_alone(member, board):
    resolution = draft_resolution()
    version = resolution.current_version
    clause = version.clauses.first()
    for url, method, data in [
        (reverse("workspace:resolution_new", args=[resolution.agenda_item_id]), "get", None),
        (
            reverse("workspace:resolution_new", args=[resolution.agenda_item_id]),
            "post",
            {"title": "X"},
        ),
        (reverse("workspace:resolution", args=[resolution.pk]), "get", None),
        (
            reverse("workspace:resolution_edit", args=[resolution.pk]),
            "post",
            {"resolution-title": "X"},
        ),
        (reverse("workspace:version_new", args=[resolution.pk]), "post", {}),
        (reverse("workspace:resolution_diff", args=[resolution.pk]), "get", None),
        (reverse("workspace:version_state", args=[version.pk]), "post", {"action": "publish"}),
        (reverse("workspace:version_text", args=[version.pk, "intro"]), "post", {}),
        (reverse("workspace:clause_add", args=[version.pk]), "post", {"clause-text": "X"}),
        (reverse("workspace:clauses_reorder", args=[version.pk]), "post", {"item": [clause.pk]}),
        (reverse("workspace:clause_edit", args=[clause.pk]), "post", {}),
        (reverse("workspace:clause_move", args=[clause.pk]), "post", {"direction": "down"}),
        (reverse("workspace:clause_delete", args=[clause.pk]), "post", {}),
    ]:
        assert_refused(url, method, data, member=member, board=board)
    assert clause_texts(version) == ["Eerste.", "Tweede.", "Derde."]
    assert Resolution.objects.count() == 1 and resolution.versions.count() == 1


def test_a_new_resolution_starts_with_an_empty_draft_version_that_is_current(secretariat):
    item = f.item(f.meeting(), "Asiel")
    url = reverse("workspace:resolution_new", args=[item.pk])
    data = {"title": "Zorg voor congruent asielbeleid", "label": "concept-resolutie"}
    response = secretariat.post(url, data)
    resolution = Resolution.objects.get()
    assert response["Location"] == reverse("workspace:resolution", args=[resolution.pk])
    version = resolution.current_version
    assert (version.number, version.label, version.is_draft) == (1, "concept-resolutie", True)
    assert version.intro == "De leden wordt voorgesteld om uit te spreken:"
    assert resolution.position == 1


@pytest.mark.parametrize(
    ("title", "message"), [("", "This field is required."), ("x" * 301, "at most 300")]
)
def test_a_resolution_needs_a_title_of_reasonable_length(secretariat, title, message):
    item = f.item(f.meeting(), "Asiel")
    response = secretariat.post(
        reverse("workspace:resolution_new", args=[item.pk]), {"title": title}
    )
    assert message in html(response) and 'id="id_title_error"' in html(response)
    assert not Resolution.objects.exists()


def test_the_resolution_page_shows_the_current_version_and_its_history(secretariat, demo_meeting):
    resolution = Resolution.objects.get(title="VNG-inzet richting kabinet")
    page = html(secretariat.get(reverse("workspace:resolution", args=[resolution.pk])))
    assert "Version 2: geactualiseerde resolutie" in page
    assert "Dat indien de omstandigheden daartoe aanleiding geven" in page
    assert 'id="history-heading"' in page and "Clause 6 of version 2 created" in page


def test_an_older_version_stays_readable(secretariat, demo_meeting):
    resolution = Resolution.objects.get(title="VNG-inzet richting kabinet")
    url = reverse("workspace:resolution", args=[resolution.pk])
    page = html(secretariat.get(url, {"version": 1}))
    assert "Version 1: concept-resolutie" in page
    assert "de tekst van de concept-resolutie van 1 november" in page


def test_the_title_is_edited_in_place(secretariat):
    resolution = draft_resolution()
    url = reverse("workspace:resolution_edit", args=[resolution.pk])
    form = html(secretariat.get(url, **HTMX))
    assert 'id="resolution-title"' in form and "<form" in form
    data = {
        "resolution-title": "Nieuwe titel",
        "resolution-submitted_by_board": "on",
        "resolution-revision": resolution.revision,
    }
    fragment = html(secretariat.post(url, data, **HTMX))
    assert "Resolution “Nieuwe titel”" in fragment and "<form" not in fragment
    assert html(secretariat.get(url + "?cancel=1", **HTMX)).count("<form") == 0
    resolution.refresh_from_db()
    assert resolution.title == "Nieuwe titel"


def test_an_empty_title_returns_the_form_fragment_with_the_error(secretariat):
    resolution = draft_resolution()
    url = reverse("workspace:resolution_edit", args=[resolution.pk])
    data = {"resolution-title": "", "resolution-revision": resolution.revision}
    fragment = html(secretariat.post(url, data, **HTMX))
    assert 'id="id_resolution-title_error"' in fragment and "<html" not in fragment
    page = html(secretariat.post(url, data))
    assert "<html" in page and 'id="id_resolution-title_error"' in page
    resolution.refresh_from_db()
    assert resolution.title == "Houdbaar perspectief"


def test_the_intro_of_a_draft_version_is_edited_in_place(secretariat):
    version = draft_resolution().current_version
    url = reverse("workspace:version_text", args=[version.pk, "intro"])
    prefix = f"v{version.pk}"
    data = {f"{prefix}-intro": "De leden wordt gevraagd:", f"{prefix}-revision": version.revision}
    fragment = html(secretariat.post(url, data, **HTMX))
    assert "De leden wordt gevraagd:" in fragment and "<form" not in fragment
    version.refresh_from_db()
    assert version.intro == "De leden wordt gevraagd:"


def test_a_published_version_is_not_changed(secretariat):
    item = f.item(f.meeting(), "Asiel")
    version = f.resolution(item, published=True).current_version
    prefix = f"v{version.pk}"
    url = reverse("workspace:version_text", args=[version.pk, "explanation"])
    data = {f"{prefix}-explanation": "Anders.", f"{prefix}-revision": version.revision}
    fragment = html(secretariat.post(url, data, **HTMX))
    assert "This version is published and stays as it is" in fragment
    added = html(
        secretariat.post(
            reverse("workspace:clause_add", args=[version.pk]), {"clause-text": "Nieuw."}, **HTMX
        )
    )
    assert "This version is published and stays as it is" in added
    version.refresh_from_db()
    assert version.explanation == "" and clause_texts(version) == ["Eerste.", "Tweede."]


def test_an_unknown_version_text_is_not_found(secretariat):
    version = draft_resolution().current_version
    assert (
        secretariat.get(
            reverse("workspace:version_text", args=[version.pk, "resolution"])
        ).status_code
        == 404
    )


def test_adding_a_clause_numbers_it_after_the_last(secretariat):
    version = draft_resolution().current_version
    url = reverse("workspace:clause_add", args=[version.pk])
    fragment = html(secretariat.post(url, {"clause-text": "Vierde."}, **HTMX))
    assert fragment.lstrip().startswith(f'<div id="clauses-{version.pk}"')
    assert "Clause 4 is added." in fragment
    assert clause_texts(version)[-1] == "Vierde."


def test_an_empty_clause_is_refused(secretariat):
    version = draft_resolution().current_version
    fragment = html(
        secretariat.post(
            reverse("workspace:clause_add", args=[version.pk]), {"clause-text": " "}, **HTMX
        )
    )
    assert 'id="id_clause-text_error"' in fragment
    assert len(clause_texts(version)) == 3


def test_a_clause_is_edited_in_place(secretariat):
    clause = draft_resolution().current_version.clauses.get(position=2)
    url = reverse("workspace:clause_edit", args=[clause.pk])
    assert "<textarea" in html(secretariat.get(url, **HTMX))
    prefix = f"clause-{clause.pk}"
    fragment = html(
        secretariat.post(
            url,
            {f"{prefix}-text": "Tweede, herzien.", f"{prefix}-revision": clause.revision},
            **HTMX,
        )
    )
    assert fragment.lstrip().startswith(f'<li class="ws-part" id="clause-{clause.pk}"')
    assert "Tweede, herzien." in fragment
    empty = html(
        secretariat.post(
            url, {f"{prefix}-text": "", f"{prefix}-revision": clause.revision + 1}, **HTMX
        )
    )
    assert f'id="id_{prefix}-text_error"' in empty
    clause.refresh_from_db()
    assert clause.text == "Tweede, herzien."


def test_moving_a_clause_renumbers_the_clauses(secretariat):
    version = draft_resolution().current_version
    third = version.clauses.get(position=3)
    fragment = html(
        secretariat.post(
            reverse("workspace:clause_move", args=[third.pk]), {"direction": "up"}, **HTMX
        )
    )
    assert "The clause is now number 2." in fragment
    assert clause_texts(version) == ["Eerste.", "Derde.", "Tweede."]
    refused = html(
        secretariat.post(
            reverse("workspace:clause_move", args=[version.clauses.get(position=1).pk]),
            {"direction": "up"},
            **HTMX,
        )
    )
    # Said once: in the alert above the clauses, not in the status line too.
    assert refused.count("This clause is already the first.") == 1
    assert 'role="alert"' in refused and "hx-swap-oob" not in refused
    assert clause_texts(version) == ["Eerste.", "Derde.", "Tweede."]


def move_button(page, element_id):
    """The opening tag of the move button with this id."""
    found = re.search(rf'<button[^>]*\bid="{element_id}"[^>]*>', page)
    assert found, element_id
    return found.group(0)


def test_the_first_clause_cannot_move_up_nor_the_last_down(secretariat):
    version = draft_resolution().current_version
    first, second, third = version.clauses.order_by("position")
    url = reverse("workspace:resolution", args=[version.resolution_id])
    page = html(secretariat.get(url))
    assert " disabled" in move_button(page, f"clause-{first.pk}-up")
    assert " disabled" not in move_button(page, f"clause-{first.pk}-down")
    assert " disabled" not in move_button(page, f"clause-{second.pk}-up")
    assert " disabled" not in move_button(page, f"clause-{second.pk}-down")
    assert " disabled" in move_button(page, f"clause-{third.pk}-down")


def test_a_clause_drawn_again_after_an_edit_keeps_its_impossible_moves_disabled(secretariat):
    version = draft_resolution().current_version
    first, _second, third = version.clauses.order_by("position")
    for clause, up, down in ((first, True, False), (third, False, True)):
        url = reverse("workspace:clause_edit", args=[clause.pk])
        row = html(secretariat.get(url, {"cancel": "1"}, **HTMX))
        assert row.lstrip().startswith(f'<li class="ws-part" id="clause-{clause.pk}"')
        assert (" disabled" in move_button(row, f"clause-{clause.pk}-up")) is up
        assert (" disabled" in move_button(row, f"clause-{clause.pk}-down")) is down
    prefix = f"clause-{first.pk}"
    data = {f"{prefix}-text": "Eerste, herzien.", f"{prefix}-revision": first.revision}
    row = html(secretariat.post(reverse("workspace:clause_edit", args=[first.pk]), data, **HTMX))
    assert "Eerste, herzien." in row
    assert " disabled" in move_button(row, f"clause-{first.pk}-up")


def test_the_dragged_order_of_the_clauses_is_saved(secretariat):
    version = draft_resolution().current_version
    one, two, three = version.clauses.order_by("position")
    url = reverse("workspace:clauses_reorder", args=[version.pk])
    secretariat.post(url, {"item": [three.pk, one.pk, two.pk], "parent": ["", "", ""]}, **HTMX)
    assert clause_texts(version) == ["Derde.", "Eerste.", "Tweede."]


def test_a_clause_order_naming_a_clause_of_another_resolution_is_refused(secretariat):
    version = draft_resolution().current_version
    other = draft_resolution().current_version.clauses.first()
    one, two, three = version.clauses.order_by("position")
    url = reverse("workspace:clauses_reorder", args=[version.pk])
    fragment = html(
        secretariat.post(
            url, {"item": [other.pk, two.pk, three.pk], "parent": ["", "", ""]}, **HTMX
        )
    )
    assert "The new order must name every clause of this version exactly once." in fragment
    nested = html(
        secretariat.post(
            url, {"item": [three.pk, one.pk, two.pk], "parent": ["", three.pk, ""]}, **HTMX
        )
    )
    assert "Clauses have no sub-clauses." in nested
    assert clause_texts(version) == ["Eerste.", "Tweede.", "Derde."]


def test_deleting_a_clause_closes_the_gap(secretariat):
    version = draft_resolution().current_version
    second = version.clauses.get(position=2)
    url = reverse("workspace:clause_delete", args=[second.pk])
    fragment = html(secretariat.post(url, {"confirm": "1"}, **HTMX))
    assert "Clause 2 is deleted." in fragment
    assert list(version.clauses.order_by("position").values_list("position", "text")) == [
        (1, "Eerste."),
        (2, "Derde."),
    ]


def test_a_clause_an_amendment_targets_is_not_deleted(secretariat):
    resolution = draft_resolution()
    f.amendment(resolution.agenda_item, resolution, clause_number=2)
    second = resolution.current_version.clauses.get(position=2)
    url = reverse("workspace:clause_delete", args=[second.pk])
    fragment = html(secretariat.post(url, {"confirm": "1"}, **HTMX))
    assert fragment.count("An amendment targets this clause: it cannot be deleted.") == 1
    assert Clause.objects.filter(pk=second.pk).exists()


def test_a_new_version_copies_the_current_one_and_leaves_it_unchanged(secretariat):
    item = f.item(f.meeting(published=True), "Asiel")
    resolution = f.resolution(item, clauses=("Eerste.", "Tweede.", "Derde."), published=True)
    concept = resolution.current_version
    url = reverse("workspace:version_new", args=[resolution.pk])
    response = secretariat.post(url, {"version-label": "geactualiseerde resolutie"})
    resolution.refresh_from_db()
    updated = resolution.current_version
    assert response["Location"].endswith("?version=2")
    assert (updated.number, updated.label, updated.is_draft) == (
        2,
        "geactualiseerde resolutie",
        True,
    )
    assert clause_texts(updated) == clause_texts(concept) == ["Eerste.", "Tweede.", "Derde."]
    assert updated.clauses.first().pk != concept.clauses.first().pk
    concept.refresh_from_db()
    assert not concept.is_draft
    # Members keep reading the published concept until the update is published.
    shown = Resolution.objects.visible_to(AnonymousUser()).get(pk=resolution.pk).shown_version
    assert shown.pk == concept.pk


def test_publishing_and_choosing_the_current_version(secretariat):
    resolution = draft_resolution()
    first = resolution.current_version
    second = resolution.new_version("tweede")
    state = reverse("workspace:version_state", args=[second.pk])
    secretariat.post(state, {"action": "publish"})
    second.refresh_from_db()
    assert second.published_at is not None and second.published_at <= timezone.now()
    secretariat.post(state, {"action": "unpublish", "confirm": "1"})
    second.refresh_from_db()
    assert second.is_draft
    secretariat.post(reverse("workspace:version_state", args=[first.pk]), {"action": "current"})
    resolution.refresh_from_db()
    assert resolution.current_version_id == first.pk


def test_the_comparison_marks_inserted_and_deleted_words(secretariat):
    resolution = draft_resolution(clauses=("Dat het rijk de kosten vergoedt;", "Tweede."))
    version = resolution.new_version("geactualiseerde resolutie")
    clause = version.clauses.get(position=1)
    clause.text = "Dat het rijk alle kosten volledig vergoedt;"
    clause.save()
    version.add_clause("Nieuw punt.")
    page = html(secretariat.get(reverse("workspace:resolution_diff", args=[resolution.pk])))
    assert "From version 1 to version 2" in page
    assert (
        '<del class="ws-del"><span class="ws-sr">[deleted: </span>de<span class="ws-sr">]</span></del>'
        in page
    )
    assert (
        '<ins class="ws-ins"><span class="ws-sr">[inserted: </span>alle<span class="ws-sr">]</span></ins>'
        in page
    )
    assert "[inserted: </span>volledig " in page
    assert "[inserted: </span>Nieuw punt.<" in page


def test_the_comparison_answers_htmx_with_the_diff_only(secretariat):
    resolution = draft_resolution()
    resolution.new_version("twee")
    url = reverse("workspace:resolution_diff", args=[resolution.pk])
    fragment = html(secretariat.get(url, {"old": 2, "new": 1}, **HTMX))
    assert (
        fragment.lstrip().startswith('<div id="diff"') and "From version 2 to version 1" in fragment
    )


def test_the_comparison_of_unknown_versions_asks_for_two_real_ones(secretariat):
    resolution = draft_resolution()
    page = html(
        secretariat.get(
            reverse("workspace:resolution_diff", args=[resolution.pk]), {"old": 1, "new": 7}
        )
    )
    assert "Choose two versions of this resolution to compare." in page
    assert 'id="id_new_error"' in page
