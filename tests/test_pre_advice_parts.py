"""Pre-advice per part of a motion (issue 23): the board advises "verzoek 1 overnemen, verzoek 2
ontraden". The parts are drafted, settled, published and seen with their pre-advice, read in
one way (PreAdvice.reading) by every page and file, and followed part by part when the assembly
votes on the pre-advice of a motion voted in parts."""

import io
import re

import docx
import pypdf
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from agenda.outcomes import Status
from book import assembly, pdf
from book import docx as word
from motions import votes
from motions.models import PreAdvice, PreAdvicePart, Proposal, VotePart
from papers import contents
from tests import factories as f
from tests.workspace.util import HTMX, html

pytestmark = pytest.mark.django_db


def nl(message, **values):
    """`message` as the Dutch pages print it (the catalogue may not have it yet: then as is)."""
    with translation.override("nl"):
        text = gettext(message)
    return text % values if values else text


PARTS = "verzoek 1: overnemen; verzoek 2: ontraden"
PER_PART = nl("per part: %(parts)s", parts=PARTS)


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    yield
    translation.deactivate()


def dutch(user=None):
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    if user is not None:
        client.force_login(user)
    return client


def with_parts(advice, *parts):
    for position, (label, value, rationale) in enumerate(parts, start=1):
        PreAdvicePart.objects.create(
            pre_advice=advice, position=position, label=label, value=value, rationale=rationale
        )
    return advice


def parts_of(advice):
    return [(p.label, p.value, p.rationale) for p in advice.parts.order_by("position")]


TWO_PARTS = (
    ("verzoek 1", "overnemen", "Past bij de inzet van de VNG."),
    ("verzoek 2", "ontraden", "Loopt vooruit op het overleg."),
)


@pytest.fixture
def meeting():
    return f.meeting()


@pytest.fixture
def item(meeting):
    return f.item(meeting, "Financiën")


@pytest.fixture
def advised(item):
    """A published motion with published pre-advice per part and none on it as a whole."""
    motion = f.motion(item, "Twee verzoeken")
    advice = f.pre_advice(motion, PreAdvice.Value.NONE, rationale="Het bestuur adviseert per deel.")
    with_parts(advice, *TWO_PARTS)
    return motion, advice


@pytest.fixture
def drafted(item):
    """A published motion whose pre-advice per part is still a draft."""
    motion = f.motion(item, "Nog in concept")
    advice = f.pre_advice(motion, PreAdvice.Value.ADOPT, published=False, rationale="")
    with_parts(
        advice,
        ("verzoek 1", "intrekken", "GEHEIM-DEEL-ADVIES"),
        ("verzoek 2", "aanhouden", ""),
    )
    return motion, advice


# The one reading


def test_the_reading_lists_the_parts_and_leaves_out_a_whole_the_board_gave_none(advised):
    _motion, advice = advised
    with translation.override("nl"):
        reading = advice.reading()
    assert reading.text == PER_PART
    assert [(p.label, p.value, p.value_text) for p in reading.parts] == [
        ("verzoek 1", "overnemen", "overnemen"),
        ("verzoek 2", "ontraden", "ontraden"),
    ]
    assert reading.whole_text == ""


def test_the_reading_names_the_advice_on_the_motion_as_a_whole_when_given(advised):
    _motion, advice = advised
    advice.value = PreAdvice.Value.ADVISE_AGAINST
    with translation.override("en"):
        text = advice.reading().text
    assert text == (
        "per part: verzoek 1: overnemen; verzoek 2: ontraden; the motion as a whole: ontraden"
    )


def test_without_parts_the_reading_is_the_value(item):
    advice = f.pre_advice(f.motion(item), PreAdvice.Value.HOLD_OVER)
    reading = advice.reading()
    assert (reading.text, reading.parts, reading.has_parts) == ("aanhouden", [], False)


def test_parts_keep_their_history(advised):
    _motion, advice = advised
    part = advice.parts.get(position=2)
    part.value = PreAdvice.Value.HOLD_OVER
    part.save()
    assert [h.value for h in part.history.order_by("history_date")] == ["ontraden", "aanhouden"]


