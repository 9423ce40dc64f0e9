import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from members.imports import load_municipalities
from motions.models import Motion
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(db):
    load_municipalities()
    meeting = f.meeting(published=False)
    f.item(meeting, "Opening")
    f.item(meeting, "Asiel")
    return meeting


def docx_file(
    name="motie.docx", title="Solidariteit in de asielopvang", submitters="Sliedrecht en Gorinchem"
):
    document = Document()
    document.add_heading(title, level=1)
    document.add_paragraph(f"Indieners: {submitters}")
    document.add_paragraph("constaterende dat de opvang schuurt;")
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, meeting, *files):
    return client.post(
        reverse("motion_import", args=[meeting.pk]), {"files": list(files)}, follow=True
    )


def test_it_redirects_anonymous_visitors_to_log_in(client, meeting):
    response = client.get(reverse("motion_import", args=[meeting.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_it_refuses_members_and_the_board(client, meeting, member_user, board_user):
    for user in (member_user, board_user):
        client.force_login(user)
        assert client.get(reverse("motion_import", args=[meeting.pk])).status_code == 403
        response = client.post(
            reverse("motion_import", args=[meeting.pk]), {"files": [docx_file()]}
        )
        assert response.status_code == 403


def test_it_previews_each_file_next_to_its_original_text(client, meeting, secretariat_user):
    client.force_login(secretariat_user)
    html = upload(client, meeting, docx_file()).content.decode()
    assert "Solidariteit in de asielopvang" in html
    assert "Sliedrecht, Gorinchem" in html
    assert "Indieners: Sliedrecht en Gorinchem" in html  # the original text
    assert not Motion.objects.exists()


def test_a_bad_file_gets_its_own_message_and_does_not_stop_the_others(
    client, meeting, secretariat_user
):
    client.force_login(secretariat_user)
    pdf = SimpleUploadedFile("motie.pdf", b"%PDF-1.7 ...")
    html = upload(client, meeting, pdf, docx_file()).content.decode()
    assert "motie.pdf: Dit is een pdf, geen Word-document (.docx)." in html
    assert "Solidariteit in de asielopvang" in html


def test_confirming_creates_a_draft_motion_under_the_chosen_item(client, meeting, secretariat_user):
    client.force_login(secretariat_user)
    upload(client, meeting, docx_file())
    item = meeting.items.get(title="Asiel")
    response = client.post(
        reverse("motion_import_confirm", args=[meeting.pk, 0]),
        {"agenda_item": item.pk, "action": "create"},
        follow=True,
    )
    motion = Motion.objects.get()
    assert motion.is_draft and motion.agenda_item == item
    assert motion.submitter_names == ["Sliedrecht", "Gorinchem"]
    assert "Solidariteit in de asielopvang" in response.content.decode()
    # The preview is gone once handled.
    assert (
        "Indieners: Sliedrecht"
        not in client.get(reverse("motion_import", args=[meeting.pk])).content.decode()
    )


def test_confirming_without_an_agenda_item_saves_nothing(client, meeting, secretariat_user):
    client.force_login(secretariat_user)
    upload(client, meeting, docx_file())
    for value in ("", "abc", str(f.item(f.meeting(), "Elders").pk)):
        client.post(
            reverse("motion_import_confirm", args=[meeting.pk, 0]),
            {"agenda_item": value, "action": "create"},
        )
    assert not Motion.objects.exists()


def test_a_file_without_any_known_submitter_cannot_become_a_motion(
    client, meeting, secretariat_user
):
    client.force_login(secretariat_user)
    upload(client, meeting, docx_file(submitters="Atlantis"))
    html = client.post(
        reverse("motion_import_confirm", args=[meeting.pk, 0]),
        {"agenda_item": meeting.items.first().pk, "action": "create"},
        follow=True,
    ).content.decode()
    assert not Motion.objects.exists()
    assert "Atlantis" in html


def test_discarding_drops_the_preview(client, meeting, secretariat_user):
    client.force_login(secretariat_user)
    upload(client, meeting, docx_file())
    url = reverse("motion_import_confirm", args=[meeting.pk, 0])
    client.post(url, {"action": "discard", "confirm": "1"})
    assert not Motion.objects.exists()
    html = client.get(reverse("motion_import", args=[meeting.pk])).content.decode()
    assert "Indieners: Sliedrecht" not in html


def test_the_template_downloads_as_a_word_file_the_importer_reads(client):
    response = client.get(reverse("motion_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "constaterende dat" in text and "verzoekt het bestuur" in text
