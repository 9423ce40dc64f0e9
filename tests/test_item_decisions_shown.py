"""Decisions on agenda items as such (agenda.ItemDecision: the minutes adopted, the package of a
follow-up item) in the record of a meeting (issue 23). The meeting page and the meeting book in
PDF and Word show each one once it is taken, read as every decision is read
(agenda.outcomes.Outcome.reading), with its text; a decision undone, or only typed in before
the vote, shows nowhere; and a decision reaches no one who may not read the meeting's papers.
On a meeting that has every kind of outcome (tests.test_outcome_reading)."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from agenda.models import AgendaItem, Meeting
from agenda.outcomes import Status
from book import assembly, pdf
from book import docx as word
from motions import votes
from papers import decisions as decision_list
from tests import factories as f
from tests.test_outcome_reading import (
    assert_reads,
    every_kind_of_outcome,
    text_of_docx,
    text_of_html,
    text_of_pdf,
)

pytestmark = pytest.mark.django_db

MINUTES_TEXT = "De notulen worden vastgesteld."
PACKAGE_TEXT = "Het pakket wordt afgedaan."
TYPED_BEFORE_THE_VOTE = "Tekst klaargezet voor de stemming."
UNDONE = "Dit besluit is teruggedraaid."


def decide(item, status, text, **figures):
    decision = votes.item_decision(item)
    decision.text = text
    return votes.record_outcome(decision, status, **figures)


def add_item_decisions(meeting):
    """On top of every kind of outcome: the minutes adopted by acclamation (an item without
    papers), the item with papers decided with the share for alone, a follow-up item's
    package; and two decisions that are none: a text typed in before the vote, and one undone."""
    minutes = f.item(meeting, "Notulen")
    decide(minutes, Status.ADOPTED, MINUTES_TEXT, by_acclamation=True)
    papers_item = meeting.items.get(title="Financiën")
    decide(papers_item, Status.ADOPTED, "", percent_for="88.49")
    follow_up = f.item(meeting, "Verantwoording uitvoering moties", is_follow_up=True)
    decide(follow_up, Status.ADOPTED, PACKAGE_TEXT, percent_for="97.63", percent_against="2.37")
    questions = f.item(meeting, "Rondvraag")
    decide(questions, Status.SUBMITTED, TYPED_BEFORE_THE_VOTE)
    closing = f.item(meeting, "Sluiting")
    decide(closing, Status.ADOPTED, UNDONE, by_acclamation=True)
    votes.record_outcome(votes.item_decision(closing), Status.SUBMITTED)
    return {"minutes": minutes, "papers": papers_item, "follow_up": follow_up}


def item_readings():
    """How each decision taken reads, wherever the meeting's papers are shown (lower case,
    as `normalized` reads a text)."""
    on_item, on_package = gettext("Decision on the item"), gettext("Decision on the package")
    for_only = gettext("%(status)s with %(for)s for")
    for_and_against = gettext("%(status)s with %(for)s for and %(against)s against")
    adopted = gettext("adopted")
    readings = [
        f"{on_item}: {gettext('adopted by acclamation')}",
        MINUTES_TEXT,
        f"{on_item}: " + for_only % {"status": adopted, "for": "88,49%"},
        f"{on_package}: "
        + for_and_against % {"status": adopted, "for": "97,63%", "against": "2,37%"},
        PACKAGE_TEXT,
    ]
    return [reading.lower() for reading in readings]


def assert_shows_the_decisions_taken(text):
    missing = [reading for reading in item_readings() if reading not in text]
    assert missing == [], text
    for none in (TYPED_BEFORE_THE_VOTE, UNDONE):
        assert none.lower() not in text


@pytest.fixture
def decided():
    meeting, _, _ = every_kind_of_outcome()
    items = add_item_decisions(meeting)
    return meeting, items


@pytest.fixture
def readers(member_user, secretariat_user):
    clients = {"anonymous": Client(), "member": Client(), "secretariat": Client()}
    clients["member"].force_login(member_user)
    clients["secretariat"].force_login(secretariat_user)
    return clients


# --- The meeting page -----------------------------------------------------------------------


@pytest.mark.parametrize("reader", ["anonymous", "member", "secretariat"])
def test_the_meeting_page_shows_each_decision_taken_on_an_item(decided, readers, reader):
    meeting, _ = decided
    response = readers[reader].get(meeting.get_absolute_url())
    assert response.status_code == 200
    text = text_of_html(response.content)
    assert_shows_the_decisions_taken(text)
    assert_reads(text)  # and every other kind of outcome, as before


def test_an_item_without_papers_shows_its_decision_without_being_opened(decided, client):
    meeting, items = decided
    content = client.get(meeting.get_absolute_url()).content.decode()
    decision = content.split(f'id="item-{items["minutes"].pk}-decision"', 1)[1]
    # Not folded in a <details>: the line of the item and then its decision.
    assert "</details>" not in decision.split("</li>", 1)[0]
    assert MINUTES_TEXT in decision.split("</li>", 1)[0]


def test_the_meeting_page_takes_no_more_queries_for_decisions_on_items(member_user):
    meeting = f.big_meeting(motions=8, follow_ups=2)
    clients = {"anonymous": Client(), "member": Client()}
    clients["member"].force_login(member_user)

    def counts():
        """Each reader's queries for the page rendered anew (nothing of it cached)."""
        found = {}
        for name, client in clients.items():
            client.get(meeting.get_absolute_url())  # what any request caches, cached
            caches["default"].clear()
            caches["papers"].clear()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(meeting.get_absolute_url())
            assert response.status_code == 200
            found[name] = len(queries)
        return found

    before = counts()
    for item in AgendaItem.objects.filter(meeting=meeting):
        decide(item, Status.ADOPTED, f"Besluit over {item.title}.", by_acclamation=True)
    after = counts()
    content = clients["member"].get(meeting.get_absolute_url()).content.decode()
    assert content.count('class="alv-item-decision"') == meeting.items.count()
    assert after == before


