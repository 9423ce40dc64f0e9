"""A past meeting entered by the secretariat (an archive entry, `Meeting.is_past`): its papers
and decision list went out on days the secretariat sets, which every page and file then shows;
and the secretariat may settle its pre-advice itself, which the history says."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from agenda.models import Meeting
from book import assembly
from motions.models import PreAdvice
from tests import factories as f
from tests.workspace.util import HTMX, html

pytestmark = pytest.mark.django_db

HELD_ON = dt.date(2019, 6, 5)


@pytest.fixture
def archive_entry():
    """A meeting held in June 2019, entered now: nothing published yet."""
    starts_at = timezone.make_aware(dt.datetime.combine(HELD_ON, dt.time(10, 0)))
    meeting = f.meeting(published=False, starts_at=starts_at, title="ALV juni 2019")
    item = f.item(meeting, "Asiel")
    resolution = f.resolution(item, "Congruent asielbeleid", published=False)
    motion = f.motion(item, "Solidariteit", advice="aanhouden", published_advice=False)
    return meeting, resolution, motion


def publication_url(meeting):
    return reverse("workspace:publication", args=[meeting.pk])


def decisions_url(meeting):
    return reverse("live:decisions", args=[meeting.pk])


def publish_decisions_url(meeting):
    return reverse("live:publish_decisions", args=[meeting.pk])


def settle_url(advice):
    return reverse("workspace:pre_advice_settle", args=[advice.pk])


def facts(page):
    """The facts list at the top of a page, its whitespace folded."""
    return " ".join(page[page.index('<dl class="alv-facts">') : page.index("</dl>")].split())


def test_a_meeting_is_an_archive_entry_once_its_day_is_over(archive_entry):
    meeting, _resolution, _motion = archive_entry
    assert meeting.is_past
    assert not f.meeting(days=30).is_past
    assert not f.meeting(starts_at=timezone.now()).is_past  # the meeting day itself


def test_the_dashboard_of_an_archive_entry_asks_the_day_its_papers_went_out(
    secretariat, archive_entry
):
    meeting, _resolution, _motion = archive_entry
    page = html(secretariat.get(reverse("workspace:dashboard", args=[meeting.pk])))
    # Five weeks before the meeting, as papers go out, unless the secretariat types another.
    assert 'type="date" name="published_on" value="2019-05-01"' in page


def test_an_archive_entry_published_with_a_date_shows_that_date_everywhere(
    secretariat, member, archive_entry
):
    meeting, resolution, _motion = archive_entry
    response = secretariat.post(
        publication_url(meeting), {"action": "publish", "published_on": "2019-04-29"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    resolution.refresh_from_db()
    assert timezone.localdate(meeting.published_at) == dt.date(2019, 4, 29)
    # The resolution's version went out with the papers, on their day.
    assert timezone.localdate(resolution.current_version.published_at) == dt.date(2019, 4, 29)
    shown = facts(html(member.get(reverse("meeting_detail", args=[meeting.pk]))))
    assert "Papers published</dt><dd><time" in shown and ">29 April 2019</time>" in shown
    cover = assembly.build(meeting, assembly.MEMBER).cover
    assert cover.published == "Stukken gepubliceerd op 29 april 2019"
    # The workspace says the date, without a time nobody published at.
    dashboard = html(secretariat.get(reverse("workspace:dashboard", args=[meeting.pk])))
    assert "The papers are published (since 29 April 2019)." in dashboard


def test_a_publication_date_after_today_is_refused_at_its_field_and_nothing_is_published(
    secretariat, archive_entry
):
    meeting, resolution, _motion = archive_entry
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = secretariat.post(
        publication_url(meeting), {"action": "publish", "published_on": tomorrow}
    )
    assert response.status_code == 400
    page = html(response)
    field = page[page.index('class="utrecht-form-field ws-field utrecht-form-field--invalid"') :]
    assert "A publication date cannot be after today" in field[: field.index("</div>\n  </div>")]
    assert f'value="{tomorrow}"' in page  # as typed
    meeting.refresh_from_db()
    resolution.refresh_from_db()
    assert meeting.published_at is None and resolution.current_version.is_draft


def test_a_date_refused_through_htmx_comes_back_in_the_status_fragment(secretariat, archive_entry):
    meeting, _resolution, _motion = archive_entry
    response = secretariat.post(
        publication_url(meeting), {"action": "publish", "published_on": "gisteren"}, **HTMX
    )
    fragment = html(response)
    assert response.status_code == 200 and fragment.lstrip().startswith('<div id="status">')
    assert 'value="gisteren"' in fragment and "utrecht-form-field--invalid" in fragment
    assert "Nothing is published: check the date." in fragment
    meeting.refresh_from_db()
    assert meeting.published_at is None


def test_papers_dated_after_the_meeting_are_published_with_a_warning(secretariat, archive_entry):
    meeting, _resolution, _motion = archive_entry
    response = secretariat.post(
        publication_url(meeting), {"action": "publish", "published_on": "2019-06-20"}, **HTMX
    )
    assert "Note: the date you set falls after the meeting." in html(response)
    meeting.refresh_from_db()
    assert timezone.localdate(meeting.published_at) == dt.date(2019, 6, 20)


def test_an_upcoming_meeting_is_published_now_as_before(secretariat):
    meeting = f.meeting(published=False)
    dashboard = html(secretariat.get(reverse("workspace:dashboard", args=[meeting.pk])))
    assert 'name="published_on"' not in dashboard
    before = timezone.now()
    # A date posted anyway is no date of an upcoming meeting: it goes out now.
    secretariat.post(publication_url(meeting), {"action": "publish", "published_on": "2019-01-01"})
    meeting.refresh_from_db()
    assert before <= meeting.published_at <= timezone.now()
    assert meeting.papers_time_known


def test_the_model_refuses_a_date_for_an_upcoming_meeting():
    meeting = f.meeting(published=False)
    # The model speaks the active language: English here, whatever a test before left active.
    with translation.override("en"), pytest.raises(ValidationError, match="Only a meeting that"):
        meeting.publish(on=timezone.localdate())
    meeting.refresh_from_db()
    assert meeting.published_at is None


def test_an_archive_entrys_decision_list_is_published_on_the_date_set(
    secretariat, member, archive_entry
):
    meeting, _resolution, _motion = archive_entry
    meeting.publish(on=dt.date(2019, 5, 1))
    page = html(secretariat.get(decisions_url(meeting)))
    # The meeting's day, unless the secretariat types another.
    assert 'type="date" name="published_on" value="2019-06-05"' in page
    response = secretariat.post(
        publish_decisions_url(meeting), {"publish": "1", "published_on": "2019-06-12"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert timezone.localdate(meeting.decisions_published_at) == dt.date(2019, 6, 12)
    shown = facts(html(member.get(decisions_url(meeting))))
    assert "Published</dt> <dd><time" in shown and ">12 June 2019</time>" in shown
    cover = assembly.build(meeting, assembly.MEMBER, assembly.DECISIONS).cover
    assert cover.published == "Besluitenlijst gepubliceerd op 12 juni 2019"
    meeting_page = facts(html(member.get(reverse("meeting_detail", args=[meeting.pk]))))
    assert "Decision list published</dt><dd><time" in meeting_page
    assert ">12 June 2019</time>" in meeting_page


@pytest.mark.parametrize(
    "day, error",
    [
        ("2019-06-04", "The decisions were taken on 5 June 2019"),
        ("tomorrow", "A publication date cannot be after today"),
    ],
)
def test_a_decision_date_before_the_meeting_or_after_today_is_refused(
    secretariat, archive_entry, day, error
):
    meeting, _resolution, _motion = archive_entry
    meeting.publish(on=dt.date(2019, 5, 1))
    if day == "tomorrow":
        day = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = secretariat.post(
        publish_decisions_url(meeting), {"publish": "1", "published_on": day}
    )
    assert response.status_code == 400
    page = html(response)
    assert error in page and f'value="{day}"' in page and "utrecht-form-field--invalid" in page
    meeting.refresh_from_db()
    assert meeting.decisions_published_at is None


def test_an_upcoming_meetings_decision_list_is_published_now_as_before(secretariat):
    meeting = f.meeting()
    assert 'name="published_on"' not in html(secretariat.get(decisions_url(meeting)))
    before = timezone.now()
    secretariat.post(publish_decisions_url(meeting), {"publish": "1"})
    meeting.refresh_from_db()
    assert before <= meeting.decisions_published_at <= timezone.now()
    assert meeting.decisions_time_known


def test_the_secretariat_settles_the_pre_advice_of_a_past_meeting_and_the_history_says_so(
    secretariat, archive_entry
):
    meeting, _resolution, motion = archive_entry
    advice = motion.pre_advice
    overview = html(secretariat.get(reverse("workspace:pre_advice", args=[meeting.pk])))
    assert f'action="{settle_url(advice)}"' in overview  # its Settle button
    row = html(secretariat.post(settle_url(advice), {"revision": advice.revision}, **HTMX))
    assert "is settled." in row
    advice.refresh_from_db()
    assert advice.is_settled
    record = advice.history.latest()
    assert record.history_change_reason == PreAdvice.SETTLED_BY_SECRETARIAT
    assert record.history_user.username == "sec"
    page = " ".join(html(secretariat.get(reverse("workspace:proposal", args=[motion.pk]))).split())
    assert "Settled by the secretariat (archive entry)" in page


def test_the_board_settling_an_archive_entry_gives_no_such_reason(board, archive_entry):
    _meeting, _resolution, motion = archive_entry
    advice = motion.pre_advice
    board.post(settle_url(advice), {"revision": advice.revision}, **HTMX)
    assert advice.history.latest().history_change_reason is None


def test_the_secretariat_cannot_settle_the_pre_advice_of_an_upcoming_meeting(secretariat):
    meeting = f.meeting(published=False)
    motion = f.motion(f.item(meeting), "Solidariteit", advice="aanhouden", published_advice=False)
    advice = motion.pre_advice
    overview = html(secretariat.get(reverse("workspace:pre_advice", args=[meeting.pk])))
    assert f'action="{settle_url(advice)}"' not in overview
    response = secretariat.post(settle_url(advice), {"revision": advice.revision}, **HTMX)
    assert response.status_code == 403
    advice.refresh_from_db()
    assert advice.state == PreAdvice.State.DRAFT
    # Nor through the model: the rule is the meeting's, whoever asks.
    with translation.override("en"), pytest.raises(ValidationError, match="Only the board settl"):
        advice.settle(advice.revision, by_secretariat=True)
    advice.refresh_from_db()
    assert advice.state == PreAdvice.State.DRAFT


def test_a_publication_set_for_today_keeps_its_time(archive_entry):
    meeting, _resolution, _motion = archive_entry
    meeting.publish(on=timezone.localdate())
    assert Meeting.objects.get(pk=meeting.pk).papers_time_known
