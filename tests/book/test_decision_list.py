"""The decision list (besluitenlijst) as PDF and Word: one renderer-neutral document from
`papers.decisions.assemble` (book.assembly, scope DECISIONS), rendered by the book's PDF and Word
renderers, built and stored by the worker like the book, and reached only by whoever may read
the list on its page: members and the public once the secretariat has published it."""

import io
import re
import zipfile
from types import SimpleNamespace

import docx
import pypdf
import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agenda.models import Meeting
from agenda.outcomes import Status
from book import assembly, builds, pdf
from book import docx as word
from book.models import BookBuild
from book.views import file_url
from motions import followup, votes
from motions.models import FollowUp, PreAdvice
from tests import factories as f
from tests import urlmatrix
from tests.book import libreoffice
from tests.live_helpers import large_meeting
from tests.samples import build_samples
from voting import polls
from voting.models import Cast, Poll, Tally

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def make_decided_meeting():
    """Item 1 with a three-way amendment vote, a motion voted in parts, a withdrawn motion and
    one adopted by acclamation; item 2 with a decision on the item itself; a sub-item; a
    follow-up item; and a draft motion that was decided (only the secretariat sees it)."""
    meeting = f.meeting(title="Decemberledenvergadering")
    item = f.item(meeting, "Zorg")
    resolution = f.resolution(item, "Stop met gesprekken", clauses=("Een.", "Twee."))
    amendment = f.amendment(item, resolution, 2, "replace", "Twee, anders.")
    PreAdvice.objects.create(proposal=amendment, value="ontraden", state="settled")
    votes.record_three_way_vote(amendment, 34, 62, 4)
    split = f.motion(item, "In delen", advice="aanhouden")
    first = votes.add_part(split, "1e deel")
    second = votes.add_part(split, "2e deel")
    votes.record_outcome(
        first, Status.ADOPTED, percent_for="92.16", percent_against="7.84", percent_abstain=0
    )
    votes.record_pre_advice_vote(second)
    votes.record_outcome(f.motion(item, "Teruggetrokken"), Status.WITHDRAWN)
    votes.record_outcome(f.motion(item, "Bij acclamatie"), Status.ADOPTED, by_acclamation=True)
    votes.record_outcome(
        f.motion(item, "Geheime conceptmotie", is_draft=True),
        Status.REJECTED,
        percent_for="43.02",
        percent_against="50.00",
        percent_abstain="6.98",
    )
    minutes = f.item(meeting, "Notulen")
    decision = votes.item_decision(minutes)
    decision.text = "De notulen worden vastgesteld."
    votes.record_outcome(decision, Status.ADOPTED)
    sub = f.item(meeting, "Asiel", parent=minutes)
    votes.record_outcome(
        f.motion(sub, "Solidariteit in de asielopvang"),
        Status.ADOPTED,
        percent_for="91.80",
        percent_against="6.00",
        percent_abstain="2.20",
    )
    follow_up_item = f.item(meeting, "Verantwoording", is_follow_up=True)
    old = f.motion(f.item(f.meeting(days=-300)), "Oud")
    votes.record_outcome(old, Status.ADOPTED, by_acclamation=True)
    follow_up = FollowUp.objects.create(agenda_item=follow_up_item, motion=old, position=1)
    followup.record_decision(follow_up, "close")
    return meeting


@pytest.fixture
def decided():
    return make_decided_meeting()


