from django.urls import path

from binome.mentorships import views, views_pair, views_staff

P = "pairs/<int:pair_id>/"
M = P + "meetings/<int:meeting_id>/"

urlpatterns = [
    path("pairs/", views.my_pairs, name="my_pairs"),
    path(P, views.pair_page, name="pair_page"),
    path(P + "sign/", views_pair.pair_sign, name="pair_sign"),
    path(P + "objectives/", views_pair.objectives_save, name="objectives_save"),
    path(P + "pause/", views_pair.pair_pause, name="pair_pause"),
    path(P + "resume/", views_pair.pair_resume, name="pair_resume"),
    path(P + "extend/", views_pair.pair_extend, name="pair_extend"),
    path(P + "close/", views_pair.pair_close, name="pair_close"),
    path(P + "referral/", views_pair.pair_referral, name="pair_referral"),
    path(P + "meetings/", views_pair.meeting_propose, name="meeting_propose"),
    path(M + "move/", views_pair.meeting_move, name="meeting_move"),
    path(M + "confirm/", views_pair.meeting_confirm, name="meeting_confirm"),
    path(M + "cancel/", views_pair.meeting_cancel, name="meeting_cancel"),
    path(M + "outcome/", views_pair.meeting_outcome, name="meeting_outcome"),
    path(M + "summary/", views_pair.meeting_summary, name="meeting_summary"),
    path(M + "note/", views_pair.meeting_private_note, name="meeting_private_note"),
    path(M + "calendar.ics", views.meeting_ics_download, name="meeting_ics"),
    path(P + "actions/", views_pair.action_item_add, name="action_item_add"),
    path(P + "actions/<int:item_id>/", views_pair.action_item_done, name="action_item_done"),
    path(
        "manage/programmes/<int:programme_id>/pairs/",
        views_staff.programme_pairs,
        name="programme_pairs",
    ),
    path("manage/pairs/<int:pair_id>/", views_staff.staff_pair, name="staff_pair"),
    path(
        "manage/pairs/<int:pair_id>/flags/<int:flag_id>/resolve/",
        views_staff.flag_resolve,
        name="flag_resolve",
    ),
    path("manage/pairs/<int:pair_id>/rematch/", views_staff.pair_rematch, name="pair_rematch"),
]
