from django.contrib import admin
from django.urls import include, path

from alv import views

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("agenda.urls")),
    path("", include("motions.urls")),
    path("", include("book.urls")),
    path("", include("live.urls")),
    path("workspace/", include("workspace.urls")),
]
