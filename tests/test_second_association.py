"""The same software for another association, by data only: the water boards' union (21
members, one vote each, its own name and colours). Its pages, meeting book (PDF and Word) and
Word motion template carry its name and none of the VNG's."""

import io
import re
import zipfile

import docx
import pypdf
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alv import roles
from alv.models import MemberKind, VoteWeights
from book import assembly, pdf
from book import docx as word
from motions import votes
from motions.models import MotionPart
from motions.word_template import motion_template_docx
from papers.demo import load_association
from tests import factories as f
from tests.conftest import make_user
from workspace.views.proposals import _standard_parts

pytestmark = pytest.mark.django_db

UVW = {
    "name": "Unie van Waterschappen",
    "short_name": "UvW",
    "website": "https://www.uvw.nl",
    "primary_colour": "#00566e",
    "on_primary_colour": "#ffffff",
    "link_colour": "#005a70",
    "motion_opening": "De ledenvergadering van de {name}, bijeen op {date},",
    "vote_weights": VoteWeights.EQUAL,
    "member_kinds": [MemberKind.WATER_BOARD.value],
}
VNG_NAMES = re.compile(r"VNG|Vereniging van Nederlandse Gemeenten|Nederlandse Gemeenten")


@pytest.fixture
def water_boards():
    association = load_association(UVW)
    members = [f.member(f"Waterschap {n}", kind="water_board") for n in range(1, 22)]
    meeting = f.meeting(title="Ledenvergadering juni")
    item = f.item(meeting, "Moties")
    motion = f.motion(item, "Klimaatadaptatie", submitters=members[:2], advice="overnemen")
    for kind, text in _standard_parts(None, meeting):
        MotionPart.objects.create(
            motion=motion, position=motion.parts.count() + 1, kind=kind, text=text
        )
    return association, members, meeting, motion


def assert_theirs(text):
    assert "Unie van Waterschappen" in text
    assert not VNG_NAMES.search(text), VNG_NAMES.search(text)


def test_its_members_vote_one_member_one_vote(water_boards):
    _, members, meeting, _ = water_boards
    assert len(members) == 21
    assert {votes.vote_weight(member, meeting.date) for member in members} == {1}


def test_its_pages_carry_its_name_and_colours_and_none_of_the_vngs(water_boards):
    association, _, meeting, motion = water_boards
    client = Client()
    for address in (reverse("home"), meeting.get_absolute_url(), motion.get_absolute_url()):
        page = client.get(address).content.decode()
        assert_theirs(page)
        assert ">UvW<" in page
    theme = client.get(reverse("association_theme", args=[association.revision]))
    assert "#00566e" in theme.content.decode()


def test_its_members_people_find_their_water_board_not_a_municipality(water_boards):
    _, members, _, _ = water_boards
    contact = make_user("contact", roles.MEMBER, member=members[0])
    contact.is_contact = True
    contact.save(update_fields=["is_contact"])
    client = Client()
    client.force_login(contact)
    home = client.get(reverse("home")).content.decode()
    assert "Mijn waterschap" in home
    for address in (reverse("members:colleagues"), reverse("voting:cards")):
        page = client.get(address).content.decode()
        assert "uw waterschap" in page
        # (The functions a person can have are still a municipality's: "gemeentesecretaris".)
        assert not re.search(r"\bgemeenten?\b", page, re.I)


def test_a_new_motion_opens_with_its_formula(water_boards):
    _, _, meeting, _ = water_boards
    (kind, text), _closing = _standard_parts(None, meeting)
    date = timezone.localtime(meeting.starts_at)
    assert (
        text == f"De ledenvergadering van de Unie van Waterschappen, bijeen op {date:%-d-%-m-%Y},"
    )


def test_its_pdf_book_names_it_and_not_the_vng(water_boards):
    _, _, meeting, _ = water_boards
    book = assembly.build(meeting, assembly.MEMBER)
    data, _pages = pdf.render_pdf(book)
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert_theirs(re.sub(r"\s+", " ", text))
    assert reader.metadata.author == "Unie van Waterschappen"


def test_its_pdf_book_is_in_its_colour(water_boards):
    _, _, meeting, _ = water_boards
    html = pdf.render_html(assembly.build(meeting, assembly.MEMBER))
    assert ".cover-band { background: #00566e; color: #ffffff;" in html
    assert ".toc-level-1 { font-weight: bold; margin-top: 2.5mm; color: #005a70; }" in html
    assert "#14397a" not in html.lower()


def test_its_word_book_and_motion_template_name_it_and_not_the_vng(water_boards):
    _, _, meeting, _ = water_boards
    data, _ = word.render_docx(assembly.build(meeting, assembly.MEMBER))
    document = docx.Document(io.BytesIO(data))
    assert_theirs("\n".join(p.text for p in document.paragraphs))
    # Headers, footers, tables and properties too: every text part of the file.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [name for name in archive.namelist() if name.endswith(".xml")]
        texts = [re.sub(r"<[^>]+>", " ", archive.read(name).decode()) for name in parts]
    assert not VNG_NAMES.search(" ".join(texts))
    assert document.core_properties.author == "Unie van Waterschappen"
    template = docx.Document(io.BytesIO(motion_template_docx()))
    template_text = "\n".join(p.text for p in template.paragraphs)
    assert "De ledenvergadering van de Unie van Waterschappen, bijeen op [datum]," in template_text
    assert not VNG_NAMES.search(template_text)
    # And served as members download it.
    response = Client().get(reverse("motion_template"))
    served = docx.Document(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    assert "Unie van Waterschappen" in "\n".join(p.text for p in served.paragraphs)
