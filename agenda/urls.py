from django.urls import path

from agenda import views

urlpatterns = [
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("resolutions/<int:pk>/", views.resolution_detail, name="resolution_detail"),
]
