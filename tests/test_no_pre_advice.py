"""'Geen preadvies' (issue 23): the board gave none, or for an old meeting it is not known. A
value of its own, set in the pre-advice overview without a rationale, and read as "geen
preadvies" on every page and in every file, never as "preadvies volgt", which promises one."""

import io
import re

import docx
import pypdf
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from book import assembly, pdf
from book import docx as word
from live import charts
from motions import votes
from motions.models import PreAdvice
from papers import contents
from tests import factories as f
from tests.workspace.util import HTMX, html

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    yield
    # A request leaves its language active in the thread: later tests find the default.
    translation.deactivate()


@pytest.fixture
def meeting_without_advice():
    """A published meeting with one motion the board gave no pre-advice on, and one whose
    pre-advice is still to follow."""
    meeting = f.meeting()
    item = f.item(meeting, "Financiën")
    without = f.motion(item, "Zonder advies")
    f.pre_advice(without, PreAdvice.Value.NONE, rationale="")
    pending = f.motion(item, "Nog te adviseren")
    return meeting, without, pending


def dutch(user=None):
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    if user is not None:
        client.force_login(user)
    return client


def test_the_secretariat_records_no_pre_advice_without_a_rationale(secretariat_user):
    meeting = f.meeting(published=False)
    motion = f.motion(f.item(meeting, "Financiën"), "Zonder advies")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(secretariat_user)
    prefix = f"proposal-{motion.pk}"
    data = {
        f"{prefix}-value": "geen",
        f"{prefix}-rationale": "",
        f"{prefix}-response": "",
        f"{prefix}-status": "submitted",
        f"{prefix}-subject_revision": motion.revision,
        f"{prefix}-advice_revision": "",
    }
    url = reverse("workspace:pre_advice_row", args=["proposal", motion.pk])
    row = html(client.post(url, data, **HTMX))
    advice = PreAdvice.objects.get(proposal=motion)
    assert (advice.value, advice.rationale) == ("geen", "")
    assert "geen preadvies" in row and "pre-advice to follow" not in row


def test_the_overview_counts_no_pre_advice_apart_from_pre_advice_still_to_follow(
    secretariat_user, meeting_without_advice
):
    meeting, _without, _pending = meeting_without_advice
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(secretariat_user)
    page = html(client.get(reverse("workspace:pre_advice", args=[meeting.pk])))
    assert "Geen preadvies: <strong>1</strong>" in page
    assert "No pre-advice yet: <strong>1</strong>" in page
    assert "geen" in [value for value, _label in html_options(page, "advice")]


def html_options(page, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_the_meeting_page_and_the_motion_page_read_geen_preadvies(
    member_user, meeting_without_advice
):
    meeting, without, pending = meeting_without_advice
    client = dutch(member_user)
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    own = page[page.index("Zonder advies") : page.index("Nog te adviseren")]
    assert "geen preadvies" in own and "preadvies volgt" not in own
    assert "preadvies volgt" in page[page.index("Nog te adviseren") :]
    motion_page = client.get(reverse("motion_detail", args=[without.pk])).content.decode()
    assert "geen preadvies" in motion_page and "preadvies volgt" not in motion_page


def test_the_live_status_counts_no_pre_advice_as_its_own_kind(meeting_without_advice):
    meeting, _without, _pending = meeting_without_advice
    overview = charts.status_overview(contents.assemble(meeting, AnonymousUser()))
    (row,) = overview.rows
    kinds = {segment.kind: segment.count for segment in row.pre_advice}
    assert kinds["geen"] == 1 and kinds["none"] == 1
    assert ("geen", "geen preadvies") in overview.pre_advice_kinds


def normalized(text):
    return re.sub(r"\s+", " ", text)


def test_the_book_reads_geen_preadvies_in_the_pdf_and_in_word(meeting_without_advice):
    meeting, _without, _pending = meeting_without_advice
    book = assembly.build(meeting, assembly.MEMBER)
    data = pdf.layout(pdf.render_html(book)).write_pdf(**pdf.PDF_OPTIONS)
    text = normalized(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages))
    assert "geen preadvies" in text
    # The overview table at the end: each motion with its own pre-advice.
    assert re.search(r"Zonder advies.{0,80}geen preadvies", text)
    assert re.search(r"Nog te adviseren.{0,80}preadvies volgt", text)

    document = docx.Document(io.BytesIO(word.render_docx(book)[0]))
    paragraphs = [p.text for p in document.paragraphs]
    heads = [p for p in paragraphs if p.startswith("Preadvies van het bestuur")]
    assert heads == [
        "Preadvies van het bestuur: geen preadvies",
        "Preadvies van het bestuur: preadvies volgt",
    ]
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert any("Zonder advies" in " ".join(r) and "geen preadvies" in r for r in rows)


def test_a_decision_in_accordance_with_no_pre_advice_is_refused(meeting_without_advice):
    _meeting, without, _pending = meeting_without_advice
    with pytest.raises(ValidationError, match="overnemen, ontraden"):
        votes.record_pre_advice_vote(without)
