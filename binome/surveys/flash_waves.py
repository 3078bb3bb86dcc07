"""Which flash exchanges owe a survey; ``waves`` opens their wave as it opens the pairs' (one
response per exchange and member, kept by a unique constraint).

A flash programme's survey (moment ``flash``) goes to the mentor and the mentee of each exchange
that took place (either said so, from flash's one-click outcome) ``delay_days`` after it began;
exchanges older than ``RECENT`` past that day when the programme starts surveying are not asked
about. Flash itself is only read here: its flow does not know about surveys.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, QuerySet

from binome.flash.models import FlashExchange
from binome.flash.states import ExchangeStatus
from binome.surveys.models import SurveyResponse, SurveyTemplate


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
