"""Surveys of the pairs: templates of questions per programme and moment, the responses each
member owes, and their answers.

Confidentiality: each question says who may read its answers — the programme team one by one
(``staff``, every read audited), the programme team as aggregates only (``aggregate``), or the
pair only (``pair``: never on a staff page, an export or the admin).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from binome.core.models import Network
from binome.members.models import Member
from binome.programmes.models import Programme


class Moment(models.TextChoices):
    FIRST_MEETING = "first_meeting", _("After the first meeting")
    MID_TERM = "mid_term", _("Mid-term")
    END = "end", _("End of the mentorship")
    FLASH = "flash", _("Some days after a flash exchange")


# The moments a programme of each kind can survey (flash exchanges are not pairs).
MOMENTS_BY_KIND: dict[str, tuple[str, ...]] = {
    "on_demand": (Moment.FIRST_MEETING, Moment.MID_TERM, Moment.END),
    "cohort": (Moment.FIRST_MEETING, Moment.MID_TERM, Moment.END),
    "flash": (Moment.FLASH,),
    "speed": (Moment.END,),
}


class Role(models.TextChoices):
    MENTEE = "mentee", _("Mentee")
    MENTOR = "mentor", _("Mentor")


class Audience(models.TextChoices):
    MENTEE = "mentee", _("Mentees")
    MENTOR = "mentor", _("Mentors")
    BOTH = "both", _("Both")


class Visibility(models.TextChoices):
    STAFF = "staff", _("The programme team, answer by answer")
    AGGREGATE = "aggregate", _("The programme team, as totals only")
    PAIR = "pair", _("The pair only")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale from 1 to 5")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    TEXT = "text", _("Free text")
    NPS = "nps", _("Recommendation from 0 to 10")


def _in_language(fr: str, en: str) -> str:
    return en if get_language() == "en" and en else fr


class SurveyTemplate(models.Model):
    """The questions a programme asks at one moment of its pairs' life.

    Versioned: surveys are sent with the template's current ``version``, and a response keeps
    the version it was sent with. A question that a sent survey shows is never changed in
    place: an edit retires it (``until_version``) and adds its successor (``since_version``), so
    answers keep the wording, kind, choices and audience they were given under.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="survey_templates"
    )
    moment = models.CharField(_("moment"), max_length=20, choices=Moment.choices)
    title_fr = models.CharField(_("title in French"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200)
    is_active = models.BooleanField(_("sent"), default=True)
    # Flash exchanges: the survey goes this many days after an exchange that took place.
    delay_days = models.PositiveSmallIntegerField(_("days after the exchange"), default=2)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["programme", "moment"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "moment"], name="one_template_per_moment")
        ]

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.moment}"

    @property
    def title(self) -> str:
        return _in_language(self.title_fr, self.title_en)

    def questions_at(self, version: int) -> models.QuerySet[Question]:
        """The questions surveys of ``version`` show, in order."""
        return self.questions.filter(since_version__lte=version).filter(
            models.Q(until_version__isnull=True) | models.Q(until_version__gt=version)
        )

    def current_questions(self) -> models.QuerySet[Question]:
        return self.questions.filter(until_version__isnull=True)


class Question(models.Model):
    template = models.ForeignKey(SurveyTemplate, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    # Stable name of the question: the built-in impact measures are read by their code.
    code = models.SlugField(max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    audience = models.CharField(
        _("who answers"), max_length=10, choices=Audience.choices, default=Audience.BOTH
    )
    visibility = models.CharField(
        _("who reads the answers"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.AGGREGATE,
    )
    text_fr = models.CharField(_("question in French"), max_length=300)
    text_en = models.CharField(_("question in English"), max_length=300)
    # [[value, French label, English label], …] for the choice kinds.
    choices = models.JSONField(default=list, blank=True)
    is_required = models.BooleanField(_("required"), default=False)
    # The template versions that show it: from ``since_version`` to before ``until_version``.
    since_version = models.PositiveIntegerField(default=1, editable=False)
    until_version = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["template", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "code"],
                condition=models.Q(until_version__isnull=True),
                name="question_code_once",
            )
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def text(self) -> str:
        return _in_language(self.text_fr, self.text_en)

    def choice_labels(self) -> list[tuple[str, str]]:
        return [(value, _in_language(fr, en)) for value, fr, en in self.choices]

    def asks(self, role: str) -> bool:
        return self.audience in (Audience.BOTH, role)


class Wave(models.Model):
    """The surveys of one programme and moment sent on one day (for response rates)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    moment = models.CharField(max_length=20, choices=Moment.choices)
    opened_on = models.DateField()

    class Meta:
        ordering = ["-opened_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "moment", "opened_on"], name="one_wave_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.moment} {self.opened_on}"


class SurveyResponse(models.Model):
    """The survey one member of a pair owes at one moment; answering twice updates it."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    template = models.ForeignKey(SurveyTemplate, on_delete=models.CASCADE, related_name="+")
    # What the survey is about: a pair, or a flash exchange (exactly one of them).
    mentorship = models.ForeignKey(
        "mentorships.Mentorship",
        on_delete=models.CASCADE,
        related_name="survey_responses",
        null=True,
        blank=True,
    )
    flash_exchange = models.ForeignKey(
        "flash.FlashExchange",
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    respondent = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=10, choices=Role.choices)
    moment = models.CharField(max_length=20, choices=Moment.choices)
    template_version = models.PositiveIntegerField(default=1)
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    rematch_asked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "respondent", "moment"], name="one_response_per_moment"
            ),
            models.UniqueConstraint(
                fields=["flash_exchange", "respondent"],
                condition=models.Q(flash_exchange__isnull=False),
                name="one_response_per_flash_exchange",
            ),
            models.CheckConstraint(
                condition=models.Q(mentorship__isnull=True) ^ models.Q(flash_exchange__isnull=True),
                name="survey_about_a_pair_or_a_flash_exchange",
            ),
        ]
        indexes = [
            models.Index(fields=["programme", "moment", "sent_at"]),
            models.Index(fields=["answered_at", "reminded_at", "sent_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.moment} survey of {self.respondent_id}"


class Answer(models.Model):
    """One answer; which field holds it depends on the question's kind."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    number = models.SmallIntegerField(null=True, blank=True)  # scale, NPS
    choice = models.CharField(max_length=40, blank=True)  # one choice
    choices = models.JSONField(default=list, blank=True)  # several choices
    text = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="answer_once")]

    def __str__(self) -> str:
        return f"Answer {self.pk}"
