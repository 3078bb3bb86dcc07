from django.urls import path

from binome.insights import views
from binome.surveys import views_staff as survey_views_staff

urlpatterns = [
    path(
        "manage/programmes/<int:programme_id>/health/",
        views.programme_health,
        name="programme_health",
    ),
    path("manage/pairs/<int:pair_id>/ask-news/", views.pair_ask_news, name="pair_ask_news"),
    path(
        "manage/pairs/<int:pair_id>/surveys/",
        survey_views_staff.pair_survey_answers,
        name="pair_survey_answers",
    ),
]
