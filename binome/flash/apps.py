from django.apps import AppConfig


class FlashConfig(AppConfig):
    """Members help themselves: suggested mentors and direct requests, flash mentoring."""

    name = "binome.flash"
    label = "flash"
