from django.urls import path

from binome.mentorships import views, views_staff

urlpatterns = [
    path("pairs/", views.my_pairs, name="my_pairs"),
    path("pairs/<int:pair_id>/", views.pair_page, name="pair_page"),
    path("pairs/<int:pair_id>/step/", views.pair_step, name="pair_step"),
    path(
        "pairs/<int:pair_id>/meetings/<int:meeting_id>/calendar.ics",
        views.meeting_ics_download,
        name="meeting_ics",
    ),
    path(
        "manage/programmes/<int:programme_id>/pairs/",
        views_staff.programme_pairs,
        name="programme_pairs",
    ),
    path("manage/pairs/<int:pair_id>/", views_staff.staff_pair, name="staff_pair"),
    path("manage/pairs/<int:pair_id>/step/", views_staff.staff_pair_step, name="staff_pair_step"),
]
