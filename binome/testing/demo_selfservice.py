"""Demo data for self-service (issue 17): direct requests open in the on-demand programme, some
mentors taking them, flash slots next week and a flash history (exchanges held, a mentor absent
twice, outcomes awaited, questions waiting in the pool), a speed-mentoring evening with its
rotation built and a past one whose mutual ticks wait for their follow-ups.
Everything goes through the services a person uses; past dates are then moved back in time."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from binome.events.models import Seat, SpeedEvent
from binome.events.services import events, rotation
from binome.flash.models import FlashExchange, FlashQuestion, FlashSlot
from binome.flash.services import direct, exchanges, slots
from binome.members.models import Member, MentorOffer
from binome.programmes.models import Programme, StaffRole


def build_self_service(
    programmes: list[Programme], members: list[Member], rng: random.Random
) -> None:
    by_kind = {p.kind: p for p in programmes}
    on_demand, flash, speed = by_kind["on_demand"], by_kind.get("flash"), by_kind.get("speed")
    manager = next(m for m in members if m.user.email == "manager@ax.example.org")
    direct.save_policy(
        programme=on_demand,
        actor=None,
        is_open=True,
        needs_approval=False,
        per_member_per_month=3,
        per_mentor_per_month=2,
    )
    listed = [m for m in members if m.is_listed]
    takers = {m.pk for m in listed if rng.random() < 0.3}
    takers |= {m.pk for m in listed if m.user.email.startswith("mentor")}
    MentorOffer.objects.filter(member_id__in=takers).update(accepts_direct_requests=True)
    next_week = timezone.localtime(timezone.now() + datetime.timedelta(days=7)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    if flash is not None:
        StaffRole.objects.create(
            network=flash.network, member=manager, role="programme_manager", programme=flash
        )
        personas = [m for m in listed if m.user.email.startswith("mentor")]
        others = [m for m in listed if m not in personas]
        givers = personas + rng.sample(others, min(10, len(others)))
        for number, mentor in enumerate(givers):
            for day in range(2):
                slots.offer_slot(
                    mentor=mentor,
                    programme=flash,
                    starts_at=next_week + datetime.timedelta(days=day, hours=number % 3),
                    duration_minutes=rng.choice([30, 45, 60]),
                    format=rng.choice(["video", "phone", "in_person"]),
                    language="fr",
                    themes=list(mentor.mentor_offer.themes.all()[:2]),
                )
        juniors = [m for m in members if not m.is_listed]
        _flash_history(flash, givers, juniors, next_week, rng, _mentee_persona(members))
    if speed is not None:
        StaffRole.objects.create(
            network=speed.network, member=manager, role="programme_manager", programme=speed
        )
        event = events.create_event(
            programme=speed,
            actor=None,
            name="Soirée speed-mentoring de printemps",
            starts_at=next_week + datetime.timedelta(days=7, hours=1),
            place="Maison des Polytechniciens, Paris",
            rounds=6,
            round_minutes=8,
            break_minutes=2,
            table_size=None,
        )
        seniors = [m for m in listed if not m.user.email.startswith("mentee")]
        juniors = [m for m in members if not m.is_listed and (m.class_year or 0) >= 2015]
        for mentor in rng.sample(seniors, min(12, len(seniors))):
            events.register(event=event, member=mentor, role="mentor", themes=[], by_staff=True)
        for mentee in rng.sample(juniors, min(24, len(juniors))):
            events.register(event=event, member=mentee, role="mentee", themes=[])
        rotation.build_rotation(event=event, actor=None)
        _past_evening(speed, seniors, juniors, rng, _mentee_persona(members))


def _mentee_persona(members: list[Member]) -> list[Member]:
    return [m for m in members if m.user.email == "mentee@ax.example.org"]


QUESTIONS = [
    "Comment présenter ma thèse à un recruteur industriel ?",
    "Quelles questions poser lors d'un premier entretien en conseil ?",
    "Comment négocier un premier salaire en Allemagne ?",
    "Faut-il passer par un VIE pour travailler à l'étranger ?",
    "Comment préparer un entretien de mobilité interne ?",
    "Quelle formation pour passer de l'ingénierie à la finance ?",
]


def _flash_history(
    flash: Programme,
    givers: list[Member],
    juniors: list[Member],
    next_week: datetime.datetime,
    rng: random.Random,
    persona: list[Member],
) -> None:
    """Fourteen past exchanges (the last giver absent twice in a row), three in the pool."""
    others = [m for m in juniors if m not in persona and m not in givers]
    askers = persona + rng.sample(others, min(17 - len(persona), len(others)))
    if len(askers) < 17 or len(givers) < 3:
        return
    absent = givers[-1]
    outcomes = ["held"] * 9 + ["absent_mentor", "absent_mentor", "absent_mentee", "wait", "wait"]
    for giver in givers:
        slots.save_flash_offer(
            member=giver,
            themes=list(giver.mentor_offer.themes.all()[:2]),
            takes_pool_questions=True,
            per_month=8,
        )
    for number, outcome in enumerate(outcomes):
        mentor = absent if outcome == "absent_mentor" else givers[number % (len(givers) - 1)]
        mentee = askers[number]
        slot = slots.offer_slot(
            mentor=mentor,
            programme=flash,
            starts_at=next_week + datetime.timedelta(days=3, hours=number),
            duration_minutes=45,
            format="video",
            language="fr",
            themes=[],
        )
        question = exchanges.ask_flash_question(
            mentee=mentee,
            programme=flash,
            question=QUESTIONS[number % len(QUESTIONS)],
            themes=[],
            language="fr",
        )
        exchange = exchanges.book_slot(question=question, mentee=mentee, slot=slot)
        when = timezone.now() - datetime.timedelta(days=20 - number, hours=2)
        FlashExchange.objects.filter(pk=exchange.pk).update(starts_at=when)
        FlashSlot.objects.filter(pk=slot.pk).update(starts_at=when)
        exchange.refresh_from_db()
        if outcome == "held":
            exchanges.record_outcome(exchange=exchange, member=mentee, held=True)
        elif outcome == "absent_mentor":
            exchanges.record_outcome(
                exchange=exchange, member=mentee, held=False, other_absent=True
            )
        elif outcome == "absent_mentee":
            exchanges.record_outcome(
                exchange=exchange, member=mentor, held=False, other_absent=True
            )
    for number, mentee in enumerate(askers[-3:]):
        question = exchanges.ask_flash_question(
            mentee=mentee, programme=flash, question=QUESTIONS[number], themes=[], language="fr"
        )
        exchanges.send_to_pool(question=question, mentee=mentee)
        FlashQuestion.objects.filter(pk=question.pk).update(
            status_changed_at=timezone.now() - datetime.timedelta(days=1 + 2 * number)
        )


def _past_evening(
    speed: Programme,
    seniors: list[Member],
    juniors: list[Member],
    rng: random.Random,
    persona: list[Member],
) -> None:
    """Last month's evening, over: the first round's pairs ticked each other, so each has a
    follow-up to choose (the mentee persona among them)."""
    event = events.create_event(
        programme=speed,
        actor=None,
        name="Soirée speed-mentoring d'automne",
        starts_at=timezone.now() + datetime.timedelta(days=1),
        place="Maison des Polytechniciens, Paris",
        rounds=4,
        round_minutes=8,
        break_minutes=2,
        table_size=None,
    )
    mentors = [m for m in seniors if m.user.email == "mentor@ax.example.org" and m not in persona]
    seniors = [m for m in seniors if m not in mentors and m not in persona]
    mentors += rng.sample(seniors, min(4 - len(mentors), len(seniors)))
    others = [m for m in juniors if m not in persona]
    mentees = persona + rng.sample(others, min(7, len(others)))
    for mentor in mentors:
        events.register(event=event, member=mentor, role="mentor", themes=[], by_staff=True)
    for mentee in mentees:
        events.register(event=event, member=mentee, role="mentee", themes=[])
    rotation.build_rotation(event=event, actor=None)
    events.lock_rotation(event=event, actor=None)
    SpeedEvent.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=12)
    )
    event.refresh_from_db()
    wishes: dict[int, list[int]] = {}
    for seat in Seat.objects.filter(event=event, round=1):
        wishes.setdefault(seat.mentor_id, []).append(seat.mentee_id)
        wishes.setdefault(seat.mentee_id, []).append(seat.mentor_id)
    by_member = {m.pk: m for m in mentors + mentees}
    for member_id, about in wishes.items():
        events.set_ticks(event=event, member=by_member[member_id], about=about)
    events.close_event(event=event, actor=None)
