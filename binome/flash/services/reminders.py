"""A flash programme's managers remind in one click.

Rules:
- a question waiting in the theme pool: the fitting mentors are told again (at most
  ``POOL_NOTICE_LIMIT``), at most once a day per question;
- an exchange that started and nobody said whether it took place: both members receive the
  one-click outcome links again, at most once a day per exchange;
- only a manager of the programme reminds; each reminder leaves an audit row.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core import audit
from binome.core.errors import DomainError
from binome.flash.models import FlashExchange, FlashQuestion
from binome.flash.overview import can_remind
from binome.flash.services.exchanges import POOL_NOTICE_LIMIT, pool_mentors
from binome.flash.states import ExchangeStatus, QuestionStatus
from binome.flash.tokens import outcome_links
from binome.members.models import Member
from binome.notifications.emails import send_templated


def remind_pool_mentors(*, question: FlashQuestion, manager: Member) -> int:
    """Tell the fitting mentors again; returns how many were told."""
    with transaction.atomic():
        question = (
            FlashQuestion.objects.select_for_update()
            .select_related("mentee", "network")
            .get(pk=question.pk)
        )
        if question.status != QuestionStatus.POOLED:
            raise DomainError(_("This question is no longer in the pool."), code="state")
        if not can_remind(question.pool_reminded_at):
            raise DomainError(_("Already reminded today."), code="too_soon")
        mentors = pool_mentors(question)[:POOL_NOTICE_LIMIT]
        if not mentors:
            raise DomainError(_("No mentor takes questions on these themes."), code="nobody")
        for mentor in mentors:
            send_templated(
                to=mentor.user,
                template="flash_pool_question",
                context={"q": question, "is_reminder": True},
            )
        question.pool_reminded_at = timezone.now()
        question.save(update_fields=["pool_reminded_at"])
        audit.record(
            action="flash_question.remind_pool",
            actor=manager.user,
            network=manager.network,
            target=question,
            count=len(mentors),
        )
    return len(mentors)


def remind_outcome(*, exchange: FlashExchange, manager: Member) -> FlashExchange:
    with transaction.atomic():
        exchange = (
            FlashExchange.objects.select_for_update()
            .select_related("mentor__user", "mentee__user", "network")
            .get(pk=exchange.pk)
        )
        if exchange.status != ExchangeStatus.SCHEDULED:
            raise DomainError(_("This exchange's outcome is already recorded."), code="answered")
        if exchange.starts_at > timezone.now():
            raise DomainError(_("This exchange has not started yet."), code="early")
        if not can_remind(exchange.outcome_reminded_at):
            raise DomainError(_("Already reminded today."), code="too_soon")
        for person, other in (
            (exchange.mentor, exchange.mentee),
            (exchange.mentee, exchange.mentor),
        ):
            send_templated(
                to=person.user,
                template="flash_outcome",
                context={
                    "exchange": exchange,
                    "other": other,
                    "links": outcome_links(exchange, person),
                },
            )
        exchange.outcome_reminded_at = timezone.now()
        exchange.save(update_fields=["outcome_reminded_at"])
        audit.record(
            action="flash_exchange.remind_outcome",
            actor=manager.user,
            network=manager.network,
            target=exchange,
        )
    return exchange
