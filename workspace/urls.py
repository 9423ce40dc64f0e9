from django.urls import path

from workspace.views import (
    agenda,
    association,
    dashboard,
    groups,
    intake,
    meetings,
    members,
    past_import,
    people,
    people_security,
    pre_advice,
    proposals,
    resolutions,
)

app_name = "workspace"

urlpatterns = [
    path("", meetings.meeting_list, name="meetings"),
    path("meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("members/", members.member_list, name="members"),
    path("members/import/", members.member_import, name="member_import"),
    path("association/", association.association_edit, name="association"),
    path("groups/", groups.group_list, name="groups"),
    path("groups/new/", groups.group_new, name="group_new"),
    path("groups/<id:pk>/", groups.group_edit, name="group_edit"),
    path("meetings/<id:pk>/", dashboard.dashboard, name="dashboard"),
    path("meetings/<id:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<id:pk>/publication/", dashboard.publication, name="publication"),
    # A past meeting entered from lists (issue 23)
    path("meetings/<id:pk>/from-lists/", past_import.past_import, name="past_import"),
    # Motions that members submitted online
    path("meetings/<id:pk>/submissions/", intake.intake, name="intake"),
    path("submissions/<id:pk>/", intake.intake_submission, name="intake_submission"),
    # People
    path(
        "people/<id:pk>/second-factor/reset/",
        people_security.second_factor_reset,
        name="person_second_factor_reset",
    ),
    # Agenda
    path("meetings/<id:pk>/agenda/", agenda.agenda, name="agenda"),
    path("meetings/<id:pk>/agenda/add/", agenda.agenda_add, name="agenda_add"),
    path("meetings/<id:pk>/agenda/reorder/", agenda.agenda_reorder, name="agenda_reorder"),
    path("items/<id:pk>/", agenda.item_edit, name="item"),
    path("items/<id:pk>/row/", agenda.item_row, name="item_row"),
    path("items/<id:pk>/move/", agenda.item_move, name="item_move"),
    path("items/<id:pk>/delete/", agenda.item_delete, name="item_delete"),
    # Resolutions, their versions and clauses
    path("items/<id:item_pk>/resolutions/new/", resolutions.resolution_new, name="resolution_new"),
    path("resolutions/<id:pk>/", resolutions.resolution, name="resolution"),
    path("resolutions/<id:pk>/edit/", resolutions.resolution_edit, name="resolution_edit"),
    path(
        "resolutions/<id:pk>/submitters/",
        resolutions.resolution_submitters,
        name="resolution_submitters",
    ),
    path("resolutions/<id:pk>/versions/new/", resolutions.version_new, name="version_new"),
    path("resolutions/<id:pk>/compare/", resolutions.resolution_diff, name="resolution_diff"),
    path("versions/<id:pk>/state/", resolutions.version_state, name="version_state"),
    path("versions/<id:pk>/text/<str:field>/", resolutions.version_text, name="version_text"),
    path("versions/<id:pk>/clauses/add/", resolutions.clause_add, name="clause_add"),
    path("versions/<id:pk>/clauses/reorder/", resolutions.clauses_reorder, name="clauses_reorder"),
    path("clauses/<id:pk>/", resolutions.clause_edit, name="clause_edit"),
    path("clauses/<id:pk>/move/", resolutions.clause_move, name="clause_move"),
    path("clauses/<id:pk>/delete/", resolutions.clause_delete, name="clause_delete"),
    # Motions and amendments
    path("meetings/<id:pk>/<str:kind>s/new/", proposals.proposal_new, name="proposal_new"),
    path("meetings/<id:pk>/clause-options/", proposals.clause_options, name="clause_options"),
    path("members/search/", proposals.member_search, name="member_search"),
    path("proposals/<id:pk>/", proposals.proposal, name="proposal"),
    path("proposals/<id:pk>/move/", proposals.proposal_move, name="proposal_move"),
    path("proposals/<id:pk>/delete/", proposals.proposal_delete, name="proposal_delete"),
    path(
        "items/<id:pk>/proposals/reorder/",
        proposals.proposals_reorder,
        name="proposals_reorder",
    ),
    path("motions/<id:pk>/parts/add/", proposals.part_add, name="part_add"),
    path("parts/<id:pk>/", proposals.part_edit, name="part_edit"),
    path("parts/<id:pk>/move/", proposals.part_move, name="part_move"),
    path("parts/<id:pk>/delete/", proposals.part_delete, name="part_delete"),
    # The members' people
    path("people/", people.people_list, name="people"),
    path("people/invite/", people.person_invite, name="person_invite"),
    path("people/<id:pk>/", people.person_edit, name="person_edit"),
    path("people/<id:pk>/resend/", people.person_resend, name="person_resend"),
    path("people/<id:pk>/deactivate/", people.person_deactivate, name="person_deactivate"),
    path("people/<id:pk>/reactivate/", people.person_reactivate, name="person_reactivate"),
    # Pre-advice
    path("meetings/<id:pk>/pre-advice/", pre_advice.overview, name="pre_advice"),
    path("pre-advice/<str:kind>/<id:pk>/", pre_advice.row, name="pre_advice_row"),
    path("pre-advice/<id:pk>/settle/", pre_advice.settle, name="pre_advice_settle"),
]
