"""A motion voted in parts on the meeting-day page (issue 23): its decision follows from its
parts (motions.votes.motion_status_from_parts), so the page offers the buttons of its parts
and none for the motion as a whole beside them, as the results table does; the motion's
result is read from its parts. Without parts the motion keeps its own buttons. And the
meeting page and the motion page read the parts' outcomes, as the decision list does."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from agenda.outcomes import Status
from motions import votes
from tests import factories as f
from tests.test_outcome_reading import text_of_html

pytestmark = pytest.mark.django_db

WHOLE_MOTION_CONTROLS = ("acclamation", "withdrawn", "conform", "vote", "open-poll", "undo")


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def item():
    return f.item(f.meeting(title="Najaars-ALV"), "Moties")


def day_page(secretariat, item):
    url = reverse("live:meeting_day", args=[item.meeting_id])
    response = secretariat.get(f"{url}?item={item.pk}")
    assert response.status_code == 200
    return response.content.decode()


def control_ids(html, prefix):
    return set(re.findall(rf'id="{prefix}-(\w[\w-]*)"', html))


def test_a_motion_voted_in_parts_offers_only_its_parts_buttons(secretariat, item):
    motion = f.motion(item, "In delen", advice="aanhouden")
    first, second = (votes.add_part(motion, label) for label in ("1e deel", "2e deel"))
    votes.record_outcome(first, Status.ADOPTED, percent_for="92.16")
    html = day_page(secretariat, item)
    whole = control_ids(html, f"proposal-{motion.pk}")
    assert not whole & {f"{name}" for name in WHOLE_MOTION_CONTROLS}, whole
    assert reverse("live:ballots", args=[item.meeting_id, "proposal", motion.pk]) not in html
    for part in (first, second):
        ids = control_ids(html, f"part-{part.pk}")
        assert {"acclamation", "withdrawn", "vote", "conform"} <= ids, ids
    # What the motion's result is, and why it has no buttons of its own.
    assert gettext("Voted in parts: its outcome follows from its parts.") in html
    # Adding a part stays possible; so does removing one, which makes it one vote again.
    assert f'id="add-part-{motion.pk}"' in html
    assert f'id="remove-part-{second.pk}"' in html


def test_a_motion_voted_as_a_whole_keeps_its_buttons(secretariat, item):
    motion = f.motion(item, "In een keer", advice="aanhouden")
    html = day_page(secretariat, item)
    ids = control_ids(html, f"proposal-{motion.pk}")
    assert {"acclamation", "withdrawn", "vote", "conform", "open-poll"} <= ids, ids
    assert gettext("Voted in parts: its outcome follows from its parts.") not in html


def test_the_motions_result_on_the_day_page_is_read_from_its_parts(secretariat, item):
    motion = f.motion(item, "In delen", advice="aanhouden")
    first, second = (votes.add_part(motion, label) for label in ("1e deel", "2e deel"))
    votes.record_outcome(first, Status.ADOPTED, percent_for="92.16")
    votes.record_pre_advice_vote(second)
    html = day_page(secretariat, item)
    motion.refresh_from_db()
    assert motion.status == Status.ADOPTED
    section = html.split(f'id="proposal-{motion.pk}-heading"', 1)[1]
    result = section.split('class="alv-part"', 1)[0]
    assert votes.describe(motion) in result


def test_the_meeting_page_and_the_motion_page_read_the_parts(client, item):
    motion = f.motion(item, "In delen", advice="aanhouden")
    first, second = (votes.add_part(motion, label) for label in ("1e deel", "2e deel"))
    votes.record_outcome(first, Status.ADOPTED, percent_for="92.16")
    votes.record_pre_advice_vote(second)
    motion.refresh_from_db()
    parts = [f"{part.name}: {part.text}".lower() for part in motion.reading().parts]
    assert len(parts) == 2
    for url in (item.meeting.get_absolute_url(), motion.get_absolute_url()):
        text = text_of_html(client.get(url).content)
        assert all(part in text for part in parts), text


def test_a_whole_motion_outcome_is_refused_once_the_motion_is_voted_in_parts():
    motion = f.motion(f.item(f.meeting(), "Moties"), "Ravijnjaar")
    part = votes.add_part(motion, "1e deel")
    votes.record_outcome(part, Status.ADOPTED)
    with translation.override("en"), pytest.raises(ValidationError, match="voted in parts"):
        votes.record_outcome(motion, Status.REJECTED)
    motion.refresh_from_db()
    assert motion.status == Status.ADOPTED
