from django.urls import path

from submissions import views

app_name = "submissions"

urlpatterns = [
    path("my-municipality/motions/", views.submission_list, name="list"),
    path("my-municipality/motions/new/", views.submission_new, name="new"),
    path(
        "my-municipality/motions/new-amendment/",
        views.submission_new_amendment,
        name="new_amendment",
    ),
    path("my-municipality/motions/<id:pk>/", views.submission_detail, name="detail"),
    path("my-municipality/motions/<id:pk>/invite/", views.submission_invite, name="invite"),
    path("my-municipality/motions/<id:pk>/answer/", views.submission_answer, name="answer"),
    path("my-municipality/motions/<id:pk>/submit/", views.submission_submit, name="submit"),
    path("my-municipality/motions/<id:pk>/withdraw/", views.submission_withdraw, name="withdraw"),
    path(
        "my-municipality/motions/<id:pk>/answer-the-board/",
        views.submission_answer_board,
        name="answer_board",
    ),
]
