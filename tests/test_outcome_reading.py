"""A result as the association publishes it (issue 23): the figures that are known (the share
for alone, for and against, or all three) are stored, checked and shown, and never a 0% for a
figure that is not known. Every page and file reads a decision the same way
(agenda.outcomes.Outcome.reading): the meeting page, the motion page, the decision list's page,
PDF and Word, and the meeting book in PDF and Word."""

import html as html_lib
import io
import re
from decimal import Decimal

import docx
import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from agenda.models import Meeting
from agenda.outcomes import Status
from book import assembly, pdf
from book import docx as word
from motions import votes
from motions.models import Motion
from tests import factories as f

pytestmark = pytest.mark.django_db


def readings():
    """How each decision of `every_kind_of_outcome` reads, wherever it is shown (compared
    without regard to case: the lists and the book begin a result with a capital). Made of the
    messages themselves, so that it holds before and after they are translated: then the first
    reads "aangenomen met 90,04% voor"."""
    adopted, rejected = gettext("adopted"), gettext("rejected")
    for_only = gettext("%(status)s with %(for)s for")
    for_and_against = gettext("%(status)s with %(for)s for and %(against)s against")
    all_three = gettext(
        "%(status)s with %(for)s for, %(against)s against and %(abstain)s abstaining"
    )
    on_pre_advice = gettext("%(status)s in accordance with the pre-advice")
    return {
        "for_only": for_only % {"status": adopted, "for": "90,04%"},
        "for_and_against": for_and_against
        % {"status": rejected, "for": "43,02%", "against": "50,00%"},
        "all_three": all_three
        % {"status": adopted, "for": "91,80%", "against": "6,20%", "abstain": "2,00%"},
        "acclamation": gettext("adopted by acclamation"),
        "first_part": "1e deel: " + for_only % {"status": adopted, "for": "92,16%"},
        "second_part": "2e deel: " + on_pre_advice % {"status": gettext("held over")},
        "resolution": for_and_against % {"status": adopted, "for": "97,63%", "against": "2,37%"},
    }


SHARE_FOR_FIRST = gettext_lazy("Give the share for as well: it decides the vote.")


def every_kind_of_outcome():
    """A published meeting with a published decision list: a resolution decided with for and
    against, and a motion each for the share for alone, for and against, all three, by
    acclamation, and voted in parts."""
    meeting = f.meeting(title="Archiefvergadering")
    item = f.item(meeting, "Financiën")
    resolution = f.resolution(item, "Houdbare financiering")
    votes.record_outcome(resolution, Status.ADOPTED, percent_for="97.63", percent_against="2.37")
    motions = {
        "for_only": f.motion(item, "Alleen voor"),
        "for_and_against": f.motion(item, "Voor en tegen"),
        "all_three": f.motion(item, "Alle drie"),
        "acclamation": f.motion(item, "Bij acclamatie"),
        "in_parts": f.motion(item, "In delen", advice="aanhouden"),
    }
    votes.record_outcome(motions["for_only"], Status.ADOPTED, percent_for="90.04")
    votes.record_outcome(
        motions["for_and_against"],
        Status.REJECTED,
        percent_for="43.02",
        percent_against="50.00",
    )
    votes.record_outcome(
        motions["all_three"],
        Status.ADOPTED,
        percent_for="91.80",
        percent_against="6.20",
        percent_abstain="2.00",
    )
    votes.record_outcome(motions["acclamation"], Status.ADOPTED, by_acclamation=True)
    first = votes.add_part(motions["in_parts"], "1e deel")
    second = votes.add_part(motions["in_parts"], "2e deel")
    votes.record_outcome(first, Status.ADOPTED, percent_for="92.16")
    votes.record_pre_advice_vote(second)
    Meeting.objects.filter(pk=meeting.pk).update(decisions_published_at=timezone.now())
    meeting.refresh_from_db()
    return meeting, resolution, motions


@pytest.fixture
def decided():
    return every_kind_of_outcome()


