"""A member's person finds their own member's motions and amendments first: on the meeting page
in a part of its own above the agenda, on the list of motions as the first group. The meeting
page is cached for everyone of an audience: that part is put in per reader, never served to
another member's people, and it costs a fixed number of queries."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agenda.models import Meeting
from alv import pagecache, roles
from alv.models import Association
from members.models import SubmitterGroup
from tests import factories as f
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

OWN_HEADING = 'id="own-heading"'


def person_of(member, name=None):
    client = Client()
    client.force_login(make_user(name or f"person-{member.pk}", roles.MEMBER, member=member))
    return client


def meeting_page(client, meeting, **headers):
    return client.get(reverse("meeting_detail", args=[meeting.pk]), **headers).content.decode()


def list_page(client, meeting, query=""):
    return client.get(reverse("meeting_proposals", args=[meeting.pk]) + query).content.decode()


def own_part(html):
    """The part with the reader's own member's motions, or "" when there is none."""
    if OWN_HEADING not in html:
        return ""
    start = html.rindex("<section", 0, html.index(OWN_HEADING))
    return html[start : html.index("</section>", start)]


@pytest.fixture
def papers():
    """A meeting with motions of Haaksbergen (alone, with Enschede, as one of a group), one of
    Enschede only and an amendment of Haaksbergen."""
    haaksbergen, enschede = f.member("Haaksbergen"), f.member("Enschede")
    meeting = f.meeting(visibility=Meeting.Visibility.MEMBERS)
    item = f.item(meeting, "Moties")
    later = f.item(meeting, "Resoluties")
    resolution = f.resolution(later, "Asielbeleid")
    twente = SubmitterGroup.objects.create(name="Regio Twente")
    twente.members.add(haaksbergen)
    return {
        "meeting": meeting,
        "haaksbergen": haaksbergen,
        "enschede": enschede,
        "alone": f.motion(item, "Ravijnjaar", submitters=[haaksbergen]),
        "together": f.motion(item, "Samen sterk", submitters=[enschede, haaksbergen]),
        "group": f.motion(item, "Twentse motie", submitters=[], submitter_group=twente),
        "theirs": f.motion(item, "Alleen Enschede", submitters=[enschede]),
        "amendment": f.amendment(later, resolution, submitters=[haaksbergen]),
        "draft": f.motion(item, "Nog in concept", submitters=[haaksbergen], is_draft=True),
    }


def test_a_members_person_finds_its_members_motions_and_amendments_first(papers):
    html = meeting_page(person_of(papers["haaksbergen"]), papers["meeting"])
    own = own_part(html)
    for name in ("alone", "together", "group", "amendment"):
        assert f'href="{papers[name].get_absolute_url()}"' in own, name
    assert "Alleen Enschede" not in own and "Nog in concept" not in own
    # Above the agenda, which still holds all of them.
    assert html.index(OWN_HEADING) < html.index('id="agenda-heading"')
    assert html.count(f'href="{papers["alone"].get_absolute_url()}"') == 2
    # In agenda order, each with its agenda item.
    assert own.index("Ravijnjaar") < own.index("Twentse motie") < own.index("Asielbeleid")
    assert "Agendapunt 2: Resoluties" in own


def test_the_part_is_named_with_the_associations_word_for_a_member(papers, set_association):
    client = person_of(papers["haaksbergen"])
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    assert "From your municipality" in own_part(meeting_page(client, papers["meeting"], **english))
    set_association(member_kinds=["province"])
    assert "From your province" in own_part(meeting_page(client, papers["meeting"], **english))


def test_the_cached_page_never_shows_one_members_part_to_another(papers):
    meeting = papers["meeting"]
    assert "Ravijnjaar" in own_part(meeting_page(person_of(papers["haaksbergen"]), meeting))
    enschede = own_part(meeting_page(person_of(papers["enschede"]), meeting))
    assert "Alleen Enschede" in enschede and "Ravijnjaar" not in enschede
    # A member of no submitting member, a member without one, and the board: no part at all.
    assert own_part(meeting_page(person_of(f.member("Delft")), meeting)) == ""
    member = Client()
    member.force_login(make_user("no-member", roles.MEMBER))
    assert own_part(meeting_page(member, meeting)) == ""
    board = Client()
    board.force_login(make_user("bestuurder", roles.BOARD))
    assert own_part(meeting_page(board, meeting)) == ""


def test_the_part_leaves_out_what_the_reader_may_not_see(papers):
    meeting = papers["meeting"]
    Meeting.objects.filter(pk=meeting.pk).update(published_at=None)
    response = person_of(papers["haaksbergen"]).get(reverse("meeting_detail", args=[meeting.pk]))
    assert response.status_code == 404
    assert b"Ravijnjaar" not in response.content


def test_the_cached_page_with_the_part_takes_the_same_queries_however_many_motions(
    papers, django_assert_num_queries
):
    meeting, haaksbergen = papers["meeting"], papers["haaksbergen"]
    client = person_of(haaksbergen)
    Association.current()  # read once per process, under the papers' revision
    meeting_page(client, meeting)
    # Session, user, roles, the papers' revision; the member's own with their submitters and
    # pre-advice.
    with django_assert_num_queries(7):
        meeting_page(client, meeting)
    item = meeting.items.get(title="Moties")
    for n in range(30):
        f.motion(item, f"Motie {n}", submitters=[haaksbergen], advice="overnemen")
    meeting_page(client, meeting)
    with django_assert_num_queries(7):
        html = meeting_page(client, meeting)
    assert own_part(html).count('alv-proposal"') == 4 + 30


def test_the_list_shows_the_members_own_first_and_the_rest_by_item(papers):
    html = list_page(person_of(papers["haaksbergen"]), papers["meeting"])
    own = own_part(html)
    for name in ("alone", "together", "group", "amendment"):
        assert f'href="{papers[name].get_absolute_url()}"' in own, name
    # Each once: the others under their items after the member's own.
    assert html.count(f'href="{papers["alone"].get_absolute_url()}"') == 1
    assert html.index(OWN_HEADING) < html.index("Alleen Enschede")
    assert "5 moties en amendementen gevonden" in html


def test_the_lists_filters_apply_to_the_members_own_too(papers):
    client = person_of(papers["haaksbergen"])
    html = list_page(client, papers["meeting"], "?q=Enschede")
    assert "Samen sterk" in own_part(html) and "Ravijnjaar" not in html
    html = list_page(client, papers["meeting"], "?q=Ravijnjaar")
    assert "Ravijnjaar" in own_part(html)
    assert "Geen motie of amendement" not in html  # found, if only among the own


def test_the_public_and_other_members_get_the_list_as_it_was(papers):
    html = list_page(person_of(papers["enschede"]), papers["meeting"])
    assert "Ravijnjaar" not in own_part(html) and "Ravijnjaar" in html
    member = Client()
    member.force_login(make_user("no-member", roles.MEMBER))
    assert own_part(list_page(member, papers["meeting"])) == ""


def test_the_lists_queries_do_not_grow_with_the_members_own(papers, django_assert_max_num_queries):
    meeting, haaksbergen = papers["meeting"], papers["haaksbergen"]
    client = person_of(haaksbergen)
    Association.current()
    list_page(client, meeting)
    with CaptureQueriesContext(connection) as few:
        list_page(client, meeting)
    item = meeting.items.get(title="Moties")
    for n in range(30):
        f.motion(item, f"Motie {n}", submitters=[haaksbergen], advice="overnemen")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = list_page(client, meeting)
    assert own_part(html).count('alv-proposal"') == 4 + 30


def test_a_members_person_with_a_message_waiting_gets_the_page_uncached_with_its_own_part(
    papers,
):
    """A page with a message for the reader is never cached: it is rendered for the reader
    alone, and their own part is put in there too, never left as a placeholder."""
    client = person_of(papers["haaksbergen"])
    waiting = CookieStorage(RequestFactory().get("/"))
    client.cookies[waiting.cookie_name] = waiting._encode(
        [Message(constants.SUCCESS, "Opgeslagen.")]
    )
    html = meeting_page(client, papers["meeting"])
    assert "Opgeslagen." in html
    assert f'href="{papers["alone"].get_absolute_url()}"' in own_part(html)
    assert pagecache.placeholder("own_member") not in html
