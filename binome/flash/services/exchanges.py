"""Flash questions and exchanges: book a slot or send to the pool, meet, say it took place,
give feedback, ask to continue as a long pair.

Rules:
- a question is booked on a free slot of the flash programme (the slot's row locked, so two
  members never book the same slot), or sent to the theme pool, where the first mentor whose
  flash themes fit takes it at a time they give (their monthly limit under their offer's lock);
- both receive the exchange by email with its calendar file (the mentor's time zone), a
  reminder the day before, and after its end a one-click "it took place / it did not";
- either member says whether it took place; the first answer stands and records who and when,
  and who did not come; after two exchanges in a row the mentor did not come to, their free
  slots are withdrawn and pool questions stop (they are told and resume from their flash page);
- after an exchange that took place, each member answers two feedback questions once;
- the mentee may ask to continue as a long pair in an on-demand programme; the mentor's yes
  creates the pair under their capacity lock (``mentorships.services.create_mentorship``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core.errors import DomainError
from binome.core.transitions import move
from binome.flash.ics import exchange_ics
from binome.flash.models import (
    FlashContinuation,
    FlashExchange,
    FlashFeedback,
    FlashOffer,
    FlashQuestion,
    FlashSlot,
    NoShow,
)
from binome.flash.services.no_shows import pause_if_absent
from binome.flash.services.slots import (
    check_flash_programme,
    check_monthly_limit,
    check_time,
    locked_offer,
)
from binome.flash.states import (
    CONTINUATION_MACHINE,
    EXCHANGE_MACHINE,
    QUESTION_MACHINE,
    SLOT_MACHINE,
    ContinuationStatus,
    ExchangeStatus,
    QuestionStatus,
    SlotStatus,
)
from binome.flash.tokens import outcome_links
from binome.members import taxonomy
from binome.members.models import Format, Member
from binome.mentorships.services import create_mentorship
from binome.notifications.emails import send_templated
from binome.programmes.models import Programme

REMIND_BEFORE = datetime.timedelta(days=1)
POOL_NOTICE_LIMIT = 30  # mentors told of a new pool question, at most


def ask_flash_question(
    *, mentee: Member, programme: Programme, question: str, themes: list[Any], language: str
) -> FlashQuestion:
    check_flash_programme(programme, mentee)
    if not question.strip():
        raise DomainError(_("Write your question in a few sentences."), code="question")
    if language not in taxonomy.LANGUAGE_CODES:
        raise DomainError(_("Unknown language."), code="language")
    if any(theme.network_id != mentee.network_id for theme in themes):
        raise DomainError(_("Unknown theme."), code="theme")
    with transaction.atomic():
        flash = FlashQuestion.objects.create(
            network_id=mentee.network_id,
            programme=programme,
            mentee=mentee,
            question=question,
            language=language,
        )
        flash.themes.set(themes)
    return flash


def _locked_question(question: FlashQuestion, mentee: Member | None = None) -> FlashQuestion:
    locked = FlashQuestion.objects.select_for_update().get(pk=question.pk)
    if mentee is not None and locked.mentee_id != mentee.pk:
        raise DomainError(_("This question is someone else's."), code="not_yours")
    return locked


def book_slot(*, question: FlashQuestion, mentee: Member, slot: FlashSlot) -> FlashExchange:
    with transaction.atomic():
        question = _locked_question(question, mentee)
        slot = FlashSlot.objects.select_for_update().select_related("mentor__user").get(pk=slot.pk)
        if slot.programme_id != question.programme_id or slot.status != SlotStatus.OPEN:
            raise DomainError(_("This slot is no longer free."), code="taken")
        if slot.starts_at <= timezone.now():
            raise DomainError(_("This slot has passed."), code="past")
        if slot.mentor_id == mentee.pk:
            raise DomainError(_("A member cannot mentor themselves."), code="self")
        move(slot, SLOT_MACHINE, SlotStatus.BOOKED, actor=mentee.user, network=mentee.network)
        return book_exchange(
            question,
            by=mentee,
            mentor=slot.mentor,
            mentee=mentee,
            starts_at=slot.starts_at,
            time_zone=slot.time_zone,
            duration_minutes=slot.duration_minutes,
            format=slot.format,
            place=slot.place,
            slot=slot,
        )


def book_exchange(
    question: FlashQuestion,
    *,
    by: Member,
    mentor: Member,
    mentee: Member,
    starts_at: datetime.datetime,
    time_zone: str,
    duration_minutes: int,
    format: str,
    place: str,
    slot: FlashSlot | None = None,
) -> FlashExchange:
    """The question booked by ``by`` and its exchange, announced to both: every way to an
    exchange ends here, inside the caller's transaction (which holds the locks it checked)."""
    move(question, QUESTION_MACHINE, QuestionStatus.BOOKED, actor=by.user, network=by.network)
    exchange = FlashExchange.objects.create(
        network_id=question.network_id,
        programme_id=question.programme_id,
        question=question,
        slot=slot,
        mentor=mentor,
        mentee=mentee,
        starts_at=starts_at,
        time_zone=time_zone,
        duration_minutes=duration_minutes,
        format=format,
        place=place,
    )
    announce_exchange(exchange)
    return exchange


