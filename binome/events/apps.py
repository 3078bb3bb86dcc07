from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Speed-mentoring events: registrations, the engine's rotation, schedules, mutual ticks."""

    name = "binome.events"
    label = "events"
