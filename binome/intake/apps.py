from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "binome.intake"
    label = "intake"
