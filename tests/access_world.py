"""One small network with every kind of object a URL can name, and the ten personas who try them.

Built through the services a person uses (factories for people, scenarios for the flow), once per
test module: ``module_world`` wraps it in a transaction that is rolled back when the module ends,
and each test runs in its own savepoint inside it (pytest-django's ``db``).

The pair and the request carry sentinels in everything confidential — meeting summaries, private
notes, objectives, action items, intake notes — so that a page can be grepped for them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.http import int_to_base36

from binome.accounts.models import User
from binome.core.models import Network
from binome.intake.models import MentoringRequest, MentorInvitation, ShortlistEntry
from binome.intake.services import intake, invitations, requests, shortlist
from binome.members import import_services
from binome.members.models import ImportBatch, Member
from binome.members.services import invite_member
from binome.mentorships.models import ActionItem, Flag, Meeting, Mentorship
from binome.mentorships.services import charter, create_mentorship, flags, meetings, work
from binome.programmes.models import Programme, StaffRole, Theme
from binome.programmes.services import publish_charter
from binome.testing import scenarios
from binome.testing.factories import (
    MemberFactory,
    NetworkFactory,
    ProgrammeFactory,
    ThemeFactory,
    UserFactory,
    grant,
    make_mentor,
)

SUMMARY = "SENTINEL-SUMMARY-7f3a"
MENTEE_NOTE = "SENTINEL-MENTEE-NOTE-91c2"
MENTOR_NOTE = "SENTINEL-MENTOR-NOTE-4be8"
OBJECTIVE = "SENTINEL-OBJECTIVE-0d55"
ACTION = "SENTINEL-ACTION-c6e1"
INTAKE_NOTES = "SENTINEL-INTAKE-NOTES-2a90"
# A survey answer for the programme team (read one by one, audited), and one for the pair only.
SURVEY_STAFF = "SENTINEL-SURVEY-STAFF-83d1"
SURVEY_PAIR = "SENTINEL-SURVEY-PAIR-5e17"
# What the pair writes; intake notes have their own audience (the programme's managers).
PAIR_SENTINELS = (SUMMARY, MENTEE_NOTE, MENTOR_NOTE, OBJECTIVE, ACTION)

# Columns of the access matrix, in order.
PERSONAS = (
    "anonymous",
    "member",  # a member of the network with no request, pair or role
    "mentee",  # of the request and of the pair
    "mentor",  # of the pair, invited on the request
    "other_party",  # same network and programme, with a request and a pair of their own
    "manager",  # of the programme of the request and the pair
    "other_manager",  # of another programme of the same network
    "network_admin",
    # Network admin of another network, trying this network's ids under the address of their
    # own network (/n/hec/…/<id of ax>/): pages without ids are their own network's (200).
    "foreign_admin",
    "superuser",  # the operator: Django superuser, member of no network (tries /n/ax/…)
)


@dataclass
class World:
    network: Network
    other_network: Network
    open_network: Network
    programme: Programme
    other_programme: Programme
    theme: Theme
    people: dict[str, Member | None]
    superuser: User
    request: MentoringRequest
    draft: MentoringRequest
    sensitive_request: MentoringRequest  # the other party's, on their well-being
    entry: ShortlistEntry
    invitation: MentorInvitation
    pair: Mentorship
    meeting: Meeting
    upcoming: Meeting
    action_item: ActionItem
    flag: Flag
    role: StaffRole
    batch: ImportBatch
    tokens: dict[str, str] = field(default_factory=dict)
    # Self-service: the other party's direct request still a draft (its suggestions), and a
    # direct request by someone else waiting for the manager's approval.
    direct_draft: MentoringRequest | None = None
    direct_pending: MentoringRequest | None = None
    cohort: Any = None  # an open cohort of a cohort programme bob also manages
    application: Any = None  # the mentee's application to it (the mentor applied too)
    # Flash: the mentor's free slot, the mentee's exchange with the mentor (held), and the
    # other party's question waiting in the theme pool.
    flash: dict[str, Any] = field(default_factory=dict)
    run: Any = None  # a finished run of an earlier cohort (the same two, accepted, matched)
    # Speed mentoring: an event of a speed programme the manager runs, the mentor and the
    # mentee registered, its rotation built (still open).
    speed: dict[str, Any] = field(default_factory=dict)
    # Surveys: the programme's first-meeting template (sent, answered) and a question of its own.
    survey: dict[str, Any] = field(default_factory=dict)

    def user(self, persona: str) -> User | None:
        if persona == "superuser":
            return self.superuser
        member = self.people[persona]
        return member.user if member is not None else None


def member(name: str, network: Network, **kwargs: Any) -> Member:
    user = UserFactory(email=f"{name}@example.org")
    return MemberFactory(
        network=network, user=user, first_name=name.title(), last_name="Persona", **kwargs
    )


def held_meeting(pair: Mentorship, mentee: Member, mentor: Member) -> Meeting:
    meeting = meetings.propose_meeting(
        mentorship=pair,
        member=mentee,
        starts_at=timezone.now() + datetime.timedelta(days=1),
        duration_minutes=60,
        format="phone",
    )
    meetings.confirm_meeting(meeting=meeting, member=mentor)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    meetings.record_outcome(meeting=meeting, member=mentee, held=True)
    meetings.save_summary(meeting=meeting, member=mentee, text=SUMMARY)
    meetings.save_private_note(meeting=meeting, member=mentee, text=MENTEE_NOTE)
    meetings.save_private_note(meeting=meeting, member=mentor, text=MENTOR_NOTE)
    return Meeting.objects.get(pk=meeting.pk)


def make_pair(programme: Programme, mentor: Member, mentee: Member) -> Mentorship:
    pair = create_mentorship(programme=programme, mentor=mentor, mentee=mentee, actor=None)
    charter.sign_charter(mentorship=pair, member=mentor)
    charter.sign_charter(mentorship=pair, member=mentee)
    pair.refresh_from_db()
    return pair


def request_at_invitation(
    programme: Programme, mentee: Member, mentor: Member, manager: Member, theme: Theme
):
    """Taken, interviewed (notes with a sentinel), shortlisted, ranked, the mentor invited."""
    mentoring_request = scenarios.submitted_request(
        mentee=mentee, programme=programme, themes=[theme]
    )
    intake.take_request(request=mentoring_request, manager=manager)
    intake.save_intake_notes(request=mentoring_request, manager=manager, notes=INTAKE_NOTES)
    intake.decide(request=mentoring_request, manager=manager, decision="go")
    entry = shortlist.add_to_shortlist(
        request=mentoring_request, manager=manager, mentor=mentor, note="Connaît le sujet."
    )
    shortlist.publish_shortlist(request=mentoring_request, manager=manager)
    shortlist.rank_shortlist(request=mentoring_request, mentee=mentee, ranking=[entry.pk])
    invitation = invitations.invite_mentor(
        request=mentoring_request, manager=manager, entry=entry, message="Bonjour, seriez-vous…"
    )
    mentoring_request.refresh_from_db()
    return mentoring_request, entry, invitation


def direct_requests(
    programme: Programme, olga: Member, mentor: Member, network: Network, theme: Theme
) -> tuple[MentoringRequest, MentoringRequest]:
    """The programme takes direct requests with a manager's approval; the mentor opts in."""
    from binome.flash.services import direct

    direct.save_policy(
        programme=programme,
        actor=None,
        is_open=True,
        needs_approval=True,
        per_member_per_month=3,
        per_mentor_per_month=5,
    )
    make_mentor(mentor, themes=[theme], capacity=3, accepts_direct_requests=True)
    question = {"situation": "job_search", "question": "Passer de la recherche à l'industrie ?"}
    draft = direct.start_direct_request(
        mentee=olga, programme=programme, data=question, themes=[theme], sensitive_consent=False
    )
    nina = member("nina", network)
    pending = direct.start_direct_request(
        mentee=nina, programme=programme, data=question, themes=[theme], sensitive_consent=False
    )
    direct.ask_mentor(request=pending, mentee=nina, mentor=mentor, message="Bonjour Charlie…")
    pending.refresh_from_db()
    return draft, pending


