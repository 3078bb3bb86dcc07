from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "binome.insights"
    label = "insights"
