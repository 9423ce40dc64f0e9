import re

import pytest
from django.urls import reverse

from motions.models import Amendment
from tests import factories as f
from tests.pages import assert_headings_in_order

pytestmark = pytest.mark.django_db

CLAUSES = (
    "Dat gemeenten voldoende middelen dienen te hebben;",
    "Dat de vergoeding in de voorjaarsnota 2026 wordt verwerkt;",
    "Dat een Extra ALV wordt gehouden.",
)


def url(amendment):
    return reverse("amendment_detail", args=[amendment.pk])


def page(client, amendment):
    response = client.get(url(amendment))
    assert response.status_code == 200
    return response.content.decode()


def section(html, heading_id):
    """The HTML of the section headed by the heading with `heading_id`, without the words
    only screen readers hear (where a change begins and ends)."""
    html = html.split(f'id="{heading_id}"')[1].split("</section>")[0]
    return re.sub(r'<span class="alv-visually-hidden">[^<]*</span>', "", html)


@pytest.fixture
def item():
    return f.item(f.meeting(), "IZA")


@pytest.fixture
def resolution(item):
    return f.resolution(item, "Stop met gesprekken vervolg IZA", clauses=CLAUSES)


def test_it_shows_the_target_clause_with_struck_and_inserted_words(client, item, resolution):
    amendment = f.amendment(
        item,
        resolution,
        clause_number=2,
        new_text="Dat de vergoeding in de kaderbrief 2026 wordt verwerkt;",
        submitters=[f.member("Hilversum"), f.member("'s-Hertogenbosch")],
    )
    change = section(page(client, amendment), "change-heading")
    assert "Punt 2 wordt als volgt gewijzigd:" in change
    assert "Dat de vergoeding in de " in change
    assert "voorjaarsnota</del>" in change
    assert "kaderbrief</ins>" in change
    spoken = page(client, amendment)
    assert "[verwijderde tekst: </span>voorjaarsnota" in spoken
    assert "[toegevoegde tekst: </span>kaderbrief" in spoken


def test_it_shows_the_resulting_text_of_the_whole_resolution(client, item, resolution):
    amendment = f.amendment(item, resolution, clause_number=2, new_text="Dat het anders moet;")
    result = section(page(client, amendment), "result-heading")
    assert (
        result.index(CLAUSES[0]) < result.index("Dat het anders moet;") < result.index(CLAUSES[2])
    )
    assert CLAUSES[1] not in result
    assert "gewijzigd" in result


def test_an_insertion_shows_the_new_clause_and_renumbers_the_rest(client, item, resolution):
    amendment = f.amendment(
        item, resolution, clause_number=1, change="insert", new_text="Dat het rijk betaalt;"
    )
    html = page(client, amendment)
    change = section(html, "change-heading")
    assert "Na punt 1 wordt een nieuw punt ingevoegd:" in change
    assert "Dat het rijk betaalt;</ins>" in change
    result = section(html, "result-heading")
    assert 'value="2"><strong>Dat het rijk betaalt;</strong>' in result
    assert f'value="4">{CLAUSES[2]}' in result
    assert "schuiven een nummer door" in result


def test_a_deletion_strikes_the_whole_clause(client, item, resolution):
    amendment = f.amendment(item, resolution, clause_number=3, change="delete", new_text="")
    html = page(client, amendment)
    assert "Punt 3 wordt geschrapt:" in html
    assert "Dat een Extra ALV wordt gehouden.</del>" in section(html, "change-heading")
    assert CLAUSES[2] not in section(html, "result-heading")


def test_it_escapes_the_text_of_the_clause_and_the_amendment(client, item):
    resolution = f.resolution(item, clauses=["Oud <b>vet</b> punt."])
    amendment = f.amendment(item, resolution, new_text="Nieuw <script>alert(1)</script> punt.")
    html = page(client, amendment)
    assert "<script>alert" not in html and "<b>vet" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section(html, "result-heading")


def test_it_links_the_resolution_and_names_the_amended_version(client, item, resolution):
    amendment = f.amendment(item, resolution)
    html = page(client, amendment)
    assert f'href="{resolution.get_absolute_url()}"' in html
    assert "Versie 1" in html


def test_it_says_when_it_amends_an_earlier_version(client, item, resolution):
    amendment = f.amendment(item, resolution)
    f.version(resolution, ["Nieuwe tekst."], label="geactualiseerde resolutie")
    html = page(client, amendment)
    assert "Dit amendement wijzigt een eerdere versie" in html
    assert "geactualiseerde resolutie" in html


def test_it_does_not_show_a_draft_version_of_the_resolution(client, item):
    resolution = f.resolution(item, clauses=["Geheime concepttekst."], published=False)
    amendment = f.amendment(item, resolution, new_text="Voorgestelde tekst.")
    html = page(client, amendment)
    assert "Geheime concepttekst." not in html
    assert "Voorgestelde tekst." in html
    assert "nog niet gepubliceerd" in html


def test_it_shows_the_pre_advice_with_its_rationale_and_the_outcome(client, item, resolution):
    amendment = f.amendment(item, resolution)
    f.pre_advice(amendment, "ontraden", rationale="Dit gaat te ver.")
    Amendment.objects.filter(pk=amendment.pk).update(status="rejected")
    html = page(client, amendment)
    assert "ontraden" in html and "Dit gaat te ver." in html
    assert "verworpen" in html


def test_it_shows_preadvies_volgt_for_unpublished_pre_advice(client, item, resolution):
    amendment = f.amendment(item, resolution)
    f.pre_advice(amendment, "ontraden", published=False, rationale="Nog geheim.")
    html = page(client, amendment)
    assert "preadvies volgt" in html
    assert "ontraden" not in html and "Nog geheim." not in html


def test_a_draft_amendment_is_not_found(client, member_user, item, resolution):
    amendment = f.amendment(item, resolution, is_draft=True)
    assert client.get(url(amendment)).status_code == 404
    client.force_login(member_user)
    assert client.get(url(amendment)).status_code == 404


def test_an_amendment_of_an_unpublished_meeting_is_not_found(client, member_user):
    item = f.item(f.meeting(published=False))
    amendment = f.amendment(item, f.resolution(item))
    assert client.get(url(amendment)).status_code == 404
    client.force_login(member_user)
    assert client.get(url(amendment)).status_code == 404


def test_a_motion_is_not_an_amendment(client, item):
    motion = f.motion(item)
    assert client.get(reverse("amendment_detail", args=[motion.pk])).status_code == 404


def test_its_query_count_does_not_grow_with_the_resolution(
    client, member_user, django_assert_max_num_queries
):
    meeting = f.big_meeting(motions=200)
    amendment = meeting.proposals.filter(kind="amendment").first().amendment
    resolution = amendment.resolution_version.resolution
    clauses = [f"Punt {n}." for n in range(60)]
    version = f.version(resolution, clauses, make_current=False)
    Amendment.objects.filter(pk=amendment.pk).update(
        resolution_version=version, target_clause=version.clauses.get(position=30)
    )
    client.force_login(member_user)
    with django_assert_max_num_queries(12):
        html = page(client, amendment)
    assert "Punt 59." in html


def test_its_headings_go_down_one_level_at_a_time(client, item, resolution):
    assert_headings_in_order(page(client, f.amendment(item, resolution)))
