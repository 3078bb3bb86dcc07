"""Writes on surveys: default templates, answers (answering twice updates), re-match wishes.

A "not a good fit" answer after the first meeting raises a flag for the programme's managers —
the kind of concern, never what was written — and the mentee is offered a re-match.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core.errors import DomainError
from binome.mentorships.models import Flag
from binome.mentorships.services.flags import raise_flag
from binome.mentorships.states import LIVE_STATUSES
from binome.programmes.models import Programme
from binome.surveys.defaults import DEFAULTS, TITLES
from binome.surveys.models import (
    Answer,
    Moment,
    Question,
    QuestionKind,
    Role,
    SurveyResponse,
    SurveyTemplate,
)

NOT_A_GOOD_FIT = "not_good"


def install_default_templates(*, programme: Programme) -> list[SurveyTemplate]:
    """Give ``programme`` the default surveys of its kind, unless it already has surveys."""
    with transaction.atomic():
        Programme.objects.select_for_update().filter(pk=programme.pk).first()
        if SurveyTemplate.objects.filter(programme=programme).exists():
            return []
        created = []
        for moment, questions in DEFAULTS.get(programme.kind, {}).items():
            title_fr, title_en = TITLES[Moment(moment)]
            template = SurveyTemplate.objects.create(
                network_id=programme.network_id,
                programme=programme,
                moment=moment,
                title_fr=title_fr,
                title_en=title_en,
            )
            Question.objects.bulk_create(
                Question(
                    template=template,
                    position=position,
                    code=q.code,
                    kind=q.kind,
                    audience=q.audience,
                    visibility=q.visibility,
                    text_fr=q.fr,
                    text_en=q.en,
                    choices=[list(c) for c in q.choices],
                    is_required=q.required,
                )
                for position, q in enumerate(questions)
            )
            created.append(template)
    return created


def questions_for(response: SurveyResponse) -> list[Question]:
    """The questions of the version the survey was sent with that ask the respondent's role."""
    shown = response.template.questions_at(response.template_version)
    return [q for q in shown if q.asks(response.role)]


def save_answers(*, response: SurveyResponse, data: Mapping[str, Any]) -> SurveyResponse:
    """Record the answers (``data``: question code → cleaned value); a second answer updates."""
    with transaction.atomic():
        locked = SurveyResponse.objects.select_for_update().get(pk=response.pk)
        now = timezone.now()
        for question in questions_for(locked):
            _store(locked, question, data.get(question.code))
        locked.answered_at = locked.answered_at or now
        locked.updated_at = now
        locked.save(update_fields=["answered_at", "updated_at"])
        pair = locked.mentorship
        if pair and locked.moment == Moment.FIRST_MEETING and data.get("fit") == NOT_A_GOOD_FIT:
            raise_flag(mentorship=pair, kind=Flag.Kind.MISMATCH)
    return locked


def _store(response: SurveyResponse, question: Question, value: Any) -> None:
    fields: dict[str, Any] = {"number": None, "choice": "", "choices": [], "text": ""}
    if value in (None, "", []):
        Answer.objects.filter(response=response, question=question).delete()
        return
    if question.kind in (QuestionKind.SCALE, QuestionKind.NPS):
        fields["number"] = int(value)
    elif question.kind == QuestionKind.SINGLE:
        fields["choice"] = str(value)
    elif question.kind == QuestionKind.MULTIPLE:
        fields["choices"] = [str(v) for v in value]
    else:
        fields["text"] = str(value).strip()
    Answer.objects.update_or_create(response=response, question=question, defaults=fields)


def offers_rematch(response: SurveyResponse) -> bool:
    """The mentee said "not a good fit" after the first meeting, and the pair still runs."""
    return (
        response.role == Role.MENTEE
        and response.moment == Moment.FIRST_MEETING
        and response.mentorship is not None
        and response.mentorship.status in LIVE_STATUSES
        and Answer.objects.filter(
            response=response, question__code="fit", choice=NOT_A_GOOD_FIT
        ).exists()
    )


def ask_for_rematch(*, response: SurveyResponse) -> SurveyResponse:
    """The mentee asks for another mentor; the managers are told and act from the pair page."""
    if not offers_rematch(response):
        raise DomainError(
            _("A new match can be asked after a “not a good fit” answer."), code="state"
        )
    with transaction.atomic():
        locked = SurveyResponse.objects.select_for_update().get(pk=response.pk)
        if locked.rematch_asked_at is None and locked.mentorship is not None:
            locked.rematch_asked_at = timezone.now()
            locked.save(update_fields=["rematch_asked_at"])
            raise_flag(
                mentorship=locked.mentorship,
                kind=Flag.Kind.REMATCH_ASKED,
                raised_by=locked.respondent,
            )
    return locked
