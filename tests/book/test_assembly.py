import pytest
from django.utils import timezone

from agenda.models import ResolutionVersion
from book import assembly
from motions.models import PreAdvice
from tests import factories as f

pytestmark = pytest.mark.django_db


def all_text(book):
    """Every string the book holds, for "does it show X" questions."""
    import json
    from dataclasses import asdict

    return json.dumps(asdict(book), ensure_ascii=False)


def test_the_demo_book_has_the_agenda_in_reading_order_with_motions_under_their_item(
    demo_meeting,
):
    book = assembly.build(demo_meeting, assembly.MEMBER)
    assert [s.number for s in book.items] == [
        "1", "2", "3", "4", "5", "6", "7", "8", "8a", "8b", "8c", "9", "10", "11"
    ]  # fmt: skip
    by_number = {s.number: s for s in book.items}
    assert [p.heading for p in by_number["7"].proposals] == [
        "Motie Alphen aan den Rijn “Dringende Actie voor Betrouwbare en Voldoende Financiering "
        "voor Gemeentelijke Taken”",
        "Motie Haaksbergen “Ravijnjaar, twee over twaalf!”",
        "Motie Son en Breugel “Kabinet kom over de brug of krijg de taken terug”",
    ]
    assert [p.pre_advice.value for p in by_number["7"].proposals] == ["intrekken"] * 3
    assert [p.kind for p in by_number["8a"].proposals] == ["amendment", "motion"]
    assert by_number["8a"].proposals[0].submitters == ["Hilversum", "'s-Hertogenbosch"]
    assert len(by_number["9"].follow_ups) == 4


def test_the_resolution_shows_its_current_version_with_the_six_clauses_in_order(demo_meeting):
    book = assembly.build(demo_meeting, assembly.MEMBER)
    resolution = next(s for s in book.items if s.number == "7").resolutions[0]
    assert resolution.version_label == "Geactualiseerde resolutie"
    assert [c.number for c in resolution.clauses] == [1, 2, 3, 4, 5, 6]
    assert resolution.clauses[5].text.startswith("Dat indien de omstandigheden")


def test_a_motion_keeps_its_parts_with_the_opening_words_once_per_run():
    item = f.item(f.meeting())
    motion = f.motion(item, "Delen")
    motion.parts.all().delete()
    for position, (kind, text) in enumerate(
        [("finding", "a"), ("finding", "b"), ("consideration", "c"), ("request", "d")], start=1
    ):
        motion.parts.create(position=position, kind=kind, text=text)
    block = assembly.build(item.meeting, assembly.MEMBER).items[0].proposals[0]
    assert [(p.label, p.text) for p in block.parts] == [
        ("constaterende dat", "a"),
        ("", "b"),
        ("overwegende dat", "c"),
        ("verzoekt het bestuur", "d"),
    ]


def test_an_amendment_is_shown_as_struck_and_inserted_words_of_its_clause():
    item = f.item(f.meeting())
    resolution = f.resolution(item, clauses=["Gemeenten krijgen geld.", "Tweede."])
    f.amendment(item, resolution, clause_number=1, new_text="Gemeenten krijgen genoeg geld.")
    block = assembly.build(item.meeting, assembly.MEMBER).items[0].proposals[0]
    assert block.clause_number == 1
    assert [(s["op"], s["text"]) for s in block.segments] == [
        ("equal", "Gemeenten krijgen "),
        ("insert", "genoeg "),
        ("equal", "geld."),
    ]


def test_the_member_edition_leaves_out_everything_unpublished():
    meeting = f.meeting()
    item = f.item(meeting, "Financiën")
    f.motion(item, "Conceptmotie", is_draft=True)
    f.motion(item, "Met stil advies", advice="ontraden", published_advice=False)
    resolution = f.resolution(item, clauses=["Gepubliceerde tekst."])
    draft = ResolutionVersion.objects.create(resolution=resolution, number=2)
    draft.clauses.create(position=1, text="Geheime nieuwe tekst.")
    resolution.current_version = draft
    resolution.save(update_fields=["current_version"])

    member = all_text(assembly.build(meeting, assembly.MEMBER))
    assert "Conceptmotie" not in member
    assert "Met stil advies" in member
    assert "Toelichting bij Met stil advies" not in member and "ontraden" not in member
    assert "Geheime nieuwe tekst." not in member and "Gepubliceerde tekst." in member

    secretariat = assembly.build(meeting, assembly.SECRETARIAT)
    text = all_text(secretariat)
    assert "Conceptmotie" in text and "Toelichting bij Met stil advies" in text
    assert "Geheime nieuwe tekst." in text
    assert secretariat.is_concept


