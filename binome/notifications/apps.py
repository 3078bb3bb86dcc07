from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "binome.notifications"
    label = "notifications"
