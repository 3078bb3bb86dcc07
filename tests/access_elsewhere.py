"""Objects the personas of the access world must not reach: another network's (programme,
theme, role, import, member, request with its shortlist entry and invitation, pair with its
meeting, action item and flag) and, in the same network, a sibling pair's and a sibling
request's. Built on top of the access world, in the same module-long transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from binome.intake.models import MentoringRequest, MentorInvitation, ShortlistEntry
from binome.intake.services import intake
from binome.members.models import ImportBatch, Member
from binome.mentorships.models import ActionItem, Flag, Meeting, Mentorship
from binome.mentorships.services import flags, work
from binome.programmes.models import Programme, StaffRole, Theme
from binome.programmes.services import publish_charter
from binome.testing import scenarios
from binome.testing.factories import ProgrammeFactory, ThemeFactory, grant, make_mentor
from tests.access_world import World, held_meeting, make_pair, member, request_at_invitation


@dataclass
class Elsewhere:
    """Objects the personas of the access world must not reach through their URLs."""

    programme: Programme
    theme: Theme
    role: StaffRole
    batch: ImportBatch
    member: Member
    request_id: int
    entry: ShortlistEntry
    invitation: MentorInvitation
    pair: Mentorship
    meeting: Meeting
    item: ActionItem
    flag: Flag
    # Same network, another parent.
    sibling_entry: ShortlistEntry
    sibling_invitation: MentorInvitation
    sibling_meeting: Meeting
    sibling_item: ActionItem
    sibling_flag: Flag
    # Requests of the world's programme at the steps the body tests need.
    shortlisting: MentoringRequest
    in_intake: MentoringRequest
    # Flash: the other network's slot, question and exchange; a sibling question (another
    # member's, still open) in the world's flash programme.
    flash: dict[str, Any] = field(default_factory=dict)
    # Cohorts: another network's cohort, application and run; in the same network, another
    # member's application in a third cohort of the world's cohort programme.
    cohort: Any = None
    application: Any = None
    run: Any = None
    sibling_application: Any = None
    # Surveys: another network's template and question; a question of another template.
    survey: dict[str, Any] = field(default_factory=dict)


def _pair_objects(pair: Mentorship) -> tuple[Meeting, ActionItem, Flag]:
    meeting = held_meeting(pair, pair.mentee, pair.mentor)
    item = work.add_action_item(
        mentorship=pair, member=pair.mentee, owner=pair.mentee, text="Relire le CV", due_date=None
    )
    return meeting, item, flags.flag_referral(mentorship=pair, mentor=pair.mentor)


def build_elsewhere(world: World) -> Elsewhere:
    from binome.members import import_services

    hec = world.other_network
    theme = ThemeFactory(network=hec, code="entrepreneuriat")
    programme = ProgrammeFactory(network=hec, slug="mentorat-hec")
    publish_charter(programme=programme, actor=None, text_fr="Charte", text_en="Charter")
    manager, mentor, mentee = (member(n, hec) for n in ("hugo", "helene", "henri"))
    role = grant(manager, StaffRole.Role.PROGRAMME_MANAGER, programme)
    make_mentor(mentor, themes=[theme], capacity=3)
    pair = make_pair(programme, mentor, mentee)
    meeting, item, flag = _pair_objects(pair)
    request, entry, invitation = request_at_invitation(programme, mentee, mentor, manager, theme)
    batch = import_services.start_import(
        network=hec, actor=manager.user, filename="hec.csv", data=b"Nom;Courriel\nA;a@b.fr\n"
    )
    # A sibling of the world's pair and request: the other party's pair, paul's request.
    olga = world.people["other_party"]
    sibling_pair = Mentorship.objects.get(mentor=olga)
    sibling_meeting, sibling_item, sibling_flag = _pair_objects(sibling_pair)
    _r, sibling_entry, sibling_invitation = request_at_invitation(
        world.programme, sibling_pair.mentee, olga, world.people["manager"], world.theme
    )
    manager = world.people["manager"]
    shortlisting = scenarios.request_to_shortlist(
        manager=manager, mentee=member("zoe", world.network), programme=world.programme
    )
    in_intake = scenarios.submitted_request(
        mentee=member("yann", world.network), programme=world.programme
    )
    intake.take_request(request=in_intake, manager=manager)
    flash = _flash_elsewhere(world, mentor, mentee)
    cohort_objects = _cohort_objects(world, hec, mentor, mentee)
    return Elsewhere(
        programme=programme,
        theme=theme,
        role=role,
        batch=batch,
        member=mentor,
        request_id=request.pk,
        entry=entry,
        invitation=invitation,
        pair=pair,
        meeting=meeting,
        item=item,
        flag=flag,
        sibling_entry=sibling_entry,
        sibling_invitation=sibling_invitation,
        sibling_meeting=sibling_meeting,
        sibling_item=sibling_item,
        sibling_flag=sibling_flag,
        shortlisting=shortlisting,
        in_intake=in_intake,
        flash=flash,
        survey=_survey_elsewhere(world, programme),
        **cohort_objects,
    )


def _survey_elsewhere(world: World, programme: Programme) -> dict[str, Any]:
    from binome.surveys.models import SurveyTemplate
    from binome.surveys.services import install_default_templates

    install_default_templates(programme=programme)
    template = SurveyTemplate.objects.get(programme=programme, moment="end")
    end = SurveyTemplate.objects.get(programme=world.programme, moment="end")
    return {
        "template": template,
        "question": template.current_questions().get(code="end_comment"),
        "sibling_question": end.current_questions().get(code="end_comment"),
    }


def _flash_elsewhere(world: World, mentor: Member, mentee: Member) -> dict[str, Any]:
    from binome.flash.services import exchanges, slots

    programme = ProgrammeFactory(network=mentor.network, slug="flash-hec", kind="flash")
    slot = slots.offer_slot(
        mentor=mentor,
        programme=programme,
        starts_at=timezone.now() + datetime.timedelta(days=4),
        duration_minutes=30,
        format="phone",
        language="fr",
        themes=[],
    )
    booked = slots.offer_slot(
        mentor=mentor,
        programme=programme,
        starts_at=timezone.now() + datetime.timedelta(days=5),
        duration_minutes=30,
        format="phone",
        language="fr",
        themes=[],
    )

    def ask(who: Member, where: Programme) -> Any:
        return exchanges.ask_flash_question(
            mentee=who, programme=where, question="Une autre question", themes=[], language="fr"
        )

    question = ask(mentee, programme)
    exchange = exchanges.book_slot(question=question, mentee=mentee, slot=booked)
    sibling = ask(member("quentin", world.network), world.flash["programme"])
    from binome.events.services import events

    speed = ProgrammeFactory(network=mentor.network, slug="speed-hec", kind="speed")
    event = events.create_event(
        programme=speed,
        actor=None,
        name="HEC speed",
        starts_at=timezone.now() + datetime.timedelta(days=9),
        place="",
        rounds=2,
        round_minutes=10,
        break_minutes=0,
        table_size=None,
    )
    from binome.events.models import Introduction

    return {
        "slot": slot,
        "question": question,
        "exchange": exchange,
        "sibling_question": sibling,
        "event": event,
        "introduction": Introduction.objects.create(event=event, mentor=mentor, mentee=mentee),
        # The same network's evening, two other members introduced.
        "sibling_introduction": Introduction.objects.create(
            event=world.speed["event"],
            mentor=member("rita", world.network),
            mentee=member("sam", world.network),
        ),
    }


def _cohort_objects(world: World, hec: Any, mentor: Member, mentee: Member) -> dict[str, Any]:
    from binome.testing import cohorts

    programme = ProgrammeFactory(network=hec, slug="promo-hec", kind="cohort")
    hugo = Member.objects.get(network=hec, first_name="Hugo")
    grant(hugo, StaffRole.Role.PROGRAMME_MANAGER, programme)
    cohort = cohorts.open_cohort(programme)
    cohorts.add_question(cohort, "mentee")
    application = cohorts.apply(cohort, mentee, "mentee")
    cohorts.apply(cohort, mentor, "mentor")
    cohorts.accept_all(cohort, hugo)
    run = cohorts.run_now(cohort, hugo)
    third = cohorts.open_cohort(world.cohort.programme, name="2024")
    cohorts.add_question(third, "mentee")
    sibling = cohorts.apply(third, world.people["other_party"], "mentee")
    return {
        "cohort": cohort,
        "application": application,
        "run": run,
        "sibling_application": sibling,
    }