# --- The meeting book in PDF and Word ------------------------------------------------------


def test_the_book_in_pdf_and_word_shows_each_decision_taken_on_an_item(decided):
    meeting, _ = decided
    book = assembly.build(meeting, assembly.MEMBER)
    pdf_data, _ = pdf.render_pdf(book)
    docx_data, _ = word.render_docx(book)
    for text in (text_of_pdf(pdf_data), text_of_docx(docx_data)):
        assert_shows_the_decisions_taken(text)
        assert_reads(text)


def test_the_book_reads_an_item_decision_through_outcome_reading(decided):
    meeting, items = decided
    book = assembly.build(meeting, assembly.SECRETARIAT)
    sections = {section.title: section for section in book.items}
    minutes = sections["Notulen"]
    reading = items["minutes"].decision.reading()
    assert minutes.decision.text.lower() == reading.text.lower()
    assert minutes.decision.status == reading.status
    assert minutes.decision.note == MINUTES_TEXT
    assert sections["Verantwoording uitvoering moties"].decision_label == gettext(
        "Decision on the package"
    )
    for undecided in ("Rondvraag", "Sluiting"):
        assert sections[undecided].decision is None


def test_an_items_file_has_its_decision_and_a_motions_own_file_has_none(decided):
    meeting, items = decided
    item_book = assembly.build(meeting, assembly.MEMBER, assembly.ITEM, items["papers"])
    assert item_book.items[0].decision is not None
    motion = meeting.proposals.filter(agenda_item=items["papers"]).first()
    motion_book = assembly.build(meeting, assembly.MEMBER, assembly.PROPOSAL, motion)
    assert motion_book.items[0].decision is None


def test_the_decision_list_still_lists_the_decisions_on_items(decided, secretariat_user):
    meeting, _ = decided
    listed = decision_list.assemble(meeting, secretariat_user)
    notes = {d.note for entry in listed.items for d in entry.decisions if d.kind == "item"}
    # As on the page and in the book: the decisions taken, not a text typed in or undone.
    assert notes == {MINUTES_TEXT, PACKAGE_TEXT, ""}


# --- Who may see them ----------------------------------------------------------------------


def test_decisions_of_an_unpublished_meeting_reach_no_member_and_no_visitor(readers):
    meeting = f.meeting(published=False)
    decide(f.item(meeting, "Notulen"), Status.ADOPTED, MINUTES_TEXT, by_acclamation=True)
    for reader in ("anonymous", "member"):
        response = readers[reader].get(meeting.get_absolute_url())
        assert response.status_code == 404
        assert MINUTES_TEXT not in response.content.decode()
        book = readers[reader].get(reverse("book:get", args=[meeting.pk, assembly.MEMBER]))
        assert book.status_code == 404
    # The secretariat reads the papers before they are published, the decision with them.
    response = readers["secretariat"].get(meeting.get_absolute_url())
    assert MINUTES_TEXT in response.content.decode()


def test_decisions_of_a_members_only_meeting_reach_members_but_no_visitor(readers):
    meeting = f.meeting(visibility=Meeting.Visibility.MEMBERS)
    decide(f.item(meeting, "Notulen"), Status.ADOPTED, MINUTES_TEXT, by_acclamation=True)
    response = readers["anonymous"].get(meeting.get_absolute_url())
    assert response.status_code == 404
    assert MINUTES_TEXT not in response.content.decode()
    assert MINUTES_TEXT in readers["member"].get(meeting.get_absolute_url()).content.decode()


def test_a_decision_typed_in_or_undone_shows_to_no_one(decided, readers):
    meeting, _ = decided
    for client in readers.values():
        content = client.get(meeting.get_absolute_url()).content.decode()
        assert TYPED_BEFORE_THE_VOTE not in content
        assert UNDONE not in content
