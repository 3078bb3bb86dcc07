from django.urls import path

from binome.accounts import views

urlpatterns = [
    path("language/", views.language, name="account_language"),
    path("activate/<str:uidb36>/<str:token>/", views.activate, name="account_activate"),
]
