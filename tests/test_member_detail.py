import datetime as dt

import pytest
from django.urls import reverse

from agenda.models import Meeting, ResolutionSubmitter
from members.models import Member
from motions.models import Motion, Proposal
from tests import factories as f
from tests.pages import assert_headings_in_order

pytestmark = pytest.mark.django_db


def url(member):
    return reverse("member_detail", args=[member.pk])


def page(client, member):
    response = client.get(url(member))
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_what_the_member_submitted_across_meetings_newest_first(client):
    deventer = f.member("Deventer")
    earlier = f.meeting(title="ALV juni", days=-180)
    later = f.meeting(title="ALV december", days=20)
    f.motion(f.item(earlier), "Oude motie", submitters=[deventer], status="adopted")
    f.motion(f.item(later, "Jeugd"), "Landelijke tarieven", submitters=[deventer])
    f.motion(f.item(later), "Motie van een ander")
    html = page(client, deventer)
    assert "<h1" in html and "Deventer" in html
    assert html.index("ALV december") < html.index("Landelijke tarieven")
    assert html.index("Landelijke tarieven") < html.index("ALV juni") < html.index("Oude motie")
    assert "Motie van een ander" not in html
    assert "Agendapunt 1: Jeugd" in html
    assert "2 moties, amendementen en resoluties" in html


def test_it_shows_the_outcome_and_pre_advice_of_each(client):
    member = f.member()
    motion = f.motion(f.item(f.meeting()), "Aangenomen motie", submitters=[member])
    f.pre_advice(motion, "overnemen")
    Motion.objects.filter(pk=motion.pk).update(status="adopted", by_acclamation=True)
    html = page(client, member)
    assert "overnemen" in html and "aangenomen" in html and "bij acclamatie" in html


def test_it_includes_co_submitted_motions_amendments_and_resolutions(client):
    member = f.member("Gorinchem")
    item = f.item(f.meeting())
    f.motion(item, "Solidariteit", submitters=[f.member("Sliedrecht"), member])
    resolution = f.resolution(item, "Ledenresolutie")
    resolution.submitted_by_board = False
    resolution.save()
    ResolutionSubmitter.objects.create(resolution=resolution, member=member, position=1)
    f.amendment(item, f.resolution(item, "Bestuursresolutie"), submitters=[member])
    html = page(client, member)
    assert "Motie Sliedrecht en Gorinchem “Solidariteit”" in html
    assert "Resolutie “Ledenresolutie”" in html
    assert "Amendement Gorinchem" in html


def test_unpublished_meetings_drafts_and_unpublished_pre_advice_stay_hidden(client):
    member = f.member()
    f.motion(f.item(f.meeting(published=False)), "Nog niet gepubliceerd", submitters=[member])
    f.motion(f.item(f.meeting()), "Concept", submitters=[member], is_draft=True)
    f.motion(
        f.item(f.meeting()),
        "Met geheim advies",
        submitters=[member],
        advice="ontraden",
        published_advice=False,
    )
    html = page(client, member)
    assert "Nog niet gepubliceerd" not in html and "Concept" not in html
    assert "Met geheim advies" in html and "preadvies volgt" in html
    assert "ontraden" not in html
    assert "1 motie, amendement of resolutie" in html


def test_members_only_meetings_show_for_members_only(client, member_user):
    member = f.member()
    meeting = f.meeting(visibility=Meeting.Visibility.MEMBERS)
    f.motion(f.item(meeting), "Besloten motie", submitters=[member])
    assert "Besloten motie" not in page(client, member)
    client.force_login(member_user)
    assert "Besloten motie" in page(client, member)


def test_a_member_without_published_submissions_says_so(client):
    assert "Er is nog niets gepubliceerd dat dit lid heeft ingediend." in page(client, f.member())


def test_an_unknown_member_is_not_found(client):
    assert client.get(reverse("member_detail", args=[999999])).status_code == 404


def test_a_motion_held_over_to_an_unpublished_meeting_does_not_reveal_its_new_item(client):
    member = f.member()
    motion = f.motion(f.item(f.meeting(days=-60)), "Aangehouden", submitters=[member])
    Proposal.objects.filter(pk=motion.pk).update(
        agenda_item=f.item(f.meeting(published=False), "Geheim agendapunt")
    )
    html = page(client, member)
    assert "Aangehouden" in html and "Geheim agendapunt" not in html


def test_the_demo_member_page_of_haaksbergen_lists_its_motion(client, demo_meeting):
    html = page(client, Member.objects.get(name="Haaksbergen"))
    assert "Motie Haaksbergen “Ravijnjaar, twee over twaalf!”" in html
    assert "intrekken" in html


def test_its_query_count_does_not_grow_with_the_submissions(
    client, member_user, django_assert_max_num_queries
):
    member = f.member("Veelindiener")
    f.big_meeting(motions=200, submitter=member)
    other = f.meeting(title="Andere ALV", days=-100)
    for n in range(20):
        f.motion(f.item(other, f"Punt {n}"), f"Eerdere motie {n}", submitters=[member])
    client.force_login(member_user)
    with django_assert_max_num_queries(12):
        html = page(client, member)
    assert "220 moties, amendementen en resoluties" in html


def test_its_headings_go_down_one_level_at_a_time(client, demo_meeting):
    assert_headings_in_order(page(client, Member.objects.get(name="Haaksbergen")))


def test_a_merged_member_keeps_its_motions_under_its_old_name_and_points_to_its_successor(
    client,
):
    leeuwarden = f.member("Leeuwarden")
    merged = f.member("Leeuwarderadeel", member_until=dt.date(2017, 12, 31))
    merged.successors.set([leeuwarden])
    old = f.meeting(title="ALV juni 2017", days=-3000)
    motion = f.motion(f.item(old), "Oude motie", submitters=[merged])
    Member.objects.filter(pk=merged.pk).update(name="Leeuwarderadeel (opgeheven)")

    html = page(client, merged)
    assert "Lid tot 31 december 2017; nu onderdeel van" in html
    assert f'href="{url(leeuwarden)}">Leeuwarden</a>' in html
    assert "Oude motie" in html
    motion_page = client.get(motion.get_absolute_url()).content.decode()
    assert "Motie Leeuwarderadeel “Oude motie”" in motion_page
    assert "Leeuwarderadeel is nu onderdeel van Leeuwarden." in motion_page

    successor_page = page(client, leeuwarden)
    assert "Voorheen ook" in successor_page and "Leeuwarderadeel (opgeheven)" in successor_page
