"""In the workspace: a GET on an action URL that a person can be left
on leads to its page instead of a bare 405; the Word import is reached from the agenda; a
resolution's first version is not labelled a concept unless the secretariat says so; a
version without text is not published."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from agenda.models import Resolution
from tests import factories as f
from tests.workspace.util import html

pytestmark = pytest.mark.django_db


# --- A GET on a POST-only action URL ---------------------------------------------------------


def test_a_get_on_the_publication_url_goes_to_the_meetings_status_page(secretariat):
    meeting = f.meeting(published=False)
    url = reverse("workspace:publication", args=[meeting.pk])
    for method in (secretariat.get, secretariat.head):
        response = method(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("workspace:dashboard", args=[meeting.pk])
    meeting.refresh_from_db()
    assert meeting.published_at is None


def test_a_get_on_the_publication_url_publishes_nothing_and_the_post_still_publishes(
    secretariat,
):
    meeting = f.meeting(published=False)
    url = reverse("workspace:publication", args=[meeting.pk])
    secretariat.get(url, {"action": "publish"})
    meeting.refresh_from_db()
    assert meeting.published_at is None
    response = secretariat.post(url, {"action": "publish"})
    assert response["Location"] == reverse("workspace:dashboard", args=[meeting.pk])
    meeting.refresh_from_db()
    assert meeting.published_at is not None


def test_the_board_and_strangers_are_still_turned_away_from_the_publication_url(board):
    meeting = f.meeting(published=False)
    url = reverse("workspace:publication", args=[meeting.pk])
    assert board.get(url).status_code == 403
    assert "/login/" in Client().get(url)["Location"]


def test_a_get_on_a_version_action_url_goes_to_the_resolutions_page(secretariat):
    resolution = f.resolution(f.item(f.meeting(), "Asiel"), published=False)
    version = resolution.current_version
    page = reverse("workspace:resolution", args=[resolution.pk])
    state = secretariat.get(reverse("workspace:version_state", args=[version.pk]))
    assert state.status_code == 302 and state["Location"] == f"{page}?version=1"
    new = secretariat.get(reverse("workspace:version_new", args=[resolution.pk]))
    assert new.status_code == 302 and new["Location"] == page
    assert resolution.versions.count() == 1
    version.refresh_from_db()
    assert version.is_draft


def test_a_refused_unpublish_leaves_an_address_that_a_reload_turns_into_the_page(secretariat):
    resolution = f.resolution(f.item(f.meeting(), "Asiel"), published=True)
    url = reverse("workspace:version_state", args=[resolution.current_version_id])
    assert secretariat.post(url, {"action": "unpublish"}).status_code == 400
    assert secretariat.get(url, follow=True).status_code == 200


# --- The Word import -------------------------------------------------------------------------


def test_the_agenda_page_links_to_the_word_import_of_its_meeting(secretariat):
    meeting = f.meeting(published=False)
    f.item(meeting, "Financiën")
    page = html(secretariat.get(reverse("workspace:agenda", args=[meeting.pk])))
    url = reverse("motion_import", args=[meeting.pk])
    link = re.search(rf'<a [^>]*href="{re.escape(url)}"[^>]*>(.*?)</a>', page)
    assert link, "no link to the Word import on the agenda page"
    assert link.group(1) == "Import motions from Word"
    response = secretariat.get(url)
    assert response.status_code == 200
    assert '<h1 class="utrecht-heading-1">Import motions from Word</h1>' in html(response)


# --- The label of a resolution's first version -----------------------------------------------


def offered_label(page):
    """The value the new-resolution form offers for the first version's label."""
    field = re.search(r'<input[^>]*name="label"[^>]*>', page)
    assert field
    value = re.search(r'value="([^"]*)"', field.group(0))
    return value.group(1) if value else ""


def test_a_resolution_made_as_the_form_offers_and_published_is_not_labelled_a_concept(
    secretariat,
):
    meeting = f.meeting(published=True)
    item = f.item(meeting, "Asiel")
    url = reverse("workspace:resolution_new", args=[item.pk])
    label = offered_label(html(secretariat.get(url)))
    secretariat.post(url, {"title": "Zorg voor congruent asielbeleid", "label": label})
    version = Resolution.objects.get().current_version
    version.add_clause("Dat het kabinet de afspraken nakomt.")
    secretariat.post(reverse("workspace:version_state", args=[version.pk]), {"action": "publish"})
    version.refresh_from_db()
    assert not version.is_draft
    assert "concept" not in version.label
    members_page = html(Client().get(reverse("resolution_detail", args=[version.resolution_id])))
    assert "Dat het kabinet de afspraken nakomt." in members_page
    assert "concept-resolutie" not in members_page.lower()


def test_a_first_version_keeps_the_label_the_secretariat_gives_it(secretariat):
    item = f.item(f.meeting(), "Asiel")
    url = reverse("workspace:resolution_new", args=[item.pk])
    secretariat.post(url, {"title": "Inzet richting kabinet", "label": "concept-resolutie"})
    version = Resolution.objects.get().current_version
    version.add_clause("Eerste.")
    version.publish()
    version.refresh_from_db()
    assert version.label == "concept-resolutie" and not version.is_draft


# --- A version without text ------------------------------------------------------------------


def test_a_version_without_clauses_is_not_published_and_the_page_says_why_at_the_button(
    secretariat,
):
    resolution = f.resolution(f.item(f.meeting(), "Asiel"), clauses=(), published=False)
    version = resolution.current_version
    url = reverse("workspace:version_state", args=[version.pk])
    response = secretariat.post(url, {"action": "publish"})
    assert response.status_code == 400
    page = html(response)
    message = "Version 1 has no clauses yet: add the text of the resolution before publishing it."
    assert page.count(message) == 1
    # Said where the action is: in the form of the button that was pressed, as an alert.
    button = page.index('value="publish"')
    form = page[page.rfind("<form", 0, button) : page.index("</form>", button)]
    assert message in form and 'role="alert"' in form
    version.refresh_from_db()
    assert version.is_draft


def test_a_version_with_clauses_is_published(secretariat):
    resolution = f.resolution(f.item(f.meeting(), "Asiel"), clauses=("Eerste.",), published=False)
    version = resolution.current_version
    url = reverse("workspace:version_state", args=[version.pk])
    response = secretariat.post(url, {"action": "publish"})
    assert response.status_code == 302
    version.refresh_from_db()
    assert not version.is_draft


def test_publishing_the_papers_leaves_a_version_without_clauses_a_draft():
    meeting = f.meeting(published=False)
    item = f.item(meeting, "Asiel")
    empty = f.resolution(item, "Leeg", clauses=(), published=False).current_version
    written = f.resolution(
        item, "Geschreven", clauses=("Eerste.",), published=False
    ).current_version
    meeting.publish()
    empty.refresh_from_db()
    written.refresh_from_db()
    assert empty.is_draft and not written.is_draft
