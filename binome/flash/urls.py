from django.urls import path

from binome.flash import views_direct

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
