import pypdf
import pytest
from django.core.management import CommandError, call_command

from book.models import BookBuild
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_it_writes_the_next_upcoming_meeting_and_keeps_the_book_for_the_site(tmp_path):
    f.meeting(title="Vorige ALV", days=-30)
    item = f.item(f.meeting(title="Volgende ALV", days=10), "Begroting")
    f.motion(item, "Sluitende begroting", advice="ontraden")
    f.meeting(title="Verre ALV", days=200)
    out = tmp_path / "boek.pdf"
    call_command("export_book", "--format", "pdf", "--edition", "member", "-o", str(out))
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "Volgende ALV" in text and "Sluitende begroting" in text
    assert BookBuild.objects.get().is_ready

    # The second export of unchanged papers copies the stored book.
    again = tmp_path / "nogmaals.pdf"
    call_command("export_book", "-o", str(again))
    assert again.read_bytes() == out.read_bytes()
    assert BookBuild.objects.count() == 1


def test_without_upcoming_meetings_it_takes_the_latest(tmp_path):
    f.meeting(title="Oude ALV", days=-300)
    f.meeting(title="Laatste ALV", days=-3)
    out = tmp_path / "boek.pdf"
    call_command("export_book", "-o", str(out))
    assert "Laatste ALV" in pypdf.PdfReader(out).pages[0].extract_text()


def test_the_secretariat_edition_of_unpublished_papers_says_concept(tmp_path):
    meeting = f.meeting(title="Voorbereiding", published=False)
    f.motion(f.item(meeting), "Concepttekst", is_draft=True)
    with pytest.raises(CommandError, match="not published"):
        call_command("export_book", str(meeting.pk), "-o", str(tmp_path / "x.pdf"))
    out = tmp_path / "concept.pdf"
    call_command("export_book", str(meeting.pk), "--edition", "secretariat", "-o", str(out))
    reader = pypdf.PdfReader(out)
    assert "Concept" in reader.pages[0].extract_text()
    assert "CONCEPT" in reader.pages[1].extract_text()  # on every page's header too


def test_it_names_an_unknown_meeting(tmp_path):
    with pytest.raises(CommandError, match="No meeting with id 999"):
        call_command("export_book", "999", "-o", str(tmp_path / "x.pdf"))


def test_the_format_is_a_choice_so_word_can_join_later(tmp_path):
    f.meeting()
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("export_book", "--format", "odt", "-o", str(tmp_path / "x.odt"))
