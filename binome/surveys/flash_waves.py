"""Surveys after flash exchanges, run with the other waves by the worker; safe to run twice (one
response per exchange and member, kept by a unique constraint).

A flash programme's survey (moment ``flash``) goes to the mentor and the mentee of each exchange
that took place (either said so, from flash's one-click outcome) ``delay_days`` after it began;
exchanges older than ``RECENT`` past that day when the programme starts surveying are not asked
about. Flash itself is only read here: its flow does not know about surveys.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from binome.flash.models import FlashExchange
from binome.flash.states import ExchangeStatus
from binome.surveys.models import Role, SurveyResponse, SurveyTemplate, Wave


def due_exchanges(
    template: SurveyTemplate, now: datetime.datetime, recent: datetime.timedelta
) -> QuerySet[FlashExchange]:
    """Exchanges of the template's programme that took place, owing this survey, not sent it."""
    delay = datetime.timedelta(days=template.delay_days)
    return FlashExchange.objects.filter(
        programme_id=template.programme_id,
        status=ExchangeStatus.HELD,
        starts_at__lte=now - delay,
        starts_at__gte=now - delay - recent,
    ).exclude(Exists(SurveyResponse.objects.filter(flash_exchange=OuterRef("pk"))))


def open_flash_wave(
    template: SurveyTemplate,
    now: datetime.datetime,
    *,
    recent: datetime.timedelta,
    answer_within: datetime.timedelta,
    send: Callable[[SurveyResponse], None],
) -> int:
    """Create the responses owed after the due exchanges, each ``send`` in its transaction."""
    roles = [r for r in Role.values if any(q.asks(r) for q in template.questions.all())]
    exchanges = list(
        due_exchanges(template, now, recent).select_related("mentor__user", "mentee__user")
    )
    if not exchanges or not roles:
        return 0
    wave, _created = Wave.objects.get_or_create(
        programme=template.programme,
        moment=template.moment,
        opened_on=timezone.localdate(now),
        defaults={"network_id": template.network_id},
    )
    sent = 0
    for exchange in exchanges:
        for role in roles:
            try:
                with transaction.atomic():
                    response = SurveyResponse.objects.create(
                        network_id=exchange.network_id,
                        programme_id=exchange.programme_id,
                        wave=wave,
                        template=template,
                        flash_exchange=exchange,
                        respondent=exchange.mentee if role == Role.MENTEE else exchange.mentor,
                        role=role,
                        moment=template.moment,
                        template_version=template.version,
                        sent_at=now,
                        expires_at=now + answer_within,
                    )
                    send(response)
            except IntegrityError:
                continue  # another worker sent it first
            sent += 1
    return sent
