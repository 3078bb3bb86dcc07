from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "binome.cohorts"
    label = "cohorts"

    def ready(self) -> None:
        from binome.cohorts.tasks import invite_past_mentors
        from binome.core.scheduler import register_periodic

        register_periodic(invite_past_mentors)