def test_a_part_is_seen_only_with_its_published_pre_advice(advised, drafted, member_user):
    _motion, published = advised
    _draft_motion, draft = drafted
    for user in (AnonymousUser(), member_user):
        seen = set(PreAdvicePart.visible_to(user).values_list("pre_advice_id", flat=True))
        assert seen == {published.pk}


# The secretariat drafts the parts in the pre-advice form


def row_data(motion, advice=None, value="", parts=(), extra=1, **fields):
    prefix = f"proposal-{motion.pk}"
    rows = [*parts, *[("", "", "")] * extra]
    data = {
        f"{prefix}-value": value,
        f"{prefix}-rationale": fields.get("rationale", ""),
        f"{prefix}-response": "",
        f"{prefix}-status": "submitted",
        f"{prefix}-subject_revision": motion.revision,
        f"{prefix}-advice_revision": advice.revision if advice else "",
        f"{prefix}-parts-TOTAL_FORMS": len(rows),
        f"{prefix}-parts-INITIAL_FORMS": len(parts),
        f"{prefix}-parts-MIN_NUM_FORMS": 0,
        f"{prefix}-parts-MAX_NUM_FORMS": 1000,
    }
    for n, (label, part_value, rationale) in enumerate(rows):
        data[f"{prefix}-parts-{n}-label"] = label
        data[f"{prefix}-parts-{n}-value"] = part_value
        data[f"{prefix}-parts-{n}-rationale"] = rationale
    return data


def row_url(motion):
    return reverse("workspace:pre_advice_row", args=["proposal", motion.pk])


