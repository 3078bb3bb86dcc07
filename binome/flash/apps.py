from django.apps import AppConfig


class FlashConfig(AppConfig):
    """Members help themselves: suggested mentors and direct requests, flash mentoring."""

    name = "binome.flash"
    label = "flash"

    def ready(self) -> None:
        from binome.core.scheduler import register_periodic
        from binome.flash.responsiveness import flash_counts
        from binome.flash.tasks import process_flash_exchanges
        from binome.intake.responsiveness import register_source

        register_periodic(process_flash_exchanges)
        register_source(flash_counts)
