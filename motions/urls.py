from django.urls import path

from motions import import_views

urlpatterns = [
    path("motions/template.docx", import_views.motion_template, name="motion_template"),
    path("meetings/<int:pk>/import/", import_views.import_motions, name="motion_import"),
    path(
        "meetings/<int:pk>/import/<int:index>/",
        import_views.confirm_import,
        name="motion_import_confirm",
    ),
]
