from django.urls import path

from live.views import (
    attendance,
    ballots,
    decisions,
    follow_up,
    live,
    meeting_day,
    polls,
    results,
    status,
)

app_name = "live"

meeting = "meetings/<id:pk>/"
day = meeting + "meeting-day/"

urlpatterns = [
    # The secretariat's meeting-day page and its actions
    path(day, meeting_day.meeting_day, name="meeting_day"),
    path(day + "current/", meeting_day.set_current, name="set_current"),
    path(day + "step/", meeting_day.step, name="step"),
    path(day + "<str:kind>/<id:subject_pk>/outcome/", meeting_day.record, name="record"),
    path(
        day + "<str:kind>/<id:subject_pk>/pre-advice-vote/",
        meeting_day.pre_advice_vote,
        name="pre_advice_vote",
    ),
    path(day + "<str:kind>/<id:subject_pk>/votes/", ballots.ballots, name="ballots"),
    # Electronic votes: open one on a subject, follow it, paper cards, close or cancel it
    path(day + "<str:kind>/<id:subject_pk>/poll/", polls.open_poll, name="open_poll"),
    path(meeting + "polls/<id:poll_pk>/progress/", polls.poll_progress, name="poll_progress"),
    path(meeting + "polls/<id:poll_pk>/close/", polls.close_poll, name="close_poll"),
    path(meeting + "polls/<id:poll_pk>/cancel/", polls.cancel_poll, name="cancel_poll"),
    path(meeting + "polls/<id:poll_pk>/paper/", polls.paper_votes, name="paper_votes"),
    # Attendance at the door, voting cards and proxies
    path(meeting + "attendance/", attendance.attendance, name="attendance"),
    path(meeting + "proxies/<id:proxy_pk>/refuse/", attendance.refuse_proxy, name="refuse_proxy"),
    path(day + "amendment/<id:amendment_pk>/three-way/", meeting_day.three_way, name="three_way"),
    path(day + "motion/<id:motion_pk>/parts/", meeting_day.add_part, name="add_part"),
    path(day + "parts/remove/", meeting_day.remove_part, name="remove_part"),
    path(
        day + "item/<id:item_pk>/follow-ups/",
        meeting_day.collect_follow_ups,
        name="collect_follow_ups",
    ),
    path(
        day + "follow-up/<id:follow_up_pk>/decision/",
        meeting_day.follow_up_decision,
        name="follow_up_decision",
    ),
    # Following the meeting live
    path(meeting + "live/", live.live_fragment, name="fragment"),
    path(meeting + "projector/", live.projector, name="projector"),
    path(meeting + "projector/live/", live.projector_fragment, name="projector_fragment"),
    # After the meeting
    path(meeting + "decisions/", decisions.decisions, name="decisions"),
    path(meeting + "decisions/publication/", decisions.publish_decisions, name="publish_decisions"),
    path(meeting + "results/", results.results_table, name="results"),
    path(meeting + "status/", status.status, name="status"),
    path(meeting + "held-over/place/", status.place_held_over, name="place_held_over"),
    path(
        meeting + "status/follow-ups/<id:item_pk>/",
        status.collect_follow_ups,
        name="status_collect_follow_ups",
    ),
    path("follow-up/", follow_up.overview, name="follow_up_overview"),
    path("follow-up/<id:motion_pk>/", follow_up.track, name="track"),
    path("follow-up/<id:motion_pk>/reports/", follow_up.add_report, name="add_report"),
    path("follow-up/<id:motion_pk>/track/", follow_up.edit_track, name="edit_track"),
]
