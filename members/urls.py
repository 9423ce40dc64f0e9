from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("accounts/invitation/<uidb64>/<token>/", views.accept, name="accept"),
    path("my-municipality/colleagues/", views.colleagues, name="colleagues"),
    path("my-municipality/notifications/", views.mail_settings, name="mail_settings"),
    path(
        "my-municipality/colleagues/<id:pk>/resend/",
        views.colleague_resend,
        name="colleague_resend",
    ),
    path(
        "my-municipality/colleagues/<id:pk>/deactivate/",
        views.colleague_deactivate,
        name="colleague_deactivate",
    ),
]
