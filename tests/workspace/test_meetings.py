import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda.models import Meeting
from tests import factories as f
from tests.workspace.util import HTMX, assert_refused, html

pytestmark = pytest.mark.django_db


def meeting_data(**overrides):
    starts = timezone.localtime(timezone.now() + dt.timedelta(days=60))
    data = {
        "title": "ALV juni",
        "kind": "regular",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "location": "Den Haag",
        "description": "",
        "motion_deadline": "",
        "amendment_deadline": "",
        "visibility": "members",
    }
    data.update(overrides)
    return data


def test_the_workspace_is_closed_to_the_public_and_to_members(member):
    meeting = f.meeting()
    assert_refused(reverse("workspace:meetings"), member=member)
    assert_refused(reverse("workspace:dashboard", args=[meeting.pk]), member=member)


def test_only_the_secretariat_creates_and_edits_meetings(member, board):
    meeting = f.meeting()
    for url in (
        reverse("workspace:meeting_new"),
        reverse("workspace:meeting_edit", args=[meeting.pk]),
    ):
        assert_refused(url, member=member, board=board)
        assert_refused(url, "post", meeting_data(), member=member, board=board)
    assert Meeting.objects.count() == 1


def test_the_board_reads_the_meeting_list_without_edit_links(board):
    f.meeting(title="Voorbereiding", published=False)
    page = html(board.get(reverse("workspace:meetings")))
    assert "Voorbereiding" in page
    assert reverse("workspace:meeting_new") not in page


def test_the_secretariat_sees_every_meeting_with_its_counts(secretariat, demo_meeting):
    f.meeting(title="Nog niet gepubliceerd", published=False)
    page = html(secretariat.get(reverse("workspace:meetings")))
    assert "Nog niet gepubliceerd" in page and demo_meeting.title in page
    row = page[page.index(demo_meeting.title) :].split("</tr>")[0]
    # 11 main items and 3 sub-items (8a-8c); 8 motions and 1 amendment submitted there.
    assert '<td class="utrecht-table__cell utrecht-table__cell--numeric">14</td>' in row
    assert '<td class="utrecht-table__cell utrecht-table__cell--numeric">9</td>' in row


def test_the_meeting_list_answers_htmx_with_the_table_only(secretariat):
    f.meeting(title="Eén")
    response = secretariat.get(reverse("workspace:meetings"), **HTMX)
    assert "Eén" in html(response)
    assert "<html" not in html(response)


def test_the_meeting_list_query_count_does_not_grow_with_meetings(
    secretariat, django_assert_max_num_queries
):
    for n in range(12):
        meeting = f.meeting(title=f"ALV {n}")
        for m in range(5):
            f.motion(f.item(meeting, f"Punt {m}"))
    with django_assert_max_num_queries(6):
        response = secretariat.get(reverse("workspace:meetings"))
    assert html(response).count("utrecht-table__row") == 13


def test_creating_a_meeting_saves_it_and_opens_its_agenda(secretariat):
    response = secretariat.post(reverse("workspace:meeting_new"), meeting_data())
    meeting = Meeting.objects.get(title="ALV juni")
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:agenda", args=[meeting.pk])
    assert meeting.location == "Den Haag"
    assert meeting.published_at is None
    assert meeting.items.count() == 0


def test_a_new_meeting_starts_from_the_standard_items_of_a_previous_one(secretariat, demo_meeting):
    data = meeting_data(copy_from=demo_meeting.pk)
    secretariat.post(reverse("workspace:meeting_new"), data)
    meeting = Meeting.objects.get(title="ALV juni")
    agenda = [(item.number, item.title) for item in meeting.ordered_items()]
    assert agenda == [
        ("1", "Opening"),
        ("2", "Vaststelling agenda"),
        ("3", "Notulen"),
        ("4", "Mededelingen"),
        ("5", "Verantwoording uitvoering moties eerdere ALV-en"),
        ("6", "Rondvraag"),
        ("7", "Sluiting"),
    ]
    assert meeting.items.get(position=5).is_follow_up
    assert all(item.is_standard for item in meeting.items.all())
    # Only the items are copied, nothing they held at the earlier meeting.
    assert not meeting.items.get(position=5).follow_ups.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "   ", "This field is required."),
        ("title", "x" * 201, "at most 200 characters"),
        ("starts_at", "", "This field is required."),
        ("kind", "annual", "Select a valid choice."),
    ],
)
def test_a_bad_meeting_is_refused_with_the_error_next_to_the_field(
    secretariat, field, value, message
):
    response = secretariat.post(reverse("workspace:meeting_new"), meeting_data(**{field: value}))
    assert response.status_code == 200
    page = html(response)
    assert f'id="id_{field}_error"' in page
    assert message in page
    assert not Meeting.objects.exists()


def test_a_deadline_after_the_meeting_is_refused(secretariat):
    data = meeting_data()
    data["motion_deadline"] = "2099-01-01T12:00"
    response = secretariat.post(reverse("workspace:meeting_new"), data)
    assert "A deadline must fall before the meeting starts." in html(response)
    assert not Meeting.objects.exists()


def test_editing_a_meeting_with_htmx_returns_the_form_fragment(secretariat):
    meeting = f.meeting(title="Oud")
    url = reverse("workspace:meeting_edit", args=[meeting.pk])
    data = meeting_data(title="Nieuw", revision=meeting.revision)
    response = secretariat.post(url, data, **HTMX)
    assert response.status_code == 200
    page = html(response)
    assert page.lstrip().startswith('<div id="meeting-editor">')
    assert "<html" not in page
    meeting.refresh_from_db()
    assert meeting.title == "Nieuw"


def test_editing_a_meeting_without_htmx_redirects_to_the_page(secretariat):
    meeting = f.meeting(title="Oud")
    url = reverse("workspace:meeting_edit", args=[meeting.pk])
    response = secretariat.post(url, meeting_data(title="Nieuw", revision=meeting.revision))
    assert response.status_code == 302
    assert response["Location"] == url


def test_an_invalid_edit_with_htmx_returns_the_fragment_with_the_error(secretariat):
    meeting = f.meeting(title="Oud")
    url = reverse("workspace:meeting_edit", args=[meeting.pk])
    response = secretariat.post(url, meeting_data(title="", revision=meeting.revision), **HTMX)
    page = html(response)
    assert 'id="id_title_error"' in page and 'aria-invalid="true"' in page
    assert "<html" not in page
    meeting.refresh_from_db()
    assert meeting.title == "Oud"


def test_the_meeting_page_shows_who_changed_what(secretariat, secretariat_user):
    meeting = f.meeting(title="Oud")
    url = reverse("workspace:meeting_edit", args=[meeting.pk])
    secretariat.post(
        url, meeting_data(title="Nieuw", location="Utrecht", revision=meeting.revision)
    )
    page = html(secretariat.get(url))
    history = page[page.index('id="history-heading"') :]
    assert "sec" in history
    assert "Oud" in history and "Nieuw" in history
    assert "Utrecht" in history


def test_the_navigation_shows_the_workspace_to_secretariat_and_board_only(
    client, secretariat, board, member
):
    link = f'href="{reverse("workspace:meetings")}"'
    assert link in html(secretariat.get(reverse("home")))
    assert link in html(board.get(reverse("home")))
    assert link not in html(member.get(reverse("home")))
    assert link not in html(client.get(reverse("home")))
