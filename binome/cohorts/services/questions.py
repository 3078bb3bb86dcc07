"""The cohort's own questions per role: written by a manager before anyone of that role has
applied, answered by applicants, shown at screening and exported with the proposal.

Rules kept here:
- a role's questions change only while the cohort is open and nobody of that role has applied
  yet (answers are kept by question and choice position: changing them afterwards would change
  what people answered);
- single and multiple choices have from 2 to ``MAX_CHOICES`` choices, each in French (English
  falls back to French); a scale runs from 0 or 1 to at most 10;
- an answer is checked against its question (a known choice, within the scale, words within
  ``MAX_TEXT``); a required question needs one.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from binome.cohorts.models import Application, Cohort, Question
from binome.cohorts.services.transitions import locked
from binome.cohorts.states import CohortStatus
from binome.core import audit
from binome.core.errors import DomainError

MAX_CHOICES = 12
MAX_TEXT = 2000
MAX_QUESTIONS = 20
FIELDS = ("role", "kind", "label_fr", "label_en", "choices", "scale_min", "scale_max", "required")


def can_edit(cohort: Cohort, role: str) -> bool:
    return (
        cohort.status == CohortStatus.OPEN
        and not Application.objects.filter(cohort=cohort, role=role).exists()
    )


def save_question(
    *, cohort: Cohort, actor: Any, data: dict[str, Any], question: Question | None = None
) -> Question:
    _check(data)
    with transaction.atomic():
        cohort = locked(cohort)
        roles = {data["role"]} | ({question.role} if question is not None else set())
        if not all(can_edit(cohort, role) for role in roles):
            raise DomainError(
                _("Members of this role have already applied: its questions can no longer change."),
                code="answered",
            )
        if question is None:
            if cohort.questions.count() >= MAX_QUESTIONS:
                raise DomainError(
                    _("At most %(count)s questions.") % {"count": MAX_QUESTIONS}, code="too_many"
                )
            last = cohort.questions.filter(role=data["role"]).aggregate(n=Max("position"))["n"]
            question = Question(network=cohort.network, cohort=cohort, position=(last or 0) + 1)
        for name in FIELDS:
            setattr(question, name, data[name])
        if question.kind not in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            question.choices = []
        question.save()
        audit.record(action="cohort.question", actor=actor, network=cohort.network, target=question)
    return question


def delete_question(*, question: Question, actor: Any) -> None:
    with transaction.atomic():
        cohort = locked(question.cohort)
        if not can_edit(cohort, question.role):
            raise DomainError(
                _("Members of this role have already applied: its questions can no longer change."),
                code="answered",
            )
        audit.record(
            action="cohort.question_delete", actor=actor, network=cohort.network, target=question
        )
        question.delete()


def _check(data: dict[str, Any]) -> None:
    if data["kind"] not in Question.Kind.values:
        raise DomainError(_("Choose a kind of answer."), code="kind")
    if not data["label_fr"].strip():
        raise DomainError(_("Write the question in French."), code="label")
    if data["kind"] in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        choices = data["choices"]
        if not 2 <= len(choices) <= MAX_CHOICES or not all(c.get("fr") for c in choices):
            raise DomainError(
                _("Give from 2 to %(count)s choices, one a line.") % {"count": MAX_CHOICES},
                code="choices",
            )
    if data["kind"] == Question.Kind.SCALE and not (
        data["scale_min"] in (0, 1) and data["scale_min"] < data["scale_max"] <= 10
    ):
        raise DomainError(_("A scale runs from 0 or 1 up to at most 10."), code="scale")


def checked_answers(cohort: Cohort, role: str, answers: dict[str, Any]) -> dict[str, Any]:
    """The answers to the role's questions, checked (others dropped); raises on a bad one."""
    kept: dict[str, Any] = {}
    for question in cohort.questions.filter(role=role):
        value = answers.get(str(question.pk))
        if value in (None, "", []):
            if question.required:
                raise DomainError(
                    _("Answer: %(question)s") % {"question": question.label}, code="answers"
                )
            continue
        kept[str(question.pk)] = _checked(question, value)
    return kept


def _checked(question: Question, value: Any) -> Any:
    wrong = DomainError(_("Unknown answer to: %(question)s") % {"question": question.label})
    try:
        if question.kind == Question.Kind.SINGLE:
            index = int(value)
            if not 0 <= index < len(question.choices):
                raise wrong
            return index
        if question.kind == Question.Kind.MULTIPLE:
            indexes = sorted({int(v) for v in value})
            if not all(0 <= i < len(question.choices) for i in indexes):
                raise wrong
            return indexes
        if question.kind == Question.Kind.SCALE:
            number = int(value)
            if not question.scale_min <= number <= question.scale_max:
                raise wrong
            return number
    except (TypeError, ValueError):
        raise wrong from None
    text = str(value).strip()
    if len(text) > MAX_TEXT:
        raise wrong
    return text
