"""Cohort programmes: an edition's enrolment windows, the members' applications, matching runs.

A ``Cohort`` is one edition of a cohort programme (HEC's 2026–2027 mentoring year): mentors
apply in their window, mentees in theirs, managers screen, then one matching is run, reviewed
and published into ordinary pairs (``mentorships.Mentorship``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from binome.cohorts.states import ApplicationStatus, CohortStatus, RunStatus
from binome.core.models import Network
from binome.intake.models import Style
from binome.members.models import Format, Member
from binome.mentorships.models import Mentorship
from binome.programmes.models import Programme, Theme


class Role(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


class Cohort(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(_("name"), max_length=120, help_text=_("For example: 2026–2027."))
    mentors_open_on = models.DateField(_("mentors apply from"))
    mentors_close_on = models.DateField(_("mentors apply until"))
    mentees_open_on = models.DateField(_("mentees apply from"))
    mentees_close_on = models.DateField(_("mentees apply until"))
    styles = models.JSONField(_("styles offered"), default=list)
    formats = models.JSONField(_("meeting formats"), default=list)
    duration_months = models.PositiveSmallIntegerField(_("length in months"), default=10)
    max_capacity = models.PositiveSmallIntegerField(
        _("most mentees a mentor may take"),
        default=3,
        help_text=_("Mentors answer how many mentees they can take, from 1 to this number."),
    )
    status = models.CharField(
        max_length=20, choices=CohortStatus.choices, default=CohortStatus.OPEN, editable=False
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-mentees_open_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.programme.name} — {self.name}"

    def window(self, role: str) -> tuple[datetime.date, datetime.date]:
        if role == Role.MENTOR:
            return self.mentors_open_on, self.mentors_close_on
        return self.mentees_open_on, self.mentees_close_on

    def is_window_open(self, role: str, *, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        opens, closes = self.window(role)
        return self.status == CohortStatus.OPEN and opens <= today <= closes

    def style_labels(self) -> list[str]:
        labels = dict(Style.choices)
        return [str(labels.get(style, style)) for style in self.styles]


class Question(models.Model):
    """A question of the cohort's questionnaire for one role, labelled in French and English.

    Answers live on the application (``Application.answers``), keyed by the question's id: a
    choice's position (single), positions (multiple), a number (scale) or words (text).
    """

    class Kind(models.TextChoices):
        SINGLE = "single", _("One choice")
        MULTIPLE = "multiple", _("Several choices")
        SCALE = "scale", _("A scale")
        TEXT = "text", _("Free text")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey("Cohort", on_delete=models.CASCADE, related_name="questions")
    role = models.CharField(_("asked to"), max_length=10, choices=Role.choices)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices)
    label_fr = models.CharField(_("question in French"), max_length=300)
    label_en = models.CharField(_("question in English"), max_length=300)
    # [{"fr": "...", "en": "..."}] for single and multiple choices.
    choices = models.JSONField(default=list)
    scale_min = models.SmallIntegerField(_("scale from"), default=1)
    scale_max = models.SmallIntegerField(_("scale to"), default=5)
    required = models.BooleanField(_("an answer is needed"), default=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "position", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if get_language() == "en" else self.label_fr

    def choice_labels(self) -> list[str]:
        key = "en" if get_language() == "en" else "fr"
        return [str(c.get(key) or c.get("fr") or "") for c in self.choices]

    def answer_words(self, value: Any) -> str:
        """An answer as the person reads it (empty when not answered)."""
        if value in (None, "", []):
            return ""
        labels = self.choice_labels()
        if self.kind == self.Kind.SINGLE:
            return labels[int(value)] if 0 <= int(value) < len(labels) else ""
        if self.kind == self.Kind.MULTIPLE:
            return ", ".join(labels[int(v)] for v in value if 0 <= int(v) < len(labels))
        if self.kind == self.Kind.SCALE:
            return f"{value} / {self.scale_max}"
        return str(value)


class Application(models.Model):
    """A member's application to a cohort, as a mentor or as a mentee (one of each at most)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="applications")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="applications")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    status = models.CharField(
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
        editable=False,
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="+", verbose_name=_("themes"))
    style = models.CharField(
        _("kind of mentor"), max_length=10, choices=Style.choices, default=Style.CLASSIC
    )
    formats = models.JSONField(_("formats"), default=list)
    languages = models.JSONField(_("languages"), default=list)
    # Where the mentee wants to go (empty: where they are now); scored by the engine.
    target_sector = models.CharField(_("target sector"), max_length=40, blank=True)
    target_function = models.CharField(_("target job function"), max_length=40, blank=True)
    target_country = models.CharField(_("target country"), max_length=2, blank=True)
    target_city = models.CharField(_("target city"), max_length=120, blank=True)
    capacity = models.PositiveSmallIntegerField(_("mentees at once"), default=1)
    text = models.TextField(_("in your own words"))
    availability = models.CharField(_("availability"), max_length=300, blank=True)
    # The cohort's own questions: {question id: answer} (see ``Question``).
    answers = models.JSONField(default=dict, blank=True)
    screening_reason = models.TextField(_("reason"), blank=True)
    screened_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    screened_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "member", "role"], name="cohort_application_once_per_role"
            )
        ]
        indexes = [models.Index(fields=["cohort", "role", "status"])]

    def __str__(self) -> str:
        return f"{self.member} ({self.role}, {self.cohort})"

    def format_labels(self) -> list[str]:
        labels = dict(Format.choices)
        return [str(labels.get(code, code)) for code in self.formats]

    def question_answers(self) -> list[tuple[Question, str]]:
        """Each question of the cohort for this role with the answer in words."""
        return [
            (question, question.answer_words(self.answers.get(str(question.pk))))
            for question in self.cohort.questions.filter(role=self.role)
        ]


