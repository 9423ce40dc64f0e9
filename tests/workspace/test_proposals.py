import datetime as dt
import re

import pytest
from django.urls import reverse

from members.models import SubmitterGroup
from motions.models import Amendment, Motion, MotionPart, Proposal
from tests import factories as f
from tests.workspace.util import HTMX, assert_refused, html

pytestmark = pytest.mark.django_db


@pytest.fixture
def asylum(db):
    """An item like the seed's 8b: two resolutions, under an unpublished meeting."""
    meeting = f.meeting(published=False)
    item = f.item(meeting, "Asiel")
    congruent = f.resolution(item, "Congruent asielbeleid", clauses=("Eerste.", "Tweede."))
    ukraine = f.resolution(item, "Opvang Oekraïners", clauses=("Een.", "Twee.", "Drie."))
    return meeting, item, congruent, ukraine


def motion_data(item, members, **overrides):
    data = {
        "title": "Solidariteit in de asielopvang",
        "submitters": [m.pk for m in members],
        "submitters_note": "",
        "agenda_item": item.pk,
        "resolution": "",
        "request_intro": "verzoekt het bestuur",
        "explanation": "",
        "submitted_at": "",
    }
    data.update(overrides)
    return data


def new_motion_url(meeting):
    return reverse("workspace:proposal_new", args=[meeting.pk, "motion"])


def new_amendment_url(meeting):
    return reverse("workspace:proposal_new", args=[meeting.pk, "amendment"])


def test_every_motion_and_amendment_action_is_the_secretariats_alone(member, board, asylum):
    meeting, item, congruent, _ukraine = asylum
    motion = f.motion(item, "Bestaand")
    part = motion.parts.first()
    for url, method, data in [
        (new_motion_url(meeting), "get", None),
        (new_motion_url(meeting), "post", motion_data(item, [f.member()])),
        (new_amendment_url(meeting), "get", None),
        (reverse("workspace:proposal", args=[motion.pk]), "get", None),
        (reverse("workspace:proposal", args=[motion.pk]), "post", {"title": "X"}),
        (reverse("workspace:member_search"), "get", {"member-search": "Son"}),
        (reverse("workspace:clause_options", args=[meeting.pk]), "get", None),
        (
            reverse("workspace:part_add", args=[motion.pk]),
            "post",
            {"part-kind": "finding", "part-text": "X"},
        ),
        (reverse("workspace:part_edit", args=[part.pk]), "post", {}),
        (reverse("workspace:part_move", args=[part.pk]), "post", {"direction": "up"}),
        (reverse("workspace:part_delete", args=[part.pk]), "post", {}),
    ]:
        assert_refused(url, method, data, member=member, board=board)
    assert Proposal.objects.count() == 1 and motion.parts.count() == 1


def test_a_new_motion_keeps_its_submitters_in_order_and_gets_the_usual_opening(secretariat, asylum):
    meeting, item, _congruent, _ukraine = asylum
    sliedrecht, gorinchem = f.member("Sliedrecht"), f.member("Gorinchem")
    response = secretariat.post(new_motion_url(meeting), motion_data(item, [sliedrecht, gorinchem]))
    motion = Motion.objects.get()
    assert response["Location"] == reverse("workspace:proposal", args=[motion.pk])
    assert str(motion) == "Motie Sliedrecht en Gorinchem “Solidariteit in de asielopvang”"
    assert (motion.meeting, motion.agenda_item, motion.position) == (meeting, item, 1)
    kinds = list(motion.parts.order_by("position").values_list("kind", flat=True))
    assert kinds == ["preamble", "closing"]


def test_son_en_breugel_is_one_member_and_one_submitter(secretariat, asylum):
    meeting, item, _congruent, _ukraine = asylum
    son = f.member("Son en Breugel")
    f.member("Breugel-Oost")
    results = html(secretariat.get(reverse("workspace:member_search"), {"member-search": "Son en"}))
    assert (
        results.count("data-add-submitter") == 1 and 'data-member-name="Son en Breugel"' in results
    )
    secretariat.post(
        new_motion_url(meeting), motion_data(item, [son], title="Kabinet kom over de brug")
    )
    motion = Motion.objects.get()
    assert motion.submitter_names == ["Son en Breugel"]
    assert str(motion) == "Motie Son en Breugel “Kabinet kom over de brug”"


