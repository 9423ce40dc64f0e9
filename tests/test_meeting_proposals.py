from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from agenda.models import Meeting
from motions.models import PreAdvice
from tests import factories as f
from tests.pages import assert_headings_in_order

pytestmark = pytest.mark.django_db


def url(meeting, **query):
    return reverse("meeting_proposals", args=[meeting.pk]) + (
        "?" + urlencode(query) if query else ""
    )


def titles(response):
    """The titles of the motions and amendments in the results, in order."""

    class Cards(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found, self.in_title = [], False

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag in ("h3", "h4") and attrs.get("id", "").startswith("proposal-"):
                self.in_title = True
                self.found.append("")

        def handle_endtag(self, tag):
            if tag in ("h3", "h4"):
                self.in_title = False

        def handle_data(self, data):
            if self.in_title:
                self.found[-1] += data

    parser = Cards()
    parser.feed(response.content.decode())
    return [t.strip() for t in parser.found]


@pytest.fixture
def meeting():
    mtg = f.meeting()
    parent = f.item(mtg, "Moties")
    first = f.item(mtg, "Zorg", parent=parent)
    second = f.item(mtg, "Asiel", parent=parent)
    other = f.item(mtg, "Financiën")
    deventer = f.member("Deventer")
    f.motion(first, "Tarieven jeugdzorg", submitters=[deventer], advice="overnemen")
    f.motion(second, "Opvang Oekraïners", advice="aanhouden", status="adopted")
    f.motion(other, "Ravijnjaar", advice="intrekken")
    return mtg


def test_it_lists_the_demo_motions_and_amendments_under_their_agenda_items(client, demo_meeting):
    response = client.get(url(demo_meeting))
    assert response.status_code == 200
    html = response.content.decode()
    assert "9 moties en amendementen gevonden" in html
    assert html.index("Agendapunt 7") < html.index("Agendapunt 8a") < html.index("Agendapunt 8b")
    assert "Motie Haaksbergen “Ravijnjaar, twee over twaalf!”" in titles(response)


def test_filtering_on_overnemen_keeps_only_the_motions_the_board_adopts(client, demo_meeting):
    response = client.get(url(demo_meeting, advice="overnemen"))
    assert titles(response) == [
        "Motie Apeldoorn “Gelijkwaardigheid als basis voor (aanvullend) Zorgakkoord”",
        "Motie Nunspeet en Harderwijk “Financiering van asielzoekerskinderen in de jeugdzorg”",
        "Motie Deventer “Landelijke tarieven inkoop jeugdzorg”",
    ]


def test_the_chosen_filters_stay_selected_so_the_address_can_be_shared(client, demo_meeting):
    html = client.get(url(demo_meeting, advice="overnemen", q="jeugd")).content.decode()
    assert '<option value="overnemen" selected>' in html
    assert 'value="jeugd"' in html


def test_filtering_on_a_parent_item_includes_its_sub_items(client, meeting):
    parent = meeting.items.get(title="Moties")
    found = titles(client.get(url(meeting, item=parent.pk)))
    assert len(found) == 2
    assert not any("Ravijnjaar" in t for t in found)


def test_filtering_on_a_sub_item_keeps_only_its_motions(client, meeting):
    sub = meeting.items.get(title="Asiel")
    found = titles(client.get(url(meeting, item=sub.pk)))
    assert len(found) == 1 and "Opvang Oekraïners" in found[0]


def test_filtering_on_status_keeps_only_motions_with_that_outcome(client, meeting):
    found = titles(client.get(url(meeting, status="adopted")))
    assert len(found) == 1 and "Opvang Oekraïners" in found[0]


def test_filtering_on_a_submitter_keeps_only_what_that_member_submitted(client, meeting):
    deventer = meeting.proposals.get(title="Tarieven jeugdzorg").submitters.get()
    assert titles(client.get(url(meeting, submitter=deventer.pk))) == [
        "Motie Deventer “Tarieven jeugdzorg”"
    ]


def test_filters_combine(client, meeting):
    parent = meeting.items.get(title="Moties")
    found = titles(client.get(url(meeting, item=parent.pk, advice="aanhouden")))
    assert len(found) == 1 and "Opvang Oekraïners" in found[0]
    assert titles(client.get(url(meeting, item=parent.pk, advice="intrekken"))) == []


@pytest.mark.parametrize(
    "term, expected",
    [
        ("ravijnjaar", "Ravijnjaar"),  # title, other case
        ("OEKRAINERS", "Opvang Oekraïners"),  # title, without accents
        ("Tekst van Tarieven", "Tarieven jeugdzorg"),  # the motion's text
        ("deventer", "Tarieven jeugdzorg"),  # a submitter
        ("Toelichting bij Ravijnjaar", "Ravijnjaar"),  # the published rationale
        ('"van Opvang"', "Opvang Oekraïners"),  # a quoted phrase
    ],
)
def test_search_finds_words_in_titles_texts_submitters_and_rationales(
    client, meeting, term, expected
):
    found = titles(client.get(url(meeting, q=term)))
    assert len(found) == 1, found
    assert expected in found[0]


def test_search_finds_the_text_and_explanation_of_an_amendment(client):
    item = f.item(f.meeting())
    res = f.resolution(item)
    f.amendment(item, res, new_text="Schrap de bezuiniging op het gemeentefonds.")
    f.amendment(item, res, new_text="Iets anders.", explanation="Want de jeugdzorg knelt.")
    assert len(titles(client.get(url(item.meeting, q="gemeentefonds")))) == 1
    assert len(titles(client.get(url(item.meeting, q="jeugdzorg knelt")))) == 1


def test_search_needs_every_word(client, meeting):
    assert len(titles(client.get(url(meeting, q="tarieven jeugdzorg")))) == 1
    assert titles(client.get(url(meeting, q="tarieven asiel"))) == []


def test_an_unpublished_ontraden_cannot_be_found_by_filter_or_search(client):
    item = f.item(f.meeting())
    f.motion(item, "Geheim advies", advice="ontraden", published_advice=False)
    f.motion(item, "Open advies", advice="overnemen")
    meeting = item.meeting
    assert titles(client.get(url(meeting, advice="ontraden"))) == []
    assert titles(client.get(url(meeting, q="Toelichting bij Geheim"))) == []
    assert titles(client.get(url(meeting, q="ontraden"))) == []
    # Members find it among those whose pre-advice is still to follow.
    found = titles(client.get(url(meeting, advice="volgt")))
    assert len(found) == 1 and "Geheim advies" in found[0]
    html = client.get(url(meeting, advice="volgt")).content.decode()
    assert "ontraden" not in html.split('id="results"')[1]


def test_the_secretariat_can_filter_on_pre_advice_not_yet_published(client, secretariat_user):
    item = f.item(f.meeting(published=False))
    f.motion(item, "Geheim advies", advice="ontraden", published_advice=False)
    client.force_login(secretariat_user)
    found = titles(client.get(url(item.meeting, advice="ontraden")))
    assert len(found) == 1 and "Geheim advies" in found[0]


def test_pre_advice_to_follow_is_not_confused_by_pre_advice_on_follow_ups(client):
    earlier = f.meeting(days=-200)
    adopted = f.motion(f.item(earlier), "Eerder aangenomen", status="adopted")
    meeting = f.meeting()
    follow_up_item = f.item(meeting, "Verantwoording", is_follow_up=True)
    PreAdvice.objects.create(
        follow_up=f.follow_up(follow_up_item, adopted), value="overnemen", state="settled"
    )
    f.motion(f.item(meeting), "Nog zonder advies")
    found = titles(client.get(url(meeting, advice="volgt")))
    assert len(found) == 1 and "Nog zonder advies" in found[0]


def test_draft_motions_are_not_listed_counted_or_offered_as_submitter(client):
    item = f.item(f.meeting())
    f.motion(item, "Openbaar")
    f.motion(item, "Concept", submitters=[f.member("Geheimgemeente")], is_draft=True)
    html = client.get(url(item.meeting)).content.decode()
    assert "Concept" not in html
    assert "Geheimgemeente" not in html
    assert "1 motie of amendement gevonden" in html
    assert titles(client.get(url(item.meeting, q="Concept"))) == []


def test_an_unpublished_meeting_has_no_list(client, member_user):
    meeting = f.meeting(published=False)
    f.motion(f.item(meeting), "Verborgen")
    assert client.get(url(meeting)).status_code == 404
    client.force_login(member_user)
    assert client.get(url(meeting)).status_code == 404


def test_a_members_only_meeting_lists_its_motions_for_members_only(client, member_user):
    meeting = f.meeting(visibility=Meeting.Visibility.MEMBERS)
    f.motion(f.item(meeting), "Besloten motie")
    assert client.get(url(meeting)).status_code == 404
    client.force_login(member_user)
    assert "Besloten motie" in client.get(url(meeting)).content.decode()


def test_an_unknown_filter_value_is_reported_and_ignored(client, meeting):
    response = client.get(url(meeting, advice="geheim", status="adopted"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    found = titles(response)
    assert len(found) == 1 and "Opvang Oekraïners" in found[0]


def test_an_item_of_another_meeting_is_not_a_valid_filter(client, meeting):
    elsewhere = f.item(f.meeting())
    response = client.get(url(meeting, item=elsewhere.pk))
    assert 'role="alert"' in response.content.decode()
    assert len(titles(response)) == 3


def test_with_htmx_it_returns_only_the_results_and_the_count(client, meeting):
    response = client.get(url(meeting, advice="intrekken"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="results"' in html
    assert 'id="result-count" hx-swap-oob="innerHTML"' in html
    assert "1 motie of amendement gevonden" in html
    assert len(titles(response)) == 1


def test_a_history_restore_by_htmx_gets_the_whole_page(client, meeting):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = client.get(url(meeting, advice="intrekken"), headers=headers)
    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize(
    "query",
    [
        {"status": "adopted"},
        {"advice": "ontraden"},
        {"advice": "volgt"},
        {"q": "Verborgen"},
        {"q": "Geheimgemeente"},
        {},
    ],
)
def test_no_filter_or_search_finds_drafts_or_motions_of_unpublished_meetings(
    client, member_user, query
):
    meeting = f.meeting()
    item = f.item(meeting)
    secret = f.member("Geheimgemeente")
    f.motion(item, "Verborgen concept", submitters=[secret], advice="ontraden", is_draft=True)
    f.motion(item, "Zichtbaar", status="adopted")
    client.force_login(member_user)
    response = client.get(url(meeting, **query))
    assert not any("Verborgen" in t for t in titles(response))
    html = response.content.decode()
    # Not among the results, nor offered as a submitter to filter on.
    assert "Geheimgemeente" not in html.split('id="results"')[1]
    assert ">Geheimgemeente</option>" not in html


def test_its_query_count_does_not_grow_with_the_meeting(
    client, member_user, django_assert_max_num_queries
):
    meeting = f.big_meeting(motions=200)
    client.force_login(member_user)
    with django_assert_max_num_queries(12):
        response = client.get(url(meeting))
    assert len(titles(response)) == 204
    parent = meeting.items.get(title="Moties")
    with django_assert_max_num_queries(12):
        response = client.get(
            url(meeting, item=parent.pk, advice="neutraal", status="submitted", q='"Motie 1"')
        )
    # Every fifth motion (3, 8, 13, ...) has "neutraal"; of those, 13, 18, 103, 108, ... match.
    found = titles(response)
    assert len(found) == 22 and all("“Motie 1" in t for t in found)


def test_its_headings_go_down_one_level_at_a_time(client, demo_meeting):
    assert_headings_in_order(client.get(url(demo_meeting)).content.decode())
