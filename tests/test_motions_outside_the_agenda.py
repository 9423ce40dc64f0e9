"""A motion outside the agenda's items (issue 23): moved, late, or its item not known. Saved
from the workspace's form without an item, numbered M1, M2 within its meeting, and listed
apart, after the items, wherever the papers are listed: the meeting page, the motion list,
the pre-advice overview, the decision list, the book in PDF and Word."""

import io
import re

import docx
import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from agenda.outcomes import Status
from book import assembly, builds, pdf, refresh
from book import docx as word
from live import meeting_day
from motions import votes
from motions.models import Motion, MotionPart, Proposal, ProposalSubmitter
from papers import decisions
from tests import factories as f
from tests.workspace.util import html

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    yield
    # A request leaves its language active in the thread: later tests find the default.
    translation.deactivate()


def book_title():
    """The section's title in the association's language, as the book and the decision list
    print it ("Moties buiten de agenda" once translated)."""
    with translation.override("nl"):
        return translation.gettext("Motions outside the agenda")


def apart_motion(meeting, title, advice=None):
    """A motion of `meeting` without an agenda item, as the workspace saves one."""
    position = Proposal.objects.filter(meeting=meeting, agenda_item__isnull=True).count() + 1
    motion = Motion.objects.create(meeting=meeting, position=position, title=title)
    ProposalSubmitter.objects.create(proposal=motion, member=f.member(), position=1)
    MotionPart.objects.create(motion=motion, position=1, kind="finding", text=f"Tekst {title}")
    if advice:
        f.pre_advice(motion, advice)
    return motion


@pytest.fixture
def meeting():
    """A published meeting: item 1 with a motion, and one motion outside the agenda."""
    meeting = f.meeting(title="Najaars-ALV")
    item = f.item(meeting, "Financiën")
    f.motion(item, "Onder het agendapunt", advice="overnemen")
    apart_motion(meeting, "Buiten de agenda", advice="ontraden")
    return meeting


