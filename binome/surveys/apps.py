from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "binome.surveys"
    label = "surveys"

    def ready(self) -> None:
        from binome.core.scheduler import register_periodic
        from binome.surveys.tasks import run_survey_waves

        register_periodic(run_survey_waves)
