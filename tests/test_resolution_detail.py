import re

import pytest
from django.urls import reverse

from agenda.models import Resolution
from tests import factories as f
from tests.pages import assert_headings_in_order

pytestmark = pytest.mark.django_db


def url(resolution, query=""):
    return reverse("resolution_detail", args=[resolution.pk]) + query


def page(client, resolution, query=""):
    response = client.get(url(resolution, query))
    assert response.status_code == 200
    return response.content.decode()


def clause(html, number):
    """The list item of clause `number` in the text being read."""
    return html.split(f'id="clause-{number}"')[1].split("</li>\n          \n")[0]


def readable(html):
    """Without the words only screen readers hear (where a change begins and ends)."""
    return re.sub(r'<span class="alv-visually-hidden">[^<]*</span>', "", html)


@pytest.fixture
def item():
    return f.item(f.meeting(), "Asiel")


@pytest.fixture
def resolution(item):
    res = f.resolution(item, "Congruent asielbeleid", clauses=["Oud een.", "Oud twee."])
    res.current_version.label = "concept-resolutie"
    res.current_version.save()
    f.version(
        res,
        ["Oud een.", "Nieuw twee.", "Drie."],
        label="geactualiseerde resolutie",
        intro="De leden wordt voorgesteld om uit te spreken:",
        explanation="Na het Overhedenoverleg.",
    )
    return res


def test_it_shows_the_current_version_with_numbered_clauses_and_explanation(client, resolution):
    html = page(client, resolution)
    assert "<h1" in html and "Resolutie “Congruent asielbeleid”" in html
    assert "De leden wordt voorgesteld om uit te spreken:" in html
    assert 'value="2" id="clause-2"' in html and "Nieuw twee." in clause(html, 2)
    assert "Na het Overhedenoverleg." in html
    assert "geldende versie" in html


def test_the_demo_resolution_reads_its_six_clauses_and_offers_the_changes(client, demo_meeting):
    resolution = Resolution.objects.get(title="VNG-inzet richting kabinet")
    html = page(client, resolution)
    assert "Dat indien de omstandigheden daartoe aanleiding geven" in clause(html, 6)
    assert "Wat is er gewijzigd sinds Versie 1: concept-resolutie" in html
    assert "Motie Haaksbergen “Ravijnjaar, twee over twaalf!”" in html


def test_an_earlier_version_stays_readable(client, resolution):
    html = page(client, resolution, "?version=1")
    assert "U leest een eerdere versie." in html
    assert "Oud twee." in clause(html, 2)
    assert "Drie." not in html.split('id="text-heading"')[1].split("</section>")[0]


def test_it_shows_what_changed_between_two_versions_word_by_word(client, resolution):
    html = page(client, resolution, "?from=1&to=2")
    changes = readable(html.split('id="changes"')[1].split("</section>")[0])
    assert "Wijzigingen van Versie 1: concept-resolutie" in changes
    assert "Punt 1, ongewijzigd" in changes
    assert "Punt 2, gewijzigd" in changes
    assert "Oud</del>" in changes and "Nieuw</ins>" in changes
    assert "Nieuw punt 3" in changes and "Drie.</ins>" in changes


def test_it_compares_any_two_versions_also_backwards(client, resolution):
    f.version(resolution, ["Alleen dit."], label="derde")
    html = readable(page(client, resolution, "?from=3&to=1"))
    assert "Wijzigingen van Versie 3: derde" in html
    assert "Alleen dit</del>" in html and "Oud een</ins>" in html
    assert "Nieuw punt 2" in html and "Oud twee.</ins>" in html


def test_a_draft_version_is_never_shown_listed_or_compared(client, resolution):
    f.version(resolution, ["Geheime nieuwe tekst."], published=False, label="in voorbereiding")
    html = page(client, resolution)
    # Members read the latest published version as the current one.
    assert "Nieuw twee." in clause(html, 2)
    assert "Geheime nieuwe tekst." not in html and "in voorbereiding" not in html
    for query in ("?version=3", "?from=1&to=3"):
        html = page(client, resolution, query)
        assert "Geheime nieuwe tekst." not in html
        assert 'role="alert"' in html


def test_the_secretariat_reads_the_draft_version(client, secretariat_user, resolution):
    f.version(resolution, ["Geheime nieuwe tekst."], published=False)
    client.force_login(secretariat_user)
    html = page(client, resolution)
    assert "Geheime nieuwe tekst." in html and "concept" in html


