from django.urls import path

from binome.cohorts import views_manager, views_member, views_publish, views_runs

urlpatterns = [
    path("cohorts/", views_member.my_cohorts, name="my_cohorts"),
    path(
        "cohorts/<int:cohort_id>/apply/<slug:role>/",
        views_member.cohort_apply,
        name="cohort_apply",
    ),
    path(
        "cohorts/applications/<int:application_id>/",
        views_member.my_application,
        name="my_application",
    ),
    path(
        "cohorts/applications/<int:application_id>/withdraw/",
        views_member.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "manage/programmes/<int:programme_id>/cohorts/",
        views_manager.cohort_list,
        name="cohort_list",
    ),
    path(
        "manage/programmes/<int:programme_id>/cohorts/new/",
        views_manager.cohort_create,
        name="cohort_create",
    ),
    path("manage/cohorts/<int:cohort_id>/", views_manager.cohort_manage, name="cohort_manage"),
    path("manage/cohorts/<int:cohort_id>/edit/", views_manager.cohort_edit, name="cohort_edit"),
    path(
        "manage/cohorts/<int:cohort_id>/start-matching/",
        views_manager.cohort_start_matching,
        name="cohort_start_matching",
    ),
    path(
        "manage/cohorts/<int:cohort_id>/reopen/",
        views_manager.cohort_reopen,
        name="cohort_reopen",
    ),
    path(
        "manage/cohorts/<int:cohort_id>/applications/<int:application_id>/",
        views_manager.application_review,
        name="application_review",
    ),
    path(
        "manage/cohorts/<int:cohort_id>/applications/<int:application_id>/screen/",
        views_manager.application_screen,
        name="application_screen",
    ),
    path("manage/cohorts/<int:cohort_id>/runs/", views_runs.run_launch, name="run_launch"),
    path("manage/cohorts/<int:cohort_id>/runs/new/", views_runs.run_new, name="run_new"),
    path(
        "manage/cohorts/<int:cohort_id>/runs/compare/",
        views_runs.run_compare,
        name="run_compare",
    ),
    path(
        "manage/cohorts/<int:cohort_id>/runs/preview/",
        views_runs.run_preview,
        name="run_preview",
    ),
    path(
        "manage/cohorts/<int:cohort_id>/runs/<int:run_id>/",
        views_runs.run_detail,
        name="run_detail",
    ),
    path(
        "manage/cohorts/<int:cohort_id>/runs/<int:run_id>/progress/",
        views_runs.run_progress,
        name="run_progress",
    ),
    path(
        "manage/cohorts/<int:cohort_id>/runs/<int:run_id>/mentees/<int:application_id>/",
        views_runs.run_mentee,
        name="run_mentee",
    ),
    path(
        "manage/cohorts/<int:cohort_id>/runs/<int:run_id>/pin/", views_runs.run_pin, name="run_pin"
    ),
    path(
        "manage/cohorts/<int:cohort_id>/runs/<int:run_id>/forbid/",
        views_runs.run_forbid,
        name="run_forbid",
    ),
    path(
        "manage/cohorts/<int:cohort_id>/runs/<int:run_id>/publish/",
        views_publish.run_publish,
        name="run_publish",
    ),
    path(
        "manage/cohorts/<int:cohort_id>/runs/<int:run_id>/export/<str:file_format>/",
        views_publish.run_export,
        name="run_export",
    ),
    path(
        "manage/cohorts/<int:cohort_id>/rematch/<int:application_id>/",
        views_publish.cohort_rematch,
        name="cohort_rematch",
    ),
]
