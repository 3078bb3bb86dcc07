"""Flash exchanges in a mentor's responsiveness: each exchange whose outcome is recorded was
asked of the mentor; it counts as answered unless the mentor did not come (a no-show, as the
mentee said). Registered with ``intake.responsiveness`` when the app starts."""

from __future__ import annotations

from django.db.models import Count, Q

from binome.flash.models import FlashExchange, NoShow
from binome.flash.states import ExchangeStatus


def flash_counts(network_id: int, only: set[int] | None) -> dict[int, tuple[int, int]]:
    exchanges = FlashExchange.objects.filter(
        network_id=network_id, status__in=[ExchangeStatus.HELD, ExchangeStatus.NOT_HELD]
    )
    if only is not None:
        exchanges = exchanges.filter(mentor_id__in=only)
    rows = exchanges.values_list("mentor_id").annotate(
        answered=Count("pk", filter=~Q(no_show=NoShow.MENTOR)), asked=Count("pk")
    )
    return {pk: (answered, asked) for pk, answered, asked in rows}