def send_to_pool(*, question: FlashQuestion, mentee: Member) -> FlashQuestion:
    with transaction.atomic():
        question = _locked_question(question, mentee)
        move(
            question,
            QUESTION_MACHINE,
            QuestionStatus.POOLED,
            actor=mentee.user,
            network=mentee.network,
        )
        for mentor in pool_mentors(question)[:POOL_NOTICE_LIMIT]:
            send_templated(to=mentor.user, template="flash_pool_question", context={"q": question})
    return question


def pool_mentors(question: FlashQuestion) -> list[Member]:
    """Listed mentors who take pool questions on one of the question's themes (any theme when
    the question names none)."""
    offers = FlashOffer.objects.filter(
        network_id=question.network_id, takes_pool_questions=True, member__is_listed=True
    ).exclude(member_id=question.mentee_id)
    theme_ids = list(question.themes.values_list("pk", flat=True))
    if theme_ids:
        offers = offers.filter(themes__in=theme_ids)
    members = Member.objects.filter(pk__in=offers.values("member_id")).select_related("user")
    return list(members.order_by("pk"))


def take_pool_question(
    *,
    question: FlashQuestion,
    mentor: Member,
    starts_at: datetime.datetime,
    duration_minutes: int,
    format: str,
    place: str = "",
) -> FlashExchange:
    check_time(starts_at, duration_minutes)
    if format not in Format.values:
        raise DomainError(_("Unknown meeting format."), code="format")
    if not mentor.is_listed:
        raise DomainError(_("Only a listed mentor takes flash questions."), code="not_mentor")
    with transaction.atomic():
        question = _locked_question(question)
        if question.status != QuestionStatus.POOLED:
            raise DomainError(_("Another mentor has already taken this question."), code="taken")
        if question.mentee_id == mentor.pk or question.network_id != mentor.network_id:
            raise DomainError(_("A member cannot mentor themselves."), code="self")
        check_monthly_limit(locked_offer(mentor), starts_at)
        return book_exchange(
            question,
            by=mentor,
            mentor=mentor,
            mentee=question.mentee,
            starts_at=starts_at,
            time_zone=mentor.time_zone,
            duration_minutes=duration_minutes,
            format=format,
            place=place,
        )


def withdraw_question(*, question: FlashQuestion, mentee: Member) -> FlashQuestion:
    with transaction.atomic():
        question = _locked_question(question, mentee)
        move(
            question,
            QUESTION_MACHINE,
            QuestionStatus.WITHDRAWN,
            actor=mentee.user,
            network=mentee.network,
        )
    return question


def _both(exchange: FlashExchange) -> tuple[tuple[Member, Member], tuple[Member, Member]]:
    return ((exchange.mentor, exchange.mentee), (exchange.mentee, exchange.mentor))


def announce_exchange(exchange: FlashExchange, template: str = "flash_booked") -> None:
    """Both members, each in their language and time zone, with the calendar file."""
    calendar = exchange_ics(exchange)
    for person, other in _both(exchange):
        send_templated(
            to=person.user,
            template=template,
            context={"exchange": exchange, "other": other, "person": person},
            time_zone=person.time_zone,
            calendar=calendar,
        )


def record_outcome(
    *, exchange: FlashExchange, member: Member, held: bool, other_absent: bool = False
) -> FlashExchange:
    """Whether it took place; when it did not because the other did not come, that other's
    no-show is kept (a mentor's counts against their responsiveness)."""
    if member.pk not in exchange.member_ids():
        raise DomainError(_("Only the two members of the exchange can say."), code="not_yours")
    if held and other_absent:
        raise DomainError(_("It took place, or the other did not come: not both."), code="both")
    with transaction.atomic():
        exchange = FlashExchange.objects.select_for_update().get(pk=exchange.pk)
        if exchange.status != ExchangeStatus.SCHEDULED:
            raise DomainError(_("This exchange's outcome is already recorded."), code="answered")
        if exchange.starts_at > timezone.now():
            raise DomainError(_("This exchange has not started yet."), code="early")
        exchange.outcome_by, exchange.outcome_at = member, timezone.now()
        if other_absent:
            exchange.no_show = NoShow.MENTEE if member.pk == exchange.mentor_id else NoShow.MENTOR
        exchange.save(update_fields=["outcome_by", "outcome_at", "no_show"])
        target = ExchangeStatus.HELD if held else ExchangeStatus.NOT_HELD
        move(exchange, EXCHANGE_MACHINE, target, actor=member.user, network=member.network)
        if exchange.no_show == NoShow.MENTOR:
            pause_if_absent(exchange.mentor)
    return exchange


