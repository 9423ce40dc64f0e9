from django.urls import path

from voting import consultations, results, views

app_name = "voting"

vote = "meetings/<id:pk>/vote/"

urlpatterns = [
    path("my-municipality/voting-cards/", views.voting_cards, name="cards"),
    # The vote page of a member's person, and the part of it that is polled every second
    path("vote/", views.votes, name="votes"),
    path(vote, views.vote, name="vote"),
    path(vote + "live/", views.fragment, name="fragment"),
    path(vote + "attendance/", views.attend, name="attend"),
    path(vote + "proxy/", views.give_proxy, name="give_proxy"),
    path(vote + "proxy/<id:proxy_pk>/withdraw/", views.withdraw_proxy, name="withdraw_proxy"),
    path(vote + "<id:poll_pk>/", views.cast, name="cast"),
    # The results of the written consultation, for everyone who may see the meeting
    path(vote + "results/", results.results, name="results"),
    # The secretariat's written consultation of the members
    path(
        "meetings/<id:pk>/written-consultation/",
        consultations.consultation,
        name="consultation",
    ),
    path(
        "meetings/<id:pk>/written-consultation/<id:poll_pk>/close/",
        consultations.close_consultation_poll,
        name="close_consultation_poll",
    ),
]
