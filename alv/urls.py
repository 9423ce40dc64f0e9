from django.contrib import admin
from django.urls import include, path

from agenda import views as agenda_views
from alv import views as alv_views

urlpatterns = [
    path("", agenda_views.home, name="home"),
    # First: every member following the meeting polls its live fragment every few seconds,
    # and URL resolution tries the patterns in order.
    path("", include("live.urls")),
    # Early too: its fragment is polled by every voter every second, and each pattern tried
    # before it costs.
    path("", include("voting.urls")),
    path("favicon.ico", alv_views.favicon, name="favicon"),
    path("association/theme-<int:revision>.css", alv_views.theme_css, name="association_theme"),
    path("association/logo-<int:revision>", alv_views.logo, name="association_logo"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Django's account pages, with the password reset throttled, and two-factor sign-in.
    path("accounts/", include("alv.accounts_urls")),
    # Where a login lands when it has no page to return to: the workspace or the home page.
    path("accounts/after-login/", alv_views.after_login, name="after_login"),
    path("admin/", admin.site.urls),
    path("", include("agenda.urls")),
    path("", include("motions.urls")),
    path("", include("book.urls")),
    path("", include("members.urls")),
    path("", include("submissions.urls")),
    path("workspace/", include("workspace.urls")),
]