def english(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_the_workspace_saves_a_motion_without_an_agenda_item(secretariat_user):
    meeting = f.meeting(published=False)
    f.item(meeting, "Financiën")
    client = english(secretariat_user)
    url = reverse("workspace:proposal_new", args=[meeting.pk, "motion"])
    form = html(client.get(url))
    assert '<option value="" selected>(no agenda item: listed apart)</option>' in form
    data = {
        "title": "Nagekomen",
        "submitters": [f.member().pk],
        "submitters_note": "",
        "agenda_item": "",
        "resolution": "",
        "request_intro": "verzoekt het bestuur",
        "explanation": "",
        "submitted_at": "",
    }
    response = client.post(url, data)
    motion = Motion.objects.get()
    assert response["Location"] == reverse("workspace:proposal", args=[motion.pk])
    assert (motion.agenda_item, motion.position, motion.number) == (None, 1, "M1")
    page = html(client.get(reverse("workspace:proposal", args=[motion.pk])))
    assert "Outside the agenda’s items, listed apart as M1." in page
    client.post(url, {**data, "title": "Nog een"})
    assert Motion.objects.get(title="Nog een").number == "M2"


def test_an_amendment_stays_under_the_item_of_its_resolution():
    meeting = f.meeting()
    resolution = f.resolution(f.item(meeting, "Zorg"))
    amendment = f.amendment(resolution.agenda_item, resolution)
    amendment.agenda_item = None
    with pytest.raises(ValidationError) as refused:
        amendment.full_clean()
    assert "agenda_item" in refused.value.message_dict


def test_deleting_one_numbers_the_others_outside_the_agenda_again(meeting):
    second = apart_motion(meeting, "Tweede")
    first = Motion.objects.get(title="Buiten de agenda")
    first.pre_advice.delete()
    Proposal.objects.get(pk=first.pk).remove(first.revision)
    second.refresh_from_db()
    assert second.number == "M1"


def test_the_meeting_page_lists_it_apart_after_the_items(client, meeting):
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    items_end = page.index('id="apart-heading"')
    assert page.index("Onder het agendapunt") < items_end < page.index("Buiten de agenda")
    assert book_title() in page


def test_its_own_page_says_it_stands_outside_the_agenda(meeting):
    motion = Motion.objects.get(title="Buiten de agenda")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = client.get(reverse("motion_detail", args=[motion.pk])).content.decode()
    assert "outside the agenda’s items, listed apart as M1" in page


def test_the_motion_list_shows_it_apart_after_the_items(meeting):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = client.get(reverse("meeting_proposals", args=[meeting.pk])).content.decode()
    assert page.index("Onder het agendapunt") < page.index('id="result-apart"')
    assert page.index('id="result-apart"') < page.index("Buiten de agenda")


def test_the_pre_advice_overview_lists_it_apart_and_counts_it(secretariat_user, meeting):
    page = html(english(secretariat_user).get(reverse("workspace:pre_advice", args=[meeting.pk])))
    assert "2 motions and amendments" in page
    assert "Ontraden: <strong>1</strong>" in page
    apart = page.index("Motions outside the agenda</th>")
    assert page.index("Onder het agendapunt") < apart < page.index("Buiten de agenda")
    assert '<td class="utrecht-table__cell alv-number">M1</td>' in page
    motion = Motion.objects.get(title="Buiten de agenda")
    row = english(secretariat_user).get(
        reverse("workspace:pre_advice_row", args=["proposal", motion.pk]),
        HTTP_HX_REQUEST="true",
    )
    assert row.status_code == 200 and "M1" in html(row)


def test_the_decision_list_lists_its_decision_apart(secretariat_user, meeting):
    motion = Motion.objects.get(title="Buiten de agenda")
    votes.record_outcome(motion, Status.REJECTED, percent_for=30, percent_against=70)
    meeting.decisions_published_at = timezone.now()
    meeting.save(update_fields=["decisions_published_at"])
    listed = decisions.assemble(meeting, secretariat_user)
    last = listed.items[-1]
    assert last.is_apart and [d.name for d in last.decisions] == [motion.display_name]
    page = html(english(secretariat_user).get(reverse("live:decisions", args=[meeting.pk])))
    assert page.index("Onder het agendapunt") < page.index("Motions outside the agenda")
    assert page.index("Motions outside the agenda") < page.index("Buiten de agenda")

    document = assembly.build(meeting, assembly.MEMBER, assembly.DECISIONS)
    text = pdf_text(document)
    assert re.search(rf"{book_title()}.*Buiten de agenda.*(verworpen|Verworpen)", text)
    paragraphs = word_paragraphs(document)
    assert book_title() in paragraphs


def pdf_text(book):
    data = pdf.layout(pdf.render_html(book)).write_pdf(**pdf.PDF_OPTIONS)
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def word_paragraphs(book):
    return [p.text for p in docx.Document(io.BytesIO(word.render_docx(book)[0])).paragraphs]


def test_the_book_has_a_section_for_it_after_the_items_with_its_own_toc_entry(meeting):
    book = assembly.build(meeting, assembly.MEMBER)
    last = book.items[-1]
    assert (last.is_apart, last.title, [p.number for p in last.proposals]) == (
        True,
        book_title(),
        ["M1"],
    )
    assert ("apart", book_title()) in [(e.anchor, e.label) for e in book.toc]
    assert "apart" not in [line.anchor for line in book.agenda]
    assert [row.number for row in book.appendix] == ["1.1", "M1"]

    text = pdf_text(book)
    body = text[text.rindex(book_title()) :]
    assert "M1" in body and "Buiten de agenda" in body and "ontraden" in body

    paragraphs = word_paragraphs(book)
    assert paragraphs.index("1. Financiën") < paragraphs.index(book_title())


def test_the_books_kept_ready_skip_it_cleanly(meeting):
    motion = Motion.objects.get(title="Buiten de agenda")
    books = assembly.build_all(meeting, assembly.MEMBER)
    assert (assembly.PROPOSAL, motion.pk) not in books
    assert refresh.refresh([meeting]) > 0
    with pytest.raises(LookupError):
        builds.state(meeting, assembly.MEMBER, assembly.PROPOSAL, motion, "pdf")


def test_the_meeting_day_page_and_recording_do_not_break_on_it(secretariat_user, meeting):
    motion = Motion.objects.get(title="Buiten de agenda")
    context = meeting_day.assemble(meeting, secretariat_user)
    assert [row.total for row in context["agenda"]] == [1]
    assert meeting_day.subject_of(meeting, "proposal", motion.pk)[0] == motion
    client = english(secretariat_user)
    assert client.get(reverse("live:meeting_day", args=[meeting.pk])).status_code == 200
    votes.record_outcome(motion, Status.HELD_OVER)
    motion.refresh_from_db()
    assert motion.status == Status.HELD_OVER and not motion.hold_overs.exists()


def test_publishing_the_pre_advice_publishes_its_pre_advice_too():
    meeting = f.meeting()
    motion = apart_motion(meeting, "Buiten de agenda")
    advice = f.pre_advice(motion, "ontraden", published=False)
    advice.state, advice.settled_at = advice.State.SETTLED, timezone.now()
    advice.save(update_fields=["state", "settled_at"])
    assert meeting.publish_pre_advice() == 1
    advice.refresh_from_db()
    assert advice.is_published


def test_the_workspace_agenda_page_lists_it_with_a_link_to_add_another(secretariat_user, meeting):
    page = html(english(secretariat_user).get(reverse("workspace:agenda", args=[meeting.pk])))
    motion = Motion.objects.get(title="Buiten de agenda")
    apart = page[page.index('id="apart-heading"') :]
    assert reverse("workspace:proposal", args=[motion.pk]) in apart and "M1" in apart
    assert "Add a motion outside the agenda" in apart


def test_the_live_status_counts_it_in_a_row_of_its_own(secretariat_user, meeting):
    page = html(english(secretariat_user).get(reverse("live:status", args=[meeting.pk])))
    assert page.index("Financiën") < page.index("Motions outside the agenda</th>")


def test_moving_one_out_of_the_agenda_and_back_closes_the_gaps_it_leaves(secretariat_user):
    meeting = f.meeting(published=False)
    item = f.item(meeting, "Financiën")
    first, moving, last = (f.motion(item, title) for title in ("Eerste", "Tweede", "Derde"))
    client = english(secretariat_user)
    url = reverse("workspace:proposal", args=[moving.pk])

    def data(agenda_item):
        moving.refresh_from_db()
        return {
            "title": "Tweede",
            "submitters": [moving.submitters.get().pk],
            "submitters_note": "",
            "agenda_item": agenda_item,
            "resolution": "",
            "request_intro": "verzoekt het bestuur",
            "explanation": "",
            "submitted_at": "",
            "revision": moving.revision,
        }

    client.post(url, data(""))
    moving.refresh_from_db()
    assert (moving.agenda_item, moving.number) == (None, "M1")
    positions = dict(Proposal.objects.filter(agenda_item=item).values_list("title", "position"))
    assert positions == {"Eerste": 1, "Derde": 2}
    later = apart_motion(meeting, "Later")
    client.post(url, data(item.pk))
    moving.refresh_from_db()
    later.refresh_from_db()
    assert (moving.number, later.number) == ("1.3", "M1")