def test_the_secretariat_edition_of_published_papers_is_no_concept():
    item = f.item(f.meeting())
    f.motion(item, "Klaar", advice="overnemen")
    assert not assembly.build(item.meeting, assembly.SECRETARIAT).is_concept
    assert not assembly.build(item.meeting, assembly.MEMBER).is_concept


def test_the_hash_stays_the_same_for_unchanged_papers_and_changes_with_any_edit():
    item = f.item(f.meeting())
    motion = f.motion(item, "Eerste titel", advice="overnemen")
    first = assembly.build(item.meeting, assembly.MEMBER).content_hash()
    assert assembly.build(item.meeting, assembly.MEMBER).content_hash() == first
    assert assembly.build(item.meeting, assembly.SECRETARIAT).content_hash() != first

    PreAdvice.objects.filter(proposal=motion).update(rationale="Een andere toelichting.")
    second = assembly.build(item.meeting, assembly.MEMBER).content_hash()
    assert second != first


def test_an_unpublished_pre_advice_does_not_change_the_member_edition():
    item = f.item(f.meeting())
    motion = f.motion(item, "Motie")
    before = assembly.build(item.meeting, assembly.MEMBER).content_hash()
    PreAdvice.objects.create(proposal=motion, value="ontraden", rationale="Nog geheim")
    assert assembly.build(item.meeting, assembly.MEMBER).content_hash() == before
    PreAdvice.objects.filter(proposal=motion).update(state="settled", published_at=timezone.now())
    assert assembly.build(item.meeting, assembly.MEMBER).content_hash() != before


def test_a_single_item_and_a_single_motion_are_books_of_their_own():
    meeting = f.meeting()
    first = f.item(meeting, "Eerste")
    second = f.item(meeting, "Tweede")
    f.motion(first, "Hier")
    motion = f.motion(second, "Daar")
    only_item = assembly.build(meeting, assembly.MEMBER, assembly.ITEM, second)
    assert [s.title for s in only_item.items] == ["Tweede"]
    assert only_item.toc == [] and only_item.appendix == []
    only_motion = assembly.build(meeting, assembly.MEMBER, assembly.PROPOSAL, motion)
    assert [p.title for s in only_motion.items for p in s.proposals] == ["Daar"]


def test_a_draft_motion_has_no_member_edition_of_its_own():
    item = f.item(f.meeting())
    draft = f.motion(item, "Concept", is_draft=True)
    with pytest.raises(LookupError):
        assembly.build(item.meeting, assembly.MEMBER, assembly.PROPOSAL, draft)
    assert assembly.build(item.meeting, assembly.SECRETARIAT, assembly.PROPOSAL, draft).items


def test_the_appendix_lists_every_motion_and_amendment_with_item_and_pre_advice(demo_meeting):
    book = assembly.build(demo_meeting, assembly.MEMBER)
    rows = [(r.number, r.item_number, r.pre_advice) for r in book.appendix]
    assert len(rows) == 9
    assert ("8a.1", "8a", "ontraden") in rows
    assert ("8c.1", "8c", "overnemen") in rows


def test_a_new_layout_makes_every_stored_book_outdated():
    item = f.item(f.meeting())
    before = assembly.build(item.meeting, assembly.MEMBER).content_hash()
    version = assembly.LAYOUT_VERSION
    try:
        assembly.LAYOUT_VERSION = version + 1
        assembly.layout_digest.cache_clear()
        assert assembly.build(item.meeting, assembly.MEMBER).content_hash() != before
    finally:
        assembly.LAYOUT_VERSION = version
        assembly.layout_digest.cache_clear()
    assert assembly.build(item.meeting, assembly.MEMBER).content_hash() == before


def test_a_motion_of_many_submitters_is_named_after_the_first_e_a():
    item = f.item(f.meeting())
    submitters = [f.member(f"Gemeente {n}") for n in "ABCD"]
    f.motion(item, "Samen sterk", submitters=submitters)
    f.motion(item, "Met z'n drieën", submitters=submitters[:3])
    first, second = assembly.build(item.meeting, assembly.MEMBER).items[0].proposals
    assert first.heading == "Motie Gemeente A e.a. “Samen sterk”"
    assert first.submitters == ["Gemeente A", "Gemeente B", "Gemeente C", "Gemeente D"]
    assert second.heading == "Motie Gemeente A, Gemeente B en Gemeente C “Met z'n drieën”"
