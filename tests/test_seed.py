"""The demo meeting holds everything the seed (the real ALV papers) names, with the right
relations. The expectations are read from the seed file itself, not written out here."""

import itertools
import re
from pathlib import Path

import pytest
from django.conf import settings

from agenda.models import AgendaItem, Meeting, Resolution
from members.models import Member
from motions.models import FollowUp, Proposal, ProposalSubmitter
from papers import demo

SEED = Path(settings.BASE_DIR) / "fixtures" / "seed" / "000_b746ba59e074ff8b.txt"


def normalise(text):
    """Fold the seed's line breaks, double spaces and apostrophe variants."""
    text = text.replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip()


SEED_TEXT = normalise(SEED.read_text(encoding="utf-8"))

# "- Motie Deventer “Landelijke tarieven inkoop jeugdzorg” met preadvies bestuur: overnemen"
ENTRY = re.compile(
    r"- (?P<kind>Motie|Amendement) (?P<submitters>(?:(?! - )[^“])+?)(?: “(?P<title>[^”]+)”)?\.? "
    r"met preadvies bestuur: (?P<advice>\w+)"
)
SECTION = re.compile(r"Agendapunt (?P<number>\d+[a-z]?): (?P<body>.*?)(?=Agendapunt \d+[a-z]?:|$)")


def seed_entries():
    """(agenda item number, kind, submitters label, title, pre-advice) for every motion and
    amendment the seed lists."""
    entries = []
    for section in SECTION.finditer(SEED_TEXT):
        number, body = section["number"], section["body"]
        for entry in ENTRY.finditer(body):
            entries.append(
                (number, entry["kind"], entry["submitters"], entry["title"] or "", entry["advice"])
            )
        if (
            "vraagt het bestuur in zijn preadvies aan de indieners om de motie in te trekken"
            in body
        ):
            for match in re.finditer(r"- Motie (?P<submitters>[^“]+?) “(?P<title>[^”]+)”", body):
                entries.append((number, "Motie", match["submitters"], match["title"], "intrekken"))
    return entries


def seed_clauses():
    """The numbered clauses: "1. ... 2. ..." up to the text after the list."""
    body = SEED_TEXT.split("voorgesteld om uit te spreken:")[1].split("De volledige resolutie")[0]
    body = " " + body.strip()
    starts, number = [], 1
    while (found := body.find(f" {number}. ", starts[-1] if starts else 0)) != -1:
        starts.append(found)
        number += 1
    bounds = [*starts, len(body)]
    return [body[a:b].strip().split(". ", 1)[1] for a, b in itertools.pairwise(bounds)]


def test_the_seed_parser_finds_every_listed_motion_and_amendment():
    # The seed names 3 motions under item 7, 6 under 8a-8c, 4 under item 9.
    entries = seed_entries()
    assert len(entries) == 13
    assert {e[0] for e in entries} == {"7", "8a", "8b", "8c", "9"}
    assert len(seed_clauses()) == 6


@pytest.fixture
def meeting(db):
    return demo.load()


def test_every_seed_motion_and_amendment_is_under_its_agenda_item_with_its_pre_advice(meeting):
    for number, kind, submitters, title, advice in seed_entries():
        if number == "9":
            continue  # motions of earlier meetings: see the follow-up test
        matches = [
            p
            for p in Proposal.objects.filter(meeting=meeting).select_related("agenda_item__parent")
            if normalise(p.submitters_label) == submitters and normalise(p.title) == title
        ]
        assert len(matches) == 1, (kind, submitters, title)
        proposal = matches[0]
        assert proposal.kind_label == kind
        assert proposal.agenda_item.number == number
        assert proposal.pre_advice.value == advice
        assert proposal.pre_advice.is_published


def test_submitters_are_members_in_order_never_split_on_en(meeting):
    son = Proposal.objects.get(meeting=meeting, title__startswith="Kabinet kom over de brug")
    assert son.submitter_names == ["Son en Breugel"]
    sliedrecht = Proposal.objects.get(meeting=meeting, title="Solidariteit in de asielopvang")
    assert sliedrecht.submitter_names == ["Sliedrecht", "Gorinchem"]
    for link in ProposalSubmitter.objects.select_related("member"):
        assert link.member.code, link.member.name


def test_item_9_lists_the_motions_of_earlier_meetings_with_the_boards_advice(meeting):
    item = AgendaItem.objects.get(meeting=meeting, is_follow_up=True)
    assert item.number == "9"
    expected = [e for e in seed_entries() if e[0] == "9"]
    follow_ups = list(FollowUp.objects.filter(agenda_item=item).order_by("position"))
    assert len(follow_ups) == len(expected)
    for follow_up, (_, _, submitters, title, advice) in zip(follow_ups, expected, strict=True):
        motion = follow_up.motion
        assert normalise(motion.submitters_label) == submitters
        assert normalise(motion.title) == title
        assert follow_up.pre_advice.value == advice
        assert motion.meeting.starts_at < meeting.starts_at
        assert motion.status == "adopted"


