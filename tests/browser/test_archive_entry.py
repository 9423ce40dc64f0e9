"""The secretariat enters a meeting held years ago (an archive entry) and publishes its papers
in the browser on the day they went out then, not today."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories as f
from tests.browser.test_smoke import serious_violations
from tests.browser.workspace import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_secretariat_publishes_an_archive_entry_on_the_day_its_papers_went_out(
    page, live_server, secretariat_user
):
    starts_at = timezone.make_aware(dt.datetime(2019, 6, 5, 10, 0))
    meeting = f.meeting(published=False, starts_at=starts_at, title="ALV juni 2019")
    f.resolution(f.item(meeting, "Asiel"), "Congruent asielbeleid", published=False)
    log_in(page, live_server, secretariat_user)
    page.goto(live_server.url + reverse("workspace:dashboard", args=[meeting.pk]))

    publication = page.get_by_role("region", name="Publication")
    day = publication.get_by_label("Published on")
    # Five weeks before the meeting, as papers go out.
    expect(day).to_have_value("2019-05-01")

    # A day still to come is refused at its box, as typed, and nothing goes out.
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    day.fill(tomorrow)
    publication.get_by_role("button", name="Publish the papers").click()
    error = page.locator("#id_published_on_error")
    expect(error).to_contain_text("A publication date cannot be after today")
    expect(page.get_by_label("Published on")).to_have_value(tomorrow)
    expect(page.get_by_label("Published on")).to_have_attribute("aria-invalid", "true")
    meeting.refresh_from_db()
    assert meeting.published_at is None
    assert serious_violations(page) == []

    page.get_by_label("Published on").fill("2019-04-29")
    page.get_by_role("button", name="Publish the papers").click()
    expect(page.locator("#status")).to_contain_text(
        "The papers are published (since 29 April 2019)."
    )
    meeting.refresh_from_db()
    assert timezone.localdate(meeting.published_at) == dt.date(2019, 4, 29)
    assert serious_violations(page) == []

    # The meeting page says the same day.
    page.goto(live_server.url + reverse("meeting_detail", args=[meeting.pk]))
    expect(page.locator(".alv-facts")).to_contain_text("29 April 2019")

    # The decision list, on the day it went out then: the meeting's day is offered.
    page.goto(live_server.url + reverse("live:decisions", args=[meeting.pk]))
    expect(page.get_by_label("Published on")).to_have_value("2019-06-05")
    page.get_by_label("Published on").fill("2019-06-12")
    page.get_by_role("button", name="Publish the decision list").click()
    expect(page.locator(".alv-facts")).to_contain_text("12 June 2019")
    assert serious_violations(page) == []
    meeting.refresh_from_db()
    assert timezone.localdate(meeting.decisions_published_at) == dt.date(2019, 6, 12)
