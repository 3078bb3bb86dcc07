from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "binome.members"
    label = "members"
