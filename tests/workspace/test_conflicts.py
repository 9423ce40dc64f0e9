"""No lost updates: of two people editing the same thing, the second save is refused with the
current values shown, and nothing of it is saved."""

import re

import pytest
from django.urls import reverse

from agenda.models import Meeting
from alv.models import StaleRevision
from tests import factories as f
from tests.workspace.test_meetings import meeting_data
from tests.workspace.util import HTMX, html

pytestmark = pytest.mark.django_db


def shown_revision(page, name="revision"):
    return re.search(rf'name="{name}" value="(\d+)"', page).group(1)


def test_the_second_of_two_meeting_editors_is_refused_and_sees_the_current_values(
    secretariat, second_secretary
):
    meeting = f.meeting(title="ALV december")
    url = reverse("workspace:meeting_edit", args=[meeting.pk])
    first_form = html(secretariat.get(url))
    second_form = html(second_secretary.get(url))

    data = meeting_data(location="Den Haag", revision=shown_revision(first_form))
    assert secretariat.post(url, data).status_code == 302

    late = meeting_data(location="Utrecht", title="ALV december (2)")
    late["revision"] = shown_revision(second_form)
    response = second_secretary.post(url, late)
    page = html(response)
    assert "Someone else saved this while you were editing it" in page
    current = page[page.index('class="ws-current-values"') :].split("</dl>")[0]
    assert "Den Haag" in current and "ALV juni" in current
    meeting.refresh_from_db()
    assert (meeting.title, meeting.location) == ("ALV juni", "Den Haag")
    # The refused input stays in the form, to be saved again on purpose.
    assert 'value="Utrecht"' in page


def test_saving_again_after_seeing_the_current_values_overwrites_them(
    secretariat, second_secretary
):
    meeting = f.meeting(title="ALV december")
    url = reverse("workspace:meeting_edit", args=[meeting.pk])
    stale = shown_revision(html(second_secretary.get(url)))
    secretariat.post(url, meeting_data(location="Den Haag", revision=stale))
    refused = html(second_secretary.post(url, meeting_data(location="Utrecht", revision=stale)))
    second_secretary.post(url, meeting_data(location="Utrecht", revision=shown_revision(refused)))
    meeting.refresh_from_db()
    assert meeting.location == "Utrecht"


def test_a_stale_inline_edit_of_an_agenda_item_returns_the_fragment_with_the_conflict(
    secretariat, second_secretary
):
    meeting = f.meeting()
    item = f.item(meeting, "Opening")
    url = reverse("workspace:item", args=[item.pk])
    prefix = f"item-{item.pk}"
    revision = item.revision
    base = {f"{prefix}-kind": "information", f"{prefix}-revision": revision}
    secretariat.post(url, {**base, f"{prefix}-title": "Opening door de voorzitter"}, **HTMX)
    response = second_secretary.post(url, {**base, f"{prefix}-title": "Welkom"}, **HTMX)
    page = html(response)
    assert "<html" not in page and "ws-agenda__row--editing" in page
    assert "Opening door de voorzitter" in page[page.index("ws-current-values") :]
    item.refresh_from_db()
    assert item.title == "Opening door de voorzitter"


def test_the_revision_check_and_the_write_are_one_conditional_update():
    meeting = f.meeting(title="A")
    first = Meeting.objects.get(pk=meeting.pk)
    second = Meeting.objects.get(pk=meeting.pk)
    first.title = "B"
    first.save_if_current(meeting.revision, update_fields=["title"])
    second.title = "C"
    with pytest.raises(StaleRevision) as refused:
        second.save_if_current(meeting.revision, update_fields=["title"])
    assert refused.value.current.title == "B"
    meeting.refresh_from_db()
    assert (meeting.title, meeting.revision) == ("B", first.revision)
    assert meeting.history.count() == 2  # created, and the one accepted change


def test_a_stale_clause_edit_is_refused_and_the_first_text_kept(secretariat, second_secretary):
    item = f.item(f.meeting(published=False))
    clause = f.resolution(item, clauses=("Eerste.",), published=False).current_version.clauses.get()
    url = reverse("workspace:clause_edit", args=[clause.pk])
    prefix = f"clause-{clause.pk}"
    revision = shown_revision(html(second_secretary.get(url, **HTMX)), f"{prefix}-revision")
    secretariat.post(url, {f"{prefix}-text": "Eerste, aangepast.", f"{prefix}-revision": revision})
    page = html(
        second_secretary.post(
            url, {f"{prefix}-text": "Iets anders.", f"{prefix}-revision": revision}, **HTMX
        )
    )
    assert "Someone else saved this while you were editing it" in page
    assert "Eerste, aangepast." in page[page.index("ws-current-values") :]
    clause.refresh_from_db()
    assert clause.text == "Eerste, aangepast."


def test_a_stale_motion_edit_saves_neither_its_fields_nor_its_submitters(
    secretariat, second_secretary
):
    from tests.workspace.test_proposals import motion_data

    item = f.item(f.meeting(published=False))
    motion = f.motion(item, "Solidariteit", submitters=[f.member("Sliedrecht")])
    url = reverse("workspace:proposal", args=[motion.pk])
    revision = shown_revision(html(second_secretary.get(url)))
    secretariat.post(
        url, motion_data(item, [f.member("Gorinchem")], title="Solidariteit", revision=revision)
    )
    late = motion_data(item, [f.member("Nunspeet")], title="Iets anders", revision=revision)
    page = html(second_secretary.post(url, late, **HTMX))
    assert "Someone else saved this while you were editing it" in page
    assert "<dt>Submitters</dt><dd>Gorinchem</dd>" in page
    motion.refresh_from_db()
    assert (motion.title, motion.submitter_names) == ("Solidariteit", ["Gorinchem"])
