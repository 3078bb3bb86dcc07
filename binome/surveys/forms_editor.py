"""Forms of the survey template editor (a programme's team)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from binome.surveys.editing import CHOICE_KINDS, QuestionData, is_built_in
from binome.surveys.models import (
    MOMENTS_BY_KIND,
    Audience,
    Moment,
    Question,
    QuestionKind,
    SurveyTemplate,
    Visibility,
)


class TemplateForm(forms.Form):
    title_fr = forms.CharField(label=_("Title in French"), max_length=200)
    title_en = forms.CharField(label=_("Title in English"), max_length=200)
    moment = forms.ChoiceField(label=_("When it is sent"))
    delay_days = forms.IntegerField(
        label=_("Days after the exchange"),
        min_value=0,
        max_value=60,
        help_text=_("For surveys after a flash exchange that took place."),
    )
    is_active = forms.BooleanField(label=_("Send this survey"), required=False)

    def __init__(self, *args: Any, template: SurveyTemplate, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "title_fr": template.title_fr,
                "title_en": template.title_en,
                "moment": template.moment,
                "delay_days": template.delay_days,
                "is_active": template.is_active,
            },
        )
        super().__init__(*args, **kwargs)
        allowed = MOMENTS_BY_KIND.get(template.programme.kind, (template.moment,))
        moment = cast(forms.ChoiceField, self.fields["moment"])
        moment.choices = [(m, Moment(m).label) for m in allowed]
        if Moment.FLASH not in allowed:
            self.fields["delay_days"].widget = forms.HiddenInput()


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    text_fr = forms.CharField(label=_("Question in French"), max_length=300)
    text_en = forms.CharField(label=_("Question in English"), max_length=300)
    choices = forms.CharField(
        label=_("Choices, one a line: French | English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For “one choice” and “several choices” questions, e.g. “Oui | Yes”."),
    )
    audience = forms.ChoiceField(
        label=_("Who answers"), choices=Audience.choices, initial=Audience.BOTH
    )
    visibility = forms.ChoiceField(
        label=_("Who reads the answers"), choices=Visibility.choices, initial=Visibility.AGGREGATE
    )
    is_required = forms.BooleanField(label=_("An answer is required"), required=False)

    def __init__(self, *args: Any, question: Question | None = None, **kwargs: Any) -> None:
        if question is not None:
            kwargs.setdefault(
                "initial",
                {
                    "kind": question.kind,
                    "text_fr": question.text_fr,
                    "text_en": question.text_en,
                    "choices": "\n".join(f"{fr} | {en}" for _v, fr, en in question.choices),
                    "audience": question.audience,
                    "visibility": question.visibility,
                    "is_required": question.is_required,
                },
            )
        super().__init__(*args, **kwargs)
        if question is not None and is_built_in(question):
            self.fields["kind"].disabled = True
            self.fields["kind"].help_text = _("Built in: its kind stays.")
            visibility = cast(forms.ChoiceField, self.fields["visibility"])
            visibility.choices = [c for c in Visibility.choices if c[0] != Visibility.PAIR]
            if question.kind not in CHOICE_KINDS:
                del self.fields["choices"]  # its kind stays: it never has choices

    def clean_choices(self) -> tuple[tuple[str, str], ...]:
        lines = [line.strip() for line in self.cleaned_data["choices"].splitlines()]
        parsed = []
        for line in filter(None, lines):
            fr, _bar, en = (part.strip() for part in line.partition("|"))
            if not fr or not en:
                raise forms.ValidationError(
                    _("Write each choice in French and in English: “Oui | Yes”.")
                )
            parsed.append((fr[:120], en[:120]))
        return tuple(parsed)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") in CHOICE_KINDS and len(data.get("choices") or ()) < 2:
            self.add_error("choices", _("Give at least two choices."))
        if data.get("kind") not in CHOICE_KINDS:
            data["choices"] = ()
        return data

    def question_data(self) -> QuestionData:
        data = self.cleaned_data
        return QuestionData(
            kind=data["kind"],
            text_fr=data["text_fr"],
            text_en=data["text_en"],
            audience=data["audience"],
            visibility=data["visibility"],
            is_required=data["is_required"],
            choices=data.get("choices", ()),
        )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])
