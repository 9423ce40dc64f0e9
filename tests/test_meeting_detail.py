import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agenda.models import Meeting
from alv import roles
from alv.models import Association
from motions.models import Proposal
from tests import factories as f
from tests.conftest import make_user
from tests.pages import assert_headings_in_order

pytestmark = pytest.mark.django_db


def url(meeting):
    return reverse("meeting_detail", args=[meeting.pk])


def test_it_shows_the_demo_agenda_with_resolutions_motions_and_pre_advice(client, demo_meeting):
    response = client.get(url(demo_meeting))
    assert response.status_code == 200
    html = response.content.decode()
    for number in ("7", "8a", "8b", "8c", "9"):
        assert f'<span class="alv-visually-hidden">Agendapunt </span>{number}</span>' in html
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
    # The association is read once per process and kept under the papers' revision.
    Association.current()
    with django_assert_max_num_queries(12):
        response = client.get(url(meeting))
    assert response.content.decode().count('alv-proposal"') == 204


def test_it_links_every_motion_amendment_resolution_and_submitter_to_its_page(client):
    item = f.item(f.meeting())
    resolution = f.resolution(item, "Asielbeleid")
    amendment = f.amendment(item, resolution)
    motion = f.motion(item, "Solidariteit", submitters=[f.member("Sliedrecht")])
    html = client.get(url(item.meeting)).content.decode()
    for target in (resolution, amendment, motion, motion.submitters.get()):
        assert f'href="{target.get_absolute_url()}"' in html


def test_it_shows_the_pre_advice_as_a_badge_with_its_rationale_folded(client):
    item = f.item(f.meeting())
    f.motion(item, "Tarieven", advice="overnemen")
    html = client.get(url(item.meeting)).content.decode()
    assert 'alv-badge--overnemen">overnemen</span>' in html
    details = html.split('<details class="alv-details">')[1].split("</details>")[0]
    assert "Toelichting bij het preadvies" in details and "Toelichting bij Tarieven" in details


def test_it_shows_the_outcome_of_a_decided_motion(client):
    item = f.item(f.meeting())
    f.motion(item, "Ingetrokken motie", status="withdrawn")
    f.motion(item, "Open motie")
    html = client.get(url(item.meeting)).content.decode()
    assert "ingetrokken" in html and "nog niet besloten" in html


def test_its_headings_go_down_one_level_at_a_time(client, demo_meeting):
    html = client.get(url(demo_meeting)).content.decode()
    assert_headings_in_order(html)
    # Sub-item 8b is a section within item 8; its motions are one level lower again.
    assert '<h3 class="utrecht-heading-3" id="item-' in html
    assert '<h4 class="utrecht-heading-4" id="proposal-' in html


def test_it_links_the_list_of_all_motions_counting_only_what_is_published(client):
    item = f.item(f.meeting())
    f.motion(item, "Openbaar")
    f.motion(item, "Concept", is_draft=True)
    html = client.get(url(item.meeting)).content.decode()
    assert reverse("meeting_proposals", args=[item.meeting.pk]) in html
    assert "Zoeken en filteren in de moties en amendementen (1)" in html


def test_its_query_count_stays_fixed_with_resolutions_amendments_and_follow_ups(
    client, member_user, django_assert_max_num_queries
):
    meeting = f.big_meeting(motions=200, follow_ups=20)
    client.force_login(member_user)
    Association.current()  # read once per process, as above
    with django_assert_max_num_queries(17):
        html = client.get(url(meeting)).content.decode()
    assert html.count('alv-proposal"') == 200 + 4 + 20
    assert "Verslag 19" in html


def test_it_serves_unchanged_papers_without_assembling_them_again(
    client, member_user, django_assert_max_num_queries
):
    meeting = f.big_meeting(motions=200, follow_ups=20)
    client.force_login(member_user)
    client.get(url(meeting))
    # Session, user, roles and the papers' revision: nothing of the meeting or its papers.
    with django_assert_max_num_queries(4):
        again = client.get(url(meeting)).content.decode()
    assert again.count('alv-proposal"') == 200 + 4 + 20
    assert "Verslag 19" in again


def test_it_shows_a_change_to_the_papers_at_once(client, member_user):
    meeting = f.big_meeting(motions=20, follow_ups=0)
    client.force_login(member_user)
    client.get(url(meeting))
    Proposal.objects.filter(agenda_item__meeting=meeting).update(title="Hernoemd")
    assert "Hernoemd" in client.get(url(meeting)).content.decode()


