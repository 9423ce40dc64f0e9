from django.urls import path

from agenda import views

urlpatterns = [
    path("meetings/<id:pk>/", views.meeting_detail, name="meeting_detail"),
    path("resolutions/<id:pk>/", views.resolution_detail, name="resolution_detail"),
]
