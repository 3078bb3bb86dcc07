from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "binome.cohorts"
    label = "cohorts"
