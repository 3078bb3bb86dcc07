"""Reads on surveys. Staff read individual answers only of questions meant for them (``staff``
visibility), each read audited; ``aggregate`` questions are read as totals only, and ``pair``
questions never leave the pair."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from binome.core import audit
from binome.core.access import Access
from binome.members.models import Member
from binome.mentorships.models import Mentorship
from binome.programmes.models import Programme
from binome.surveys.models import (
    Answer,
    Question,
    QuestionKind,
    SurveyResponse,
    SurveyTemplate,
    Visibility,
    Wave,
)


@dataclass(frozen=True)
class WaveRate:
    wave: Wave
    sent: int
    answered: int

    @property
    def rate(self) -> int:
        return round(100 * self.answered / self.sent) if self.sent else 0


def wave_rates(programme: Programme, *, limit: int = 12) -> list[WaveRate]:
    waves = (
        Wave.objects.filter(programme=programme)
        .annotate(
            sent=Count("responses"),
            answered=Count("responses", filter=Q(responses__answered_at__isnull=False)),
        )
        .order_by("-opened_on", "moment")[:limit]
    )
    return [WaveRate(wave=w, sent=w.sent, answered=w.answered) for w in waves]


@dataclass(frozen=True)
class ReadAnswer:
    question: str
    value: str


@dataclass(frozen=True)
class ReadResponse:
    response: SurveyResponse
    answers: list[ReadAnswer]


def display(answer: Answer) -> str:
    question = answer.question
    if question.kind in (QuestionKind.SCALE, QuestionKind.NPS):
        return "" if answer.number is None else str(answer.number)
    labels = dict(question.choice_labels())
    if question.kind == QuestionKind.SINGLE:
        return labels.get(answer.choice, answer.choice)
    if question.kind == QuestionKind.MULTIPLE:
        return ", ".join(labels.get(c, c) for c in answer.choices)
    return answer.text


def answers_for_staff(access: Access, pair: Mentorship) -> list[ReadResponse]:
    """The pair's answers meant for the programme team, one by one; the read is audited."""
    responses = list(
        SurveyResponse.objects.filter(mentorship=pair, answered_at__isnull=False)
        .select_related("respondent", "template")
        .order_by("sent_at", "role")
    )
    answers = (
        Answer.objects.filter(response__in=responses, question__visibility=Visibility.STAFF)
        .select_related("question")
        .order_by("question__position")
    )
    by_response: dict[int, list[ReadAnswer]] = {r.pk: [] for r in responses}
    for answer in answers:
        by_response[answer.response_id].append(
            ReadAnswer(question=answer.question.text, value=display(answer))
        )
    audit.record(
        action="survey.answers.read",
        actor=access.member.user,
        network=access.network,
        target=pair,
        responses=[r.pk for r in responses],
    )
    return [ReadResponse(response=r, answers=by_response[r.pk]) for r in responses]


def words_for(pair: Mentorship, reader: Member) -> list[ReadAnswer]:
    """What the other member of the pair wrote for ``reader`` (``pair`` visibility)."""
    answers = (
        Answer.objects.filter(
            response__mentorship=pair,
            question__visibility=Visibility.PAIR,
            question__kind=QuestionKind.TEXT,
        )
        .exclude(response__respondent=reader)
        .exclude(text="")
        .select_related("question", "response__template")
        .order_by("response__sent_at")
    )
    return [ReadAnswer(question=a.response.template.title, value=a.text) for a in answers]


# -- The template editor: the programme's managers and the network's admins.


def programme_for_editor(access: Access, programme_id: int) -> Programme:
    programme = get_object_or_404(Programme.objects.for_network(access.network), pk=programme_id)
    if not access.manages(programme):
        raise Http404
    return programme


def template_for_editor(access: Access, template_id: int) -> SurveyTemplate:
    template = get_object_or_404(
        SurveyTemplate.objects.select_related("programme", "network"),
        network=access.network,
        pk=template_id,
    )
    if not access.manages(template.programme):
        raise Http404
    return template


def current_question(template: SurveyTemplate, question_id: int) -> Question:
    """A question of the template's current version (retired ones are history, not edited)."""
    return get_object_or_404(template.current_questions(), pk=question_id)


@dataclass(frozen=True)
class TemplateSummary:
    template: SurveyTemplate
    questions: int
    sent: int
    answered: int


def templates_of(programme: Programme) -> list[TemplateSummary]:
    """The programme's surveys with their current questions and the surveys sent (3 queries)."""
    templates = list(
        SurveyTemplate.objects.filter(programme=programme).annotate(
            n=Count("questions", filter=Q(questions__until_version__isnull=True))
        )
    )
    counts = {
        template_id: (sent, answered)
        for template_id, sent, answered in SurveyResponse.objects.filter(programme=programme)
        .values("template_id")
        .annotate(sent=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)))
        .values_list("template_id", "sent", "answered")
    }
    return [TemplateSummary(t, t.n, *counts.get(t.pk, (0, 0))) for t in templates]


def sent_with_earlier_versions(template: SurveyTemplate) -> int:
    return SurveyResponse.objects.filter(
        template=template, template_version__lt=template.version
    ).count()
