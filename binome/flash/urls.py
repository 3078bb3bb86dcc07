from django.urls import path

from binome.flash import views_direct, views_flash, views_manage

urlpatterns = [
    path("mentors/find/", views_direct.find_mentor, name="find_mentor"),
    path("mentors/find/<int:programme_id>/", views_direct.direct_new, name="direct_new"),
    path(
        "mentors/direct/<int:request_id>/",
        views_direct.direct_suggestions,
        name="direct_suggestions",
    ),
    path(
        "mentors/direct/<int:request_id>/ask/<int:member_id>/",
        views_direct.direct_ask,
        name="direct_ask",
    ),
    path(
        "manage/programmes/<int:programme_id>/direct-requests/",
        views_direct.direct_policy,
        name="direct_policy",
    ),
    path(
        "manage/direct-requests/<int:request_id>/approve/",
        views_direct.direct_approve,
        name="direct_approve",
    ),
    path(
        "manage/direct-requests/<int:request_id>/refuse/",
        views_direct.direct_refuse,
        name="direct_refuse",
    ),
]

urlpatterns += [
    path("flash/", views_flash.flash_index, name="flash_index"),
    path("flash/<int:programme_id>/ask/", views_flash.flash_ask, name="flash_ask"),
    path("flash/questions/<int:question_id>/", views_flash.flash_question, name="flash_question"),
    path(
        "flash/questions/<int:question_id>/book/<int:slot_id>/",
        views_flash.flash_book,
        name="flash_book",
    ),
    path("flash/questions/<int:question_id>/pool/", views_flash.flash_pool, name="flash_pool"),
    path("flash/questions/<int:question_id>/take/", views_flash.flash_take, name="flash_take"),
    path("flash/<int:programme_id>/mentor/", views_flash.flash_mentor, name="flash_mentor"),
    path("flash/<int:programme_id>/slots/", views_flash.flash_slot_new, name="flash_slot_new"),
    path(
        "flash/slots/<int:slot_id>/cancel/",
        views_flash.flash_slot_cancel,
        name="flash_slot_cancel",
    ),
    path("flash/exchanges/<int:exchange_id>/", views_flash.flash_exchange, name="flash_exchange"),
    path("flash/exchanges/<int:exchange_id>/ics/", views_flash.flash_ics, name="flash_ics"),
    path(
        "flash/exchanges/<int:exchange_id>/outcome/",
        views_flash.flash_outcome,
        name="flash_outcome",
    ),
    path(
        "flash/exchanges/<int:exchange_id>/feedback/",
        views_flash.flash_feedback,
        name="flash_feedback",
    ),
    path(
        "flash/exchanges/<int:exchange_id>/continue/",
        views_flash.flash_continue,
        name="flash_continue",
    ),
    path(
        "flash/exchanges/<int:exchange_id>/continue/cohort/",
        views_flash.flash_continue_cohort,
        name="flash_continue_cohort",
    ),
    path(
        "flash/exchanges/<int:exchange_id>/continue/answer/",
        views_flash.flash_continue_answer,
        name="flash_continue_answer",
    ),
]

urlpatterns += [
    path(
        "manage/programmes/<int:programme_id>/flash/",
        views_manage.flash_overview_page,
        name="flash_overview",
    ),
    path(
        "manage/flash/questions/<int:pool_question_id>/remind/",
        views_manage.flash_pool_remind,
        name="flash_pool_remind",
    ),
    path(
        "manage/flash/exchanges/<int:exchange_id>/remind/",
        views_manage.flash_outcome_remind,
        name="flash_outcome_remind",
    ),
]
