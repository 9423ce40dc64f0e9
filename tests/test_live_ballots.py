"""Votes per member (live/views/ballots.py)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from agenda.outcomes import Status
from members.models import Member, Population
from motions.models import Ballot, PreAdvice, Proposal
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    return f.item(f.meeting())


@pytest.fixture
def members():
    rows = []
    for name, population in (("Groot", 300_000), ("Middel", 100_000), ("Klein", 100_000)):
        rows.append(f.member(name, population=population))
    return rows


def url(item, kind, pk):
    return reverse("live:ballots", args=[item.meeting_id, kind, pk])


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def as_on_the_page(secretariat, address, data):
    """The votes as the page sends them: with the stamp of the decision it shows."""
    page = secretariat.get(address).content.decode()
    return {**data, "shown": re.search(r'name="shown" value="([^"]*)"', page).group(1)}


def test_it_is_for_the_secretariat_only(client, item, member_user):
    motion = f.motion(item)
    assert client.get(url(item, "proposal", motion.pk)).status_code == 302
    client.force_login(member_user)
    assert client.get(url(item, "proposal", motion.pk)).status_code == 403


def test_it_lists_every_active_member_with_the_weight_of_its_card(secretariat, item, members):
    motion = f.motion(item)
    html = secretariat.get(url(item, "proposal", motion.pk)).content.decode()
    assert "Groot" in html and "300000" in html
    assert html.count('type="radio"') == 4 * Member.objects.active().count()


def test_saving_the_votes_records_the_weighted_result(secretariat, item, members, set_association):
    set_association(vote_weights="population")
    motion = f.motion(item)
    groot, middel, klein = members
    data = {f"m{groot.pk}": "for", f"m{middel.pk}": "against", f"m{klein.pk}": "abstain"}
    address = url(item, "proposal", motion.pk)
    response = secretariat.post(address, as_on_the_page(secretariat, address, data))
    assert response.status_code == 302
    motion = Proposal.objects.get(pk=motion.pk)
    assert motion.status == Status.ADOPTED
    assert (motion.percent_for, motion.percent_against, motion.percent_abstain) == (
        Decimal("60"),
        Decimal("20"),
        Decimal("20"),
    )
    assert Ballot.objects.filter(proposal=motion).count() == 3
    html = secretariat.get(url(item, "proposal", motion.pk)).content.decode()
    assert (
        f'name="m{groot.pk}" value="for" aria-labelledby="choice-for member-{groot.pk}" checked'
        in html
    )


def test_an_invalid_vote_changes_nothing(secretariat, item, members):
    motion = f.motion(item)
    response = secretariat.post(url(item, "proposal", motion.pk), {f"m{members[0].pk}": "original"})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not Ballot.objects.exists()


def test_an_amendment_the_board_did_not_adopt_is_voted_three_ways(secretariat, item, members):
    amendment = f.amendment(item, f.resolution(item))
    PreAdvice.objects.create(proposal=amendment, value="ontraden", state="settled")
    html = secretariat.get(url(item, "proposal", amendment.pk)).content.decode()
    assert 'value="amended"' in html and 'value="for"' not in html
    groot, middel, klein = members
    data = {f"m{groot.pk}": "amended", f"m{middel.pk}": "original", f"m{klein.pk}": "neither"}
    address = url(item, "proposal", amendment.pk)
    secretariat.post(address, as_on_the_page(secretariat, address, data))
    amendment.refresh_from_db()
    assert amendment.status == Status.ADOPTED
    assert amendment.percent_amended == Decimal("60")


def test_votes_on_a_resolution_and_on_an_item_as_such(secretariat, item, members):
    resolution = f.resolution(item)
    address = url(item, "resolution", resolution.pk)
    secretariat.post(
        address, as_on_the_page(secretariat, address, {f"m{members[0].pk}": "against"})
    )
    resolution.refresh_from_db()
    assert resolution.status == Status.REJECTED
    assert secretariat.get(url(item, "item", item.pk)).status_code == 404


def test_its_query_count_does_not_grow_with_the_number_of_members(
    secretariat, item, django_assert_max_num_queries
):
    motion = f.motion(item)
    created = Member.objects.bulk_create(
        Member(name=f"Stemgemeente {n}", code=f"GB{n:04d}") for n in range(300)
    )
    Population.objects.bulk_create(
        Population(member=m, valid_from=f.FIGURES_FROM, inhabitants=1000 + n)
        for n, m in enumerate(created)
    )
    # One of them reads the association (the vote-weight rule) with the papers' revision.
    # With the second factor of the secretary and the association: constant, whatever the size.
    with django_assert_max_num_queries(12):
        response = secretariat.get(url(item, "proposal", motion.pk))
    assert response.content.decode().count("<tr") > 300


def test_votes_saved_from_a_stale_page_do_not_replace_the_first(secretariat, item, members):
    motion = f.motion(item)
    address = url(item, "proposal", motion.pk)
    groot, middel, klein = members
    first = as_on_the_page(secretariat, address, {f"m{groot.pk}": "for"})
    second = {**first, f"m{groot.pk}": "against"}  # the same page, another browser
    assert secretariat.post(address, first).status_code == 302
    response = secretariat.post(address, second)
    assert response.status_code == 400
    assert "Intussen heeft iemand anders vastgelegd: aangenomen" in response.content.decode()
    # What was typed stays on the page.
    assert f'value="against" aria-labelledby="choice-against member-{groot.pk}" checked' in (
        response.content.decode()
    )
    assert list(Ballot.objects.values_list("member", "choice")) == [(groot.pk, "for")]
    assert Proposal.objects.get(pk=motion.pk).status == Status.ADOPTED
