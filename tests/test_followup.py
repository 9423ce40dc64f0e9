"""Follow-up of adopted motions across meetings: tracks, dated reports, the follow-up item
that lists the open ones, and the decision taken there."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from agenda.models import AgendaItem
from agenda.outcomes import Status
from motions import followup, votes
from motions.models import FollowUp, FollowUpTrack
from tests import factories as f

pytestmark = pytest.mark.django_db

State = FollowUpTrack.State


def adopted_motion(meeting, title, theme=""):
    motion = f.motion(f.item(meeting, f"Punt {title}"), title)
    votes.record_outcome(motion, Status.ADOPTED, by_acclamation=True)
    if theme:
        FollowUpTrack.objects.filter(motion=motion).update(theme=theme)
    return motion


def titles(follow_ups):
    return [fu.motion.title for fu in follow_ups]


def test_a_report_with_a_proposed_decision_moves_the_track():
    motion = adopted_motion(f.meeting(days=-100), "A")
    track = motion.follow_up_track
    followup.add_report(track, dt.date(2025, 3, 1), "Gesprekken gevoerd.")
    assert track.state == State.IN_PROGRESS
    followup.add_report(track, dt.date(2025, 5, 1), "Uitgevoerd.", "close")
    assert track.state == State.PROPOSED_CLOSE
    assert [r.text for r in track.reports.all()] == ["Uitgevoerd.", "Gesprekken gevoerd."]


def test_an_empty_report_changes_nothing():
    track = adopted_motion(f.meeting(days=-100), "A").follow_up_track
    with pytest.raises(ValidationError):
        followup.add_report(track, dt.date(2025, 3, 1), "  ")
    assert track.reports.count() == 0
    assert FollowUpTrack.objects.get(pk=track.pk).state == State.OPEN


def test_the_follow_up_item_lists_open_motions_of_earlier_meetings_grouped_by_theme():
    earlier = f.meeting(days=-200)
    older = f.meeting(days=-400)
    a = adopted_motion(earlier, "Zonder thema")
    b = adopted_motion(older, "Wonen oud", theme="Wonen")
    c = adopted_motion(earlier, "Financiën", theme="Financiën")
    d = adopted_motion(earlier, "Wonen nieuw", theme="Wonen")
    closed = adopted_motion(earlier, "Al afgedaan")
    FollowUpTrack.objects.filter(motion=closed).update(state=State.CLOSED)
    f.motion(f.item(earlier), "Verworpen")  # never adopted
    meeting = f.meeting(days=30)
    adopted_motion(meeting, "Van deze vergadering")
    item = f.item(meeting, "Verantwoording uitvoering moties", is_follow_up=True)
    followup.add_report(c.follow_up_track, dt.date(2025, 1, 5), "Budget geregeld.", "close")

    made = followup.collect(item)

    assert titles(made) == ["Financiën", "Wonen oud", "Wonen nieuw", "Zonder thema"]
    by_motion = {fu.motion_id: fu for fu in FollowUp.objects.filter(agenda_item=item)}
    assert by_motion[c.pk].report == "Budget geregeld."
    assert by_motion[c.pk].proposed_decision == FollowUp.Decision.CLOSE
    assert by_motion[d.pk].theme == "Wonen"
    assert by_motion[a.pk].proposed_decision == ""
    assert [fu.position for fu in FollowUp.objects.filter(agenda_item=item)] == [1, 2, 3, 4]
    assert b.pk in by_motion
    assert followup.collect(item) == []  # listing again adds nothing twice


def test_only_the_follow_up_item_collects():
    with pytest.raises(ValidationError):
        followup.collect(f.item(f.meeting()))


def test_follow_up_moves_from_one_meeting_to_the_next_until_closed():
    first = f.meeting(days=-300)
    kept, done = adopted_motion(first, "Blijft open"), adopted_motion(first, "Klaar")
    followup.add_report(kept.follow_up_track, dt.date(2025, 1, 1), "Loopt nog.", "keep_open")
    followup.add_report(done.follow_up_track, dt.date(2025, 1, 1), "Gedaan.", "close")

    june = f.item(f.meeting(days=-100), "Verantwoording", is_follow_up=True)
    followup.collect(june)
    followup.decide_package(june, adopted=True)
    assert FollowUpTrack.objects.get(motion=done).state == State.CLOSED
    assert FollowUpTrack.objects.get(motion=done).closed_at is not None
    assert FollowUpTrack.objects.get(motion=kept).state == State.IN_PROGRESS
    assert set(FollowUp.objects.filter(agenda_item=june).values_list("decision", flat=True)) == {
        "close",
        "keep_open",
    }

    december = f.item(f.meeting(days=60), "Verantwoording", is_follow_up=True)
    assert titles(followup.collect(december)) == ["Blijft open"]

    fu = FollowUp.objects.get(agenda_item=december)
    followup.record_decision(fu, FollowUp.Decision.CLOSE)
    assert FollowUpTrack.objects.get(motion=kept).state == State.CLOSED
    next_year = f.item(f.meeting(days=240), "Verantwoording", is_follow_up=True)
    assert followup.collect(next_year) == []


def test_a_rejected_package_keeps_every_motion_open():
    motion = adopted_motion(f.meeting(days=-300), "A")
    followup.add_report(motion.follow_up_track, dt.date(2025, 1, 1), "Gedaan.", "close")
    item = f.item(f.meeting(days=10), "Verantwoording", is_follow_up=True)
    followup.collect(item)
    followup.decide_package(item, adopted=False)
    assert FollowUpTrack.objects.get(motion=motion).state == State.IN_PROGRESS
    followup.decide_package(item, adopted=None)
    assert FollowUp.objects.get(agenda_item=item).decision == ""
    assert FollowUpTrack.objects.get(motion=motion).state == State.PROPOSED_CLOSE


def test_closing_is_for_the_assembly_not_by_hand():
    track = adopted_motion(f.meeting(days=-100), "A").follow_up_track
    with pytest.raises(ValidationError):
        followup.set_track(track, State.CLOSED, "")
    followup.set_track(track, State.IN_PROGRESS, " Wonen ")
    track.refresh_from_db()
    assert (track.state, track.theme) == (State.IN_PROGRESS, "Wonen")


def test_a_proposal_shows_to_readers_only_once_published_papers_carry_it():
    track = adopted_motion(f.meeting(days=-100), "A").follow_up_track
    followup.add_report(track, dt.date(2025, 1, 1), "Gedaan.", "close")
    assert followup.shown_state(track, []) == State.IN_PROGRESS
    item = f.item(f.meeting(days=10), "Verantwoording", is_follow_up=True)
    followup.collect(item)
    visible = list(FollowUp.objects.visible_to(AnonymousUser()).filter(motion=track.motion))
    assert followup.shown_state(track, visible) == State.PROPOSED_CLOSE
    assert followup.shown_state(None, []) == State.OPEN


def test_the_seeds_item_9_keeps_exactly_its_four_motions(demo_meeting):
    item = AgendaItem.objects.get(meeting=demo_meeting, is_follow_up=True)
    before = list(FollowUp.objects.filter(agenda_item=item).values_list("motion_id", "position"))
    assert followup.collect(item) == []
    after = list(FollowUp.objects.filter(agenda_item=item).values_list("motion_id", "position"))
    assert before == after and len(after) == 4
