import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_it_links_the_demo_meeting_for_anonymous_visitors(client, demo_meeting):
    html = client.get(reverse("home")).content.decode()
    assert reverse("meeting_detail", args=[demo_meeting.pk]) in html


def test_it_splits_upcoming_and_past_meetings(client):
    f.meeting(title="Komende ALV", days=20)
    f.meeting(title="Vorige ALV", days=-20)
    html = client.get(reverse("home")).content.decode()
    assert html.index("Komende ALV") < html.index("Vorige ALV")


def test_it_leaves_out_unpublished_meetings(client):
    f.meeting(title="Geheime ALV", published=False)
    assert "Geheime ALV" not in client.get(reverse("home")).content.decode()


def test_it_speaks_dutch_by_default_and_english_on_request(client):
    assert "Komende vergaderingen" in client.get(reverse("home")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Upcoming meetings" in client.get(reverse("home")).content.decode()