def english(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_the_form_offers_rows_for_the_parts_of_a_motion(secretariat_user, item):
    motion = f.motion(item, "Twee verzoeken")
    page = html(english(secretariat_user).get(row_url(motion), **HTMX))
    assert "Pre-advice per part" in page
    assert f'name="proposal-{motion.pk}-parts-1-label"' in page  # two empty rows to start


def test_the_secretariat_drafts_the_advice_per_part(secretariat_user, item):
    motion = f.motion(item, "Twee verzoeken")
    client = english(secretariat_user)
    data = row_data(motion, value="geen", parts=TWO_PARTS, rationale="Per deel.")
    row = html(client.post(row_url(motion), data, **HTMX))
    advice = PreAdvice.objects.get(proposal=motion)
    assert (advice.value, advice.state) == ("geen", "draft")
    assert parts_of(advice) == list(TWO_PARTS)
    assert "verzoek 1" in row and "verzoek 2" in row
    # Changed and emptied rows: the part changes, the emptied one goes.
    advice.refresh_from_db()
    data = row_data(
        motion, advice, value="geen", parts=[("verzoek 1", "neutraal", ""), ("", "", "")]
    )
    client.post(row_url(motion), data, **HTMX)
    advice.refresh_from_db()
    assert parts_of(advice) == [("verzoek 1", "neutraal", "")]
    assert advice.revision == 2  # every save of the parts is a new revision of the advice


def test_a_form_without_the_rows_of_the_parts_keeps_them(secretariat_user, advised):
    motion, advice = advised
    PreAdvice.objects.filter(pk=advice.pk).update(state="draft", published_at=None)
    advice.refresh_from_db()
    data = {
        k: v
        for k, v in row_data(motion, advice, value="geen", rationale="Anders.").items()
        if "-parts-" not in k
    }
    english(secretariat_user).post(row_url(motion), data, **HTMX)
    assert parts_of(advice) == list(TWO_PARTS)


@pytest.mark.parametrize(
    ("parts", "value", "field", "message"),
    [
        ([("", "overnemen", "")], "geen", "parts-0-label", "Name the part this advice is on"),
        ([("verzoek 1", "", "")], "geen", "parts-0-value", "Choose the pre-advice on this part"),
        (
            [("verzoek 1", "overnemen", ""), ("Verzoek  1", "ontraden", "")],
            "geen",
            "parts-1-label",
            "this part is named twice",
        ),
        ([("verzoek 1", "overnemen", "")], "", "value", "the motion as a whole too"),
    ],
)
def test_a_wrong_part_is_refused_at_its_field_keeping_the_input(
    secretariat_user, item, parts, value, field, message
):
    motion = f.motion(item, "Twee verzoeken")
    response = english(secretariat_user).post(
        row_url(motion), row_data(motion, value=value, parts=parts), **HTMX
    )
    page = html(response)
    assert message in page
    assert f'id="id_proposal-{motion.pk}-{field}_error"' in page
    for label, _value, _rationale in parts:
        if label:
            assert f'value="{label}"' in page
    assert not PreAdvice.objects.filter(proposal=motion).exists()
    assert not PreAdvicePart.objects.exists()


def test_a_change_of_the_parts_meanwhile_is_not_overwritten(secretariat_user, item):
    motion = f.motion(item, "Twee verzoeken")
    advice = with_parts(f.pre_advice(motion, "geen", published=False), TWO_PARTS[0])
    shown = row_data(motion, advice, value="geen", parts=[("verzoek 1", "ontraden", "")])
    # Someone else changes the advice on the part (a save of the form: a new revision).
    other = row_data(motion, advice, value="geen", parts=[("verzoek 1", "neutraal", "")])
    english(secretariat_user).post(row_url(motion), other, **HTMX)
    page = html(english(secretariat_user).post(row_url(motion), shown, **HTMX))
    assert "Someone else saved this" in page
    assert "verzoek 1: neutraal" in page  # the current values listed
    assert 'value="ontraden" selected' in page  # the input kept
    assert parts_of(advice) == [("verzoek 1", "neutraal", "")]


def test_settled_parts_change_only_after_the_board_reopened_them(secretariat_user, item):
    motion = f.motion(item, "Twee verzoeken")
    advice = f.pre_advice(motion, "geen", published=False)
    with_parts(advice, TWO_PARTS[0])
    advice.settle(advice.revision)
    data = row_data(motion, advice, value="geen", parts=[("verzoek 1", "ontraden", "")])
    page = html(english(secretariat_user).post(row_url(motion), data, **HTMX))
    assert "it must reopen it before it changes" in page
    assert parts_of(advice) == [TWO_PARTS[0]]


def test_the_board_settles_the_parts_it_has_seen(board_user, secretariat_user, item):
    motion = f.motion(item, "Twee verzoeken")
    client = english(secretariat_user)
    client.post(row_url(motion), row_data(motion, value="geen", parts=TWO_PARTS[:1]), **HTMX)
    advice = PreAdvice.objects.get(proposal=motion)
    seen = advice.revision
    client.post(row_url(motion), row_data(motion, advice, value="geen", parts=TWO_PARTS), **HTMX)
    board = english(board_user)
    settle = reverse("workspace:pre_advice_settle", args=[advice.pk])
    board.post(settle, {"revision": seen, "action": "settle"}, **HTMX)
    advice.refresh_from_db()
    assert not advice.is_settled  # it changed after the board read it
    board.post(settle, {"revision": advice.revision, "action": "settle"}, **HTMX)
    advice.refresh_from_db()
    assert advice.is_settled


def test_the_overview_shows_the_advice_per_part(secretariat_user, advised, meeting):
    page = html(dutch(secretariat_user).get(reverse("workspace:pre_advice", args=[meeting.pk])))
    assert re.search(r"verzoek 1: <span[^>]*alv-badge--overnemen[^>]*>overnemen</span>", page)
    assert re.search(r"verzoek 2: <span[^>]*alv-badge--ontraden[^>]*>ontraden</span>", page)
    # The reasons per part too, which the board reads before it settles them.
    assert "verzoek 2: Loopt vooruit op het overleg." in page


# Every page and file reads it the same way


def normalized(text):
    return re.sub(r"\s+", " ", text)


def test_the_motion_page_and_the_meeting_page_show_the_advice_per_part(member_user, advised):
    motion, _advice = advised
    client = dutch(member_user)
    for url in (
        reverse("motion_detail", args=[motion.pk]),
        reverse("meeting_detail", args=[motion.meeting_id]),
    ):
        page = normalized(html(client.get(url)))
        assert nl("Pre-advice of the board per part:") in page
        assert "Loopt vooruit op het overleg." in page
        assert re.search(r"verzoek 2: <span[^>]*alv-badge--ontraden[^>]*>ontraden</span>", page)
        assert "alv-badge--geen" not in page  # not the motion's value as the advice on all


def pdf_text(book):
    data = pdf.layout(pdf.render_html(book)).write_pdf(**pdf.PDF_OPTIONS)
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    return normalized(" ".join(p.extract_text() for p in pages))


def word_text(book):
    document = docx.Document(io.BytesIO(word.render_docx(book)[0]))
    rows = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return normalized(" ".join([p.text for p in document.paragraphs] + rows))


def test_the_book_reads_the_advice_per_part_in_the_pdf_and_in_word(advised, meeting):
    book = assembly.build(meeting, assembly.MEMBER)
    (block,) = book.items[0].proposals
    assert block.pre_advice.label == PER_PART
    text = pdf_text(book)
    assert nl("Pre-advice of the board per part") in text
    # The values in capitals, as the book prints every pre-advice (book.css).
    assert "verzoek 2: ONTRADEN — Loopt vooruit op het overleg." in text
    assert PER_PART in text  # the overview table at the end
    words = word_text(book)
    assert nl("Pre-advice of the board per part") + ":" in words
    assert "verzoek 1: overnemen — Past bij de inzet van de VNG." in words
    assert PER_PART in words
    overview = docx.Document(io.BytesIO(word.render_pre_advice_overview(book)))
    cells = [c.text for t in overview.tables for r in t.rows for c in r.cells]
    assert PER_PART in cells


def test_the_live_screens_show_the_advice_per_part(secretariat_user, advised, meeting, item):
    motion, _advice = advised
    meeting.current_proposal_id = motion.pk
    meeting.save(update_fields=["current_proposal"])
    projector = html(Client().get(reverse("live:projector_fragment", args=[meeting.pk])))
    assert PER_PART in normalized(projector)
    day = html(
        dutch(secretariat_user).get(
            reverse("live:meeting_day", args=[meeting.pk]) + f"?item={item.pk}"
        )
    )
    assert re.search(r"verzoek 1: <span[^>]*alv-badge--overnemen", day)


def test_no_page_or_file_shows_part_advice_before_it_is_published(
    member_user, drafted, meeting, item
):
    motion, _advice = drafted
    meeting.current_proposal_id = motion.pk
    meeting.save(update_fields=["current_proposal"])
    secret = ("GEHEIM-DEEL-ADVIES", "intrekken", nl("per part: %(parts)s", parts="")[:8])
    for client in (Client(), dutch(member_user)):
        for url in (
            reverse("motion_detail", args=[motion.pk]),
            reverse("meeting_detail", args=[meeting.pk]),
            reverse("live:projector", args=[meeting.pk]),
            reverse("live:projector_fragment", args=[meeting.pk]),
        ):
            page = html(client.get(url))
            assert "preadvies volgt" in page or url.endswith("/live/")
            for word_ in secret:
                assert word_ not in page, (url, word_)
    book = assembly.build(meeting, assembly.MEMBER)
    assert book.items[0].proposals[0].pre_advice is None
    for text in (pdf_text(book), word_text(book)):
        for word_ in secret:
            assert word_ not in text
    shown = contents.assemble(meeting, member_user).proposals[0]
    assert getattr(shown, "pre_advice", None) is None


# Voting on the pre-advice


def settled(motion, value, *parts):
    advice = f.pre_advice(motion, value, published=False)
    with_parts(advice, *parts)
    PreAdvice.objects.filter(pk=advice.pk).update(state="settled", settled_at=timezone.now())
    return advice


def vote_part(motion, position, label):
    return VotePart.objects.create(motion=motion, position=position, label=label)


def test_a_part_voted_on_the_pre_advice_follows_the_advice_on_that_part(item):
    motion = f.motion(item)
    settled(motion, "geen", ("verzoek 1", "overnemen", ""), ("verzoek 2", "aanhouden", ""))
    first, second = vote_part(motion, 1, "Verzoek 1"), vote_part(motion, 2, "verzoek 2")
    votes.record_pre_advice_vote(first)
    votes.record_pre_advice_vote(second, percent_for="88.49", percent_against="11.51")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.on_pre_advice) == (Status.ADOPTED, True)
    assert (second.status, second.on_pre_advice) == (Status.HELD_OVER, True)


