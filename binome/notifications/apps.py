from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "binome.notifications"
    label = "notifications"

    def ready(self) -> None:
        from binome.core.scheduler import register_periodic
        from binome.notifications.tasks import deliver_outbox

        register_periodic(deliver_outbox)
