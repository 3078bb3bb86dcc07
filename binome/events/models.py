"""Speed-mentoring events: an evening, N mentors at tables, M mentees rotating over R rounds."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binome.core.models import Network
from binome.events.states import EventStatus, FollowUpChoice, FollowUpStatus
from binome.flash.models import FlashExchange
from binome.members.models import Format, Member
from binome.mentorships.models import Mentorship
from binome.programmes.models import Programme, Theme


class SpeedEvent(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="events")
    name = models.CharField(_("name"), max_length=200)
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place or video link"), max_length=300, blank=True)
    rounds = models.PositiveSmallIntegerField(_("rounds"), default=6)
    round_minutes = models.PositiveSmallIntegerField(_("minutes a round"), default=10)
    break_minutes = models.PositiveSmallIntegerField(_("minutes between rounds"), default=2)
    # Empty: as many as it takes to seat every mentee each round.
    table_size = models.PositiveSmallIntegerField(
        _("mentees at a table per round"), null=True, blank=True
    )
    status = models.CharField(
        max_length=10, choices=EventStatus.choices, default=EventStatus.OPEN, editable=False
    )
    rotation_built_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.name

    def round_starts(self, number: int) -> datetime.datetime:
        step = datetime.timedelta(minutes=self.round_minutes + self.break_minutes)
        return self.starts_at + step * (number - 1)

    def round_numbers(self) -> range:
        return range(1, self.rounds + 1)

    def seats_per_table(self) -> int:
        if self.table_size:
            return self.table_size
        roles = list(self.registrations.values_list("role", flat=True))
        mentors = max(1, roles.count("mentor"))
        return max(1, -(-roles.count("mentee") // mentors))


class Registration(models.Model):
    class Role(models.TextChoices):
        MENTOR = "mentor", _("Mentor")
        MENTEE = "mentee", _("Mentee")

    event = models.ForeignKey(SpeedEvent, on_delete=models.CASCADE, related_name="registrations")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    themes = models.ManyToManyField(Theme, blank=True, related_name="+", verbose_name=_("themes"))
    table = models.PositiveSmallIntegerField(null=True, blank=True)  # a mentor's table number
    attended = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "table", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "member"], name="register_once_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.role})"


class Seat(models.Model):
    """One meeting of the rotation: in round ``round``, ``mentee`` sits at ``mentor``'s table."""

    event = models.ForeignKey(SpeedEvent, on_delete=models.CASCADE, related_name="seats")
    round = models.PositiveSmallIntegerField()
    mentor = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(default=0)

    class Meta:
        ordering = ["round", "mentor_id", "mentee_id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "round", "mentee"], name="one_table_a_round"),
            models.UniqueConstraint(fields=["event", "mentor", "mentee"], name="meet_once"),
        ]

    def __str__(self) -> str:
        return f"R{self.round} {self.mentor_id}←{self.mentee_id}"


class Tick(models.Model):
    """After the evening: ``author`` would like to see ``about`` again."""

    event = models.ForeignKey(SpeedEvent, on_delete=models.CASCADE, related_name="ticks")
    author = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    about = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "author", "about"], name="tick_once")
        ]

    def __str__(self) -> str:
        return f"{self.author_id} → {self.about_id}"


class Introduction(models.Model):
    """A mutual tick: both were introduced by email when the event closed, with a proposal to
    follow up — a flash exchange or a long pair, each choosing (``states.FollowUpStatus``)."""

    event = models.ForeignKey(SpeedEvent, on_delete=models.CASCADE, related_name="introductions")
    mentor = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.PROPOSED,
        editable=False,
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    mentor_choice = models.CharField(max_length=10, choices=FollowUpChoice.choices, blank=True)
    mentee_choice = models.CharField(max_length=10, choices=FollowUpChoice.choices, blank=True)
    # A long pair: the on-demand programme the mentee chose.
    programme = models.ForeignKey(
        Programme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A flash exchange: the time the mentor gave.
    flash_starts_at = models.DateTimeField(null=True, blank=True)
    flash_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    flash_format = models.CharField(max_length=10, choices=Format.choices, blank=True)
    flash_place = models.CharField(max_length=300, blank=True)
    flash_exchange = models.ForeignKey(
        FlashExchange, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "mentor", "mentee"], name="introduce_once")
        ]

    def __str__(self) -> str:
        return f"{self.mentor_id} & {self.mentee_id}"

    def choice_of(self, member: Member) -> str:
        return self.mentor_choice if member.pk == self.mentor_id else self.mentee_choice

    def other_choice(self, member: Member) -> str:
        return self.mentee_choice if member.pk == self.mentor_id else self.mentor_choice