class Mode(models.TextChoices):
    OPTIMAL = "optimal", _("Most pairs, then the best total score")
    FAIR = "fair", _("Fairness first: the best worst pair")
    TOTAL = "total", _("The best total score, even with fewer pairs")
    STABLE = "stable", _("Stable: no mentee and mentor would both rather be together")


class MatchingRun(models.Model):
    """One run of the engine over a cohort's accepted applications. Its inputs (pins, forbidden
    pairs, mode) are set when it is launched and its result is written once by the task: a run
    never changes after that (a manual swap is a new run, with the pin)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="runs")
    number = models.PositiveIntegerField()
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mode = models.CharField(_("objective"), max_length=10, choices=Mode.choices)
    # Points of each criterion (the engine's ``Weights``); empty: the engine's defaults.
    weights = models.JSONField(default=dict)
    # The hard rules switched on or off ({name: bool}, ``options.RULES``); empty: the engine's.
    rules = models.JSONField(default=dict)
    # [{"theme": code, "minimum": n, "maximum": n or None}], by the mentees' first theme.
    quotas = models.JSONField(default=list)
    # [mentee application id, mentor application id] pairs, as the manager set them.
    pins = models.JSONField(default=list)
    forbidden = models.JSONField(default=list)
    status = models.CharField(
        max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED, editable=False
    )
    phase = models.CharField(max_length=20, blank=True)  # loading, solving, storing
    created_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    mentees_count = models.PositiveIntegerField(default=0)
    mentors_count = models.PositiveIntegerField(default=0)
    places_count = models.PositiveIntegerField(default=0)
    matched_count = models.PositiveIntegerField(default=0)
    unmatched_count = models.PositiveIntegerField(default=0)
    total_score = models.FloatField(null=True, blank=True)
    min_score = models.FloatField(null=True, blank=True)
    certificate = models.JSONField(default=dict)
    load_seconds = models.FloatField(null=True, blank=True)
    solve_seconds = models.FloatField(null=True, blank=True)
    store_seconds = models.FloatField(null=True, blank=True)
    failure = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Publication runs in a task too: asked by a manager, then done (published) or refused.
    publish_requested_at = models.DateTimeField(null=True, blank=True)
    publish_requested_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    publish_failure = models.TextField(blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="matching_run_number")
        ]

    def __str__(self) -> str:
        return f"{self.cohort} #{self.number}"

    @property
    def is_running(self) -> bool:
        return self.status in {RunStatus.QUEUED, RunStatus.RUNNING}

    @property
    def is_publishing(self) -> bool:
        """Publication asked and not yet done nor refused."""
        return (
            self.status == RunStatus.DONE
            and self.publish_requested_at is not None
            and not self.publish_failure
        )

    @property
    def average_score(self) -> float | None:
        if not self.matched_count or self.total_score is None:
            return None
        return self.total_score / self.matched_count


class RunPair(models.Model):
    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="pairs")
    mentee = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    is_pinned = models.BooleanField(default=False)
    # Hard rules a pinned pair breaks (the manager's call), as the engine's codes.
    codes = models.JSONField(default=list)

    class Meta:
        ordering = ["-score", "pk"]
        indexes = [models.Index(fields=["run", "mentee"]), models.Index(fields=["run", "mentor"])]

    def __str__(self) -> str:
        return f"{self.mentor_id} & {self.mentee_id} ({self.score:.1f})"


class RunUnmatched(models.Model):
    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="unmatched")
    mentee = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    codes = models.JSONField(default=list)
    evidence = models.JSONField(default=dict)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.mentee_id}: {', '.join(self.codes)}"


class CohortPair(models.Model):
    """A pair the cohort formed: by publishing a run, or by re-matching one mentee later. The
    pair itself lives on as an ordinary ``Mentorship`` (charter, meetings…)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="pairs")
    mentee = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    mentorship = models.OneToOneField(
        Mentorship, on_delete=models.CASCADE, related_name="cohort_pair"
    )
    run = models.ForeignKey(
        MatchingRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    score = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.cohort}: {self.mentorship}"


class JoinInvitation(models.Model):
    """A "join again" email sent to a past mentor of the programme when a cohort's mentors'
    window opens: once per cohort and member."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="join_invitations")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    previous = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "member"], name="cohort_join_invitation_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.cohort}"