def text_of_html(content):
    text = re.sub(r"<[^>]+>", " ", content.decode() if isinstance(content, bytes) else content)
    return normalized(html_lib.unescape(text))


def normalized(text):
    # A word the PDF hyphenated at the end of a line is one word again.
    text = re.sub(r"[-\u2010\u00ad]\s*\n\s*", "", text)
    text = re.sub(r"\s+", " ", text)
    # "1e deel : aangenomen" (a tag between name and colon) reads as on paper.
    return text.replace(" :", ":").lower()


def text_of_pdf(data):
    return normalized("\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages))


def text_of_docx(data):
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return normalized("\n".join(lines))


def assert_reads(text, keys=None):
    expected = readings()
    missing = [
        expected[key].lower() for key in keys or expected if expected[key].lower() not in text
    ]
    assert missing == [], text
    # A figure that was not given is not shown as 0%.
    assert not re.search(r"(?<![\d,])0,00%", text)


# --- The same reading in every place ------------------------------------------------------


def test_the_meeting_page_reads_every_kind_of_outcome_as_the_record_does(client, decided):
    meeting, _, _ = decided
    response = client.get(meeting.get_absolute_url())
    assert_reads(text_of_html(response.content))


def test_each_motion_page_reads_its_outcome_and_its_parts_as_the_record_does(client, decided):
    _, resolution, motions = decided
    for key, motion in motions.items():
        response = client.get(motion.get_absolute_url())
        keys = ["first_part", "second_part"] if key == "in_parts" else [key]
        assert_reads(text_of_html(response.content), keys)
    response = client.get(resolution.get_absolute_url())
    assert_reads(text_of_html(response.content), ["resolution"])


def test_the_decision_list_page_reads_every_kind_of_outcome_as_the_record_does(client, decided):
    meeting, _, _ = decided
    response = client.get(reverse("live:decisions", args=[meeting.pk]))
    assert response.status_code == 200
    assert_reads(text_of_html(response.content))


@pytest.mark.parametrize(
    "scope", [assembly.DECISIONS, assembly.MEETING], ids=["decision list", "meeting book"]
)
def test_the_pdf_and_word_files_read_every_kind_of_outcome_as_the_record_does(decided, scope):
    meeting, _, _ = decided
    document = assembly.build(meeting, assembly.MEMBER, scope)
    pdf_data, _ = pdf.render_pdf(document)
    docx_data, _ = word.render_docx(document)
    assert_reads(text_of_pdf(pdf_data))
    assert_reads(text_of_docx(docx_data))


def test_the_decision_list_shows_only_the_shares_that_are_known(decided):
    meeting, _, motions = decided
    document = assembly.build(meeting, assembly.MEMBER, assembly.DECISIONS)
    lines = {line.name: line for section in document.items for line in section.decisions}
    shares = {
        key: [(s.label, s.percent) for s in lines[motions[key].display_name].shares]
        for key in ("for_only", "for_and_against", "all_three", "acclamation")
    }
    assert shares == {
        "for_only": [("Voor", "90,04%")],
        "for_and_against": [("Voor", "43,02%"), ("Tegen", "50,00%")],
        "all_three": [("Voor", "91,80%"), ("Tegen", "6,20%"), ("Onthouding", "2,00%")],
        "acclamation": [],
    }


def test_the_book_of_an_undecided_motion_says_nothing_of_an_outcome(decided):
    meeting, _, _ = decided
    undecided = f.motion(Motion.objects.first().agenda_item, "Nog open")
    book = assembly.build(meeting, assembly.MEMBER, assembly.PROPOSAL, undecided)
    assert book.items[0].proposals[0].outcome is None


# --- What is stored, and what is refused at its field --------------------------------------


@pytest.fixture
def motion():
    return f.motion(f.item(f.meeting()), "Motie")


def refused(motion, **figures):
    with pytest.raises(ValidationError) as caught:
        votes.record_outcome(motion, Status.ADOPTED, **figures)
    motion.refresh_from_db()
    assert motion.status == Status.SUBMITTED  # nothing was recorded
    return caught.value


def test_the_share_for_alone_is_stored_without_inventing_the_others(motion):
    votes.record_outcome(motion, Status.REJECTED, percent_for="43.02")
    motion.refresh_from_db()
    assert (motion.percent_for, motion.percent_against, motion.percent_abstain) == (
        Decimal("43.02"),
        None,
        None,
    )
    assert votes.describe(motion) == gettext("%(status)s with %(for)s for") % {
        "status": gettext("rejected"),
        "for": "43,02%",
    }


def test_for_and_against_are_stored_without_inventing_abstaining(motion):
    votes.record_outcome(motion, Status.ADOPTED, percent_for="90.04", percent_against="6.10")
    motion.refresh_from_db()
    assert (motion.percent_against, motion.percent_abstain) == (Decimal("6.10"), None)
    assert votes.describe(motion) == gettext(
        "%(status)s with %(for)s for and %(against)s against"
    ) % {"status": gettext("adopted"), "for": "90,04%", "against": "6,10%"}


def test_a_share_against_without_the_share_for_is_refused_at_its_field(motion):
    error = refused(motion, percent_against="90.04")
    assert error.message_dict == {"percent_against": [str(SHARE_FOR_FIRST)]}


def test_abstaining_without_the_share_for_is_refused_at_its_field(motion):
    error = refused(motion, percent_abstain="3")
    assert set(error.message_dict) == {"percent_abstain"}


def test_abstaining_without_the_share_against_is_refused_at_the_share_against(motion):
    error = refused(motion, percent_for="90", percent_abstain="3")
    assert set(error.message_dict) == {"percent_against"}


def test_a_share_above_100_is_refused_at_its_field(motion):
    error = refused(motion, percent_for="100.5")
    assert set(error.message_dict) == {"percent_for"}


def test_for_and_against_above_100_together_are_refused(motion):
    error = refused(motion, percent_for="60", percent_against="41")
    assert "100" in " ".join(error.messages)


def test_all_three_still_add_up_to_100_within_rounding(motion):
    refused(motion, percent_for="91", percent_against="6", percent_abstain="1")
    votes.record_outcome(
        motion,
        Status.ADOPTED,
        percent_for="33.34",
        percent_against="33.33",
        percent_abstain="33.34",
    )
    assert motion.percent_abstain == Decimal("33.34")


def test_the_meeting_day_form_shows_the_refusal_at_the_field(client, secretariat_user, motion):
    client.force_login(secretariat_user)
    meeting = motion.agenda_item.meeting
    # As the page sends it: every share's field, empty or not.
    data = {
        "status": "adopted",
        "percent_for": "",
        "percent_against": "90,04",
        "percent_abstain": "",
        "shown": votes.outcome_stamp(motion),
    }
    response = client.post(
        reverse("live:record", args=[meeting.pk, "proposal", motion.pk]),
        data,
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    error = re.search(rf'id="proposal-{motion.pk}-percent_against_error">(.*?)</div>', html)
    assert error is not None, html
    assert str(SHARE_FOR_FIRST) in html_lib.unescape(error.group(1))
    motion.refresh_from_db()
    assert motion.status == Status.SUBMITTED


def test_the_meeting_day_form_records_the_share_for_alone(client, secretariat_user, motion):
    client.force_login(secretariat_user)
    meeting = motion.agenda_item.meeting
    data = {"status": "adopted", "percent_for": "90,04", "shown": votes.outcome_stamp(motion)}
    client.post(
        reverse("live:record", args=[meeting.pk, "proposal", motion.pk]),
        data,
        HTTP_HX_REQUEST="true",
    )
    motion.refresh_from_db()
    assert (motion.status, motion.percent_for, motion.percent_against) == (
        Status.ADOPTED,
        Decimal("90.04"),
        None,
    )
