"""A flash programme seen by its managers: exchanges by state, held or not, each mentor's
no-shows, the pool's questions waiting and the exchanges whose outcome nobody gave.

Counts are grouped in the database; the three lists are paginated (20 a page), each page
reading only its own rows' members.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from binome.flash.models import FlashExchange, FlashQuestion, FlashSlot, NoShow
from binome.flash.states import ExchangeStatus, QuestionStatus, SlotStatus
from binome.members.models import Member
from binome.programmes.models import Programme

PER_PAGE = 20
# A reminder is offered again after a day: mentors and members are reminded, not spammed.
REMIND_AGAIN_AFTER = datetime.timedelta(days=1)


@dataclass(frozen=True)
class MentorRow:
    mentor: Member
    exchanges: int
    held: int
    not_held: int
    no_shows: int
    waiting: int  # planned, or past with no outcome yet

    @property
    def no_show_rate(self) -> int | None:
        """Percent of the mentor's exchanges with an outcome where the mentor did not come."""
        recorded = self.held + self.not_held
        return round(100 * self.no_shows / recorded) if recorded else None


@dataclass(frozen=True)
class Overview:
    exchanges: dict[str, int]
    questions: dict[str, int]
    free_slots: int
    no_shows: dict[str, int]
    mentors: Page
    pool: Page
    awaiting_outcome: Page

    @property
    def held_rate(self) -> int | None:
        held = self.exchanges.get(ExchangeStatus.HELD, 0)
        recorded = held + self.exchanges.get(ExchangeStatus.NOT_HELD, 0)
        return round(100 * held / recorded) if recorded else None

    def exchange_rows(self) -> list[tuple[str, int]]:
        return [(str(label), self.exchanges.get(v, 0)) for v, label in ExchangeStatus.choices]

    def question_rows(self) -> list[tuple[str, int]]:
        return [(str(label), self.questions.get(v, 0)) for v, label in QuestionStatus.choices]


def _by(queryset: QuerySet[Any], field: str) -> dict[str, int]:
    return dict(queryset.values_list(field).annotate(n=Count("pk")).order_by())


def mentor_rows(programme: Programme, page: str | int | None) -> Page:
    """Mentors of the programme's exchanges, most no-shows first, then most exchanges."""
    grouped = (
        FlashExchange.objects.filter(programme=programme)
        .values("mentor_id")
        .annotate(
            exchanges=Count("pk"),
            held=Count("pk", filter=Q(status=ExchangeStatus.HELD)),
            not_held=Count("pk", filter=Q(status=ExchangeStatus.NOT_HELD)),
            no_shows=Count("pk", filter=Q(no_show=NoShow.MENTOR)),
            waiting=Count("pk", filter=Q(status=ExchangeStatus.SCHEDULED)),
        )
        .order_by("-no_shows", "-exchanges", "mentor_id")
    )
    shown = Paginator(grouped, PER_PAGE).get_page(page)
    members = Member.objects.in_bulk([row["mentor_id"] for row in shown.object_list])
    rows = [
        MentorRow(
            mentor=members[row["mentor_id"]],
            exchanges=row["exchanges"],
            held=row["held"],
            not_held=row["not_held"],
            no_shows=row["no_shows"],
            waiting=row["waiting"],
        )
        for row in shown.object_list
    ]
    return Page(rows, shown.number, shown.paginator)


def waiting_pool(programme: Programme, page: str | int | None) -> Page:
    """Questions waiting in the theme pool, the longest waiting first."""
    pooled = (
        FlashQuestion.objects.filter(programme=programme, status=QuestionStatus.POOLED)
        .select_related("mentee")
        .prefetch_related("themes")
        .order_by("status_changed_at", "pk")
    )
    return Paginator(pooled, PER_PAGE).get_page(page)


def awaiting_outcome(programme: Programme, page: str | int | None, now: datetime.datetime) -> Page:
    """Exchanges that started over an hour ago and nobody said whether they took place."""
    started = FlashExchange.objects.filter(
        programme=programme,
        status=ExchangeStatus.SCHEDULED,
        starts_at__lte=now - datetime.timedelta(hours=1),
    )
    rows = started.select_related("mentor", "mentee").order_by("starts_at", "pk")
    return Paginator(rows, PER_PAGE).get_page(page)


def overview(
    programme: Programme,
    *,
    mentors_page: str | int | None = 1,
    pool_page: str | int | None = 1,
    outcome_page: str | int | None = 1,
    now: datetime.datetime | None = None,
) -> Overview:
    now = now or timezone.now()
    exchanges = FlashExchange.objects.filter(programme=programme)
    return Overview(
        exchanges=_by(exchanges, "status"),
        questions=_by(FlashQuestion.objects.filter(programme=programme), "status"),
        free_slots=FlashSlot.objects.filter(
            programme=programme, status=SlotStatus.OPEN, starts_at__gt=now
        ).count(),
        no_shows=_by(exchanges.exclude(no_show=""), "no_show"),
        mentors=mentor_rows(programme, mentors_page),
        pool=waiting_pool(programme, pool_page),
        awaiting_outcome=awaiting_outcome(programme, outcome_page, now),
    )


def can_remind(last: datetime.datetime | None, now: datetime.datetime | None = None) -> bool:
    return last is None or last <= (now or timezone.now()) - REMIND_AGAIN_AFTER