def test_the_item_7_resolution_has_the_six_clauses_of_its_current_version_in_order(meeting):
    resolution = Resolution.objects.get(
        agenda_item__meeting=meeting, title="VNG-inzet richting kabinet"
    )
    assert resolution.agenda_item.number == "7"
    current = resolution.current_version
    assert current.label == "geactualiseerde resolutie"
    assert [normalise(c.text) for c in current.clauses.order_by("position")] == seed_clauses()
    assert normalise(current.intro) in SEED_TEXT
    concept = resolution.versions.get(number=1)
    assert concept.label == "concept-resolutie"
    assert concept.published_at.day == 1 and concept.published_at.month == 11


def test_the_item_7_motions_relate_to_its_resolution(meeting):
    resolution = Resolution.objects.get(title="VNG-inzet richting kabinet")
    related = sorted(m.title for m in resolution.motions.all())
    item_7 = sorted(e[3] for e in seed_entries() if e[0] == "7")
    assert [normalise(t) for t in related] == item_7


def test_the_amendment_amends_the_8a_resolution(meeting):
    amendment = Proposal.objects.get(meeting=meeting, kind="amendment").amendment
    resolution = amendment.resolution_version.resolution
    assert resolution.agenda_item.number == "8a"
    assert normalise(resolution.title) in SEED_TEXT
    assert amendment.target_clause.version == resolution.current_version


def test_item_titles_of_the_seed_are_word_for_word(meeting):
    items = {i.number: i for i in meeting.ordered_items()}
    for number in ("7", "8a", "8b", "8c", "9"):
        assert normalise(items[number].title) in SEED_TEXT, number
    assert len(Resolution.objects.filter(agenda_item=items["8b"])) == 2
    assert "[Plaatshouder]" in items["8"].title


def test_all_municipalities_are_members(meeting):
    assert Member.objects.active().count() == 342
    assert Member.objects.get(name="Son en Breugel").population > 0


def test_the_demo_shows_a_merged_municipality_with_a_motion_under_its_old_name(meeting):
    merged = Member.objects.get(code=demo.MERGED_CODE)
    assert merged.has_ended and [m.name for m in merged.successors.all()] == ["Leeuwarden"]
    old_meeting = Meeting.objects.get(title=demo.MERGER_MEETING_TITLE)
    motion = Proposal.objects.get(meeting=old_meeting)
    assert motion.display_name.startswith("Motie Leeuwarderadeel")
    # Example data, and it says so.
    assert "[Plaatshouder]" in old_meeting.title and "Voorbeeldgegevens" in old_meeting.description


def test_loading_twice_changes_nothing(meeting):
    def snapshot():
        return {
            "meetings": list(Meeting.objects.values().order_by("pk")),
            "items": list(AgendaItem.objects.values().order_by("pk")),
            "proposals": list(Proposal.objects.values().order_by("pk")),
            "submitters": list(ProposalSubmitter.objects.values().order_by("pk")),
            "members": Member.objects.count(),
        }

    before = snapshot()
    demo.load()
    after = snapshot()
    for key in ("meetings", "items", "proposals"):
        for row in before[key] + after[key]:
            row.pop("updated_at", None)
            row.pop("revision", None)
    assert before == after


def test_the_demo_meeting_is_published_and_public(meeting):
    assert meeting.is_published
    assert meeting.visibility == Meeting.Visibility.PUBLIC


def test_the_8a_motion_relates_to_the_8a_resolution_it_is_listed_under(meeting):
    motion = Proposal.objects.get(meeting=meeting, title__startswith="Gelijkwaardigheid").motion
    assert motion.resolution.agenda_item.number == "8a"
    assert motion.resolution.title.startswith("Stop met gesprekken vervolg IZA")


def test_the_demo_has_a_coming_meeting_its_member_can_submit_motions_to(meeting):
    from django.contrib.auth import get_user_model

    from submissions.models import amendable_versions, open_meetings

    member = get_user_model().objects.get(username="lid")
    (coming,) = open_meetings(member)
    assert coming.title == demo.COMING_MEETING_TITLE
    assert [item.title for item in coming.ordered_items()] == [
        "Opening en mededelingen",
        "Moties",
        "Contributie",
    ]
    # and a published resolution it can propose an amendment to.
    (version,) = amendable_versions(member)
    assert version.clauses.count() == 2
