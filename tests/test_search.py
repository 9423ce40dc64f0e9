import pytest

from alv.search import fold
from motions.models import Proposal
from tests import factories as f


def test_folding_drops_case_accents_and_typographic_quotes():
    assert fold("Oekraïners") == "oekrainers"
    assert fold("ÉÉN") == "een"
    assert fold("’s-Hertogenbosch") == "'s-hertogenbosch"
    assert fold(None) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "term", ["oekrainers", "OEKRAÏNERS", "Oekraïners", "oekraïn", "'s-Hertogenbosch"]
)
def test_the_database_folds_the_same_way_as_python(term):
    item = f.item(f.meeting())
    f.motion(item, "Opvang voor Oekraïners in ’s-Hertogenbosch")
    f.motion(item, "Iets anders")
    found = Proposal.objects.filter(**{"title__fold__contains": fold(term)})
    assert [p.title for p in found] == ["Opvang voor Oekraïners in ’s-Hertogenbosch"]


@pytest.mark.django_db
def test_like_wildcards_in_a_search_term_are_taken_literally():
    item = f.item(f.meeting())
    f.motion(item, "Honderd procent")
    f.motion(item, "100% zeker")
    found = Proposal.objects.filter(title__fold__contains=fold("%"))
    assert [p.title for p in found] == ["100% zeker"]
