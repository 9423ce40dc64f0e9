from django.urls import path

from motions import import_views, views

urlpatterns = [
    path("meetings/<int:pk>/motions/", views.meeting_proposals, name="meeting_proposals"),
    path("motions/<int:pk>/", views.motion_detail, name="motion_detail"),
    path("amendments/<int:pk>/", views.amendment_detail, name="amendment_detail"),
    path("members/<int:pk>/", views.member_detail, name="member_detail"),
    path("motions/template.docx", import_views.motion_template, name="motion_template"),
    path("meetings/<int:pk>/import/", import_views.import_motions, name="motion_import"),
    path(
        "meetings/<int:pk>/import/<int:index>/",
        import_views.confirm_import,
        name="motion_import_confirm",
    ),
]
