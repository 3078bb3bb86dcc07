"""Writes of the survey template editor: a programme's team changes its own surveys.

Rules:
- answers never change meaning: a question shown by a survey already sent is never changed in
  place. The first change after a survey went out opens a new version of the template; the
  changed question is retired at that version and its successor (same code) starts there.
  Responses keep the version they were sent with (``SurveyResponse.template_version``), so an
  answer stays with the wording, kind, choices, audience and visibility it was given under;
- built-in questions (``defaults.BUILT_IN``: the key figures and the re-match offer read them)
  are never removed; their kind and the number and order of their choices stay, their
  answers are never made "pair only" (the key figures would lose them); their wording may
  change;
- one template per programme and moment; the moments follow the programme's kind;
- the order of questions is not versioned: moving one reorders every version's display.
Each write takes the template's row lock and leaves an audit row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from binome.core import audit
from binome.core.errors import DomainError
from binome.surveys.defaults import BUILT_IN
from binome.surveys.models import (
    MOMENTS_BY_KIND,
    Question,
    QuestionKind,
    SurveyResponse,
    SurveyTemplate,
    Visibility,
)

CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


@dataclass(frozen=True)
class QuestionData:
    kind: str
    text_fr: str
    text_en: str
    audience: str
    visibility: str
    is_required: bool
    choices: tuple[tuple[str, str], ...] = ()  # (French, English) labels, in order


def is_built_in(question: Question) -> bool:
    return question.code in BUILT_IN


def save_template_settings(
    *,
    template: SurveyTemplate,
    actor: object,
    title_fr: str,
    title_en: str,
    moment: str,
    delay_days: int,
    is_active: bool,
) -> SurveyTemplate:
    if moment not in MOMENTS_BY_KIND.get(template.programme.kind, ()):
        raise DomainError(_("Surveys of this programme cannot go at that moment."), code="moment")
    with transaction.atomic():
        locked = _lock(template)
        taken = (
            SurveyTemplate.objects.filter(programme_id=locked.programme_id, moment=moment)
            .exclude(pk=locked.pk)
            .exists()
        )
        if taken:
            raise DomainError(
                _("The programme already has a survey at that moment: change that one instead."),
                code="moment_taken",
            )
        locked.title_fr, locked.title_en = title_fr.strip(), title_en.strip()
        locked.moment, locked.delay_days, locked.is_active = moment, delay_days, is_active
        locked.updated_at = timezone.now()
        locked.save()
        _audit("survey.template.saved", actor, locked)
    return locked


def add_question(*, template: SurveyTemplate, actor: object, data: QuestionData) -> Question:
    _check_choices(data)
    with transaction.atomic():
        locked = _lock(template)
        version = _version_for_a_change(locked)
        current = list(locked.current_questions())
        question = Question.objects.create(
            template=locked,
            position=max((q.position for q in current), default=-1) + 1,
            code=_new_code(locked),
            since_version=version,
            **_fields(data, _choice_values(data, None)),
        )
        _audit("survey.question.added", actor, locked, question=question.code)
    return question


def change_question(
    *, template: SurveyTemplate, question: Question, actor: object, data: QuestionData
) -> Question:
    """Change ``question``; a question a sent survey shows is retired and replaced."""
    _check_choices(data)
    _check_built_in_change(question, data)
    fields = _fields(data, _choice_values(data, question))
    if all(getattr(question, name) == value for name, value in fields.items()):
        return question
    with transaction.atomic():
        locked = _lock(template)
        current = _current(locked, question)
        version = _version_for_a_change(locked)
        if _shown_by_a_sent_survey(current):
            current.until_version = version
            current.save(update_fields=["until_version"])
            changed = Question.objects.create(
                template=locked,
                position=current.position,
                code=current.code,
                since_version=version,
                **fields,
            )
        else:
            Question.objects.filter(pk=current.pk).update(**fields)
            changed = Question.objects.get(pk=current.pk)
        _audit("survey.question.changed", actor, locked, question=changed.code)
    return changed


def remove_question(*, template: SurveyTemplate, question: Question, actor: object) -> None:
    if is_built_in(question):
        raise DomainError(
            _("This question is built in: the key figures or the re-match offer read it."),
            code="built_in",
        )
    with transaction.atomic():
        locked = _lock(template)
        current = _current(locked, question)
        version = _version_for_a_change(locked)
        if _shown_by_a_sent_survey(current):
            current.until_version = version
            current.save(update_fields=["until_version"])
        else:
            current.delete()
        _audit("survey.question.removed", actor, locked, question=question.code)


def move_question(*, template: SurveyTemplate, question: Question, actor: object, up: bool) -> None:
    with transaction.atomic():
        locked = _lock(template)
        ordered = list(locked.current_questions().order_by("position", "pk"))
        index = next((i for i, q in enumerate(ordered) if q.pk == question.pk), None)
        if index is None:
            raise DomainError(_("This question is no longer in the survey."), code="gone")
        other = index - 1 if up else index + 1
        if not 0 <= other < len(ordered):
            raise DomainError(_("The question is already at that end."), code="at_end")
        ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, item in enumerate(ordered):
            if item.position != position:
                Question.objects.filter(pk=item.pk).update(position=position)
        _audit("survey.question.moved", actor, locked, question=question.code)


def _lock(template: SurveyTemplate) -> SurveyTemplate:
    return (
        SurveyTemplate.objects.select_for_update().select_related("programme").get(pk=template.pk)
    )


def _current(template: SurveyTemplate, question: Question) -> Question:
    found = template.current_questions().filter(pk=question.pk).first()
    if found is None:
        raise DomainError(_("This question is no longer in the survey."), code="gone")
    return found


def _version_for_a_change(template: SurveyTemplate) -> int:
    """The version a change goes into: a new one once surveys went out with the current one."""
    sent = SurveyResponse.objects.filter(template=template, template_version=template.version)
    if sent.exists():
        template.version += 1
    template.updated_at = timezone.now()
    template.save(update_fields=["version", "updated_at"])
    return template.version


def _shown_by_a_sent_survey(question: Question) -> bool:
    return SurveyResponse.objects.filter(
        template_id=question.template_id, template_version__gte=question.since_version
    ).exists()


def _check_choices(data: QuestionData) -> None:
    if data.kind in CHOICE_KINDS and len(data.choices) < 2:
        raise DomainError(_("Give at least two choices."), code="choices")


def _check_built_in_change(question: Question, data: QuestionData) -> None:
    if not is_built_in(question):
        return
    if data.kind != question.kind:
        raise DomainError(
            _("The kind of a built-in question stays: the key figures count its answers."),
            code="built_in",
        )
    if data.visibility == Visibility.PAIR:
        raise DomainError(
            _(
                "The answers to a built-in question are counted in the key figures: "
                "they cannot be for the pair only."
            ),
            code="built_in",
        )
    if len(data.choices) != len(question.choices):
        raise DomainError(
            _("The choices of a built-in question can be reworded, not added or removed."),
            code="built_in",
        )


def _choice_values(data: QuestionData, question: Question | None) -> list[list[str]]:
    """Each choice with its stored value: a built-in question keeps its values in order; any
    other reuses the value of an existing choice with the same French or English label."""
    if data.kind not in CHOICE_KINDS:
        return []
    earlier = [tuple(c) for c in question.choices] if question else []
    if question is not None and is_built_in(question):
        pairs = zip(earlier, data.choices, strict=True)
        return [[value, fr, en] for (value, _f, _e), (fr, en) in pairs]
    used: set[str] = set()
    result = []
    for number, (fr, en) in enumerate(data.choices, start=1):
        value = next(
            (v for v, f, e in earlier if v not in used and (f == fr or e == en)),
            "",
        )
        if not value:
            base = slugify(fr or en)[:30] or f"choice-{number}"
            value, suffix = base, 2
            while value in used or any(value == v for v, _f, _e in earlier):
                value, suffix = f"{base}-{suffix}", suffix + 1
        used.add(value)
        result.append([value, fr, en])
    return result


def _fields(data: QuestionData, choices: list[list[str]]) -> dict[str, Any]:
    return {
        "kind": data.kind,
        "text_fr": data.text_fr.strip(),
        "text_en": data.text_en.strip(),
        "audience": data.audience,
        "visibility": data.visibility,
        "is_required": data.is_required,
        "choices": choices,
    }


def _new_code(template: SurveyTemplate) -> str:
    taken = set(template.questions.values_list("code", flat=True))
    number = len(taken) + 1
    while f"question-{number}" in taken:
        number += 1
    return f"question-{number}"


def _audit(action: str, actor: object, template: SurveyTemplate, **detail: object) -> None:
    audit.record(
        action=action,
        actor=actor,
        network=template.network,
        target=template,
        version=template.version,
        **detail,
    )