def test_the_member_search_lists_names_that_start_with_the_text_first(secretariat):
    f.member("Nunspeet")
    f.member("Oldebroek-Nunspeet")
    results = html(
        secretariat.get(reverse("workspace:member_search"), {"member-search": "nunspeet"})
    )
    assert results.index("Nunspeet") < results.index("Oldebroek-Nunspeet")
    nothing = html(
        secretariat.get(reverse("workspace:member_search"), {"member-search": "Atlantis"})
    )
    assert "No member matches “Atlantis”." in nothing


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": " "}, "title", "Give a title."),
        ({"title": "x" * 301}, "title", "at most 300 characters"),
        ({"submitters": []}, "submitters", "Choose the submitting members, or name a group"),
        (
            {"submitters": ["999999"]},
            "submitters",
            "Only members of the association on the day of the meeting can submit",
        ),
        (
            {"submitters": ["Son en Breugel"]},
            "submitters",
            "Only members of the association on the day of the meeting can submit",
        ),
    ],
)
def test_a_bad_motion_is_refused_with_the_error_next_to_the_field(
    secretariat, asylum, overrides, field, message
):
    meeting, item, _congruent, _ukraine = asylum
    response = secretariat.post(
        new_motion_url(meeting), motion_data(item, [f.member()], **overrides)
    )
    page = html(response)
    assert f'id="id_{field}_error"' in page and message in page
    assert not Proposal.objects.exists()


def test_the_same_member_cannot_submit_twice(secretariat, asylum):
    meeting, item, _congruent, _ukraine = asylum
    member = f.member("Nunspeet")
    page = html(secretariat.post(new_motion_url(meeting), motion_data(item, [member, member])))
    assert "A member can submit it only once." in page
    assert not Proposal.objects.exists()


def test_a_member_whose_membership_ended_before_the_meeting_cannot_submit(secretariat, asylum):
    meeting, item, _congruent, _ukraine = asylum
    gone = f.member("Opgeheven gemeente", member_until=meeting.date - dt.timedelta(days=1))
    page = html(secretariat.post(new_motion_url(meeting), motion_data(item, [gone])))
    assert "Only members of the association on the day of the meeting can submit" in page
    assert not Motion.objects.filter(agenda_item=item).exists()


def test_a_member_that_merged_after_the_meeting_still_submits_there(secretariat, asylum):
    meeting, item, _congruent, _ukraine = asylum
    merged = f.member("Later gefuseerd", member_until=meeting.date)
    secretariat.post(new_motion_url(meeting), motion_data(item, [merged]))
    assert Motion.objects.get(agenda_item=item).submitter_names == ["Later gefuseerd"]


def test_a_motion_cannot_go_under_an_item_or_resolution_of_another_meeting(secretariat, asylum):
    meeting, item, _congruent, _ukraine = asylum
    other_item = f.item(f.meeting(), "Elders")
    other_resolution = f.resolution(other_item)
    for overrides, field in (
        ({"agenda_item": other_item.pk}, "agenda_item"),
        ({"resolution": other_resolution.pk}, "resolution"),
    ):
        page = html(
            secretariat.post(new_motion_url(meeting), motion_data(item, [f.member()], **overrides))
        )
        assert f'id="id_{field}_error"' in page and "Select a valid choice." in page
    assert not Proposal.objects.exists()


