from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "binome.programmes"
    label = "programmes"
