import pytest
from django.urls import reverse

from agenda.models import Meeting
from tests import factories as f

pytestmark = pytest.mark.django_db


def url(meeting):
    return reverse("meeting_detail", args=[meeting.pk])


def test_it_shows_the_demo_agenda_with_resolutions_motions_and_pre_advice(client, demo_meeting):
    response = client.get(url(demo_meeting))
    assert response.status_code == 200
    html = response.content.decode()
    for number in ("7", "8a", "8b", "8c", "9"):
        assert f'<span class="alv-number">{number}</span>' in html
    assert "Motie Haaksbergen “Ravijnjaar, twee over twaalf!”" in html
    assert "Motie Sliedrecht en Gorinchem “Solidariteit in de asielopvang”" in html
    assert "Zoetermeer en Leidschendam-Voorburg" in html
    assert "Amendement Hilversum en &#x27;s-Hertogenbosch" in html
    assert "Motie Goirle “Compensatie onderwijshuisvesting”" in html
    assert "Dat indien de omstandigheden daartoe aanleiding geven er een Extra ALV" in html
    assert "intrekken" in html and "overnemen" in html and "aanhouden" in html


def test_it_hides_an_unpublished_meeting_from_the_public_and_members(client, member_user):
    meeting = f.meeting(published=False)
    assert client.get(url(meeting)).status_code == 404
    client.force_login(member_user)
    assert client.get(url(meeting)).status_code == 404


def test_it_shows_an_unpublished_meeting_to_the_secretariat(client, secretariat_user):
    meeting = f.meeting(published=False, title="Voorbereiding")
    client.force_login(secretariat_user)
    assert "Voorbereiding" in client.get(url(meeting)).content.decode()


def test_it_asks_members_to_log_in_for_a_members_only_meeting(client, member_user):
    meeting = f.meeting(visibility=Meeting.Visibility.MEMBERS, title="Besloten")
    assert client.get(url(meeting)).status_code == 404
    client.force_login(member_user)
    assert "Besloten" in client.get(url(meeting)).content.decode()


def test_it_shows_preadvies_volgt_until_the_pre_advice_is_published(client):
    item = f.item(f.meeting())
    f.motion(item, "Geheim advies", advice="ontraden", published_advice=False)
    html = client.get(url(item.meeting)).content.decode()
    assert "preadvies volgt" in html
    assert "ontraden" not in html
    assert "Toelichting bij Geheim advies" not in html


def test_it_leaves_out_draft_motions(client):
    item = f.item(f.meeting())
    f.motion(item, "Nog in concept", is_draft=True)
    assert "Nog in concept" not in client.get(url(item.meeting)).content.decode()


def test_its_query_count_does_not_grow_with_the_meeting(client, django_assert_max_num_queries):
    meeting = f.meeting()
    parent = f.item(meeting, "Moties")
    for n in range(4):
        sub = f.item(meeting, f"Sub {n}", parent=parent)
        res = f.resolution(sub)
        f.amendment(sub, res)
        for m in range(50):
            f.motion(sub, f"Motie {n}-{m}", advice="overnemen")
    with django_assert_max_num_queries(12):
        response = client.get(url(meeting))
    assert response.content.decode().count('alv-proposal"') == 204
