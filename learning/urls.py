from django.urls import path

from learning import views

urlpatterns = [
    path("", views.home, name="home"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("facts/<slug:slug>/", views.fact_detail, name="fact"),
]
