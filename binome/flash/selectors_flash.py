"""Reads of flash mentoring, from one network and checked against the viewer."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

import binome_engine as engine
from binome.core.access import Access
from binome.flash.models import FlashExchange, FlashOffer, FlashQuestion, FlashSlot
from binome.flash.states import QuestionStatus, SlotStatus
from binome.intake.suggestions import mentee_input, mentor_profiles
from binome.programmes.models import Programme


def flash_programmes(access: Access) -> QuerySet[Programme]:
    return Programme.objects.for_network(access.network).filter(
        kind=Programme.Kind.FLASH, is_active=True
    )


def flash_programme(access: Access, programme_id: int) -> Programme:
    return get_object_or_404(flash_programmes(access), pk=programme_id)


def question_for_mentee(access: Access, question_id: int) -> FlashQuestion:
    return get_object_or_404(
        FlashQuestion.objects.select_related("programme", "mentee"),
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
    words: tuple[str, ...] = ()  # the mentor's own words that match the question


# A flash exchange is one hour on a question: any listed alumnus may answer it, whatever their
# seniority, places or employer; only a shared language is required.
FLASH_RULES = engine.ProgrammeSettings(
    constraints=engine.HardConstraints(
        require_capacity=False,
        exclude_same_employer=False,
        enforce_seniority=False,
        require_common_format=False,
    )
)


def slots_for_question(question: FlashQuestion, *, limit: int = 20) -> list[SlotChoice]:
    """Free future slots of the programme: those of the mentors whose profile answers the
    question best first (the engine's ranking of the slots' mentors), then those sharing a
    theme and the question's language, then the soonest."""
    slots = list(
        FlashSlot.objects.filter(
            programme=question.programme, status=SlotStatus.OPEN, starts_at__gt=timezone.now()
        )
        .exclude(mentor=question.mentee)
        .select_related("mentor")
        .prefetch_related("themes")
        .order_by("starts_at")[:200]
    )
    wanted = {t.pk: t for t in question.themes.all()}
    rank, words = _relevance(question, {slot.mentor_id for slot in slots})
    choices = [
        SlotChoice(
            slot,
            [str(wanted[t.pk]) for t in slot.themes.all() if t.pk in wanted],
            slot.language == question.language,
            words.get(slot.mentor_id, ()),
        )
        for slot in slots
    ]
    last = len(rank)
    choices.sort(
        key=lambda c: (
            rank.get(c.slot.mentor_id, last),
            -len(c.shared_themes),
            not c.same_language,
            c.slot.starts_at,
        )
    )
    return choices[:limit]


def _relevance(
    question: FlashQuestion, mentor_ids: set[int]
) -> tuple[dict[int, int], dict[int, tuple[str, ...]]]:
    """Each mentor's rank for the question (0 best) and their words that match it."""
    profiles = mentor_profiles(question.network_id, only=mentor_ids) if mentor_ids else []
    if not profiles:
        return {}, {}
    wanted = mentee_input(
        id=question.pk,
        mentee=question.mentee,
        target_sector="",
        target_function="",
        target_country="",
        target_city="",
        languages=[question.language],
        themes=[t.code for t in question.themes.all()],
        style="classic",
        formats=[],
        text=question.question,
    )
    found = engine.shortlist(
        engine.MentorIndex(profiles), wanted, FLASH_RULES, k=len(profiles), excluded=0
    )
    rank = {int(p.mentor_id): i for i, p in enumerate(found.proposals)}
    words: dict[int, tuple[str, ...]] = {}
    for proposal in found.proposals:
        for reason in proposal.reasons:
            if reason.code == "text_overlap":
                matched = reason.evidence_dict().get("words", ())
                if isinstance(matched, tuple):
                    words[int(proposal.mentor_id)] = tuple(str(w) for w in matched[:4])
    return rank, words


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