def give_feedback(
    *, exchange: FlashExchange, member: Member, usefulness: int, would_recommend: bool
) -> FlashFeedback:
    if member.pk not in exchange.member_ids():
        raise DomainError(_("Only the two members of the exchange can say."), code="not_yours")
    if exchange.status != ExchangeStatus.HELD:
        raise DomainError(_("Feedback comes after an exchange that took place."), code="state")
    if not 1 <= usefulness <= 5:
        raise DomainError(_("Give a mark from 1 to 5."), code="usefulness")
    try:
        with transaction.atomic():
            return FlashFeedback.objects.create(
                exchange=exchange,
                author=member,
                usefulness=usefulness,
                would_recommend=would_recommend,
            )
    except IntegrityError as error:
        raise DomainError(_("You have already given your feedback."), code="again") from error


def continuation_programmes(exchange: FlashExchange) -> list[Programme]:
    return list(
        Programme.objects.filter(
            network_id=exchange.network_id, kind=Programme.Kind.ON_DEMAND, is_active=True
        )
    )


def ask_to_continue(
    *, exchange: FlashExchange, mentee: Member, programme: Programme, message: str = ""
) -> FlashContinuation:
    if exchange.mentee_id != mentee.pk:
        raise DomainError(_("Only the mentee asks to continue."), code="not_yours")
    if exchange.status != ExchangeStatus.HELD:
        raise DomainError(_("Continue after an exchange that took place."), code="state")
    if programme not in continuation_programmes(exchange):
        raise DomainError(_("This programme does not take long pairs."), code="programme")
    with transaction.atomic():
        FlashExchange.objects.select_for_update().get(pk=exchange.pk)
        if FlashContinuation.objects.filter(exchange=exchange).exists():
            raise DomainError(_("You have already asked."), code="again")
        continuation = FlashContinuation.objects.create(
            exchange=exchange, programme=programme, message=message
        )
        send_templated(
            to=exchange.mentor.user,
            template="flash_continue_asked",
            context={"exchange": exchange, "continuation": continuation},
        )
    return continuation


def answer_continuation(
    *, continuation: FlashContinuation, mentor: Member, accept: bool
) -> FlashContinuation:
    exchange = continuation.exchange
    if exchange.mentor_id != mentor.pk:
        raise DomainError(_("Only the mentor answers."), code="not_yours")
    with transaction.atomic():
        continuation = FlashContinuation.objects.select_for_update().get(pk=continuation.pk)
        target = ContinuationStatus.ACCEPTED if accept else ContinuationStatus.DECLINED
        CONTINUATION_MACHINE.check(continuation.status, target)
        if accept:
            continuation.mentorship = create_mentorship(
                programme=continuation.programme,
                mentor=mentor,
                mentee=exchange.mentee,
                actor=mentor.user,
            )
        continuation.answered_at = timezone.now()
        continuation.save(update_fields=["mentorship", "answered_at"])
        move(continuation, CONTINUATION_MACHINE, target, actor=mentor.user, network=mentor.network)
        if not accept:
            send_templated(
                to=exchange.mentee.user,
                template="flash_continue_declined",
                context={"exchange": exchange},
            )
    return continuation


def process_due_exchanges(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Periodic: the reminder the day before, the one-click outcome after the end. Safe to run
    twice (each stamp is set under the row's lock, once)."""
    now = now or timezone.now()
    counts = {"reminded": 0, "asked": 0}
    scheduled = FlashExchange.objects.filter(status=ExchangeStatus.SCHEDULED)
    due_reminders = scheduled.filter(
        reminded_at__isnull=True, starts_at__gt=now, starts_at__lte=now + REMIND_BEFORE
    )
    for pk in list(due_reminders.values_list("pk", flat=True)):
        with transaction.atomic():
            exchange = _locked_due(pk, Q(reminded_at__isnull=True))
            if exchange is None:
                continue
            exchange.reminded_at = now
            exchange.save(update_fields=["reminded_at"])
            announce_exchange(exchange, "flash_reminder")
            counts["reminded"] += 1
    started = scheduled.filter(outcome_asked_at__isnull=True, starts_at__lte=now)
    for exchange_id in list(started.values_list("pk", flat=True)):
        with transaction.atomic():
            exchange = _locked_due(exchange_id, Q(outcome_asked_at__isnull=True))
            if exchange is None or exchange.ends_at > now:
                continue
            exchange.outcome_asked_at = now
            exchange.save(update_fields=["outcome_asked_at"])
            for person, other in _both(exchange):
                send_templated(
                    to=person.user,
                    template="flash_outcome",
                    context={
                        "exchange": exchange,
                        "other": other,
                        "links": outcome_links(exchange, person),
                    },
                )
            counts["asked"] += 1
    return counts


def _locked_due(pk: int, condition: Q) -> FlashExchange | None:
    return (
        FlashExchange.objects.select_for_update()
        .filter(condition, pk=pk, status=ExchangeStatus.SCHEDULED)
        .select_related("mentor__user", "mentee__user", "question")
        .first()
    )
