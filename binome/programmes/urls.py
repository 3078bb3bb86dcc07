from django.urls import path

from binome.programmes import views

urlpatterns = [
    path("manage/programmes/", views.programme_list, name="programme_list"),
    path("manage/programmes/new/", views.programme_edit, name="programme_create"),
    path("manage/programmes/<int:programme_id>/", views.programme_detail, name="programme_detail"),
    path("manage/programmes/<int:programme_id>/edit/", views.programme_edit, name="programme_edit"),
    path("manage/themes/", views.theme_list, name="theme_list"),
    path("manage/themes/new/", views.theme_edit, name="theme_create"),
    path("manage/themes/<int:theme_id>/", views.theme_edit, name="theme_edit"),
    path("manage/staff/", views.staff_list, name="staff_list"),
    path("manage/staff/<int:role_id>/revoke/", views.staff_revoke, name="staff_revoke"),
]
