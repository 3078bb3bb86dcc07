from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "binome.intake"
    label = "intake"

    def ready(self) -> None:
        from binome.core.scheduler import register_periodic
        from binome.intake.tasks import process_invitations

        register_periodic(process_invitations)
