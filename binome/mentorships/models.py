"""Pairs (binômes) and their life: charter signatures, objectives, meetings, notes, action items.

Confidentiality: objectives, meeting summaries and action items belong to the pair; private notes
to their author. Staff see metadata only (dates, counts, statuses, flags) — see ``selectors``.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binome.core.models import Network
from binome.members.models import Format, Member
from binome.mentorships.states import (
    CAPACITY_STATUSES,
    PAIR_MACHINE,
    MeetingStatus,
    MentorshipStatus,
)
from binome.programmes.models import CharterVersion, Programme

__all__ = ["CAPACITY_STATUSES", "MentorshipStatus"]


class Mentorship(models.Model):
    class EndReason(models.TextChoices):
        GOALS_REACHED = "goals_reached", _("Goals reached")
        PERIOD_OVER = "period_over", _("The planned period is over")
        NO_CONTACT = "no_contact", _("One of us stopped answering")
        MISMATCH = "mismatch", _("We were not a good match")
        AVAILABILITY = "availability", _("Not enough time")
        OTHER = "other", _("Other")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="mentorships")
    mentor = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="mentorships_as_mentor"
    )
    mentee = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="mentorships_as_mentee"
    )
    request = models.OneToOneField(
        "intake.MentoringRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentorship",
    )
    status = models.CharField(
        max_length=20,
        choices=MentorshipStatus.choices,
        default=MentorshipStatus.AWAITING_CHARTER,
        editable=False,
    )
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    # Written for the manager on purpose by whoever closes the pair; not the pair's notes.
    end_message_to_manager = models.TextField(blank=True)
    extension_requested_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    extensions = models.PositiveSmallIntegerField(default=0)
    status_changed_at = models.DateTimeField(default=timezone.now)
    silence_reminded_at = models.DateTimeField(null=True, blank=True)
    charter_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["mentor", "status"]),
            models.Index(fields=["programme", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} & {self.mentee}"

    def member_ids(self) -> set[int]:
        return {self.mentor_id, self.mentee_id}

    def other(self, member: Member) -> Member:
        return self.mentee if member.pk == self.mentor_id else self.mentor


class MentorshipEvent(models.Model):
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

    # History is shown to people: statuses and reason codes in words, never raw codes.
    @property
    def from_label(self) -> str:
        return PAIR_MACHINE.label(self.from_status) if self.from_status else ""

    @property
    def to_label(self) -> str:
        return PAIR_MACHINE.label(self.to_status)

    @property
    def reason_label(self) -> str:
        known = {**dict(Mentorship.EndReason.choices), **EVENT_REASONS}
        return str(known.get(self.reason, self.reason))


EVENT_REASONS = {
    "resumed": _("resumed"),
    "extended": _("extended by mutual agreement"),
}


class CharterSignature(models.Model):
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="signatures")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    charter = models.ForeignKey(CharterVersion, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "member"], name="sign_once_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.member} v{self.charter_id}"


class Objective(models.Model):
    """A goal agreed by the pair. Confidential: staff only learn that objectives exist."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="objectives")
    text = models.TextField(_("objective"))
    updated_by = models.ForeignKey(Member, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Objective {self.pk}"


class Meeting(models.Model):
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="meetings")
    proposed_by = models.ForeignKey(Member, on_delete=models.SET_NULL, null=True, related_name="+")
    starts_at = models.DateTimeField(_("date and time"))
    time_zone = models.CharField(max_length=64, default="Europe/Paris")
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=60)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    place = models.CharField(_("place"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    status = models.CharField(
        max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PROPOSED, editable=False
    )
    # Calendar identity: the same UID with a growing SEQUENCE updates the invitation.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    summary = models.TextField(_("shared summary"), blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    check_in_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return f"Meeting {self.pk} ({self.status})"


class PrivateNote(models.Model):
    """A note only its author reads — not the other member, not staff."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="private_notes")
    author = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("private note"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "author"], name="one_note_per_author")
        ]

    def __str__(self) -> str:
        return f"Note {self.pk}"


class ActionItem(models.Model):
    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="action_items"
    )
    owner = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(_("what"), max_length=300)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_at", "due_date", "pk"]

    def __str__(self) -> str:
        return f"Action {self.pk}"


class CheckIn(models.Model):
    """A one-click answer after a planned meeting: did it happen?"""

    class Answer(models.TextChoices):
        MET = "met", _("We met")
        NOT_MET = "not_met", _("We did not meet")
        RESCHEDULE = "reschedule", _("Let's reschedule")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="check_ins")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=12, choices=Answer.choices)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="one_check_in_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.answer}"


class Flag(models.Model):
    """Something the manager should look at. Carries the kind, never the pair's words."""

    class Kind(models.TextChoices):
        REFERRAL = "referral", _("The need goes beyond volunteer help")
        SILENT = "silent", _("No meeting for several weeks")
        NOT_STARTED = "not_started", _("The pair has not started")
        # Raised from a survey answer: the kind only, never what was written.
        MISMATCH = "mismatch", _("A member said the pair is not a good fit")
        REMATCH_ASKED = "rematch_asked", _("The mentee asks for another mentor")

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    raised_by = models.ForeignKey(Member, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.kind} ({self.mentorship_id})"
