"""The secretariat's page of groups of submitters ("Regio Twente"): a group is linked to its
members by typing their names; an unknown name is refused at the field and nothing changes."""

import datetime as dt

import pytest
from django.urls import reverse

from members.models import SubmitterGroup
from tests import factories as f
from tests.workspace.util import assert_refused, html

pytestmark = pytest.mark.django_db

LIST = reverse("workspace:groups")
NEW = reverse("workspace:group_new")


@pytest.fixture
def twente(db):
    return {name: f.member(name) for name in ("Almelo", "Borne", "Enschede", "Hof van Twente")}


def edit_url(group):
    return reverse("workspace:group_edit", args=[group.pk])


def test_only_the_secretariat_opens_them(member, board):
    group = SubmitterGroup.objects.create(name="Regio Twente")
    for url in (LIST, NEW, edit_url(group)):
        assert_refused(url, member=member, board=board)


def test_the_workspace_links_to_the_groups(secretariat):
    assert LIST in html(secretariat.get(reverse("workspace:meetings")))


def test_the_list_shows_each_group_with_its_members_and_motions(secretariat, twente):
    group = SubmitterGroup.objects.create(name="Regio Twente")
    group.members.add(twente["Enschede"], twente["Almelo"])
    meeting = f.meeting()
    motion = f.motion(f.item(meeting, "Moties"), "Grensregio")
    motion.submitters.clear()
    motion.submitter_group = group
    motion.save()
    SubmitterGroup.objects.create(name="G40")
    page = html(secretariat.get(LIST))
    assert "Almelo, Enschede" in page
    assert "not linked to members" in page  # the G40
    assert '<td class="utrecht-table__cell utrecht-table__cell--numeric">1</td>' in page


def test_the_secretariat_links_a_group_to_its_members_by_their_names(secretariat, twente):
    group = SubmitterGroup.objects.create(name="Regio Twente")
    response = secretariat.post(
        edit_url(group),
        {
            "revision": group.revision,
            "name": "Regio Twente",
            "member_names": "Almelo, Borne en enschede\nHof van Twente",
        },
    )
    assert response.status_code == 302
    assert sorted(m.name for m in group.members.all()) == [
        "Almelo",
        "Borne",
        "Enschede",
        "Hof van Twente",
    ]
    # The form shows them again as a list to edit.
    assert "Almelo, Borne, Enschede, Hof van Twente" in html(secretariat.get(edit_url(group)))


def test_an_unknown_name_is_refused_at_the_field_and_nothing_changes(secretariat, twente):
    group = SubmitterGroup.objects.create(name="Regio Twente")
    group.members.add(twente["Almelo"])
    response = secretariat.post(
        edit_url(group),
        {"revision": group.revision, "name": "Twente", "member_names": "Almelo, Hengeloo"},
    )
    page = html(response)
    assert (
        '<div class="utrecht-form-field-error-message" id="id_member_names_error">'
        "<p>“Hengeloo” is not a member.</p></div>"
    ) in page
    assert "Almelo, Hengeloo" in page  # what was typed is kept
    group.refresh_from_db()
    assert group.name == "Regio Twente" and [m.name for m in group.members.all()] == ["Almelo"]


def test_a_former_member_cannot_be_added_but_one_already_linked_stays(secretariat, twente):
    merged = f.member("Weerselo", member_until=dt.date(2000, 12, 31))
    group = SubmitterGroup.objects.create(name="Regio Twente")
    group.members.add(merged)
    kept = secretariat.post(
        edit_url(group),
        {"revision": group.revision, "name": "Regio Twente", "member_names": "Weerselo, Borne"},
    )
    assert kept.status_code == 302
    assert sorted(m.name for m in group.members.all()) == ["Borne", "Weerselo"]
    other = SubmitterGroup.objects.create(name="Noordoost-Twente")
    page = html(
        secretariat.post(
            edit_url(other),
            {"revision": other.revision, "name": "Noordoost-Twente", "member_names": "Weerselo"},
        )
    )
    assert "“Weerselo” is not a member." in page
    assert not other.members.exists()


def test_a_second_group_of_the_same_name_is_refused(secretariat):
    SubmitterGroup.objects.create(name="Regio Twente")
    page = html(secretariat.post(NEW, {"name": "regio twente", "member_names": ""}))
    assert "There is a group of this name already." in page
    assert SubmitterGroup.objects.count() == 1


def test_a_new_group_is_made_with_its_members(secretariat, twente):
    response = secretariat.post(NEW, {"name": "Netwerkstad Twente", "member_names": "Almelo"})
    assert response.status_code == 302
    group = SubmitterGroup.objects.get(name="Netwerkstad Twente")
    assert [m.name for m in group.members.all()] == ["Almelo"]


def test_a_stale_edit_does_not_overwrite_the_first(secretariat, second_secretary, twente):
    group = SubmitterGroup.objects.create(name="Regio Twente")
    seen = group.revision
    first = {"revision": seen, "name": "Regio Twente", "member_names": "Almelo"}
    second = {"revision": seen, "name": "Twente", "member_names": "Borne"}
    assert secretariat.post(edit_url(group), first).status_code == 302
    page = html(second_secretary.post(edit_url(group), second))
    assert "Someone else saved this while you were editing it" in page
    assert "Almelo" in page  # the current members are listed
    group.refresh_from_db()
    assert group.name == "Regio Twente" and [m.name for m in group.members.all()] == ["Almelo"]
