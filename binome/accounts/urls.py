from django.urls import path

from binome.accounts import views

urlpatterns = [
    path("language/", views.language, name="account_language"),
]
