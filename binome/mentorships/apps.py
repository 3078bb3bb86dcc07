from django.apps import AppConfig


class MentorshipsConfig(AppConfig):
    name = "binome.mentorships"
    label = "mentorships"

    def ready(self) -> None:
        from binome.members import services as member_services
        from binome.mentorships.selectors import active_mentee_count

        # Members count a mentor's places through this hook, never by importing pairs.
        member_services.ACTIVE_MENTEE_COUNTER[:] = [active_mentee_count]