def test_editing_a_motion_changes_its_submitters_and_item_together(secretariat, asylum):
    meeting, item, congruent, _ukraine = asylum
    motion = f.motion(item, "Solidariteit", submitters=[f.member("Sliedrecht")])
    wmo = f.item(meeting, "Wmo")
    f.motion(wmo, "Al daar")
    gorinchem, sliedrecht = f.member("Gorinchem"), motion.submitters.get()
    url = reverse("workspace:proposal", args=[motion.pk])
    data = motion_data(
        wmo,
        [gorinchem, sliedrecht],
        title="Solidariteit",
        resolution=congruent.pk,
        is_late="on",
        revision=motion.revision,
    )
    fragment = html(secretariat.post(url, data, **HTMX))
    assert fragment.lstrip().startswith('<div id="proposal-editor">') and "<html" not in fragment
    assert "Motie Gorinchem en Sliedrecht “Solidariteit” is saved." in fragment
    motion.refresh_from_db()
    assert motion.submitter_names == ["Gorinchem", "Sliedrecht"]
    assert (motion.agenda_item, motion.position, motion.is_late, motion.resolution) == (
        wmo,
        2,
        True,
        congruent,
    )


def test_moving_a_motion_to_another_item_closes_the_gap_it_leaves(secretariat, asylum):
    meeting, item, _congruent, _ukraine = asylum
    first, moving, last = (f.motion(item, title) for title in ("Eerste", "Tweede", "Derde"))
    wmo = f.item(meeting, "Wmo")
    data = motion_data(wmo, [f.member()], title="Tweede", revision=moving.revision)
    secretariat.post(reverse("workspace:proposal", args=[moving.pk]), data)
    positions = dict(Proposal.objects.filter(agenda_item=item).values_list("title", "position"))
    assert positions == {"Eerste": 1, "Derde": 2}
    assert Proposal.objects.get(pk=moving.pk).agenda_item == wmo


def test_an_invalid_edit_returns_the_form_fragment_and_saves_nothing(secretariat, asylum):
    _meeting, item, _congruent, _ukraine = asylum
    motion = f.motion(item, "Solidariteit", submitters=[f.member("Sliedrecht")])
    url = reverse("workspace:proposal", args=[motion.pk])
    data = motion_data(item, [], title="Nieuw", revision=motion.revision)
    fragment = html(secretariat.post(url, data, **HTMX))
    assert 'id="id_submitters_error"' in fragment and "<html" not in fragment
    motion.refresh_from_db()
    assert (motion.title, motion.submitter_names) == ("Solidariteit", ["Sliedrecht"])


def test_the_motion_page_shows_the_history_of_fields_submitters_and_parts(secretariat, asylum):
    _meeting, item, _congruent, _ukraine = asylum
    motion = f.motion(item, "Oud", submitters=[f.member("Sliedrecht")])
    url = reverse("workspace:proposal", args=[motion.pk])
    secretariat.post(
        url, motion_data(item, [f.member("Gorinchem")], title="Nieuw", revision=motion.revision)
    )
    secretariat.post(
        reverse("workspace:part_add", args=[motion.pk]),
        {"part-kind": "request", "part-text": "verzoekt het bestuur te handelen"},
    )
    page = html(secretariat.get(url))
    history = page[page.index('id="history-heading"') :]
    assert "Motie changed" in history and "Oud" in history and "Nieuw" in history
    assert "Submitter Gorinchem created" in history and "Submitter Sliedrecht deleted" in history
    assert "Text part 2 created" in history
    assert "by sec" in history


