from decimal import Decimal

import pytest
from django.urls import reverse

from agenda.models import Meeting
from motions.models import Motion
from tests import factories as f
from tests.pages import assert_headings_in_order

pytestmark = pytest.mark.django_db


def url(motion):
    return reverse("motion_detail", args=[motion.pk])


def page(client, motion):
    response = client.get(url(motion))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def motion():
    item = f.item(f.meeting(), "Financiën")
    res = f.resolution(item, "VNG-inzet richting kabinet")
    mot = f.motion(
        item,
        "Ravijnjaar, twee over twaalf!",
        submitters=[f.member("Haaksbergen"), f.member("Son en Breugel")],
        resolution=res,
        request_intro="roept het bestuur op",
    )
    return f.motion_parts(
        mot,
        [
            ("preamble", "De algemene ledenvergadering van de VNG, bijeen op 11 december 2024,"),
            ("finding", "gemeenten een ravijnjaar tegemoet gaan;"),
            ("consideration", "taken en middelen in balans moeten zijn;"),
            ("request", "het kabinet aan te spreken;"),
            ("request", "de leden te informeren;"),
            ("closing", "en gaat over tot de orde van de dag."),
        ],
    )


def test_it_shows_the_full_text_in_its_parts_in_order(client, motion):
    html = page(client, motion)
    order = [
        "bijeen op 11 december 2024",
        "constaterende dat:",
        "gemeenten een ravijnjaar tegemoet gaan",
        "overwegende dat:",
        "taken en middelen in balans",
        "roept het bestuur op:",
        "het kabinet aan te spreken",
        "de leden te informeren",
        "en gaat over tot de orde van de dag.",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert "<ol" in html.split("roept het bestuur op:")[1].split("</ol>")[0]


def test_it_names_its_submitters_as_links_to_their_member_pages(client, motion):
    html = page(client, motion)
    assert "<h1" in html and "Motie Haaksbergen en Son en Breugel “Ravijnjaar" in html
    for member in motion.submitters.all():
        assert f'href="{member.get_absolute_url()}">{member.name}</a>' in html


def test_it_links_its_agenda_item_and_related_resolution(client, motion):
    html = page(client, motion)
    assert f'href="{motion.agenda_item.get_absolute_url()}"' in html
    assert "Agendapunt 1: Financiën" in html
    assert f'href="{motion.resolution.get_absolute_url()}"' in html
    assert "Resolutie “VNG-inzet richting kabinet”" in html


def test_without_a_related_resolution_it_links_the_resolutions_of_its_item(client):
    item = f.item(f.meeting())
    res = f.resolution(item, "Asielbeleid")
    html = page(client, f.motion(item, "Solidariteit"))
    assert f'href="{res.get_absolute_url()}"' in html


def test_it_shows_the_published_pre_advice_with_its_rationale_open(client, motion):
    f.pre_advice(motion, "ontraden", rationale="Het bestuur ziet meer in de resolutie.")
    html = page(client, motion)
    assert "ontraden" in html
    assert "Het bestuur ziet meer in de resolutie." in html


def test_it_shows_preadvies_volgt_until_the_pre_advice_is_published(client, motion):
    f.pre_advice(motion, "ontraden", published=False, rationale="Nog geheim.")
    html = page(client, motion)
    assert "preadvies volgt" in html
    assert "ontraden" not in html and "Nog geheim." not in html


def test_the_secretariat_sees_unpublished_pre_advice_marked_as_such(
    client, secretariat_user, motion
):
    f.pre_advice(motion, "ontraden", published=False, rationale="Nog geheim.")
    client.force_login(secretariat_user)
    html = page(client, motion)
    assert "Nog geheim." in html and "niet gepubliceerd" in html


def test_it_shows_the_submitters_answer_to_a_request_to_withdraw(client, motion):
    f.pre_advice(motion, "intrekken", response="maintains")
    assert "Antwoord op het verzoek tot intrekken: de indieners handhaven haar" in page(
        client, motion
    )


def test_it_says_when_the_submitters_have_not_yet_answered(client, motion):
    f.pre_advice(motion, "intrekken")
    assert "Antwoord op het verzoek tot intrekken: nog niet bekend" in page(client, motion)


def test_it_shows_the_outcome_with_the_vote_result(client, motion):
    Motion.objects.filter(pk=motion.pk).update(
        status="adopted",
        percent_for=Decimal("91.80"),
        percent_against=Decimal("6.20"),
        percent_abstain=Decimal("2.00"),
    )
    html = page(client, motion)
    # As every page and file reads it (agenda.outcomes.describe).
    assert "aangenomen met 91,80% voor, 6,20% tegen en 2,00% onthouding" in html


def test_it_shows_an_adoption_by_acclamation(client, motion):
    Motion.objects.filter(pk=motion.pk).update(status="adopted", by_acclamation=True)
    assert "bij acclamatie" in page(client, motion)


def test_it_gives_its_permanent_link(client, motion):
    assert f"http://testserver{url(motion)}" in page(client, motion)


def test_it_lists_the_follow_up_of_the_motion_at_later_meetings(client):
    earlier = f.meeting(days=-200)
    motion = f.motion(f.item(earlier), "Compensatie onderwijshuisvesting", status="adopted")
    later = f.meeting(title="Latere ALV")
    item = f.item(later, "Verantwoording uitvoering moties", is_follow_up=True)
    f.follow_up(item, motion, report="Uitgevoerd via de meicirculaire.")
    html = page(client, motion)
    assert "Latere ALV" in html and "Uitgevoerd via de meicirculaire." in html


def test_a_draft_motion_is_not_found(client, member_user):
    motion = f.motion(f.item(f.meeting()), "Concept", is_draft=True)
    assert client.get(url(motion)).status_code == 404
    client.force_login(member_user)
    assert client.get(url(motion)).status_code == 404


def test_a_motion_of_an_unpublished_meeting_is_not_found(client, member_user):
    motion = f.motion(f.item(f.meeting(published=False)), "Voorbereid")
    assert client.get(url(motion)).status_code == 404
    client.force_login(member_user)
    assert client.get(url(motion)).status_code == 404


def test_a_motion_of_a_members_only_meeting_is_for_members(client, member_user):
    meeting = f.meeting(visibility=Meeting.Visibility.MEMBERS)
    motion = f.motion(f.item(meeting), "Besloten")
    assert client.get(url(motion)).status_code == 404
    client.force_login(member_user)
    assert "Besloten" in page(client, motion)


def test_an_amendment_is_not_a_motion(client):
    item = f.item(f.meeting())
    amendment = f.amendment(item, f.resolution(item))
    assert client.get(reverse("motion_detail", args=[amendment.pk])).status_code == 404


def test_it_does_not_reveal_the_agenda_item_of_a_later_meeting_not_yet_published(client):
    motion = f.motion(f.item(f.meeting(days=-100)), "Aangehouden motie")
    later_item = f.item(f.meeting(published=False), "Geheim agendapunt")
    Motion.objects.filter(pk=motion.pk).update(agenda_item=later_item)
    html = page(client, motion)
    assert "Geheim agendapunt" not in html
    assert later_item.get_absolute_url() not in html


def test_it_speaks_english_on_request(client, motion):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = page(client, motion)
    assert "Text of the motion" in html and "Permanent link" in html
    # The motion's own words stay Dutch, marked as such for screen readers.
    assert '<div class="alv-motion-text" lang="nl">' in html
    assert "constaterende dat:" in html


def test_its_query_count_does_not_grow_with_the_motion(
    client, member_user, django_assert_max_num_queries
):
    meeting = f.big_meeting(motions=200)
    motion = meeting.proposals.filter(kind="motion").last().motion
    f.motion_parts(motion, [("finding", f"Punt {n}") for n in range(30)])
    for n in range(20):
        later = f.item(f.meeting(days=60 + n), "Verantwoording", is_follow_up=True)
        f.follow_up(later, motion)
    client.force_login(member_user)
    # With the association (read once per revision of the papers): constant.
    with django_assert_max_num_queries(16):
        html = page(client, motion)
    assert "Punt 29" in html


def test_its_headings_go_down_one_level_at_a_time(client, motion):
    f.pre_advice(motion, "overnemen")
    assert_headings_in_order(page(client, motion))


def test_a_member_gets_it_again_from_the_cache_and_a_change_at_once(
    client, member_user, motion, django_assert_max_num_queries
):
    f.pre_advice(motion, "overnemen", rationale="Goed plan.")
    client.force_login(member_user)
    page(client, motion)
    with django_assert_max_num_queries(4):  # session, user, roles, the papers' revision
        assert "Goed plan." in page(client, motion)
    motion.meeting.unpublish_pre_advice()
    assert "Goed plan." not in page(client, motion)


def test_its_permanent_link_names_the_host_the_reader_asked(client, motion):
    page(client, motion)
    html = client.get(url(motion), HTTP_HOST="localhost").content.decode()
    assert f"http://localhost{url(motion)}" in html
