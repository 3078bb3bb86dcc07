from django.apps import AppConfig


class MentorshipsConfig(AppConfig):
    name = "binome.mentorships"
    label = "mentorships"