def test_parts_are_added_edited_moved_and_deleted_in_order(secretariat, asylum):
    _meeting, item, _congruent, _ukraine = asylum
    motion = f.motion(item, "Solidariteit")  # one finding
    add = reverse("workspace:part_add", args=[motion.pk])
    secretariat.post(add, {"part-kind": "consideration", "part-text": "overwegende dat"}, **HTMX)
    fragment = html(
        secretariat.post(add, {"part-kind": "request", "part-text": "verzoekt het bestuur"}, **HTMX)
    )
    assert fragment.lstrip().startswith('<div id="parts">') and "Part 3 is added." in fragment
    request = motion.parts.get(position=3)
    secretariat.post(reverse("workspace:part_move", args=[request.pk]), {"direction": "up"}, **HTMX)
    assert list(motion.parts.order_by("position").values_list("kind", flat=True)) == [
        "finding",
        "request",
        "consideration",
    ]
    edit = reverse("workspace:part_edit", args=[request.pk])
    request.refresh_from_db()
    prefix = f"part-{request.pk}"
    row = html(
        secretariat.post(
            edit,
            {
                f"{prefix}-kind": "request",
                f"{prefix}-text": "roept het bestuur op",
                f"{prefix}-revision": request.revision,
            },
            **HTMX,
        )
    )
    assert (
        row.lstrip().startswith(f'<li class="ws-part" id="part-{request.pk}"')
        and "roept het bestuur op" in row
    )
    secretariat.post(
        reverse("workspace:part_delete", args=[motion.parts.get(position=1).pk]),
        {"confirm": "1"},
        **HTMX,
    )
    assert list(motion.parts.order_by("position").values_list("position", "text")) == [
        (1, "roept het bestuur op"),
        (2, "overwegende dat"),
    ]


def test_a_part_drawn_again_after_an_edit_keeps_its_impossible_moves_disabled(secretariat, asylum):
    _meeting, item, _congruent, _ukraine = asylum
    motion = f.motion(item, "Solidariteit")
    f.motion_parts(motion, [("consideration", "Overwegende."), ("request", "Verzoekt.")])
    parts = list(motion.parts.order_by("position"))
    for part, up, down in ((parts[0], True, False), (parts[-1], False, True)):
        url = reverse("workspace:part_edit", args=[part.pk])
        row = html(secretariat.get(url, {"cancel": "1"}, **HTMX))
        assert row.lstrip().startswith(f'<li class="ws-part" id="part-{part.pk}"')
        for direction, is_disabled in (("up", up), ("down", down)):
            tag = re.search(rf'<button[^>]*\bid="part-{part.pk}-{direction}"[^>]*>', row)
            assert (" disabled" in tag.group(0)) is is_disabled, (part.position, direction)


def test_a_bad_part_is_refused(secretariat, asylum):
    _meeting, item, _congruent, _ukraine = asylum
    motion = f.motion(item, "Solidariteit")
    add = reverse("workspace:part_add", args=[motion.pk])
    fragment = html(secretariat.post(add, {"part-kind": "verse", "part-text": ""}, **HTMX))
    assert 'id="id_part-kind_error"' in fragment and 'id="id_part-text_error"' in fragment
    first = motion.parts.get()
    refused = html(
        secretariat.post(
            reverse("workspace:part_move", args=[first.pk]), {"direction": "up"}, **HTMX
        )
    )
    # Said once: in the alert above the parts, not in the status line too.
    assert refused.count("This part is already the first.") == 1
    assert 'role="alert"' in refused and "hx-swap-oob" not in refused
    assert motion.parts.count() == 1


def amendment_data(version, clause, submitters, **overrides):
    data = {
        "title": "",
        "submitters": [m.pk for m in submitters],
        "submitters_note": "",
        "resolution_version": version.pk,
        "change": "replace",
        "target_clause": clause.pk if clause else "",
        "new_text": "Tweede, scherper.",
        "explanation": "",
        "submitted_at": "",
    }
    data.update(overrides)
    return data


def test_a_new_amendment_stands_under_the_item_of_its_resolution(secretariat, asylum):
    meeting, item, congruent, _ukraine = asylum
    version = congruent.current_version
    clause = version.clauses.get(position=2)
    submitters = [f.member("Hilversum"), f.member("'s-Hertogenbosch")]
    secretariat.post(new_amendment_url(meeting), amendment_data(version, clause, submitters))
    amendment = Amendment.objects.get()
    assert str(amendment) == "Amendement Hilversum en 's-Hertogenbosch"
    assert (amendment.agenda_item, amendment.target_clause, amendment.change) == (
        item,
        clause,
        "replace",
    )


