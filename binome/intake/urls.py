from django.urls import path

from binome.intake import views_manager, views_member, views_mentor, views_shortlist

urlpatterns = [
    path("requests/", views_member.my_requests, name="my_requests"),
    path("requests/new/<int:programme_id>/", views_member.request_edit, name="request_new"),
    path(
        "requests/<int:request_id>/edit/<int:programme_id>/",
        views_member.request_edit,
        name="request_edit",
    ),
    path("requests/<int:request_id>/", views_member.request_detail, name="request_detail"),
    path("requests/<int:request_id>/rank/", views_member.request_rank, name="request_rank"),
    path("requests/<int:request_id>/submit/", views_member.request_submit, name="request_submit"),
    path(
        "requests/<int:request_id>/withdraw/",
        views_member.request_withdraw,
        name="request_withdraw",
    ),
    path(
        "requests/<int:request_id>/other-names/",
        views_member.request_other_names,
        name="request_other_names",
    ),
    path("invitations/", views_mentor.my_invitations, name="my_invitations"),
    path(
        "invitations/<int:invitation_id>/accept/",
        views_mentor.invitation_accept,
        name="invitation_accept",
    ),
    path(
        "invitations/<int:invitation_id>/decline/",
        views_mentor.invitation_decline,
        name="invitation_decline",
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
    path("manage/requests/<int:request_id>/take/", views_manager.request_take, name="request_take"),
    path(
        "manage/requests/<int:request_id>/interview/",
        views_manager.request_schedule,
        name="request_schedule",
    ),
    path(
        "manage/requests/<int:request_id>/notes/", views_manager.request_notes, name="request_notes"
    ),
    path(
        "manage/requests/<int:request_id>/decision/",
        views_manager.request_decide,
        name="request_decide",
    ),
    path(
        "manage/requests/<int:request_id>/shortlist/add/",
        views_shortlist.shortlist_add,
        name="shortlist_add",
    ),
    path(
        "manage/requests/<int:request_id>/shortlist/<int:entry_id>/",
        views_shortlist.shortlist_entry_update,
        name="shortlist_entry_update",
    ),
    path(
        "manage/requests/<int:request_id>/shortlist/<int:entry_id>/remove/",
        views_shortlist.shortlist_entry_remove,
        name="shortlist_entry_remove",
    ),
    path(
        "manage/requests/<int:request_id>/shortlist/publish/",
        views_shortlist.shortlist_publish,
        name="shortlist_publish",
    ),
    path(
        "manage/requests/<int:request_id>/shortlist/<int:entry_id>/invite/",
        views_shortlist.invitation_send,
        name="invitation_send",
    ),
]