def open_cohort(network: Network, theme: Theme, manager: Member, mentee: Member, mentor: Member):
    """A cohort programme the manager also runs, its windows open, both pair members applied."""
    from binome.testing import cohorts

    programme = ProgrammeFactory(network=network, slug="mentorat", name="Mentorat", kind="cohort")
    grant(manager, StaffRole.Role.PROGRAMME_MANAGER, programme)
    cohort = cohorts.open_cohort(programme)
    cohorts.add_question(cohort, "mentee")
    application = cohorts.apply(cohort, mentee, "mentee", themes=[theme])
    cohorts.apply(cohort, mentor, "mentor", themes=[theme], capacity=2)
    earlier = cohorts.open_cohort(programme, name="2025")
    cohorts.apply(earlier, mentee, "mentee", themes=[theme])
    cohorts.apply(earlier, mentor, "mentor", themes=[theme], capacity=2)
    cohorts.accept_all(earlier, manager)
    run = cohorts.run_now(earlier, manager)
    return cohort, application, run


def speed_world(
    network: Network, manager: Member, mentee: Member, mentor: Member
) -> dict[str, Any]:
    from binome.events.models import Introduction
    from binome.events.services import events, rotation

    programme = ProgrammeFactory(network=network, slug="speed", name="Soirée", kind="speed")
    grant(manager, StaffRole.Role.PROGRAMME_MANAGER, programme)
    event = events.create_event(
        programme=programme,
        actor=None,
        name="Soirée speed-mentoring",
        starts_at=timezone.now() + datetime.timedelta(days=10),
        place="Maison des X",
        rounds=3,
        round_minutes=10,
        break_minutes=2,
        table_size=None,
    )
    events.register(event=event, member=mentor, role="mentor", themes=[])
    events.register(event=event, member=mentee, role="mentee", themes=[])
    rotation.build_rotation(event=event, actor=None)
    # A mutual tick's follow-up proposal between the two (introductions come at closing).
    introduction = Introduction.objects.create(event=event, mentor=mentor, mentee=mentee)
    return {"programme": programme, "event": event, "introduction": introduction}


