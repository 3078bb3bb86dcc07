"""Reads of cohorts, always from one network and checked against the viewer."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from binome.cohorts import charts, options, words
from binome.cohorts.models import (
    Application,
    Cohort,
    MatchingRun,
    Question,
    Role,
    RunPair,
    RunUnmatched,
)
from binome.cohorts.states import ApplicationStatus, CohortStatus, RunStatus
from binome.core.access import Access
from binome.programmes.models import Programme, Theme

MENTOR_LIVE = (ApplicationStatus.ACCEPTED, ApplicationStatus.MATCHED)


def cohort_programme(access: Access, programme_id: int) -> Programme:
    programme = Programme.objects.for_network(access.network).filter(pk=programme_id).first()
    if (
        programme is None
        or programme.kind != Programme.Kind.COHORT
        or not access.manages(programme)
    ):
        raise Http404
    return programme


def cohort_for_manager(access: Access, cohort_id: int) -> Cohort:
    cohort = (
        Cohort.objects.filter(network=access.network, pk=cohort_id)
        .select_related("programme")
        .first()
    )
    if cohort is None or not access.manages(cohort.programme):
        raise Http404
    return cohort


def cohort_for_member(access: Access, cohort_id: int) -> Cohort:
    cohort = (
        Cohort.objects.filter(network=access.network, pk=cohort_id, programme__is_active=True)
        .select_related("programme")
        .first()
    )
    if cohort is None:
        raise Http404
    return cohort


def application_for_manager(access: Access, cohort: Cohort, application_id: int) -> Application:
    application = (
        Application.objects.filter(cohort=cohort, pk=application_id)
        .select_related("member__user", "screened_by")
        .first()
    )
    if application is None:
        raise Http404
    return application


def question_for_manager(cohort: Cohort, question_id: int) -> Question:
    question = Question.objects.filter(cohort=cohort, pk=question_id).first()
    if question is None:
        raise Http404
    return question


def application_for_member(access: Access, application_id: int) -> Application:
    application = (
        Application.objects.filter(network=access.network, pk=application_id, member=access.member)
        .select_related("cohort__programme")
        .first()
    )
    if application is None:
        raise Http404
    return application


def open_cohorts(access: Access) -> list[Cohort]:
    """Cohorts of the network whose mentors' or mentees' window is open today."""
    today = timezone.localdate()
    cohorts = Cohort.objects.filter(
        network=access.network, status=CohortStatus.OPEN, programme__is_active=True
    ).select_related("programme")
    return [
        c
        for c in cohorts
        if c.is_window_open(Role.MENTOR, today=today) or c.is_window_open(Role.MENTEE, today=today)
    ]


def applications_of(cohort: Cohort, *, role: str = "", status: str = "") -> QuerySet[Application]:
    rows = Application.objects.filter(cohort=cohort).select_related("member")
    if role:
        rows = rows.filter(role=role)
    if status:
        rows = rows.filter(status=status)
    return rows.prefetch_related("themes").order_by("role", "created_at", "pk")


def counts(cohort: Cohort) -> dict[tuple[str, str], int]:
    """Applications per (role, status), in one query."""
    rows = Application.objects.filter(cohort=cohort).values_list("role", "status")
    return dict(Counter(rows))


def run_for_manager(cohort: Cohort, run_id: int) -> MatchingRun:
    run = MatchingRun.objects.filter(cohort=cohort, pk=run_id).select_related("parent").first()
    if run is None:
        raise Http404
    return run


def accepted(cohort: Cohort, role: str) -> QuerySet[Application]:
    return (
        Application.objects.filter(cohort=cohort, role=role, status=ApplicationStatus.ACCEPTED)
        .select_related("member")
        .order_by("member__last_name", "member__first_name", "pk")
    )


@dataclass(frozen=True)
class Review:
    """What a manager reads of a finished run, in a fixed number of queries."""

    pairs: Page
    unmatched: list[RunUnmatched]
    unmatched_by_reason: list[tuple[str, int]]
    histogram: list[tuple[int, int, int]]  # (from, to, pairs), 10-point buckets

    def chart(self) -> SafeString:
        return charts.histogram("scores", _("Score distribution"), [("", self.histogram)])

    changed: int | None  # mentees whose mentor differs from the run before
    pins: list[tuple[Application, Application]]
    forbidden: list[tuple[Application, Application]]
    themes: list[ThemeBalance]
    weights: list[tuple[str, float]]  # (criterion in words, points)
    rules: list[tuple[str, bool]]  # (hard rule in words, on)
    quotas: list[tuple[str, int, int | None]]  # (theme, minimum, maximum)


@dataclass(frozen=True)
class ThemeBalance:
    """Per theme: mentees asking, mentors' places offered, mentees the run paired."""

    label: str
    demand: int
    supply: int
    matched: int