def test_a_part_the_board_gave_no_advice_on_is_refused(item):
    motion = f.motion(item)
    settled(motion, "overnemen", ("verzoek 1", "overnemen", ""), ("verzoek 2", "ontraden", ""))
    part = vote_part(motion, 1, "1e deel")
    with translation.override("en"), pytest.raises(ValidationError, match="verzoek 1, verzoek 2"):
        votes.record_pre_advice_vote(part)
    part.refresh_from_db()
    assert part.status == Status.SUBMITTED


def test_the_motion_as_a_whole_follows_only_an_advice_on_it_as_a_whole(item):
    motion = f.motion(item)
    settled(motion, "geen", ("verzoek 1", "overnemen", ""))
    with translation.override("en"), pytest.raises(ValidationError, match="per part"):
        votes.record_pre_advice_vote(motion)
    other = f.motion(item, "Met advies als geheel")
    settled(other, "ontraden", ("verzoek 1", "overnemen", ""))
    votes.record_pre_advice_vote(other)
    assert Proposal.objects.get(pk=other.pk).status == Status.REJECTED


def test_the_meeting_day_offers_each_part_the_advice_on_it(secretariat_user, item):
    motion = f.motion(item)
    settled(motion, "geen", ("verzoek 1", "overnemen", ""), ("verzoek 2", "aanhouden", ""))
    first, second = vote_part(motion, 1, "verzoek 1"), vote_part(motion, 2, "1e deel")
    day = html(
        dutch(secretariat_user).get(
            reverse("live:meeting_day", args=[item.meeting_id]) + f"?item={item.pk}"
        )
    )
    assert f'id="part-{first.pk}-conform"' in day
    assert "overnemen conform preadvies" in normalized(day) or (
        "Overnemen" in day and f'id="part-{first.pk}-conform"' in day
    )
    assert f'id="part-{second.pk}-conform"' not in day  # no advice on a part of that name
    assert f'id="proposal-{motion.pk}-conform"' not in day  # none on the motion as a whole


