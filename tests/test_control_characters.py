"""Control characters (a vertical tab, a unit separator, a backspace pasted along with a title)
never reach the papers: they are stripped from every text of the project's models on save,
whatever saves it, so the Word book, which cannot hold them, is always made."""

import importlib
import io

import docx
import pytest
from django.test import Client
from django.urls import reverse

from agenda.models import AgendaItem
from alv.text import clean_stored_rows
from book import assembly, builds
from book.docx import render_docx
from motions.models import Motion
from tests import factories as f
from tests.conftest import make_user

# Stored books of these tests land in their own folder.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("book_storage")]

HOSTILE = "Begroting\x0b 2027\x1f en\x08 verder\x7f\x9f"


def test_the_workspace_saves_a_pasted_title_without_its_control_characters_and_the_word_book_is_made(
    work_off_queue,
):
    meeting = f.meeting(title="Najaars-ALV")
    item = f.item(meeting, "Financiën")
    secretariat = Client(HTTP_ACCEPT_LANGUAGE="en")
    secretariat.force_login(make_user("sec", "secretariat"))
    response = secretariat.post(
        reverse("workspace:item", args=[item.pk]),
        item_form(item, title=HOSTILE, text="Tekst\x0b."),
    )
    assert response.status_code == 302, response.context["form"].errors
    item.refresh_from_db()
    assert (item.title, item.text) == ("Begroting 2027 en verder", "Tekst.")

    builds.request(meeting, assembly.MEMBER, fmt="docx")
    work_off_queue()
    book = builds.state(meeting, assembly.MEMBER, fmt="docx").ready
    assert book is not None
    text = "\n".join(p.text for p in docx.Document(str(book.path)).paragraphs)
    assert "Begroting 2027 en verder" in text


def test_a_title_of_control_characters_only_is_refused_at_the_field():
    item = f.item(f.meeting(), "Financiën")
    secretariat = Client(HTTP_ACCEPT_LANGUAGE="en")
    secretariat.force_login(make_user("sec", "secretariat"))
    response = secretariat.post(
        reverse("workspace:item", args=[item.pk]),
        item_form(item, title="\x08\x7f\x08", text=""),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["title"] == ["This field is required."]
    assert AgendaItem.objects.get(pk=item.pk).title == "Financiën"


def item_form(item, **fields):
    data = {"kind": item.kind, "revision": item.revision, **fields}
    return {f"item-{item.pk}-{name}": value for name, value in data.items()}


def test_rows_made_by_code_lose_their_control_characters_too():
    # An import or a command saves through the ORM, not through a form.
    motion = f.motion(f.item(f.meeting()), HOSTILE + "\x00")  # forms refuse a null outright
    assert Motion.objects.get(pk=motion.pk).title == "Begroting 2027 en verder"
    # Tabs and line breaks are text.
    motion.explanation = "Eerste regel\nTweede\tregel\r\n"
    motion.save()
    assert Motion.objects.get(pk=motion.pk).explanation == "Eerste regel\nTweede\tregel\r\n"


def test_texts_stored_before_are_cleaned_by_the_migration_and_render_in_word():
    meeting = f.meeting(title="Najaars-ALV")
    item = f.item(meeting, "Financiën")
    motion = f.motion(item, "Motie")
    # As rows saved before the fix hold them (an update sends no pre_save).
    Motion.objects.filter(pk=motion.pk).update(title=HOSTILE)
    AgendaItem.objects.filter(pk=item.pk).update(text=HOSTILE)
    with pytest.raises(ValueError, match="XML compatible"):
        render_docx(assembly.build(meeting, assembly.MEMBER))

    for app in ("agenda", "motions"):
        migration = importlib.import_module(f"{app}.migrations.0006_strip_control_characters")
        from django.apps import apps

        migration.strip(apps, None)
    assert Motion.objects.get(pk=motion.pk).title == "Begroting 2027 en verder"
    data, _pages = render_docx(assembly.build(meeting, assembly.MEMBER))
    document = docx.Document(io.BytesIO(data))
    assert "Begroting 2027 en verder" in "\n".join(p.text for p in document.paragraphs)
    assert clean_stored_rows(Motion) == 0  # nothing left to clean


def test_a_required_text_of_control_characters_only_is_refused_at_the_field_not_a_500():
    item = f.item(f.meeting(published=False), "Asiel")
    resolution = f.resolution(item, "Resolutie", clauses=("Een.",))
    version = resolution.current_version
    secretariat = Client(HTTP_ACCEPT_LANGUAGE="en")
    secretariat.force_login(make_user("sec", "secretariat"))
    data = {
        "title": "Amendement",
        "submitters": [f.member("Sliedrecht").pk],
        "submitters_note": "",
        "resolution_version": version.pk,
        "change": "replace",
        "target_clause": version.clauses.get().pk,
        "new_text": "\x01\x1b",
        "explanation": "",
        "submitted_at": "",
    }
    response = secretariat.post(
        reverse("workspace:proposal_new", args=[item.meeting_id, "amendment"]), data
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_text"]
    assert not Motion.objects.exists() and not item.proposals.exists()