PAIRS_PER_PAGE = 100


def review(run: MatchingRun, *, page: str | int | None = 1) -> Review:
    pairs = run.pairs.select_related("mentee__member", "mentor__member").order_by("-score", "pk")
    unmatched = list(run.unmatched.select_related("mentee__member")[:500])
    reasons = Counter(
        str(words.UNMATCHED.get(codes[0], codes[0]))
        for codes in run.unmatched.values_list("codes", flat=True)
        if codes
    )
    histogram = charts.buckets(run.pairs.values_list("score", flat=True))
    changed = None
    if run.parent_id:
        before = dict(
            RunPair.objects.filter(run_id=run.parent_id).values_list("mentee_id", "mentor_id")
        )
        now = dict(run.pairs.values_list("mentee_id", "mentor_id"))
        changed = sum(
            1 for mentee in before.keys() | now.keys() if before.get(mentee) != now.get(mentee)
        )
    ids = {int(x) for pair in [*run.pins, *run.forbidden] for x in pair}
    named = Application.objects.select_related("member").in_bulk(ids)

    def pairs_of(rows: list[Any]) -> list[tuple[Application, Application]]:
        return [
            (named[int(a)], named[int(b)]) for a, b in rows if int(a) in named and int(b) in named
        ]

    return Review(
        weights=[
            (str(label), value)
            for label, value in (
                (options.CRITERIA[name], points)
                for name, points in run.weights.items()
                if name in options.CRITERIA
            )
        ],
        quotas=quota_words(run),
        rules=[
            (str(label), bool(run.rules[name]))
            for name, label in options.RULES.items()
            if name in run.rules
        ],
        themes=theme_balance(run),
        pairs=Paginator(pairs, PAIRS_PER_PAGE).get_page(page),
        unmatched=unmatched,
        unmatched_by_reason=reasons.most_common(),
        histogram=histogram,
        changed=changed,
        pins=pairs_of(run.pins),
        forbidden=pairs_of(run.forbidden),
    )


def quota_words(run: MatchingRun) -> list[tuple[str, int, int | None]]:
    labels = {
        t.code: str(t.label)
        for t in Theme.objects.filter(
            network_id=run.network_id, code__in=[q["theme"] for q in run.quotas]
        )
    }
    return [
        (labels.get(q["theme"], q["theme"]), int(q["minimum"]), q["maximum"]) for q in run.quotas
    ]


def places_left(run: MatchingRun) -> dict[int, int]:
    """Each accepted mentor's places left in this run's proposal (by application id)."""
    taken = Counter(run.pairs.values_list("mentor_id", flat=True))
    return {
        pk: capacity - taken.get(pk, 0)
        for pk, capacity in accepted(run.cohort, Role.MENTOR).values_list("pk", "capacity")
    }


def theme_balance(run: MatchingRun) -> list[ThemeBalance]:
    """Supply against demand per theme for a run, in three grouped queries."""
    through = Application.themes.through.objects
    in_run = through.filter(application__cohort_id=run.cohort_id)
    mentees = list(run.pairs.values_list("mentee_id", flat=True)) + list(
        run.unmatched.values_list("mentee_id", flat=True)
    )
    demand = dict(
        in_run.filter(application_id__in=mentees).values_list("theme_id").annotate(n=Count("pk"))
    )
    supply = dict(
        in_run.filter(application__role=Role.MENTOR, application__status__in=MENTOR_LIVE)
        .values_list("theme_id")
        .annotate(n=Sum("application__capacity"))
    )
    matched = dict(
        in_run.filter(application_id__in=run.pairs.values("mentee_id"))
        .values_list("theme_id")
        .annotate(n=Count("pk"))
    )
    themes = Theme.objects.filter(pk__in=set(demand) | set(supply))
    rows = [
        ThemeBalance(
            str(t.label), demand.get(t.pk, 0), supply.get(t.pk, 0) or 0, matched.get(t.pk, 0)
        )
        for t in themes
    ]
    return sorted(rows, key=lambda row: (row.supply - row.demand, row.label))


