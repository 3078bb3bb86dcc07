from django.urls import path

from binome.members import imports_views, views

urlpatterns = [
    path("join/", views.join, name="network_join"),
    path("profile/", views.profile_edit, name="profile_edit"),
    path("mentoring/offer/", views.mentor_offer, name="mentor_offer"),
    path("mentoring/offer/pause/", views.mentor_offer_pause, name="mentor_offer_pause"),
    path("mentoring/offer/resume/", views.mentor_offer_resume, name="mentor_offer_resume"),
    path("mentoring/offer/withdraw/", views.mentor_offer_withdraw, name="mentor_offer_withdraw"),
    path("directory/", views.directory, name="directory"),
    path("members/<int:member_id>/", views.member_detail, name="member_detail"),
    path("manage/imports/", imports_views.import_list, name="import_list"),
    path("manage/invite/", imports_views.invite, name="member_invite"),
    path("manage/imports/<int:batch_id>/", imports_views.import_detail, name="import_detail"),
    path(
        "manage/imports/<int:batch_id>/progress/",
        imports_views.import_progress,
        name="import_progress",
    ),
    path("manage/export/<str:file_format>/", imports_views.export, name="directory_export"),
]
