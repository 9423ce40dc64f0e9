import pytest
from django.urls import reverse

from book import assembly, builds
from book.models import BookBuild
from motions.models import PreAdvice
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    item = f.item(f.meeting(title="Najaars-ALV"), "Financiën")
    f.motion(item, "Geld voor gemeenten", advice="overnemen")
    f.motion(item, "Nog in concept", is_draft=True)
    return item.meeting


def page_url(meeting):
    return reverse("book:page", args=[meeting.pk])


def get_url(meeting, edition="member"):
    return reverse("book:get", args=[meeting.pk, edition])


def build_url(meeting, edition="member"):
    return reverse("book:build", args=[meeting.pk, edition])


def status_url(meeting, edition="member"):
    return reverse("book:status", args=[meeting.pk, edition])


def ready_book(meeting, edition, work_off_queue):
    builds.request(meeting, edition)
    work_off_queue()
    return builds.state(meeting, edition).ready


# The secretariat's book page


def test_the_book_page_is_for_the_secretariat_and_the_board(
    client, meeting, member_user, board_user
):
    assert client.get(page_url(meeting)).status_code == 302  # to the login
    client.force_login(member_user)
    assert client.get(page_url(meeting)).status_code == 403
    client.force_login(board_user)
    assert client.get(page_url(meeting)).status_code == 200


def test_the_book_page_offers_to_build_both_editions(client, meeting, secretariat_user):
    client.force_login(secretariat_user)
    html = client.get(page_url(meeting)).content.decode()
    assert "Ledeneditie" in html and "Editie van het secretariaat" in html
    assert html.count("Het vergaderboek maken") == 4  # PDF and Word of each edition
    assert BookBuild.objects.count() == 0  # looking starts nothing