def flash_world(
    network: Network, mentee: Member, mentor: Member, olga: Member, manager: Member
) -> dict[str, Any]:
    """A flash programme the manager also runs: a free slot of the mentor's, an exchange that
    took place, a question in the theme pool."""
    from binome.flash.models import FlashExchange
    from binome.flash.services import exchanges, slots

    programme = ProgrammeFactory(
        network=network, slug="meet-share", name="Meet & Share", kind="flash"
    )
    grant(manager, StaffRole.Role.PROGRAMME_MANAGER, programme)
    soon = timezone.now() + datetime.timedelta(days=3)

    def slot(hours: int) -> Any:
        return slots.offer_slot(
            mentor=mentor,
            programme=programme,
            starts_at=soon + datetime.timedelta(hours=hours),
            duration_minutes=45,
            format="video",
            language="fr",
            themes=[],
        )

    free, booked = slot(0), slot(2)
    question = exchanges.ask_flash_question(
        mentee=mentee, programme=programme, question="Comment négocier ?", themes=[], language="fr"
    )
    exchange = exchanges.book_slot(question=question, mentee=mentee, slot=booked)
    FlashExchange.objects.filter(pk=exchange.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    exchange.refresh_from_db()
    exchanges.record_outcome(exchange=exchange, member=mentee, held=True)
    pooled = exchanges.ask_flash_question(
        mentee=olga, programme=programme, question="Quel salaire ?", themes=[], language="fr"
    )
    exchanges.send_to_pool(question=pooled, mentee=olga)
    return {
        "programme": programme,
        "slot": free,
        "question": question,
        "exchange": exchange,
        "pooled": pooled,
    }


def _people(network: Network, other: Network, programme: Programme, other_programme: Programme):
    alice = member("alice", network)
    grant(alice, StaffRole.Role.NETWORK_ADMIN)
    bob = member("bob", network)
    grant(bob, StaffRole.Role.PROGRAMME_MANAGER, programme)
    oscar = member("oscar", network)
    grant(oscar, StaffRole.Role.PROGRAMME_MANAGER, other_programme)
    eve = member("eve", other)
    grant(eve, StaffRole.Role.NETWORK_ADMIN)
    return {
        "anonymous": None,
        "member": member("mia", network),
        "mentee": member("dana", network),
        "mentor": member("charlie", network, bio="Vingt ans dans le photovoltaïque."),
        "other_party": member("olga", network),
        "manager": bob,
        "other_manager": oscar,
        "network_admin": alice,
        "foreign_admin": eve,
    }


def _surveys_answered(pair: Mentorship, mentee: Member, mentor: Member) -> str:
    """The first-meeting surveys sent; the mentee answered (a word for the team, one for the
    pair). Returns the link of the mentor's survey, still unanswered: links are bearer tokens,
    and the access matrix opens this one as every persona."""
    from binome.surveys.models import SurveyResponse
    from binome.surveys.services import save_answers
    from binome.surveys.tokens import answer_token
    from binome.surveys.waves import run_waves

    run_waves()
    save_answers(
        response=SurveyResponse.objects.get(mentorship=pair, respondent=mentee),
        data={
            "fit": "good",
            "first_useful": 4,
            "first_comment": SURVEY_STAFF,
            "first_word_to_pair": SURVEY_PAIR,
        },
    )
    return answer_token(SurveyResponse.objects.get(mentorship=pair, respondent=mentor))


def survey_objects(programme: Programme) -> dict[str, Any]:
    from binome.surveys.models import SurveyTemplate

    template = SurveyTemplate.objects.get(programme=programme, moment="first_meeting")
    question = template.current_questions().get(code="first_comment")
    return {"template": template, "question": question}


def build_world() -> World:
    from binome.flash.tokens import outcome_token
    from binome.intake.tokens import invitation_token
    from binome.mentorships.tokens import check_in_token

    network = NetworkFactory(slug="ax", name="AX")
    other = NetworkFactory(slug="hec", name="HEC Alumni")
    open_network = NetworkFactory(slug="ouvert", name="Réseau ouvert", is_signup_open=True)
    theme = ThemeFactory(network=network, code="reconversion", label_fr="Reconversion")
    programme = ProgrammeFactory(network=network, slug="accompagnement", name="Accompagnement")
    other_programme = ProgrammeFactory(network=network, slug="flash", name="Flash")
    publish_charter(programme=programme, actor=None, text_fr="Charte", text_en="Charter")
    people = _people(network, other, programme, other_programme)
    mentee, mentor, olga = people["mentee"], people["mentor"], people["other_party"]
    manager = people["manager"]
    assert mentee and mentor and olga and manager
    make_mentor(mentor, themes=[theme], capacity=3)
    make_mentor(olga, themes=[theme], capacity=2)
    superuser = UserFactory(email="root@example.org", is_superuser=True, is_staff=True)

    pair = make_pair(programme, mentor, mentee)
    meeting = held_meeting(pair, mentee, mentor)
    upcoming = meetings.propose_meeting(
        mentorship=pair,
        member=mentor,
        starts_at=timezone.now() + datetime.timedelta(days=5),
        duration_minutes=60,
        format="phone",
    )
    work.save_objectives(mentorship=pair, member=mentor, texts=[OBJECTIVE])
    action_item = work.add_action_item(
        mentorship=pair, member=mentee, owner=mentee, text=ACTION, due_date=None
    )
    flag = flags.flag_referral(mentorship=pair, mentor=mentor)
    survey_token = _surveys_answered(pair, mentee, mentor)
    request, entry, invitation = request_at_invitation(programme, mentee, mentor, manager, theme)
    draft = requests.save_draft(
        mentee=mentee,
        programme=other_programme,
        themes=[],
        sensitive_consent=False,
        data={"situation": "job_search", "question": "Une question encore en brouillon."},
    )

    # The other party: a pair and a request of their own in the same programme.
    paul = member("paul", network)
    make_pair(programme, olga, paul)
    sensitive = scenarios.submitted_request(
        mentee=olga, programme=programme, situation="well_being", consent=True
    )

    direct_draft, direct_pending = direct_requests(programme, olga, mentor, network, theme)

    flash = flash_world(network, mentee, mentor, olga, manager)
    speed = speed_world(network, manager, mentee, mentor)

    batch = import_services.start_import(
        network=network,
        actor=people["network_admin"].user,  # type: ignore[union-attr]
        filename="annuaire.csv",
        data="Nom;Prénom;Courriel\nDupont;Jeanne;jeanne.dupont@example.org\n".encode(),
    )
    invited = invite_member(
        network=network,
        actor=people["network_admin"].user,  # type: ignore[union-attr]
        email="ines.invitee@example.org",
        first_name="Inès",
        last_name="Invitée",
        language="fr",
    ).user
    cohort, application, run = open_cohort(network, theme, manager, mentee, mentor)
    tokens = {
        "check_in": check_in_token(meeting, mentee, "met"),
        "invitation": invitation_token(invitation, "decline"),
        "uidb36": int_to_base36(invited.pk),
        "activation": default_token_generator.make_token(invited),
        "survey": survey_token,
        "flash_outcome": outcome_token(flash["exchange"], mentee, "held"),
    }
    return World(
        network=network,
        other_network=other,
        open_network=open_network,
        programme=programme,
        other_programme=other_programme,
        theme=theme,
        people=people,
        superuser=superuser,
        request=request,
        draft=draft,
        sensitive_request=sensitive,
        entry=entry,
        invitation=invitation,
        pair=pair,
        meeting=meeting,
        upcoming=upcoming,
        action_item=action_item,
        flag=flag,
        role=StaffRole.objects.get(member=people["other_manager"]),
        batch=batch,
        tokens=tokens,
        direct_draft=direct_draft,
        direct_pending=direct_pending,
        cohort=cohort,
        application=application,
        flash=flash,
        run=run,
        speed=speed,
        survey=survey_objects(programme),
    )