def publish(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(decisions_published_at=timezone.now())
    meeting.refresh_from_db()


def withdraw(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(decisions_published_at=None)
    meeting.refresh_from_db()


def normalize(text):
    text = re.sub(r"[\u2010\u00ad]\s*\n", "", text)
    text = re.sub(r"-\s*\n", "-", text)
    return re.sub(r"\s+", " ", text)


# --- The document, rendered twice ----------------------------------------------------------


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    """The published decision list, assembled once and rendered by both renderers."""
    with django_db_blocker.unblock(), transaction.atomic():
        meeting = make_decided_meeting()
        publish(meeting)
        document = assembly.build(meeting, assembly.MEMBER, assembly.DECISIONS)
        pdf_data, pages = pdf.render_pdf(document)
        docx_data, _ = word.render_docx(document)
        transaction.set_rollback(True)
    return SimpleNamespace(
        document=document,
        pdf=pdf_data,
        pages=pages,
        reader=pypdf.PdfReader(io.BytesIO(pdf_data)),
        docx=docx_data,
        word=docx.Document(io.BytesIO(docx_data)),
    )


# What a member reads in both files (Dutch, the association's language).
EXPECTED = [
    "Besluitenlijst Decemberledenvergadering",
    "Zorg",
    "Amendement",
    "Aangenomen in driewegstemming",
    "62,00%",
    "34,00%",
    "4,00%",
    "In delen",
    "1e deel",
    "92,16%",
    "7,84%",
    "Teruggetrokken",
    "Ingetrokken",
    "Aangenomen bij acclamatie",
    "Besluit over agendapunt 2",
    "De notulen worden vastgesteld.",
    "Solidariteit in de asielopvang",
    "91,80%",
    "2,20%",
    "Verantwoording",
    "Oud",
]


def test_the_pdf_names_every_decision_with_its_outcome_and_percentages(rendered):
    text = normalize(" ".join(page.extract_text() for page in rendered.reader.pages))
    for expected in EXPECTED:
        assert expected in text, expected
    assert "Agendapunt 1 Zorg" in text and "Agendapunt 2a Asiel" in text
    for label in ("Voor", "Tegen", "Onthouding", "Voor het voorstel van het bestuur"):
        assert label in text
    assert "Geheime conceptmotie" not in text  # a draft: not in the member edition
    meeting_date = rendered.document.cover.date
    assert meeting_date in text


def test_the_pdf_is_tagged_and_has_bookmarks_running_header_and_page_x_of_y(rendered):
    reader = rendered.reader
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert reader.metadata.title == "Besluitenlijst Decemberledenvergadering"
    assert str(root["/Lang"]) == "nl"
    assert "pdfuaid:part" in root["/Metadata"].get_object().get_data().decode()

    def titles(outline):
        for entry in outline:
            if isinstance(entry, list):
                yield from titles(entry)
            else:
                yield entry.title

    outline = list(titles(reader.outline))
    assert "Agendapunt 1: Zorg" in outline and "Agendapunt 2: Notulen" in outline
    assert "Agendapunt 2a: Asiel" in outline  # nested under item 2
    assert any("In delen" in title for title in outline)
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = normalize(page.extract_text())
        assert f"pagina {number} van {pages}" in text
        assert "Decemberledenvergadering" in text  # the running header


def test_the_word_file_has_the_templates_heading_styles_and_every_decision(rendered):
    paragraphs = rendered.word.paragraphs
    styles = {p.text: p.style.name for p in paragraphs}
    assert styles["Besluitenlijst Decemberledenvergadering"] == "Title"
    assert styles["1. Zorg"] == "Heading 1"
    assert styles["2. Notulen"] == "Heading 1"
    assert styles["2a. Asiel"] == "Heading 2"  # a sub-item
    assert styles["Besluit over agendapunt 2"] == "Heading 2"  # a decision under its item
    assert next(v for k, v in styles.items() if "Solidariteit" in k) == "Heading 3"
    # One list, not a book: the template's page break before a Heading 1 is switched off.
    assert all(
        p.paragraph_format.page_break_before is False
        for p in paragraphs
        if p.style.name == "Heading 1"
    )
    text = "\n".join(p.text for p in paragraphs)
    for table in rendered.word.tables:
        text += "\n" + "\n".join(c.text for row in table.rows for c in row.cells)
    for expected in EXPECTED:
        assert expected in text, expected
    assert "Geheime conceptmotie" not in text
    assert rendered.word.core_properties.title == "Besluitenlijst Decemberledenvergadering"


def test_the_word_footer_has_page_fields(rendered):
    footer = zipfile.ZipFile(io.BytesIO(rendered.docx)).read("word/footer1.xml").decode()
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    assert "pagina" in footer and "Decemberledenvergadering" in footer


def test_libreoffice_opens_the_word_file(rendered, tmp_path):
    text = libreoffice.as_text(rendered.docx, tmp_path, "besluitenlijst")
    assert "Besluitenlijst Decemberledenvergadering" in text and "92,16%" in text


# --- The assembly --------------------------------------------------------------------------


def test_the_secretariat_edition_is_a_concept_until_published_and_shows_drafts(decided):
    concept = assembly.build(decided, assembly.SECRETARIAT, assembly.DECISIONS)
    assert concept.is_concept
    names = [d.name for s in concept.items for d in s.decisions]
    assert any("Geheime conceptmotie" in name for name in names)
    with pytest.raises(LookupError):  # no member edition of an unpublished list
        assembly.build(decided, assembly.MEMBER, assembly.DECISIONS)
    publish(decided)
    member = assembly.build(decided, assembly.MEMBER, assembly.DECISIONS)
    assert not member.is_concept
    assert member.cover.published.startswith("Besluitenlijst gepubliceerd op")
    assert not any("Geheime" in d.name for s in member.items for d in s.decisions)


def test_the_shares_are_the_weighted_percentages(decided):
    publish(decided)
    document = assembly.build(decided, assembly.MEMBER, assembly.DECISIONS)
    lines = {d.name: d for s in document.items for d in s.decisions}
    split = next(d for name, d in lines.items() if "In delen" in name)
    assert [(s.label, s.percent) for s in split.parts[0].shares] == [
        ("Voor", "92,16%"),
        ("Tegen", "7,84%"),
        ("Onthouding", "0,00%"),
    ]
    amendment = next(d for d in lines.values() if d.kind == "amendment")
    assert [s.percent for s in amendment.shares] == ["34,00%", "62,00%", "4,00%"]
    acclamation = next(d for name, d in lines.items() if "Bij acclamatie" in name)
    assert acclamation.shares == [] and acclamation.status == Status.ADOPTED


def test_assembling_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    small, large = large_meeting(items=1, motions=4), large_meeting(items=6, motions=30)
    for meeting in (small, large):
        publish(meeting)
        with django_assert_max_num_queries(30):
            assembly.build(meeting, assembly.MEMBER, assembly.DECISIONS)


# --- Through the site ----------------------------------------------------------------------


def get_url(meeting, edition="member", fmt="pdf"):
    query = "?scope=decisions" + ("&format=docx" if fmt == "docx" else "")
    return reverse("book:get", args=[meeting.pk, edition]) + query


def build_url(meeting, edition="member", fmt="pdf"):
    query = "?scope=decisions" + ("&format=docx" if fmt == "docx" else "")
    return reverse("book:build", args=[meeting.pk, edition]) + query


def test_an_unpublished_decision_list_reaches_no_member_in_any_format(client, decided, member_user):
    for user in (None, member_user):
        if user:
            client.force_login(user)
        for fmt in ("pdf", "docx"):
            assert client.get(get_url(decided, fmt=fmt)).status_code == 404
            # Built by hand by the secretariat only; the others never reach the list.
            assert client.post(build_url(decided, fmt=fmt)).status_code == (403 if user else 302)
            status = reverse("book:status", args=[decided.pk, "member"]) + "?scope=decisions"
            assert client.get(status).status_code == 404
        assert client.get(get_url(decided, "secretariat")).status_code == 403
    assert BookBuild.objects.count() == 0


def test_a_member_gets_it_once_published_and_loses_it_when_withdrawn(
    client, decided, member_user, work_off_queue
):
    publish(decided)
    client.force_login(member_user)
    wait = client.get(get_url(decided))
    assert wait.status_code == 200
    html = wait.content.decode()
    assert "Besluitenlijst als pdf" in html and "De besluitenlijst maken" not in html
    assert BookBuild.objects.count() == 0  # reading builds nothing
    builds.request(decided, assembly.MEMBER, assembly.DECISIONS)  # as publishing it does
    work_off_queue()
    build = BookBuild.objects.get()
    assert build.scope == assembly.DECISIONS and build.is_ready
    response = client.get(get_url(decided))
    assert response.status_code == 302 and response["Location"] == file_url(build)
    download = client.get(response["Location"])
    assert download["Content-Type"] == "application/pdf"
    assert "besluitenlijst" in download["Content-Disposition"]
    data = b"".join(download.streaming_content)
    text = normalize(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages))
    assert "92,16%" in text and "Geheime conceptmotie" not in text

    withdraw(decided)
    assert client.get(file_url(build)).status_code == 404
    assert client.get(get_url(decided)).status_code == 404


def test_the_word_decision_list_is_built_and_downloaded(
    client, decided, member_user, work_off_queue
):
    publish(decided)
    client.force_login(member_user)
    html = client.get(get_url(decided, fmt="docx")).content.decode()
    assert "Besluitenlijst als Word-bestand" in html and "Het Word-bestand is nog niet" not in html
    builds.request(decided, assembly.MEMBER, assembly.DECISIONS, fmt="docx")
    work_off_queue()
    build = BookBuild.objects.get(format="docx")
    download = client.get(client.get(get_url(decided, fmt="docx"))["Location"])
    assert download["Content-Type"] == DOCX
    document = docx.Document(io.BytesIO(b"".join(download.streaming_content)))
    assert document.core_properties.title == "Besluitenlijst Decemberledenvergadering"
    assert builds.download_name(build).endswith("-besluitenlijst.docx")


def test_the_secretariat_and_the_board_get_the_concept_before_publication(
    client, decided, board_user, secretariat_user, work_off_queue
):
    client.force_login(secretariat_user)
    assert client.post(build_url(decided, "secretariat", "docx")).status_code == 302
    work_off_queue()
    client.force_login(board_user)
    assert client.get(get_url(decided, "secretariat")).status_code == 200
    download = client.get(client.get(get_url(decided, "secretariat", "docx"))["Location"])
    document = docx.Document(io.BytesIO(b"".join(download.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Concept" in text and "Geheime conceptmotie" in text


def test_an_unchanged_decision_list_is_built_once(decided, work_off_queue):
    publish(decided)
    builds.request(decided, assembly.MEMBER, assembly.DECISIONS, fmt="docx")
    work_off_queue()
    assert builds.state(decided, assembly.MEMBER, assembly.DECISIONS, fmt="docx").is_current
    builds.request(decided, assembly.MEMBER, assembly.DECISIONS, fmt="docx")
    assert BookBuild.objects.count() == 1
    # A new result changes the list: the next request builds a new one.
    votes.record_outcome(f.motion(decided.items.first(), "Nagekomen"), Status.REJECTED)
    assert not builds.state(decided, assembly.MEMBER, assembly.DECISIONS, fmt="docx").is_current


def test_the_stored_member_decision_list_holds_no_unpublished_text(work_off_queue):
    samples = build_samples()
    public = samples.resolve("meeting")
    votes.record_outcome(samples.resolve("motion"), Status.ADOPTED, by_acclamation=True)
    votes.record_outcome(samples.resolve("draft_motion"), Status.ADOPTED, by_acclamation=True)
    publish(public)
    member = builds.request(public, assembly.MEMBER, assembly.DECISIONS, fmt="docx")
    secretariat = builds.request(public, assembly.SECRETARIAT, assembly.DECISIONS, fmt="docx")
    work_off_queue()
    member_build = BookBuild.objects.get(pk=member.build.pk)
    secretariat_build = BookBuild.objects.get(pk=secretariat.build.pk)

    def file_case(build):
        return urlmatrix.Case(
            kwargs={
                "build_id": urlmatrix.literal(build.pk),
                "name": urlmatrix.literal(builds.download_name(build)),
            },
            get=urlmatrix.ANYONE,
            post=urlmatrix.ANYONE,
        )

    member_file = {"book:file": file_case(member_build)}
    assert urlmatrix.unpublished_leaks("book:file", member_file, samples) == []
    # The check has teeth: the secretariat's file holds the decided draft.
    url = urlmatrix.url_for("book:file", file_case(secretariat_build), samples)
    response, _ = urlmatrix.fetch("secretariat", "GET", url, samples)
    assert urlmatrix.leaks(urlmatrix.response_text(response), "member")


def test_the_status_and_wait_pages_take_a_fixed_number_of_queries(
    client, member_user, django_assert_max_num_queries
):
    client.force_login(member_user)
    for meeting in (large_meeting(items=1, motions=4), large_meeting(items=6, motions=30)):
        publish(meeting)
        with django_assert_max_num_queries(40):
            assert client.get(get_url(meeting, fmt="docx")).status_code == 200


# --- The decision list page's buttons --------------------------------------------------------


def test_the_page_offers_pdf_and_word_to_whoever_may_read_it(
    client, decided, member_user, secretariat_user
):
    page = reverse("live:decisions", args=[decided.pk])
    client.force_login(secretariat_user)
    html = client.get(page).content.decode()
    assert get_url(decided, "secretariat").replace("&", "&amp;") in html
    assert get_url(decided, "secretariat", "docx").replace("&", "&amp;") in html
    assert get_url(decided, "member") not in html  # no member edition yet
    assert "Concept, niet gepubliceerd" in html
    publish(decided)
    client.force_login(member_user)
    html = client.get(page).content.decode()
    assert get_url(decided) in html and get_url(decided, fmt="docx").replace("&", "&amp;") in html
    assert "secretariat" not in html.split("De besluitenlijst downloaden")[1].split("</section>")[0]


# --- Word for one agenda item, and the waiting page naming its format ----------------------


def test_one_item_is_offered_as_word_next_to_its_pdf(client, secretariat_user):
    item = f.item(f.meeting(title="Najaars-ALV"), "Financiën")
    f.motion(item, "Geld voor gemeenten", advice="overnemen")
    client.force_login(secretariat_user)
    html = client.get(reverse("book:page", args=[item.meeting.pk])).content.decode()
    for edition in ("member", "secretariat"):
        base = reverse("book:get", args=[item.meeting.pk, edition])
        assert f"{base}?scope=item&amp;target={item.pk}&amp;format=docx" in html
        assert f'{base}?scope=item&amp;target={item.pk}"' in html
    assert "Agendapunt 1, ledeneditie, Word" in html


def test_the_waiting_page_names_the_format_it_prepares(client, member_user, work_off_queue):
    item = f.item(f.meeting(title="Najaars-ALV"), "Financiën")
    motion = f.motion(item, "Geld voor gemeenten", advice="overnemen")
    client.force_login(member_user)
    base = reverse("book:get", args=[item.meeting.pk, "member"])
    pdf_page = client.get(f"{base}?scope=item&target={item.pk}").content.decode()
    assert "Agendapunt 1 als pdf</h1>" in pdf_page
    word_page = client.get(f"{base}?scope=item&target={item.pk}&format=docx").content.decode()
    assert "Agendapunt 1 als Word-bestand</h1>" in word_page and "De pdf" not in word_page
    builds.request(item.meeting, "member", fmt="docx")
    pending = client.get(f"{base}?format=docx").content.decode()
    assert "Vergaderboek als Word-bestand" in pending
    assert "Het Word-bestand wordt klaargemaakt" in pending
    proposal = client.get(f"{base}?scope=proposal&target={motion.pk}&format=docx").content.decode()
    assert "“Geld voor gemeenten” als Word-bestand</h1>" in proposal
    work_off_queue()
    build = BookBuild.objects.get(format="docx", scope="meeting")
    assert build.is_ready


# --- The command ----------------------------------------------------------------------------


def test_export_book_writes_the_decision_list(tmp_path, decided):
    out = tmp_path / "besluitenlijst.pdf"
    with pytest.raises(CommandError, match="not published"):
        call_command("export_book", str(decided.pk), "--document", "decisions", "-o", str(out))
    publish(decided)
    call_command("export_book", str(decided.pk), "--document", "decisions", "-o", str(out))
    text = normalize("".join(p.extract_text() for p in pypdf.PdfReader(out).pages))
    assert "Besluitenlijst Decemberledenvergadering" in text and "91,80%" in text
    word_out = tmp_path / "besluitenlijst.docx"
    call_command(
        "export_book", str(decided.pk), "--document", "decisions", "--format", "docx",
        "--edition", "secretariat", "-o", str(word_out),
    )  # fmt: skip
    assert "Geheime conceptmotie" in "\n".join(p.text for p in docx.Document(word_out).paragraphs)
    assert BookBuild.objects.filter(scope=assembly.DECISIONS).count() == 2


# --- The electronic votes, as the page shows them ------------------------------------------


def make_voted_meeting():
    """A published decision list with two electronic votes: a named one on one motion (Vlieland
    on a paper card) and a secret one on another, in which only Zwolle and Delft voted; and a
    closed vote on a draft motion, which only the secretariat's edition shows. Returns the
    meeting and the receipts of the secret vote."""
    meeting = f.meeting(title="Stemmingsvergadering")
    item = f.item(meeting, "Moties")
    voters = {
        name: f.member(name, population=population)
        for name, population in (
            ("Amsterdam", 931_000),
            ("Utrecht", 374_000),
            ("Vlieland", 1_200),
            ("Zwolle", 132_000),
            ("Delft", 105_000),
        )
    }
    named = polls.open_poll(f.motion(item, "Open stemming"), None)
    polls.cast_vote(named, voters["Amsterdam"], "against", None)
    polls.cast_vote(named, voters["Utrecht"], "for", None)
    polls.cast_vote(named, voters["Vlieland"], "abstain", None, on_paper=True)
    polls.close_poll(named)
    secret = polls.open_poll(f.motion(item, "Geheime stemming"), None, secret=True)
    polls.cast_vote(secret, voters["Zwolle"], "for", None)
    polls.cast_vote(secret, voters["Delft"], "against", None)
    polls.close_poll(secret)
    # Nobody opens a vote on a draft; were one on record, the member edition still shows
    # nothing of what it does not show.
    draft = f.motion(item, "Conceptmotie", is_draft=True)
    hidden = Poll.objects.create(
        meeting=meeting,
        proposal=draft.proposal_ptr,
        title="Stemming over de conceptmotie",
        kind=Poll.Kind.FOR_AGAINST,
        state=Poll.State.CLOSED,
        opens_at=timezone.now(),
        closed_at=timezone.now(),
    )
    Tally.objects.create(poll=hidden, choice="for", weight=7_000, cards=1)
    Cast.objects.create(
        poll=hidden, member=f.member("Haarlem"), receipt="HAAR-LEM1", choice="for", weight=7_000
    )
    publish(meeting)
    return meeting, sorted(Cast.objects.filter(poll=secret).values_list("receipt", flat=True))


def word_text(document):
    """The text of a Word file in its order: a paragraph a line, a table a row a line with
    its cells between bars."""
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            lines += [" | ".join(cell.text for cell in row.cells) for row in block.rows]
        else:
            lines.append(block.text)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def voted(django_db_setup, django_db_blocker):
    """The member edition of a decision list with electronic votes, in both renderings."""
    with django_db_blocker.unblock(), transaction.atomic():
        meeting, receipts = make_voted_meeting()
        document = assembly.build(meeting, assembly.MEMBER, assembly.DECISIONS)
        pdf_data, _pages = pdf.render_pdf(document)
        docx_data, _ = word.render_docx(document)
        secretariat = assembly.build(meeting, assembly.SECRETARIAT, assembly.DECISIONS)
        transaction.set_rollback(True)
    reader = pypdf.PdfReader(io.BytesIO(pdf_data))
    return SimpleNamespace(
        document=document,
        secretariat=secretariat,
        receipts=receipts,
        pdf=normalize(" ".join(page.extract_text() for page in reader.pages)),
        word=word_text(docx.Document(io.BytesIO(docx_data))),
    )


def test_a_named_vote_lists_each_members_vote_weight_and_paper_card_in_the_pdf(voted):
    text = voted.pdf
    named = text[text.index("“Open stemming”: de stemmen per lid") :]
    assert named.startswith(
        "“Open stemming”: de stemmen per lid Keuze Aandeel Gewicht Stemkaarten "
        "Voor 28,63% 374000 1 Tegen 71,28% 931000 1 Onthouding 0,09% 1200 1 "
        "Lid Stemmen Gewicht Papieren stemkaart "
        "Amsterdam Tegen 931000 nee Utrecht Voor 374000 nee Vlieland Onthouding 1200 ja "
    )


def test_a_named_vote_lists_each_members_vote_weight_and_paper_card_in_word(voted):
    lines = voted.word.splitlines()
    start = next(i for i, line in enumerate(lines) if line.endswith("”: de stemmen per lid"))
    assert "Open stemming" in lines[start]
    assert [line for line in lines[start + 1 : start + 11] if line] == [
        "Keuze | Aandeel | Gewicht | Stemkaarten",
        "Voor | 28,63% | 374000 | 1",
        "Tegen | 71,28% | 931000 | 1",
        "Onthouding | 0,09% | 1200 | 1",
        "Lid | Stemmen | Gewicht | Papieren stemkaart",
        "Amsterdam | Tegen | 931000 | nee",
        "Utrecht | Voor | 374000 | nee",
        "Vlieland | Onthouding | 1200 | ja",
    ]


def test_a_secret_vote_shows_its_totals_and_receipts_and_never_a_member(voted):
    for text in (voted.pdf, voted.word):
        assert "Geheime stemming over Motie" in text
        assert "“Geheime stemming”: de totalen" in text
        for receipt in voted.receipts:
            assert receipt in text
        # Zwolle and Delft voted only in the secret vote: nothing names them.
        assert "Zwolle" not in text and "Delft" not in text
    block = next(
        poll
        for section in voted.document.items
        for decision in section.decisions
        for poll in decision.polls
        if poll.secret
    )
    assert block.votes == [] and block.receipts == voted.receipts
    assert [(o.label, o.weight, o.cards) for o in block.options] == [
        ("Voor", "132000", "1"),
        ("Tegen", "105000", "1"),
        ("Onthouding", "0", "0"),
    ]


def test_the_member_edition_shows_the_votes_only_on_what_it_shows(voted):
    for text in (voted.pdf, voted.word):
        assert "Conceptmotie" not in text and "Haarlem" not in text and "HAAR-LEM1" not in text
    shown = [p.title for s in voted.secretariat.items for d in s.decisions for p in d.polls]
    assert "Stemming over de conceptmotie" in shown


def test_the_votes_take_a_fixed_number_of_queries_whatever_the_members_and_votes():
    meeting, _receipts = make_voted_meeting()

    def count():
        with CaptureQueriesContext(connection) as queries:
            assembly.build(meeting, assembly.MEMBER, assembly.DECISIONS)
        return len(queries)

    few = count()
    item = meeting.items.get()
    for number in range(3):
        poll = polls.open_poll(f.motion(item, f"Motie {number}"), None, secret=number == 1)
        for voter in range(10):
            polls.cast_vote(poll, f.member(population=1_000 + voter), "for", None)
        polls.close_poll(poll)
    assert count() == few
