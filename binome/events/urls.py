from django.urls import path

from binome.events import views

urlpatterns = [
    path("events/", views.events_index, name="events_index"),
    path("events/<int:event_id>/", views.event_page, name="event_page"),
    path("events/<int:event_id>/signup/", views.event_signup, name="event_signup"),
    path("events/<int:event_id>/ticks/", views.event_ticks, name="event_ticks"),
    path(
        "events/follow-ups/<int:introduction_id>/",
        views.event_follow_up,
        name="event_follow_up",
    ),
    path("manage/programmes/<int:programme_id>/events/new/", views.event_new, name="event_new"),
    path("manage/events/<int:event_id>/", views.event_manage, name="event_manage"),
    path("manage/events/<int:event_id>/register/", views.event_register, name="event_register"),
    path("manage/events/<int:event_id>/step/", views.event_step, name="event_step"),
    path("manage/events/<int:event_id>/move/", views.event_move, name="event_move"),
    path(
        "manage/events/<int:event_id>/attendance/",
        views.event_attendance,
        name="event_attendance",
    ),
    path("manage/events/<int:event_id>/tables/", views.event_tables, name="event_tables"),
    path("manage/events/<int:event_id>/people/", views.event_people, name="event_people"),
    path("manage/events/<int:event_id>/round/<int:number>/", views.event_round, name="event_round"),
]