def test_an_amendment_on_a_clause_of_another_resolution_is_refused(secretariat, asylum):
    meeting, _item, congruent, ukraine = asylum
    wrong = ukraine.current_version.clauses.get(position=3)
    page = html(
        secretariat.post(
            new_amendment_url(meeting),
            amendment_data(congruent.current_version, wrong, [f.member()]),
        )
    )
    assert 'id="id_target_clause_error"' in page
    assert "The clause must be of the amended resolution version." in page
    assert not Amendment.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"change": "replace", "new_text": ""}, "new_text", "Give the new text."),
        ({"change": "delete", "new_text": "Iets"}, "new_text", "A deletion has no new text."),
        (
            {"change": "replace", "target_clause": ""},
            "target_clause",
            "Choose the clause to change.",
        ),
        ({"change": "rewrite"}, "change", "Select a valid choice."),
    ],
)
def test_an_incomplete_amendment_is_refused(secretariat, asylum, overrides, field, message):
    meeting, _item, congruent, _ukraine = asylum
    version = congruent.current_version
    data = amendment_data(version, version.clauses.get(position=1), [f.member()], **overrides)
    page = html(secretariat.post(new_amendment_url(meeting), data))
    assert f'id="id_{field}_error"' in page and message in page
    assert not Amendment.objects.exists()


def test_the_amendment_page_shows_the_change_next_to_the_clause_as_it_is(secretariat, asylum):
    _meeting, item, congruent, _ukraine = asylum
    amendment = f.amendment(item, congruent, clause_number=2, new_text="Tweede, scherper.")
    page = html(secretariat.get(reverse("workspace:proposal", args=[amendment.pk])))
    change = page[page.index('id="change-heading"') :]
    assert "Clause 2 as it is" in change
    # Only what changes is marked, word by word as on the members' amendment page.
    assert (
        'Tweede<ins class="ws-ins"><span class="ws-sr">[inserted: </span>, scherper'
        '<span class="ws-sr">]</span></ins>.'
    ) in change
    assert '<del class="ws-del">' not in change


def test_an_insertion_and_a_deletion_show_as_whole_clauses(secretariat, asylum):
    _meeting, item, congruent, _ukraine = asylum
    insertion = f.amendment(
        item, congruent, clause_number=1, change="insert", new_text="Nieuw punt."
    )
    page = html(secretariat.get(reverse("workspace:proposal", args=[insertion.pk])))
    assert "A new clause after clause 1:" in page and "[inserted: </span>Nieuw punt." in page
    deletion = f.amendment(item, congruent, clause_number=2, change="delete", new_text="")
    page = html(secretariat.get(reverse("workspace:proposal", args=[deletion.pk])))
    assert "[deleted: </span>Tweede." in page


def test_choosing_a_version_lists_its_clauses(secretariat, asylum):
    meeting, _item, _congruent, ukraine = asylum
    url = reverse("workspace:clause_options", args=[meeting.pk])
    options = html(secretariat.get(url, {"resolution_version": ukraine.current_version.pk}, **HTMX))
    assert options.count("<option") == 4 and "3. Drie." in options
    other = f.resolution(f.item(f.meeting()), clauses=("Geheim.",))
    foreign = html(secretariat.get(url, {"resolution_version": other.current_version.pk}, **HTMX))
    assert "Geheim." not in foreign


def test_an_amendment_is_saved_as_an_amendment_and_its_history_kept(secretariat, asylum):
    _meeting, item, congruent, _ukraine = asylum
    amendment = f.amendment(item, congruent, clause_number=1)
    version = congruent.current_version
    url = reverse("workspace:proposal", args=[amendment.pk])
    data = amendment_data(
        version,
        version.clauses.get(position=2),
        [amendment.submitters.get()],
        title="Scherper",
        revision=amendment.revision,
    )
    secretariat.post(url, data)
    amendment.refresh_from_db()
    assert (amendment.title, amendment.target_clause.position) == ("Scherper", 2)
    assert Amendment.history.filter(proposal_ptr_id=amendment.pk).count() == 2
    page = html(secretariat.get(url))
    assert "Amendement changed" in page


