from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from binome.flash import views_flash as flash_views
from binome.home import views as home_views
from binome.intake import views_mentor as intake_views_mentor
from binome.mentorships import views as mentorship_views

# The Django admin logs in through allauth, so superusers pass the same two-factor check.
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", home_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("binome.accounts.urls")),
    path("django-admin/", admin.site.urls),
    path("n/<slug:network>/", home_views.network_home, name="network_home"),
    path("n/<slug:network>/", include("binome.members.urls")),
    path("n/<slug:network>/", include("binome.programmes.urls")),
    path("n/<slug:network>/", include("binome.intake.urls")),
    path("n/<slug:network>/", include("binome.mentorships.urls")),
    path("n/<slug:network>/", include("binome.insights.urls")),
    path("n/<slug:network>/", include("binome.flash.urls")),
    path("n/<slug:network>/", include("binome.events.urls")),
    path("n/<slug:network>/", include("binome.cohorts.urls")),
    path("check-in/<str:token>/", mentorship_views.check_in, name="check_in"),
    path("", include("binome.surveys.urls")),
    path("flash-outcome/<str:token>/", flash_views.flash_outcome_link, name="flash_outcome_link"),
    path(
        "invitations/<str:token>/",
        intake_views_mentor.invitation_respond,
        name="invitation_respond",
    ),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