@dataclass(frozen=True)
class RunFigures:
    run: MatchingRun
    matched: int
    unmatched: int
    total: float
    mean: float | None
    worst: float | None
    decile: float | None  # the score 10 % of pairs fall below
    median: float | None
    histogram: list[tuple[int, int, int]]


@dataclass(frozen=True)
class Moved:
    mentee: Application
    before: RunPair | None
    after: RunPair | None


@dataclass(frozen=True)
class Comparison:
    a: RunFigures
    b: RunFigures
    kept: int  # the same mentee with the same mentor in both
    changed: list[Moved]  # paired in both, with another mentor
    only_a: list[Moved]  # paired in the first run only
    only_b: list[Moved]  # paired in the second run only
    shown: int  # rows of each list shown at most

    def chart(self) -> SafeString:
        name = _("Run %(number)s")
        return charts.histogram(
            "compare",
            _("Score distribution of both runs"),
            [
                (name % {"number": self.a.run.number}, self.a.histogram),
                (name % {"number": self.b.run.number}, self.b.histogram),
            ],
        )


COMPARED_ROWS = 200


def finished_runs(cohort: Cohort) -> QuerySet[MatchingRun]:
    return cohort.runs.filter(status__in=[RunStatus.DONE, RunStatus.PUBLISHED]).order_by("-number")


def _figures(run: MatchingRun, scores: list[float]) -> RunFigures:
    ordered = sorted(scores)
    n = len(ordered)
    return RunFigures(
        run=run,
        matched=n,
        unmatched=run.unmatched_count,
        total=round(sum(ordered), 1),
        mean=round(sum(ordered) / n, 1) if n else None,
        worst=ordered[0] if n else None,
        decile=ordered[(n - 1) // 10] if n else None,
        median=ordered[(n - 1) // 2] if n else None,
        histogram=charts.buckets(ordered),
    )


def compare(a: MatchingRun, b: MatchingRun) -> Comparison:
    """Two runs of a cohort side by side: figures, pairs kept, changed, gained and lost."""
    pairs_a = {p.mentee_id: p for p in a.pairs.only("mentee_id", "mentor_id", "score")}
    pairs_b = {p.mentee_id: p for p in b.pairs.only("mentee_id", "mentor_id", "score")}
    kept = sum(
        1 for m, p in pairs_a.items() if m in pairs_b and pairs_b[m].mentor_id == p.mentor_id
    )
    changed_ids = [
        m for m, p in pairs_a.items() if m in pairs_b and pairs_b[m].mentor_id != p.mentor_id
    ]
    only_a_ids = [m for m in pairs_a if m not in pairs_b]
    only_b_ids = [m for m in pairs_b if m not in pairs_a]
    shown = [*changed_ids[:COMPARED_ROWS], *only_a_ids[:COMPARED_ROWS], *only_b_ids[:COMPARED_ROWS]]
    mentor_ids = {
        p.mentor_id for m in shown for p in (pairs_a.get(m), pairs_b.get(m)) if p is not None
    }
    named = Application.objects.select_related("member").in_bulk({*shown, *mentor_ids})

    def rows(ids: list[int]) -> list[Moved]:
        moved = []
        for m in ids[:COMPARED_ROWS]:
            before, after = pairs_a.get(m), pairs_b.get(m)
            for pair in (before, after):
                if pair is not None:
                    pair.mentor = named[pair.mentor_id]
            moved.append(Moved(named[m], before, after))
        return sorted(moved, key=lambda row: row.mentee.member.full_name)

    return Comparison(
        a=_figures(a, [p.score for p in pairs_a.values()]),
        b=_figures(b, [p.score for p in pairs_b.values()]),
        kept=kept,
        changed=rows(changed_ids),
        only_a=rows(only_a_ids),
        only_b=rows(only_b_ids),
        shown=COMPARED_ROWS,
    )
