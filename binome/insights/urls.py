from django.urls import path

from binome.insights import views, views_kpis
from binome.surveys import views_editor as survey_editor
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
    # The survey template editor (surveys.views_editor).
    path(
        "manage/programmes/<int:programme_id>/surveys/",
        survey_editor.survey_templates,
        name="survey_templates",
    ),
    path(
        "manage/programmes/<int:programme_id>/surveys/defaults/",
        survey_editor.survey_defaults,
        name="survey_defaults",
    ),
    path(
        "manage/surveys/<int:template_id>/",
        survey_editor.survey_template,
        name="survey_template",
    ),
    path(
        "manage/surveys/<int:template_id>/questions/new/",
        survey_editor.survey_question_add,
        name="survey_question_add",
    ),
    path(
        "manage/surveys/<int:template_id>/questions/<int:survey_question_id>/",
        survey_editor.survey_question_edit,
        name="survey_question_edit",
    ),
    path(
        "manage/surveys/<int:template_id>/questions/<int:survey_question_id>/remove/",
        survey_editor.survey_question_remove,
        name="survey_question_remove",
    ),
    path(
        "manage/surveys/<int:template_id>/questions/<int:survey_question_id>/move/",
        survey_editor.survey_question_move,
        name="survey_question_move",
    ),
]
