from django.urls import path

from voting import views

app_name = "voting"

urlpatterns = [
    path("my-municipality/voting-cards/", views.voting_cards, name="cards"),
]
