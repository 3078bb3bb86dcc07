"""A person's membership in a network, their profile, and their offer to mentor."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from binome.core.models import Network
from binome.members.querysets import MemberQuerySet


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIDEO = "video", _("Video")
    PHONE = "phone", _("Phone")


class Member(models.Model):
    """One person in one network; every profile field lives here, scoped to the network."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    class_year = models.PositiveSmallIntegerField(_("class year"), null=True, blank=True)
    degree = models.CharField(_("degree"), max_length=120, blank=True)
    position_title = models.CharField(_("current position"), max_length=160, blank=True)
    employer = models.CharField(_("employer"), max_length=160, blank=True)
    sector = models.CharField(_("sector"), max_length=40, blank=True)
    function = models.CharField(_("job function"), max_length=40, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    # As written in an imported file, when it names no sector or function of the lists.
    sector_text = models.CharField(_("sector (as written)"), max_length=120, blank=True)
    function_text = models.CharField(_("job function (as written)"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    linkedin_url = models.URLField(_("LinkedIn profile"), max_length=200, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris")
    years_of_experience = models.PositiveSmallIntegerField(
        _("years of experience"), null=True, blank=True
    )
    bio = models.TextField(_("about me"), blank=True)
    goals = models.TextField(_("what I am looking for here"), blank=True)
    # True while the member consents to be listed as a mentor (kept by the offer services).
    is_listed = models.BooleanField(default=False, editable=False)
    joined_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "user"], name="member_once_per_network")
        ]
        indexes = [
            models.Index(fields=["network", "last_name"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class DirectoryEntry(models.Model):
    """The mentor directory's index: one narrow row per listed mentor, rebuilt by the services.

    Kept apart from ``Member`` so that a search scans short rows of listed mentors only (a fifth of
    a network), not every member with their bio. ``search_text`` holds folded words; ``facets``
    holds "|key:value|" tokens for multi-valued filters (languages, themes).
    """

    member = models.OneToOneField(
        Member, on_delete=models.CASCADE, primary_key=True, related_name="directory_entry"
    )
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    sort_name = models.CharField(max_length=210)
    search_text = models.TextField()
    facets = models.TextField()
    sector = models.CharField(max_length=40, blank=True)
    function = models.CharField(max_length=40, blank=True)
    country = models.CharField(max_length=2, blank=True)
    class_year = models.PositiveSmallIntegerField(null=True, blank=True)
    has_free_capacity = models.BooleanField(default=True)
    # Lets the matching index of a network catch up with only what changed.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["network", "sort_name"]),
            models.Index(fields=["network", "sector", "sort_name"]),
            models.Index(fields=["network", "function", "sort_name"]),
            models.Index(fields=["network", "country", "sort_name"]),
            models.Index(fields=["network", "class_year"]),
        ]

    def __str__(self) -> str:
        return self.sort_name


class Position(models.Model):
    """A previous position in the member's career history."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(_("title"), max_length=160)
    employer = models.CharField(_("employer"), max_length=160, blank=True)
    sector = models.CharField(_("sector"), max_length=40, blank=True)
    start_year = models.PositiveSmallIntegerField(_("from"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["-start_year"]

    def __str__(self) -> str:
        return f"{self.title} ({self.employer})"


class MentorOffer(models.Model):
    """A member's explicit, withdrawable opt-in to be listed and asked as a mentor."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="mentor_offer")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    consented_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    themes = models.ManyToManyField(
        "programmes.Theme", blank=True, related_name="mentor_offers", verbose_name=_("themes")
    )
    capacity = models.PositiveSmallIntegerField(_("mentees at once"), default=1)
    formats = models.JSONField(_("formats"), default=list, blank=True)
    paused_until = models.DateField(_("paused until"), null=True, blank=True)
    pause_reason = models.CharField(_("reason for the pause"), max_length=200, blank=True)
    # Self-service: members may ask this mentor directly (an opt-in of its own).
    accepts_direct_requests = models.BooleanField(_("accepts direct requests"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.member} ({self.capacity})"

    @property
    def is_active(self) -> bool:
        return self.consented_at is not None and self.withdrawn_at is None


class ImportBatch(models.Model):
    """An upload of the alumni directory: parsed, mapped, checked, then applied whole or not."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Waiting for the column mapping")
        VALIDATING = "validating", _("Checking the rows")
        VALIDATED = "validated", _("Checked")
        APPLYING = "applying", _("Importing")
        APPLIED = "applied", _("Imported")
        FAILED = "failed", _("Failed")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="imports")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filename = models.CharField(max_length=255)
    headers = models.JSONField(default=list)
    rows = models.JSONField(default=list)
    # The line of the file (for XLSX: the row of ``sheet``) where each row starts.
    lines = models.JSONField(default=list)
    header_line = models.PositiveIntegerField(default=1)
    kind = models.CharField(max_length=8, default="csv")
    sheet = models.CharField(max_length=100, blank=True)
    delimiter = models.CharField(max_length=1, blank=True)
    encoding = models.CharField(max_length=40, blank=True)
    # XLSX cells whose formula has no saved result: [line, column index] pairs.
    formula_cells = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict)
    # Values the admin chose for unknown sectors/functions: {field: {value key: code or ""}}.
    value_map = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UPLOADED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    error_rows = models.PositiveIntegerField(default=0)
    warning_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    failure = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))


class ImportIssue(models.Model):
    """One reason a row of an import is refused (error) or kept with a remark (warning)."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="issues")
    row = models.PositiveIntegerField()  # index in ``batch.rows``
    line = models.PositiveIntegerField()  # as the admin sees it in the file
    field = models.CharField(max_length=40, blank=True)
    code = models.CharField(max_length=40)
    value = models.CharField(max_length=200, blank=True)
    detail = models.CharField(max_length=40, blank=True)
    is_warning = models.BooleanField(default=False)

    class Meta:
        ordering = ["row", "pk"]
        indexes = [
            models.Index(fields=["batch", "is_warning", "row"]),
            models.Index(fields=["batch", "is_warning", "code"]),
        ]

    def __str__(self) -> str:
        return f"{self.line}: {self.code}"
