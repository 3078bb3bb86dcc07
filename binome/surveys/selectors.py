"""Reads on surveys. Staff read individual answers only of questions meant for them (``staff``
visibility), each read audited; ``aggregate`` questions are read as totals only, and ``pair``
questions never leave the pair."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from binome.core import audit
from binome.core.access import Access
from binome.members.models import Member
from binome.mentorships.models import Mentorship
from binome.programmes.models import Programme
from binome.surveys.models import Answer, QuestionKind, SurveyResponse, Visibility, Wave


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
