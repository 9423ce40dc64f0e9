from django.urls import path

from motions import import_views, views

urlpatterns = [
    path("meetings/<id:pk>/motions/", views.meeting_proposals, name="meeting_proposals"),
    path("motions/<id:pk>/", views.motion_detail, name="motion_detail"),
    path("amendments/<id:pk>/", views.amendment_detail, name="amendment_detail"),
    path("members/<id:pk>/", views.member_detail, name="member_detail"),
    path("motions/template.docx", import_views.motion_template, name="motion_template"),
    path("meetings/<id:pk>/import/", import_views.import_motions, name="motion_import"),
    path(
        "meetings/<id:pk>/import/<int:index>/",
        import_views.confirm_import,
        name="motion_import_confirm",
    ),
]
