"""Reads of flash mentoring, from one network and checked against the viewer."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from binome.core.access import Access
from binome.flash.models import FlashExchange, FlashOffer, FlashQuestion, FlashSlot
from binome.flash.states import QuestionStatus, SlotStatus
from binome.programmes.models import Programme


def flash_programmes(access: Access) -> QuerySet[Programme]:
    return Programme.objects.for_network(access.network).filter(
        kind=Programme.Kind.FLASH, is_active=True
    )


def flash_programme(access: Access, programme_id: int) -> Programme:
    return get_object_or_404(flash_programmes(access), pk=programme_id)


def question_for_mentee(access: Access, question_id: int) -> FlashQuestion:
    return get_object_or_404(
        FlashQuestion.objects.select_related("programme"),
        network=access.network,
        pk=question_id,
        mentee=access.member,
    )


def pool_question(access: Access, question_id: int) -> FlashQuestion:
    """A question of the theme pool, for a listed mentor of the network."""
    if not access.member.is_listed:
        raise Http404
    return get_object_or_404(
        FlashQuestion.objects.select_related("programme", "mentee"),
        network=access.network,
        pk=question_id,
        status=QuestionStatus.POOLED,
    )


def slot_for_mentor(access: Access, slot_id: int) -> FlashSlot:
    return get_object_or_404(FlashSlot, network=access.network, pk=slot_id, mentor=access.member)


def exchange_for_member(access: Access, exchange_id: int) -> FlashExchange:
    exchange = (
        FlashExchange.objects.filter(network=access.network, pk=exchange_id)
        .select_related("mentor__user", "mentee__user", "question", "programme")
        .first()
    )
    if exchange is None or access.member.pk not in exchange.member_ids():
        raise Http404
    return exchange


@dataclass(frozen=True)
class SlotChoice:
    slot: FlashSlot
    shared_themes: list[str]
    same_language: bool


def slots_for_question(question: FlashQuestion, *, limit: int = 20) -> list[SlotChoice]:
    """Free future slots of the programme: those sharing a theme and the question's language
    first, then the soonest."""
    slots = (
        FlashSlot.objects.filter(
            programme=question.programme, status=SlotStatus.OPEN, starts_at__gt=timezone.now()
        )
        .exclude(mentor=question.mentee)
        .select_related("mentor")
        .prefetch_related("themes")
        .order_by("starts_at")[:200]
    )
    wanted = {t.pk: t for t in question.themes.all()}
    choices = [
        SlotChoice(
            slot,
            [str(wanted[t.pk]) for t in slot.themes.all() if t.pk in wanted],
            slot.language == question.language,
        )
        for slot in slots
    ]
    choices.sort(key=lambda c: (-len(c.shared_themes), not c.same_language, c.slot.starts_at))
    return choices[:limit]


def pool_for_mentor(access: Access, programme: Programme) -> list[FlashQuestion]:
    offer = FlashOffer.objects.filter(member=access.member).first()
    if offer is None or not offer.takes_pool_questions or not access.member.is_listed:
        return []
    questions = FlashQuestion.objects.filter(
        programme=programme, status=QuestionStatus.POOLED
    ).exclude(mentee=access.member)
    theme_ids = list(offer.themes.values_list("pk", flat=True))
    if theme_ids:
        questions = questions.filter(themes__in=theme_ids).distinct()
    return list(questions.select_related("mentee").prefetch_related("themes")[:50])
