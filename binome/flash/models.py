"""Self-service: direct requests' rules and asks; flash mentoring's slots, questions, exchanges.

A direct request is an intake ``MentoringRequest`` (``is_direct``) with one published shortlist
entry — the mentor the member chose — and, once sent, one ``MentorInvitation``: the on-demand
flow's invitations, one-click tokens, reminders, expiry and capacity lock serve it unchanged.
"""

from __future__ import annotations

import datetime
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binome.cohorts.models import Application, Cohort
from binome.core.models import Network
from binome.flash.states import ContinuationStatus, ExchangeStatus, QuestionStatus, SlotStatus
from binome.intake.models import MentoringRequest
from binome.members.models import Format, Member
from binome.mentorships.models import Mentorship
from binome.programmes.models import Programme, Theme


class DirectRequestPolicy(models.Model):
    """Whether members of an on-demand programme may ask a mentor themselves, and how often."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="direct_policy"
    )
    is_open = models.BooleanField(_("members may ask a mentor directly"), default=False)
    needs_approval = models.BooleanField(
        _("a manager approves each direct request before the mentor sees it"), default=False
    )
    per_member_per_month = models.PositiveSmallIntegerField(
        _("direct requests a member may send per month"), default=3
    )
    per_mentor_per_month = models.PositiveSmallIntegerField(
        _("direct requests a mentor may receive per month"), default=2
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.programme} (direct: {self.is_open})"


class DirectAsk(models.Model):
    """What the member asked of whom: the mentor and the personal message, kept for the
    approval step and counted by the monthly limits."""

    request = models.OneToOneField(
        MentoringRequest, on_delete=models.CASCADE, related_name="direct_ask"
    )
    mentor = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="direct_asks")
    message = models.TextField(_("your message to the mentor"))
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["mentor", "created_at"])]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.mentor_id}"


# -- Flash mentoring (Meet & Share): one exchange of 30 to 60 minutes on a precise question.


class FlashOffer(models.Model):
    """A mentor's flash settings: the themes of pool questions they see, and how many flash
    exchanges they give a calendar month (slots offered and pool questions taken)."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="flash_offer")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="+", verbose_name=_("themes of the questions I take")
    )
    takes_pool_questions = models.BooleanField(
        _("show me the questions sent to the theme pool"), default=True
    )
    per_month = models.PositiveSmallIntegerField(_("flash exchanges a month, at most"), default=4)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.member} ({self.per_month}/month)"


class FlashSlot(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="flash_slots")
    mentor = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="flash_slots")
    starts_at = models.DateTimeField(_("date and time"))
    time_zone = models.CharField(max_length=64, default="Europe/Paris")
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=45)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    language = models.CharField(_("language"), max_length=8, default="fr")
    place = models.CharField(_("place or video link"), max_length=300, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="+", verbose_name=_("themes"))
    status = models.CharField(
        max_length=12, choices=SlotStatus.choices, default=SlotStatus.OPEN, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["programme", "status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.mentor} {self.starts_at:%Y-%m-%d %H:%M}"


class FlashQuestion(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="flash_questions"
    )
    mentee = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="flash_questions")
    question = models.TextField(_("your precise question"))
    themes = models.ManyToManyField(Theme, blank=True, related_name="+", verbose_name=_("themes"))
    language = models.CharField(_("language"), max_length=8, default="fr")
    status = models.CharField(
        max_length=12, choices=QuestionStatus.choices, default=QuestionStatus.OPEN, editable=False
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    # A manager's last reminder to the fitting mentors while it waits in the pool.
    pool_reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        return self.question[:60]


class NoShow(models.TextChoices):
    MENTOR = "mentor", _("The mentor did not come")
    MENTEE = "mentee", _("The mentee did not come")


class FlashExchange(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="flash_exchanges"
    )
    question = models.OneToOneField(
        FlashQuestion, on_delete=models.CASCADE, related_name="exchange"
    )
    slot = models.OneToOneField(
        FlashSlot, on_delete=models.SET_NULL, null=True, blank=True, related_name="exchange"
    )
    mentor = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField(_("date and time"))
    time_zone = models.CharField(max_length=64, default="Europe/Paris")
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=45)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    place = models.CharField(_("place or video link"), max_length=300, blank=True)
    status = models.CharField(
        max_length=12,
        choices=ExchangeStatus.choices,
        default=ExchangeStatus.SCHEDULED,
        editable=False,
    )
    # Calendar identity: the same UID, a higher SEQUENCE when it changes.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True)
    outcome_asked_at = models.DateTimeField(null=True, blank=True)
    # Who said whether it took place, and when: no-shows are recorded like invitations' answers.
    outcome_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome_at = models.DateTimeField(null=True, blank=True)
    # Who did not come, when it did not take place (as the other member said): a mentor's
    # no-shows count against their responsiveness, like invitations left unanswered.
    no_show = models.CharField(max_length=8, choices=NoShow.choices, blank=True)
    outcome_reminded_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return f"Flash {self.pk} ({self.status})"

    def member_ids(self) -> set[int]:
        return {self.mentor_id, self.mentee_id}

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)


class FlashFeedback(models.Model):
    """The two questions after an exchange, one answer per member."""

    exchange = models.ForeignKey(FlashExchange, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    usefulness = models.PositiveSmallIntegerField(_("How useful was this exchange? (1 to 5)"))
    would_recommend = models.BooleanField(_("Would you recommend a flash exchange to a friend?"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["exchange", "author"], name="flash_feedback_once")
        ]

    def __str__(self) -> str:
        return f"{self.exchange_id} by {self.author_id}: {self.usefulness}"


class FlashContinuation(models.Model):
    """The mentee asks to go on as a long pair in an on-demand programme (the mentor answers),
    or applies to a cohort of a cohort programme (``cohort`` and ``application`` set)."""

    exchange = models.OneToOneField(
        FlashExchange, on_delete=models.CASCADE, related_name="continuation"
    )
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("message to the mentor"), blank=True)
    status = models.CharField(
        max_length=12,
        choices=ContinuationStatus.choices,
        default=ContinuationStatus.ASKED,
        editable=False,
    )
    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    application = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    asked_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.exchange_id} → {self.status}"
