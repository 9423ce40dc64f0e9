"""The meeting's live state: the current item, the motion under discussion, the live revision
every change bumps, and who reads the decision list."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from agenda.models import Meeting
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_setting_the_current_item_and_motion_bumps_the_live_revision_not_the_revision():
    meeting = f.meeting()
    item = f.item(meeting)
    motion = f.motion(item)
    revision = meeting.revision
    meeting.set_current(item, motion)
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (stored.current_item, stored.current_proposal) == (item, motion.proposal_ptr)
    assert stored.live_revision == 1 == meeting.live_revision
    assert stored.revision == revision


def test_only_a_motion_of_the_current_item_can_be_under_discussion():
    meeting = f.meeting()
    one, other = f.item(meeting), f.item(meeting)
    motion = f.motion(other)
    with pytest.raises(ValidationError):
        meeting.set_current(one, motion)
    with pytest.raises(ValidationError):
        meeting.set_current(f.item(f.meeting()))
    assert Meeting.objects.get(pk=meeting.pk).live_revision == 0


def test_the_next_item_follows_the_reading_order_with_sub_items():
    meeting = f.meeting()
    seven = f.item(meeting, "7")
    eight = f.item(meeting, "8")
    eight_a = f.item(meeting, "8a", parent=eight)
    nine = f.item(meeting, "9")
    assert meeting.neighbour_item(1) == seven
    assert meeting.neighbour_item(-1) is None
    meeting.set_current(eight)
    assert meeting.neighbour_item(1) == eight_a
    assert meeting.neighbour_item(-1) == seven
    meeting.set_current(nine)
    assert meeting.neighbour_item(1) is None


def test_a_meeting_is_live_on_its_day_or_while_an_item_is_current():
    today = f.meeting(days=0)
    later = f.meeting(days=30)
    assert today.is_live
    assert not later.is_live
    later.set_current(f.item(later))
    assert later.is_live


def test_members_read_the_decision_list_only_once_published(member_user, secretariat_user):
    meeting = f.meeting()
    assert list(Meeting.objects.decisions_visible_to(member_user)) == []
    assert list(Meeting.objects.decisions_visible_to(secretariat_user)) == [meeting]
    Meeting.objects.filter(pk=meeting.pk).update(decisions_published_at=timezone.now())
    assert list(Meeting.objects.decisions_visible_to(member_user)) == [meeting]
    assert list(Meeting.objects.decisions_visible_to(AnonymousUser())) == [meeting]
    unpublished = f.meeting(published=False)
    Meeting.objects.filter(pk=unpublished.pk).update(decisions_published_at=timezone.now())
    assert unpublished not in Meeting.objects.decisions_visible_to(member_user)
