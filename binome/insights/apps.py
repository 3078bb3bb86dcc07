from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "binome.insights"
    label = "insights"

    def ready(self) -> None:
        from binome.core.scheduler import register_periodic
        from binome.insights.tasks import refresh_programme_trends

        register_periodic(refresh_programme_trends)
