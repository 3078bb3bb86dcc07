from django.urls import path

from binome.insights import views, views_kpis
from binome.surveys import views_staff as survey_views_staff

urlpatterns = [
    path(
        "manage/programmes/<int:programme_id>/health/",
        views.programme_health,
        name="programme_health",
    ),
    path("manage/pairs/<int:pair_id>/ask-news/", views.pair_ask_news, name="pair_ask_news"),
    path("manage/kpis/", views_kpis.network_kpis_page, name="network_kpis"),
    path("manage/kpis/export/<str:file_format>/", views_kpis.kpi_export, name="kpi_export"),
    path("manage/impact/<int:year>/", views_kpis.impact_report, name="impact_report"),
    path(
        "manage/pairs/<int:pair_id>/surveys/",
        survey_views_staff.pair_survey_answers,
        name="pair_survey_answers",
    ),
]