def test_comparing_needs_two_valid_versions(client, resolution):
    for query in ("?from=1", "?from=1&to=9", "?from=x&to=2"):
        html = page(client, resolution, query)
        assert 'role="alert"' in html
        assert 'id="changes"' not in html


def test_pending_amendments_are_marked_at_their_clause(client, item, resolution):
    amendment = f.amendment(item, resolution, clause_number=2, new_text="Anders.")
    f.pre_advice(amendment, "ontraden")
    html = page(client, resolution)
    marked = clause(html, 2)
    assert f'href="{amendment.get_absolute_url()}"' in marked
    assert "Vervangt punt 2" in marked and "ontraden" in marked
    assert amendment.get_absolute_url() not in clause(html, 1)


def test_an_amendment_inserting_before_the_first_clause_is_marked_above_the_list(
    client, item, resolution
):
    amendment = f.amendment(item, resolution, clause_number=None, change="insert")
    html = page(client, resolution)
    text = html.split('id="text-heading"')[1]
    assert text.index(amendment.get_absolute_url()) < text.index('id="clause-1"')


def test_amendments_on_another_version_are_listed_apart(client, item, resolution):
    earlier = resolution.versions.get(number=1)
    amendment = f.amendment(item, resolution, resolution_version=earlier)
    html = page(client, resolution)
    assert "Amendementen op andere versies" in html
    assert amendment.get_absolute_url() in html.split("Amendementen op andere versies")[1]


def test_unpublished_pre_advice_and_draft_amendments_stay_hidden(client, item, resolution):
    pending = f.amendment(item, resolution, clause_number=1)
    f.pre_advice(pending, "ontraden", published=False)
    draft = f.amendment(item, resolution, clause_number=2, is_draft=True)
    html = page(client, resolution)
    assert "preadvies volgt" in clause(html, 1) and "ontraden" not in html
    assert draft.get_absolute_url() not in html


def test_it_lists_the_motions_on_the_resolution_but_not_drafts(client, item, resolution):
    f.motion(item, "Gerelateerde motie", resolution=resolution, advice="intrekken")
    f.motion(item, "Concept motie", resolution=resolution, is_draft=True)
    html = page(client, resolution)
    assert "Gerelateerde motie" in html and "intrekken" in html
    assert "Concept motie" not in html


def test_a_resolution_of_an_unpublished_meeting_is_not_found(client, member_user):
    resolution = f.resolution(f.item(f.meeting(published=False)))
    assert client.get(url(resolution)).status_code == 404
    client.force_login(member_user)
    assert client.get(url(resolution)).status_code == 404


def test_its_query_count_does_not_grow_with_amendments_motions_or_versions(
    client, member_user, django_assert_max_num_queries
):
    meeting = f.big_meeting(motions=200)
    resolution = Resolution.objects.filter(agenda_item__meeting=meeting).first()
    item = resolution.agenda_item
    for n in range(40):
        f.amendment(item, resolution, clause_number=1 + n % 5, new_text=f"Variant {n}.")
    for n in range(40):
        f.motion(item, f"Motie over de resolutie {n}", resolution=resolution)
    for n in range(5):
        f.version(resolution, [f"Versie {n} punt {c}." for c in range(10)])
    client.force_login(member_user)
    with django_assert_max_num_queries(16):
        html = page(client, resolution, "?from=1&to=6")
    assert "Variant 39." not in html  # amendments on version 1 are listed apart, by name
    assert html.count("Motie over de resolutie") == 40


def test_its_headings_go_down_one_level_at_a_time(client, item, resolution):
    f.amendment(item, resolution, clause_number=2)
    f.motion(item, "Motie", resolution=resolution)
    assert_headings_in_order(page(client, resolution, "?from=1&to=2"))


def test_a_member_reads_it_again_from_the_cache_and_a_new_version_at_once(
    client, member_user, resolution, django_assert_max_num_queries
):
    client.force_login(member_user)
    page(client, resolution)
    with django_assert_max_num_queries(4):  # session, user, roles, the papers' revision
        assert "Nieuw twee." in page(client, resolution)
    f.version(resolution, ["Oud een.", "Nieuwer twee."])
    assert "Nieuwer twee." in page(client, resolution)
