from django.urls import path

from workspace.views import agenda, dashboard, meetings, pre_advice, proposals, resolutions

app_name = "workspace"

urlpatterns = [
    path("", meetings.meeting_list, name="meetings"),
    path("meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", dashboard.dashboard, name="dashboard"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/publication/", dashboard.publication, name="publication"),
    # Agenda
    path("meetings/<int:pk>/agenda/", agenda.agenda, name="agenda"),
    path("meetings/<int:pk>/agenda/add/", agenda.agenda_add, name="agenda_add"),
    path("meetings/<int:pk>/agenda/reorder/", agenda.agenda_reorder, name="agenda_reorder"),
    path("items/<int:pk>/", agenda.item_edit, name="item"),
    path("items/<int:pk>/row/", agenda.item_row, name="item_row"),
    path("items/<int:pk>/move/", agenda.item_move, name="item_move"),
    path("items/<int:pk>/delete/", agenda.item_delete, name="item_delete"),
    # Resolutions, their versions and clauses
    path("items/<int:item_pk>/resolutions/new/", resolutions.resolution_new, name="resolution_new"),
    path("resolutions/<int:pk>/", resolutions.resolution, name="resolution"),
    path("resolutions/<int:pk>/edit/", resolutions.resolution_edit, name="resolution_edit"),
    path(
        "resolutions/<int:pk>/submitters/",
        resolutions.resolution_submitters,
        name="resolution_submitters",
    ),
    path("resolutions/<int:pk>/versions/new/", resolutions.version_new, name="version_new"),
    path("resolutions/<int:pk>/compare/", resolutions.resolution_diff, name="resolution_diff"),
    path("versions/<int:pk>/state/", resolutions.version_state, name="version_state"),
    path("versions/<int:pk>/text/<str:field>/", resolutions.version_text, name="version_text"),
    path("versions/<int:pk>/clauses/add/", resolutions.clause_add, name="clause_add"),
    path("versions/<int:pk>/clauses/reorder/", resolutions.clauses_reorder, name="clauses_reorder"),
    path("clauses/<int:pk>/", resolutions.clause_edit, name="clause_edit"),
    path("clauses/<int:pk>/move/", resolutions.clause_move, name="clause_move"),
    path("clauses/<int:pk>/delete/", resolutions.clause_delete, name="clause_delete"),
    # Motions and amendments
    path("meetings/<int:pk>/<str:kind>s/new/", proposals.proposal_new, name="proposal_new"),
    path("meetings/<int:pk>/clause-options/", proposals.clause_options, name="clause_options"),
    path("members/search/", proposals.member_search, name="member_search"),
    path("proposals/<int:pk>/", proposals.proposal, name="proposal"),
    path("proposals/<int:pk>/move/", proposals.proposal_move, name="proposal_move"),
    path("proposals/<int:pk>/delete/", proposals.proposal_delete, name="proposal_delete"),
    path(
        "items/<int:pk>/proposals/reorder/",
        proposals.proposals_reorder,
        name="proposals_reorder",
    ),
    path("motions/<int:pk>/parts/add/", proposals.part_add, name="part_add"),
    path("parts/<int:pk>/", proposals.part_edit, name="part_edit"),
    path("parts/<int:pk>/move/", proposals.part_move, name="part_move"),
    path("parts/<int:pk>/delete/", proposals.part_delete, name="part_delete"),
    # Pre-advice
    path("meetings/<int:pk>/pre-advice/", pre_advice.overview, name="pre_advice"),
    path("pre-advice/<str:kind>/<int:pk>/", pre_advice.row, name="pre_advice_row"),
    path("pre-advice/<int:pk>/settle/", pre_advice.settle, name="pre_advice_settle"),
]
