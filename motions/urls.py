from django.urls import path

from motions import views

urlpatterns = [
    path("meetings/<int:pk>/motions/", views.meeting_proposals, name="meeting_proposals"),
    path("motions/<int:pk>/", views.motion_detail, name="motion_detail"),
    path("amendments/<int:pk>/", views.amendment_detail, name="amendment_detail"),
    path("members/<int:pk>/", views.member_detail, name="member_detail"),
]