def test_a_new_motion_form_is_prefilled_with_the_chosen_item(secretariat, asylum):
    meeting, item, _congruent, _ukraine = asylum
    page = html(secretariat.get(new_motion_url(meeting), {"item": item.pk}))
    assert f'<option value="{item.pk}" selected>' in page
    assert (
        secretariat.get(
            reverse("workspace:proposal_new", args=[meeting.pk, "petition"])
        ).status_code
        == 404
    )


def test_parts_belong_to_motions_only(secretariat, asylum):
    _meeting, item, congruent, _ukraine = asylum
    amendment = f.amendment(item, congruent)
    response = secretariat.post(
        reverse("workspace:part_add", args=[amendment.pk]),
        {"part-kind": "finding", "part-text": "x"},
    )
    assert response.status_code == 404
    assert not MotionPart.objects.exists()


def test_a_motion_of_a_group_is_named_after_the_group_and_on_its_members_pages(secretariat, asylum):
    meeting, item, _congruent, _ukraine = asylum
    enschede = f.member("Enschede")
    data = motion_data(item, [], title="Grensregio")
    data["submitter_group_name"] = "  Regio   Twente "
    response = secretariat.post(new_motion_url(meeting), data)
    assert response.status_code == 302
    motion = Motion.objects.get(title="Grensregio")
    assert motion.display_name == "Motie Regio Twente “Grensregio”"
    assert motion.submitter_group.name == "Regio Twente"
    motion.submitter_group.members.add(enschede)
    assert "Grensregio" in html(secretariat.get(enschede.get_absolute_url()))


def test_a_motion_of_the_board_is_the_board_s(secretariat, asylum):
    meeting, item, _congruent, _ukraine = asylum
    data = motion_data(item, [], title="Bestuursmotie")
    data["submitted_by_board"] = "on"
    secretariat.post(new_motion_url(meeting), data)
    motion = Motion.objects.get(title="Bestuursmotie")
    assert motion.display_name == "Motie van het bestuur “Bestuursmotie”"
    assert "the board" in html(secretariat.get(motion.get_absolute_url()))


def test_members_and_a_group_at_once_are_refused_and_nothing_is_made(secretariat, asylum):
    meeting, item, _congruent, _ukraine = asylum
    data = motion_data(item, [f.member()], title="Dubbel")
    data["submitter_group_name"] = "Regio Twente"
    page = html(secretariat.post(new_motion_url(meeting), data))
    assert 'id="id_submitters_error"' in page and "one of the three" in page
    assert 'value="Regio Twente"' in page
    assert not Motion.objects.filter(title="Dubbel").exists()
    assert not SubmitterGroup.objects.exists()


def test_the_type_ahead_offers_the_members_of_the_meeting_s_day(secretariat):
    f.member("Leeuwarderadeel", member_until=dt.date(2017, 12, 31))
    url = reverse("workspace:member_search")
    then = html(secretariat.get(url, {"member-search": "Leeuwarder", "on": "2017-06-14"}))
    now = html(secretariat.get(url, {"member-search": "Leeuwarder"}))
    assert "Leeuwarderadeel" in then and "Leeuwarderadeel" not in now


def test_the_picker_of_a_motion_asks_for_members_of_its_meeting_s_day(secretariat, asylum):
    meeting, _item, _congruent, _ukraine = asylum
    page = html(secretariat.get(new_motion_url(meeting)))
    assert f'hx-vals=\'{{"on": "{meeting.date:%Y-%m-%d}"}}\'' in page


def test_a_refused_move_under_the_item_is_said_once(secretariat, asylum):
    _meeting, item, _congruent, _ukraine = asylum
    first, second = f.motion(item, "Eerste"), f.motion(item, "Tweede")
    shown = f"{first.pk},{second.pk}"
    url = reverse("workspace:proposal_move", args=[first.pk])
    fragment = html(secretariat.post(url, {"direction": "up", "shown": shown}, **HTMX))
    # In the alert above the list, not in the status line too.
    assert fragment.count("This one is already the first.") == 1
    assert 'role="alert"' in fragment and "hx-swap-oob" not in fragment
