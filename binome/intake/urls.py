from django.urls import path

from binome.intake import views_manager, views_member, views_mentor

urlpatterns = [
    path("requests/", views_member.my_requests, name="my_requests"),
    path("requests/new/<int:programme_id>/", views_member.request_edit, name="request_new"),
    path(
        "requests/<int:request_id>/edit/<int:programme_id>/",
        views_member.request_edit,
        name="request_edit",
    ),
    path("requests/<int:request_id>/", views_member.request_detail, name="request_detail"),
    path("requests/<int:request_id>/action/", views_member.request_action, name="request_action"),
    path("invitations/", views_mentor.my_invitations, name="my_invitations"),
    path(
        "invitations/<int:invitation_id>/answer/",
        views_mentor.answer_invitation,
        name="answer_invitation",
    ),
    path(
        "manage/programmes/<int:programme_id>/requests/",
        views_manager.intake_queue,
        name="intake_queue",
    ),
    path("manage/requests/<int:request_id>/", views_manager.manage_request, name="manage_request"),
    path(
        "manage/programmes/<int:programme_id>/pairs/new/",
        views_manager.direct_pair,
        name="direct_pair",
    ),
    path("manage/requests/<int:request_id>/step/", views_manager.request_step, name="request_step"),
]
