"""The survey page's form, built from the questions the respondent is asked."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from binome.surveys.models import Answer, Question, QuestionKind, Visibility

AUDIENCE_NOTE = {
    Visibility.STAFF: _("Read by the programme team."),
    Visibility.AGGREGATE: _("Counted in totals only; nobody reads your answer alone."),
    Visibility.PAIR: _("Only the other member of your pair reads it; never the programme team."),
}


class SurveyForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        questions: list[Question],
        answers: dict[int, Answer] | None = None,
        preset: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        answers = answers or {}
        for question in questions:
            field = _field(question)
            field.help_text = AUDIENCE_NOTE[Visibility(question.visibility)]
            field.initial = _initial(question, answers.get(question.pk))
            if question.code == "fit" and preset in dict(question.choice_labels()):
                field.initial = preset
            self.fields[question.code] = field


def _field(question: Question) -> forms.Field:
    required = question.is_required
    if question.kind == QuestionKind.SCALE:
        choices = [(str(n), str(n)) for n in range(1, 6)]
        return forms.TypedChoiceField(
            label=question.text,
            choices=choices,
            coerce=int,
            required=required,
            widget=forms.RadioSelect,
        )
    if question.kind == QuestionKind.NPS:
        choices = [(str(n), str(n)) for n in range(0, 11)]
        return forms.TypedChoiceField(
            label=question.text,
            choices=choices,
            coerce=int,
            required=required,
            widget=forms.RadioSelect,
        )
    if question.kind == QuestionKind.SINGLE:
        return forms.ChoiceField(
            label=question.text,
            choices=question.choice_labels(),
            required=required,
            widget=forms.RadioSelect,
        )
    if question.kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            label=question.text,
            choices=question.choice_labels(),
            required=required,
            widget=forms.CheckboxSelectMultiple,
        )
    return forms.CharField(
        label=question.text,
        required=required,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _initial(question: Question, answer: Answer | None) -> Any:
    if answer is None:
        return None
    if question.kind in (QuestionKind.SCALE, QuestionKind.NPS):
        return None if answer.number is None else str(answer.number)
    if question.kind == QuestionKind.SINGLE:
        return answer.choice
    if question.kind == QuestionKind.MULTIPLE:
        return answer.choices
    return answer.text
