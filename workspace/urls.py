from django.urls import path

from workspace.views import agenda, dashboard, meetings

app_name = "workspace"

urlpatterns = [
    path("", meetings.meeting_list, name="meetings"),
    path("meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", dashboard.dashboard, name="dashboard"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    # Agenda
    path("meetings/<int:pk>/agenda/", agenda.agenda, name="agenda"),
    path("meetings/<int:pk>/agenda/add/", agenda.agenda_add, name="agenda_add"),
    path("meetings/<int:pk>/agenda/reorder/", agenda.agenda_reorder, name="agenda_reorder"),
    path("items/<int:pk>/", agenda.item_edit, name="item"),
    path("items/<int:pk>/row/", agenda.item_row, name="item_row"),
    path("items/<int:pk>/move/", agenda.item_move, name="item_move"),
    path("items/<int:pk>/delete/", agenda.item_delete, name="item_delete"),
]
