"""An adopted amendment changes the resolution's text: a new version with the change applied
to a copy of the clauses, the amended version kept readable."""

import pytest
from django.core.exceptions import ValidationError

from agenda.models import Resolution, ResolutionVersion
from agenda.outcomes import Status
from motions import amending, votes
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    return f.item(f.meeting())


@pytest.fixture
def resolution(item):
    return f.resolution(item, clauses=("Een.", "Twee.", "Drie."))


def texts(version):
    return [c.text for c in version.clauses.order_by("position")]


def current(resolution):
    return Resolution.objects.get(pk=resolution.pk).current_version


def adopt(amendment):
    votes.record_outcome(amendment, Status.ADOPTED, by_acclamation=True)


def test_an_adopted_replacement_makes_a_published_amended_version(item, resolution):
    base = resolution.current_version
    adopt(f.amendment(item, resolution, 2, "replace", "Twee, beter."))
    new = current(resolution)
    assert texts(new) == ["Een.", "Twee, beter.", "Drie."]
    assert new.number == 2 and new.amended_from == base
    assert new.intro == base.intro
    assert new.published_at is not None
    assert texts(base) == ["Een.", "Twee.", "Drie."]


def test_an_insertion_comes_after_its_clause_or_before_the_first(item, resolution):
    adopt(f.amendment(item, resolution, 2, "insert", "Na twee."))
    first = f.amendment(item, resolution, 1, "insert", "Vooraan.")
    first.target_clause = None
    first.save()
    adopt(first)
    assert texts(current(resolution)) == ["Vooraan.", "Een.", "Twee.", "Na twee.", "Drie."]


def test_a_deletion_drops_the_clause_and_renumbers(item, resolution):
    adopt(f.amendment(item, resolution, 1, "delete", ""))
    new = current(resolution)
    assert [(c.position, c.text) for c in new.clauses.order_by("position")] == [
        (1, "Twee."),
        (2, "Drie."),
    ]


def test_several_adopted_amendments_make_one_amended_version_in_the_order_adopted(item, resolution):
    adopt(f.amendment(item, resolution, 3, "insert", "Eerst ingevoegd."))
    adopt(f.amendment(item, resolution, 3, "insert", "Daarna ingevoegd."))
    adopt(f.amendment(item, resolution, 1, "replace", "Eén."))
    assert texts(current(resolution)) == [
        "Eén.",
        "Twee.",
        "Drie.",
        "Eerst ingevoegd.",
        "Daarna ingevoegd.",
    ]
    assert ResolutionVersion.objects.filter(resolution=resolution).count() == 2


def test_undoing_the_only_adoption_restores_the_base_version(item, resolution):
    base = resolution.current_version
    amendment = f.amendment(item, resolution, 2, "replace", "Anders.")
    adopt(amendment)
    votes.record_outcome(amendment, Status.REJECTED)
    assert current(resolution) == base
    assert ResolutionVersion.objects.filter(resolution=resolution).count() == 1


def test_a_clause_deleted_by_one_amendment_cannot_be_replaced_by_another(item, resolution):
    adopt(f.amendment(item, resolution, 2, "delete", ""))
    second = f.amendment(item, resolution, 2, "replace", "Toch anders.")
    with pytest.raises(ValidationError):
        adopt(second)
    assert Resolution.objects.get(pk=resolution.pk).current_version.clauses.count() == 2
    second.refresh_from_db()
    assert second.status == Status.SUBMITTED


def test_it_will_not_overwrite_a_newer_version_made_by_hand(item, resolution):
    amendment = f.amendment(item, resolution, 2, "replace", "Anders.")
    newer = ResolutionVersion.objects.create(resolution=resolution, number=2)
    resolution.current_version = newer
    resolution.save()
    with pytest.raises(ValidationError):
        adopt(amendment)
    amendment.refresh_from_db()
    assert amendment.status == Status.SUBMITTED
    assert current(resolution) == newer


def test_amended_clauses_is_a_pure_function_of_the_base_and_the_amendments(item, resolution):
    base = resolution.current_version
    amendment = f.amendment(item, resolution, 3, "replace", "Drie, nieuw.")
    clauses = list(base.clauses.order_by("position"))
    assert amending.amended_clauses(clauses, [amendment]) == ["Een.", "Twee.", "Drie, nieuw."]
    assert texts(base) == ["Een.", "Twee.", "Drie."]