def test_building_queues_the_book_and_the_status_shows_progress(client, meeting, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(build_url(meeting, "secretariat"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<progress" in html and 'hx-trigger="every 1s"' in html
    assert BookBuild.objects.get().status == BookBuild.Status.QUEUED


def test_building_refuses_get_and_the_secretariat_edition_to_members(client, meeting, member_user):
    assert client.get(build_url(meeting)).status_code == 405
    client.force_login(member_user)
    assert client.post(build_url(meeting, "secretariat")).status_code == 403
    assert BookBuild.objects.count() == 0


def test_only_the_secretariat_starts_a_build_by_hand(client, meeting, member_user, board_user):
    # The books members read are built when the papers change (book/refresh.py).
    assert client.post(build_url(meeting)).status_code == 302  # to the login
    for user in (member_user, board_user):
        client.force_login(user)
        assert client.post(build_url(meeting)).status_code == 403
    assert BookBuild.objects.count() == 0


def test_the_secretariat_may_have_the_member_edition_built(client, meeting, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(build_url(meeting))
    assert response.status_code == 302
    assert response["Location"] == page_url(meeting)
    assert BookBuild.objects.get().edition == "member"


def test_the_status_stops_polling_and_links_the_download_when_ready(
    client, meeting, secretariat_user, work_off_queue
):
    client.force_login(secretariat_user)
    client.post(build_url(meeting, "secretariat"))
    work_off_queue()
    html = client.get(status_url(meeting, "secretariat")).content.decode()
    assert "hx-trigger" not in html
    ready = BookBuild.objects.get()
    assert reverse("book:file", args=[ready.pk, builds.download_name(ready)]) in html
    assert "Het vergaderboek maken" not in html


def test_a_failure_is_shown_with_its_reason_and_the_previous_book(
    client, meeting, secretariat_user, work_off_queue, monkeypatch
):
    previous = ready_book(meeting, "secretariat", work_off_queue)
    PreAdvice.objects.update(rationale="Gewijzigd.")

    def broken(fmt):
        def render(book):
            raise RuntimeError("de schijf is vol")

        return render

    monkeypatch.setattr(builds, "renderer", broken)
    client.force_login(secretariat_user)
    client.post(build_url(meeting, "secretariat"))
    work_off_queue()
    html = client.get(page_url(meeting)).content.decode()
    assert "Het vergaderboek kon niet worden gemaakt." in html
    # What to do, and where the details are; never the exception's own words.
    assert "Probeer het opnieuw" in html
    assert f"bij opbouw nummer {BookBuild.objects.get(status='failed').pk}." in html
    assert "de schijf is vol" not in html
    assert reverse("book:file", args=[previous.pk, builds.download_name(previous)]) in html
    assert "verouderd" in html and "Opnieuw proberen" in html


# The members' link


def test_a_member_gets_the_current_book_straight_away(client, meeting, work_off_queue):
    ready = ready_book(meeting, "member", work_off_queue)
    response = client.get(get_url(meeting))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "book:file", args=[ready.pk, builds.download_name(ready)]
    )


def test_a_member_gets_the_current_word_book_straight_away(client, meeting, work_off_queue):
    builds.request(meeting, "member", fmt="docx")
    work_off_queue()
    response = client.get(get_url(meeting) + "?format=docx")
    assert response.status_code == 302
    assert response["Location"].endswith(".docx")


def test_a_member_never_gets_a_button_and_reading_never_builds(client, meeting, member_user):
    client.force_login(member_user)
    response = client.get(get_url(meeting))
    assert response.status_code == 200
    html = response.content.decode()
    assert build_url(meeting) not in html and "<button" not in html.split("<main")[1]
    assert "nog niet gemaakt" not in html
    assert "Dit bestand is op dit moment niet beschikbaar" in html
    assert BookBuild.objects.count() == 0


def test_members_cannot_get_the_secretariat_edition(client, meeting, member_user):
    assert client.get(get_url(meeting, "secretariat")).status_code == 403
    client.force_login(member_user)
    assert client.get(get_url(meeting, "secretariat")).status_code == 403
    assert client.get(get_url(meeting, "nonsense")).status_code == 404


def test_there_is_no_member_edition_of_unpublished_papers(client, secretariat_user):
    meeting = f.meeting(published=False)
    assert client.get(get_url(meeting)).status_code == 404
    client.force_login(secretariat_user)
    assert client.get(get_url(meeting)).status_code == 404
    assert client.get(get_url(meeting, "secretariat")).status_code == 200


def test_a_single_item_and_motion_have_their_own_link(client, meeting, secretariat_user):
    item = meeting.items.get()
    motion = meeting.proposals.get(title="Geld voor gemeenten")
    draft = meeting.proposals.get(title="Nog in concept")
    assert client.get(get_url(meeting) + f"?scope=item&target={item.pk}").status_code == 200
    assert client.get(get_url(meeting) + f"?scope=proposal&target={motion.pk}").status_code == 200
    assert client.get(get_url(meeting) + f"?scope=proposal&target={draft.pk}").status_code == 404
    assert client.get(get_url(meeting) + "?scope=item&target=x").status_code == 404
    client.force_login(secretariat_user)
    client.post(build_url(meeting) + f"?scope=item&target={item.pk}")
    client.post(build_url(meeting) + f"?scope=proposal&target={motion.pk}")
    assert {(b.scope, b.target_id) for b in BookBuild.objects.all()} == {
        ("item", item.pk),
        ("proposal", motion.pk),
    }


# The file


def test_the_file_is_a_pdf_with_etag_and_last_modified(client, meeting, work_off_queue):
    ready = ready_book(meeting, "member", work_off_queue)
    url = reverse("book:file", args=[ready.pk, builds.download_name(ready)])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == ready.path.read_bytes()
    assert response["ETag"] == ready.etag
    assert "najaars-alv" in response["Content-Disposition"]

    assert client.get(url, headers={"If-None-Match": ready.etag}).status_code == 304
    since = response["Last-Modified"]
    assert client.get(url, headers={"If-Modified-Since": since}).status_code == 304


def test_the_secretariat_file_is_not_for_members(client, meeting, member_user, work_off_queue):
    ready = ready_book(meeting, "secretariat", work_off_queue)
    url = reverse("book:file", args=[ready.pk, builds.download_name(ready)])
    client.force_login(member_user)
    assert client.get(url).status_code == 403


def test_the_meeting_page_offers_the_member_edition(client, meeting, secretariat_user):
    html = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert f'href="{get_url(meeting)}"' in html
    assert f'href="{get_url(meeting)}?format=docx"' in html
    assert f'href="{page_url(meeting)}"' not in html
    client.force_login(secretariat_user)
    html = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert f'href="{page_url(meeting)}"' in html


def test_the_status_costs_the_same_queries_for_a_big_meeting(
    client, secretariat_user, django_assert_max_num_queries
):
    meeting = f.meeting()
    for n in range(3):
        item = f.item(meeting, f"Punt {n}")
        resolution = f.resolution(item)
        f.amendment(item, resolution)
        for m in range(30):
            f.motion(item, f"Motie {n}-{m}", advice="overnemen")
    client.force_login(secretariat_user)
    # One of them reads the association (its name is on the cover) with the papers' revision,
    # one the secretary's second-factor device (django-otp, for a verified session).
    with django_assert_max_num_queries(19):
        assert client.get(status_url(meeting, assembly.SECRETARIAT)).status_code == 200
    # Polled every second while a book is built: unchanged papers are not assembled again.
    # With the second-factor device of the verified session.
    with django_assert_max_num_queries(8):
        assert client.get(status_url(meeting, assembly.SECRETARIAT)).status_code == 200