def test_it_never_shows_members_the_papers_it_rendered_for_the_board(client, board_user):
    item = f.item(f.meeting())
    f.motion(item, "Nog in concept", is_draft=True)
    client.force_login(board_user)
    assert "Nog in concept" in client.get(url(item.meeting)).content.decode()
    client.logout()
    assert "Nog in concept" not in client.get(url(item.meeting)).content.decode()


def test_it_hides_pre_advice_at_once_when_its_publication_is_withdrawn(client, member_user):
    item = f.item(f.meeting())
    motion = f.motion(item, "Motie", advice="ontraden")
    client.force_login(member_user)
    assert "alv-badge--ontraden" in client.get(url(item.meeting)).content.decode()
    item.meeting.unpublish_pre_advice()
    html = client.get(url(item.meeting)).content.decode()
    assert "alv-badge--ontraden" not in html
    assert motion.title in html


def test_it_renders_the_papers_in_the_readers_language(client, member_user):
    item = f.item(f.meeting())
    f.motion(item, "Motie", advice="ontraden")
    client.force_login(member_user)
    assert "Preadvies bestuur:" in client.get(url(item.meeting)).content.decode()
    english = client.get(url(item.meeting), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Pre-advice of the board:" in english
    assert "Preadvies bestuur:" not in english


def test_the_public_gets_the_page_from_the_cache_with_a_csrf_token_of_their_own(
    client, django_assert_max_num_queries
):
    item = f.item(f.meeting(visibility=Meeting.Visibility.PUBLIC))
    f.motion(item, "Motie voor iedereen")
    client.get(url(item.meeting))
    visitor = Client(enforce_csrf_checks=True)
    with django_assert_max_num_queries(1):  # the papers' revision
        response = visitor.get(url(item.meeting))
    html = response.content.decode()
    assert "Motie voor iedereen" in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    switched = visitor.post(
        reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": token}
    )
    assert switched.status_code == 302


def test_the_public_sees_a_change_and_a_withdrawal_at_once(client):
    item = f.item(f.meeting(visibility=Meeting.Visibility.PUBLIC))
    motion = f.motion(item, "Motie")
    client.get(url(item.meeting))
    Proposal.objects.filter(pk=motion.pk).update(title="Hernoemd")
    assert "Hernoemd" in client.get(url(item.meeting)).content.decode()
    item.meeting.unpublish()
    assert client.get(url(item.meeting)).status_code == 404


def test_any_query_string_is_served_and_cached(client, django_assert_max_num_queries):
    item = f.item(f.meeting(visibility=Meeting.Visibility.PUBLIC))
    address = url(item.meeting) + "?q=" + "een spatie " * 40 + "&x=%00%FF"
    assert client.get(address).status_code == 200
    with django_assert_max_num_queries(1):  # the papers' revision
        assert client.get(address).status_code == 200


def test_a_member_gets_the_page_from_the_cache_with_their_own_name_and_csrf_token(
    client, member_user, django_assert_max_num_queries
):
    item = f.item(f.meeting())
    f.motion(item, "Motie voor leden")
    client.force_login(member_user)
    client.get(url(item.meeting))
    other = Client(enforce_csrf_checks=True)
    other.force_login(make_user("o'Brien & <Zn>", roles.MEMBER))
    with django_assert_max_num_queries(4):  # session, user, roles, the papers' revision
        html = other.get(url(item.meeting)).content.decode()
    assert "Motie voor leden" in html
    assert "Uitloggen (o&#x27;Brien &amp; &lt;Zn&gt;)" in html
    assert f"Uitloggen ({member_user.username})" not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert other.post(reverse("logout"), {"csrfmiddlewaretoken": token}).status_code == 302


def test_the_secretariat_never_gets_the_page_cached_for_members(
    client, member_user, secretariat_user
):
    meeting = f.meeting()
    client.force_login(member_user)
    meeting_day = reverse("live:meeting_day", args=[meeting.pk])
    assert meeting_day not in client.get(url(meeting)).content.decode()
    client.force_login(secretariat_user)
    assert meeting_day in client.get(url(meeting)).content.decode()


def test_the_cached_page_follows_the_meeting_live_once_its_day_has_come(client, monkeypatch):
    meeting = f.meeting(days=1)
    live = reverse("live:fragment", args=[meeting.pk])
    assert live not in client.get(url(meeting)).content.decode()
    tomorrow = timezone.now() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    assert live in client.get(url(meeting)).content.decode()
