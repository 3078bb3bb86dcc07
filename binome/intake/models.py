"""On-demand accompaniment: requests, intake interviews, shortlists and mentor invitations."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from binome.core.models import Network
from binome.intake.states import InvitationStatus, RequestStatus
from binome.members.models import Member
from binome.programmes.models import Programme, Theme


class Situation(models.TextChoices):
    CAREER_EVOLUTION = "career_evolution", _("Career evolution")
    JOB_SEARCH = "job_search", _("Job search")
    MEANING = "meaning", _("Loss of meaning")
    WORKPLACE_RELATIONS = "workplace_relations", _("Relational or hierarchical difficulty")
    WELL_BEING = "well_being", _("Health, exhaustion, well-being at work")
    ENTREPRENEURSHIP = "entrepreneurship", _("Start-up or entrepreneurship")
    RESEARCH_TO_INDUSTRY = "research_to_industry", _("From research to industry")
    ABROAD = "abroad", _("Working abroad")
    SENIOR_INDEPENDENT = "senior_independent", _("Seniors becoming independent")
    OTHER = "other", _("Other")


# Categories that can reveal health or well-being: explicit consent, restricted, audited.
SENSITIVE_SITUATIONS = frozenset(
    {Situation.MEANING, Situation.WORKPLACE_RELATIONS, Situation.WELL_BEING}
)


class Style(models.TextChoices):
    CLASSIC = "classic", _("Classic: a more experienced mentor")
    PEER = "peer", _("Peer: similar experience, expertise in my target sector")
    REVERSE = "reverse", _("Reverse: a younger mentor")


class OrganisationKind(models.TextChoices):
    """The kind of organisation a mentee wants to join (the target world's last piece)."""

    STARTUP = "startup", _("Start-up")
    LARGE_COMPANY = "large_company", _("Large company")
    SME = "sme", _("Small or medium company")
    CONSULTING = "consulting", _("Consulting firm")
    PUBLIC = "public", _("Public sector")
    NON_PROFIT = "non_profit", _("Non-profit")
    RESEARCH = "research", _("Research or academia")
    OWN_BUSINESS = "own_business", _("My own business / independent")


class MentoringRequest(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="requests")
    mentee = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="requests")
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.DRAFT, editable=False
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="+", verbose_name=_("themes"))
    situation = models.CharField(_("situation"), max_length=30, choices=Situation.choices)
    question = models.TextField(_("your question, in your own words"))
    style = models.CharField(
        _("kind of mentor"), max_length=10, choices=Style.choices, default=Style.CLASSIC
    )
    formats = models.JSONField(_("formats"), default=list)
    languages = models.JSONField(_("languages"), default=list)
    availability = models.CharField(_("availability"), max_length=300, blank=True)
    # Where the mentee wants to go; empty means "where I am now" (most AX cases are transitions,
    # so matching scores this target world, the current one only where the style says so).
    target_sector = models.CharField(_("target sector"), max_length=40, blank=True)
    target_function = models.CharField(_("target job function"), max_length=40, blank=True)
    target_country = models.CharField(_("target country"), max_length=2, blank=True)
    target_city = models.CharField(_("target city"), max_length=120, blank=True)
    target_organisation = models.CharField(
        _("kind of organisation"), max_length=20, choices=OrganisationKind.choices, blank=True
    )
    sensitive_consent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Asked of one mentor the member chose (self-service): moves by DIRECT_REQUEST_TRANSITIONS.
    is_direct = models.BooleanField(default=False, editable=False)
    manager = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["programme", "status", "status_changed_at"])]
        constraints = [
            # One open request per member and programme, kept by the database: two submits at
            # once cannot both pass a check-then-act (see services.requests.submit_request).
            models.UniqueConstraint(
                fields=["mentee", "programme"],
                condition=models.Q(
                    status__in=[
                        "submitted",
                        "in_intake",
                        "shortlisting",
                        "awaiting_choice",
                        "inviting",
                    ]
                ),
                name="one_open_request_per_programme",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentee} — {self.get_situation_display()}"

    @property
    def is_sensitive(self) -> bool:
        return self.situation in SENSITIVE_SITUATIONS


class RequestEvent(models.Model):
    """A transition of a request: who, when, from, to, why."""

    request = models.ForeignKey(MentoringRequest, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

    @property
    def reason_label(self) -> str:
        """The reason in words: the services' own codes are translated, what a person wrote
        (a decision's message, a withdrawal's why) is shown as written."""
        return str(EVENT_REASONS.get(self.reason, self.reason))


EVENT_REASONS = {
    "shortlist exhausted": _("no mentor of the shortlist is left"),
    "re-matching": _("the pair ended: looking for another mentor"),
    "mentor declined": _("the mentor declined"),
    "invitation expired": _("the mentor did not answer in time"),
}


class IntakeInterview(models.Model):
    class Decision(models.TextChoices):
        GO = "go", _("Go: look for a mentor")
        REFER = "refer", _("Refer to a professional")
        DECLINE = "decline", _("Decline")

    class Referral(models.TextChoices):
        COACH = "coach", _("A professional coach")
        SKILLS_ASSESSMENT = "skills_assessment", _("A skills assessment")
        WORKSHOP = "workshop", _("A group workshop")
        OTHER_SCHEME = "other_scheme", _("Another scheme")

    request = models.OneToOneField(
        MentoringRequest, on_delete=models.CASCADE, related_name="interview"
    )
    scheduled_at = models.DateTimeField(_("date and time"), null=True, blank=True)
    # Calendar identity: rescheduling sends the same event with a higher SEQUENCE.
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=60)
    participants = models.ManyToManyField(
        Member, blank=True, related_name="+", verbose_name=_("staff taking part")
    )
    # Confidential: the programme's managers only; every read is audited.
    notes = models.TextField(_("intake notes (staff only)"), blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    referral = models.CharField(max_length=20, choices=Referral.choices, blank=True)
    message_to_member = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Intake {self.request_id}"


class ShortlistEntry(models.Model):
    """A mentor the manager proposes for a request, with the manager's note."""

    request = models.ForeignKey(
        MentoringRequest, on_delete=models.CASCADE, related_name="shortlist"
    )
    mentor = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    manager_note = models.TextField(_("why I think of this mentor"), blank=True)
    # The engine's view, for staff only: never shown to the mentee.
    engine_score = models.FloatField(null=True, blank=True)
    engine_reasons = models.JSONField(default=list, blank=True)
    mentee_rank = models.PositiveSmallIntegerField(null=True, blank=True)
    is_published = models.BooleanField(default=False)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "mentor"], name="shortlist_mentor_once")
        ]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.mentor}"


class MentorInvitation(models.Model):
    request = models.ForeignKey(
        MentoringRequest, on_delete=models.CASCADE, related_name="invitations"
    )
    mentor = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(Member, on_delete=models.SET_NULL, null=True, related_name="+")
    message = models.TextField(_("personal message to the mentor"))
    status = models.CharField(
        max_length=12,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
        editable=False,
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason (optional)"), blank=True)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["status", "expires_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=models.Q(status="pending"),
                name="one_pending_invitation_per_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor} for {self.request_id} ({self.status})"
