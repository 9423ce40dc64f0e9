from django.urls import path

from book import views

app_name = "book"

urlpatterns = [
    path("meetings/<id:pk>/book/", views.book_page, name="page"),
    path("meetings/<id:pk>/book/<str:edition>/", views.book_get, name="get"),
    path("meetings/<id:pk>/book/<str:edition>/status/", views.book_status, name="status"),
    path("meetings/<id:pk>/book/<str:edition>/build/", views.book_build, name="build"),
    path(
        "meetings/<id:pk>/book/pre-advice.docx",
        views.pre_advice_overview,
        name="pre_advice_overview",
    ),
    path("books/<id:build_id>/<str:name>", views.book_file, name="file"),
]
