"""One-click "it took place / it did not" from the email: one exchange, one member, one answer.

Signed, valid 30 days; only a scheduled exchange takes an answer (the first answer stands)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from binome.flash.models import FlashExchange
from binome.members.models import Member

SALT = "binome.flash.outcome"
# "absent": it did not take place because the other member did not come.
ANSWERS = frozenset({"held", "not_held", "absent"})
MAX_AGE_SECONDS = 60 * 60 * 24 * 30


def outcome_token(exchange: FlashExchange, member: Member, answer: str) -> str:
    return signing.dumps({"x": exchange.pk, "p": member.pk, "a": answer}, salt=SALT, compress=True)


def outcome_links(exchange: FlashExchange, member: Member) -> dict[str, str]:
    base = settings.BINOME_BASE_URL.rstrip("/")
    return {
        answer: base + reverse("flash_outcome_link", args=[outcome_token(exchange, member, answer)])
        for answer in sorted(ANSWERS)
    }


def read_outcome_token(token: str) -> tuple[FlashExchange, Member, str] | None:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") not in ANSWERS:
        return None
    if not isinstance(data.get("x"), int) or not isinstance(data.get("p"), int):
        return None
    exchange = (
        FlashExchange.objects.select_related("mentor", "mentee", "question")
        .filter(pk=data["x"])
        .first()
    )
    if exchange is None or data["p"] not in exchange.member_ids():
        return None
    member = exchange.mentor if data["p"] == exchange.mentor_id else exchange.mentee
    return exchange, member, data["a"]
