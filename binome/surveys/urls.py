from django.urls import path

from binome.surveys import views

urlpatterns = [
    path("surveys/<str:token>/", views.survey_answer, name="survey_answer"),
    path("surveys/<str:token>/rematch/", views.survey_rematch, name="survey_rematch"),
]
