from django.apps import AppConfig


class MentorshipsConfig(AppConfig):
    name = "binome.mentorships"
    label = "mentorships"

    def ready(self) -> None:
        from binome.core.scheduler import register_periodic
        from binome.members import services as member_services
        from binome.mentorships.selectors import active_mentee_count
        from binome.mentorships.tasks import care_for_pairs

        # Members count a mentor's places through this hook, never by importing pairs.
        member_services.ACTIVE_MENTEE_COUNTER[:] = [active_mentee_count]
        register_periodic(care_for_pairs)