# The parts are loaded with the pre-advice: a page asks no more queries for more of them


def queries(get):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        get()
    return len(captured.captured_queries)


def add_advised_motions(item, count):
    for n in range(count):
        motion = f.motion(item, f"Motie {item.pk}-{n}")
        with_parts(f.pre_advice(motion, "geen"), *TWO_PARTS)


def test_the_pages_ask_the_same_queries_for_more_advice_per_part(
    member_user, secretariat_user, meeting, item
):
    from django.core.cache import caches

    from alv.models import Association

    add_advised_motions(item, 2)
    member, secretariat = dutch(member_user), dutch(secretariat_user)
    pages = {
        "meeting": lambda: member.get(reverse("meeting_detail", args=[meeting.pk])),
        "overview": lambda: secretariat.get(reverse("workspace:pre_advice", args=[meeting.pk])),
        "book": lambda: assembly.build(meeting, assembly.MEMBER),
        "projector": lambda: Client().get(reverse("live:projector", args=[meeting.pk])),
    }

    def measured():
        # Each page rendered afresh, not from the papers' cache; the association is read once
        # per revision of the papers.
        Association.current()
        counts = {}
        for name, get in pages.items():
            caches["papers"].clear()
            counts[name] = queries(get)
        return counts

    measured()
    before = measured()
    add_advised_motions(item, 6)
    measured()
    after = measured()
    assert after == before
    page = html(member.get(reverse("meeting_detail", args=[meeting.pk])))
    assert page.count("Loopt vooruit op het overleg.") == 8


def test_the_history_of_the_motion_lists_the_changes_of_the_parts(secretariat_user, item):
    motion = f.motion(item, "Twee verzoeken")
    client = english(secretariat_user)
    client.post(row_url(motion), row_data(motion, value="geen", parts=TWO_PARTS[:1]), **HTMX)
    page = html(client.get(reverse("workspace:proposal", args=[motion.pk])))
    assert "Pre-advice on verzoek 1" in page


def test_a_poll_on_the_pre_advice_is_opened_only_where_there_is_one_to_follow(item):
    from voting import polls

    motion = f.motion(item)
    settled(motion, "geen", ("verzoek 1", "overnemen", ""))
    matching, other = vote_part(motion, 1, "verzoek 1"), vote_part(motion, 2, "2e deel")
    assert polls.kind_for(matching, on_pre_advice=True) == polls.Poll.Kind.PRE_ADVICE
    for subject in (motion, other):
        with pytest.raises(ValidationError):
            polls.kind_for(subject, on_pre_advice=True)
