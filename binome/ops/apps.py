from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operator commands that span the domain apps (scheduler, demo data): kept out of core."""

    name = "binome.ops"
    label = "ops"
