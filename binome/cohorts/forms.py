from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from binome.cohorts import options
from binome.cohorts.models import Application, Cohort, Mode, Question, Role
from binome.cohorts.states import SCREENING_DECISIONS, ApplicationStatus
from binome.intake.models import Style
from binome.members import taxonomy
from binome.members.models import Format
from binome.programmes.models import Programme, Theme

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CohortForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, help_text=_("For example: 2026–2027."))
    mentors_open_on = forms.DateField(label=_("Mentors apply from"), widget=DATE)
    mentors_close_on = forms.DateField(label=_("Mentors apply until"), widget=DATE)
    mentees_open_on = forms.DateField(label=_("Mentees apply from"), widget=DATE)
    mentees_close_on = forms.DateField(label=_("Mentees apply until"), widget=DATE)
    styles = forms.MultipleChoiceField(
        label=_("Styles offered"), choices=Style.choices, widget=forms.CheckboxSelectMultiple
    )
    formats = forms.MultipleChoiceField(
        label=_("Meeting formats"), choices=Format.choices, widget=forms.CheckboxSelectMultiple
    )
    duration_months = forms.IntegerField(
        label=_("Length in months"), min_value=1, max_value=36, initial=10
    )
    max_capacity = forms.IntegerField(
        label=_("Most mentees a mentor may take"),
        min_value=1,
        max_value=10,
        initial=3,
        help_text=_("Mentors answer how many mentees they can take, from 1 to this number."),
    )


class ApplicationForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    style = forms.ChoiceField(label=_("Kind of mentor"), widget=forms.RadioSelect)
    capacity = forms.IntegerField(label=_("How many mentees can you take?"), min_value=1)
    formats = forms.MultipleChoiceField(
        label=_("Meeting formats"), widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you can speak"), widget=forms.CheckboxSelectMultiple
    )
    target_sector = forms.ChoiceField(label=_("Sector you want to work in"), required=False)
    target_function = forms.ChoiceField(label=_("Job you are aiming for"), required=False)
    target_country = forms.ChoiceField(label=_("Country you want to work in"), required=False)
    target_city = forms.CharField(label=_("City"), max_length=120, required=False)
    text = forms.CharField(widget=forms.Textarea, max_length=4000)
    availability = forms.CharField(
        label=_("Availability"),
        max_length=300,
        required=False,
        help_text=_("For example: evenings, Friday afternoons."),
    )

    def __init__(self, *args: Any, cohort: Cohort, role: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = application_themes(cohort.programme)  # type: ignore[attr-defined]
        self.questions = list(cohort.questions.filter(role=role))
        for question in self.questions:
            self.fields[f"q_{question.pk}"] = question_field(question)
        formats = dict(Format.choices)
        self.fields["formats"].choices = [(f, formats[f]) for f in cohort.formats if f in formats]  # type: ignore[attr-defined]
        self.fields["languages"].choices = taxonomy.language_choices()  # type: ignore[attr-defined]
        if role == Role.MENTOR:
            for name in (
                "style",
                "target_sector",
                "target_function",
                "target_country",
                "target_city",
            ):
                del self.fields[name]
            self.fields["capacity"].max_value = cohort.max_capacity  # type: ignore[attr-defined]
            self.fields["capacity"].widget.attrs["max"] = cohort.max_capacity
            self.fields["text"].label = _("What you can offer, in your own words")
            return
        del self.fields["capacity"]
        styles = dict(Style.choices)
        self.fields["style"].choices = [(s, styles[s]) for s in cohort.styles if s in styles]  # type: ignore[attr-defined]
        same = [("", _("The same as now"))]
        self.fields["target_sector"].choices = same + taxonomy.sector_choices()  # type: ignore[attr-defined]
        self.fields["target_function"].choices = same + taxonomy.function_choices()  # type: ignore[attr-defined]
        self.fields["target_country"].choices = same + taxonomy.country_choices()  # type: ignore[attr-defined]
        self.fields["text"].label = _("What you are looking for, in your own words")

    def answers(self) -> dict[str, Any]:
        """The answers to the cohort's questions, keyed by question id."""
        found: dict[str, Any] = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q_{question.pk}")
            if value not in (None, "", []):
                found[str(question.pk)] = value
        return found


def question_field(question: Question) -> forms.Field:
    label, required = question.label, question.required
    if question.kind == Question.Kind.SINGLE:
        choices = list(enumerate(question.choice_labels()))
        return forms.TypedChoiceField(
            label=label, choices=choices, coerce=int, required=required, widget=forms.RadioSelect
        )
    if question.kind == Question.Kind.MULTIPLE:
        return forms.TypedMultipleChoiceField(
            label=label,
            choices=list(enumerate(question.choice_labels())),
            coerce=int,
            required=required,
            widget=forms.CheckboxSelectMultiple,
        )
    if question.kind == Question.Kind.SCALE:
        numbers = [(n, str(n)) for n in range(question.scale_min, question.scale_max + 1)]
        return forms.TypedChoiceField(
            label=label,
            choices=numbers,
            coerce=int,
            required=required,
            widget=forms.RadioSelect(attrs={"class": "scale"}),
            help_text=_("From %(low)s (least) to %(high)s (most).")
            % {"low": question.scale_min, "high": question.scale_max},
        )
    return forms.CharField(
        label=label, required=required, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class QuestionForm(forms.Form):
    role = forms.ChoiceField(label=_("Asked to"), choices=Role.choices, widget=forms.RadioSelect)
    kind = forms.ChoiceField(
        label=_("Kind of answer"), choices=Question.Kind.choices, widget=forms.RadioSelect
    )
    label_fr = forms.CharField(label=_("Question in French"), max_length=300)
    label_en = forms.CharField(
        label=_("Question in English"),
        max_length=300,
        required=False,
        help_text=_("Left blank: the French question is shown."),
    )
    choices_fr = forms.CharField(
        label=_("Choices in French, one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For one choice or several choices."),
    )
    choices_en = forms.CharField(
        label=_("Choices in English, one a line, in the same order"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    scale_min = forms.IntegerField(
        label=_("Scale from"), min_value=0, max_value=1, initial=1, required=False
    )
    scale_max = forms.IntegerField(
        label=_("Scale to"), min_value=2, max_value=10, initial=5, required=False
    )
    required = forms.BooleanField(label=_("An answer is needed"), required=False, initial=True)

    @staticmethod
    def initial_of(question: Question) -> dict[str, Any]:
        return {
            "role": question.role,
            "kind": question.kind,
            "label_fr": question.label_fr,
            "label_en": question.label_en,
            "choices_fr": "\n".join(c.get("fr", "") for c in question.choices),
            "choices_en": "\n".join(c.get("en", "") for c in question.choices),
            "scale_min": question.scale_min,
            "scale_max": question.scale_max,
            "required": question.required,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        french = [line.strip() for line in (data.get("choices_fr") or "").splitlines()]
        english = [line.strip() for line in (data.get("choices_en") or "").splitlines()]
        french = [line for line in french if line]
        english = [line for line in english if line]
        if english and len(english) != len(french):
            self.add_error("choices_en", _("As many choices in English as in French."))
        data["choices"] = [
            {"fr": fr, "en": english[i] if i < len(english) else ""} for i, fr in enumerate(french)
        ]
        return data

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "role": data["role"],
            "kind": data["kind"],
            "label_fr": data["label_fr"].strip(),
            "label_en": (data.get("label_en") or "").strip() or data["label_fr"].strip(),
            "choices": data["choices"],
            "scale_min": data.get("scale_min") if data.get("scale_min") is not None else 1,
            "scale_max": data.get("scale_max") or 5,
            "required": bool(data.get("required")),
        }


class ScreenForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(d, ApplicationStatus(d).label) for d in SCREENING_DECISIONS],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("Sent to the person; needed for a refusal."),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why (optional)"), max_length=200, required=False)


class LaunchForm(forms.Form):
    """A run's options: the objective, and (with ``cohort``) each criterion's weight and the
    theme quotas. Weights left out take the programme's defaults; quotas left blank are none."""

    mode = forms.ChoiceField(
        label=_("Objective"), choices=Mode.choices, initial=Mode.OPTIMAL, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, cohort: Cohort | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cohort = cohort
        self.themes: list[Theme] = []
        # The options page sends "options"; the cohort page's quick form only the objective
        # (its rules are then the programme's defaults, not unticked boxes).
        self.full = "options" in self.data
        if cohort is None:
            return
        rules = options.default_rules(cohort)
        for name, label in options.RULES.items():
            self.fields[f"rule_{name}"] = forms.BooleanField(
                label=label, required=False, initial=rules[name]
            )
        defaults = options.default_weights(cohort)
        for name, label in options.CRITERIA.items():
            self.fields[f"weight_{name}"] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=options.MAX_WEIGHT,
                required=False,
                initial=round(defaults[name]),
                widget=forms.NumberInput(attrs={"step": 1}),
            )
        self.themes = list(application_themes(cohort.programme))
        for theme in self.themes:
            for bound in ("min", "max"):
                self.fields[f"quota_{bound}_{theme.pk}"] = forms.IntegerField(
                    label=theme.label, min_value=0, max_value=100_000, required=False
                )

    def rule_fields(self) -> list[forms.BoundField]:
        return [self[f"rule_{name}"] for name in options.RULES if f"rule_{name}" in self.fields]

    def rules(self) -> dict[str, bool] | None:
        """The hard rules chosen (the programme's defaults from the quick form)."""
        if self.cohort is None:
            return None
        chosen = options.default_rules(self.cohort)
        if self.full:
            for name in options.RULES:
                chosen[name] = bool(self.cleaned_data.get(f"rule_{name}"))
        return chosen

    def weight_fields(self) -> list[forms.BoundField]:
        return [
            self[f"weight_{name}"] for name in options.CRITERIA if f"weight_{name}" in self.fields
        ]

    def quota_rows(self) -> list[tuple[Theme, forms.BoundField, forms.BoundField]]:
        return [
            (theme, self[f"quota_min_{theme.pk}"], self[f"quota_max_{theme.pk}"])
            for theme in self.themes
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for theme in self.themes:
            low, high = data.get(f"quota_min_{theme.pk}"), data.get(f"quota_max_{theme.pk}")
            if low is not None and high is not None and low > high:
                self.add_error(f"quota_max_{theme.pk}", _("The maximum is below the minimum."))
        return data

    def weights(self) -> dict[str, float] | None:
        """The weights chosen (the programme's defaults for blanks); None without a cohort."""
        if self.cohort is None:
            return None
        chosen = options.default_weights(self.cohort)
        for name in options.CRITERIA:
            value = self.cleaned_data.get(f"weight_{name}")
            if value is not None:
                chosen[name] = float(value)
        return chosen

    def quotas(self) -> list[dict[str, Any]]:
        rows = []
        for theme in self.themes:
            low = self.cleaned_data.get(f"quota_min_{theme.pk}")
            high = self.cleaned_data.get(f"quota_max_{theme.pk}")
            if low is None and high is None:
                continue
            rows.append({"theme": theme.code, "minimum": low or 0, "maximum": high})
        return rows


def application_themes(programme: Programme) -> Any:
    """The themes applicants choose from: the programme's, else all the network's."""
    themes = programme.themes.filter(is_active=True)
    if not themes.exists():
        themes = Theme.objects.for_network(programme.network).filter(is_active=True)
    return themes


class PinForm(forms.Form):
    """Keep a mentee with a mentor (or, with no mentor, remove the mentee's pin)."""

    mentee = forms.ModelChoiceField(queryset=Application.objects.none(), widget=forms.HiddenInput)
    mentor = forms.ModelChoiceField(
        label=_("Mentor"), queryset=Application.objects.none(), required=False
    )

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        accepted = Application.objects.filter(cohort=cohort, status=ApplicationStatus.ACCEPTED)
        self.fields["mentee"].queryset = accepted.filter(role=Role.MENTEE).select_related("member")  # type: ignore[attr-defined]
        mentors = (
            accepted.filter(role=Role.MENTOR)
            .select_related("member")
            .order_by("member__last_name", "member__first_name")
        )
        self.fields["mentor"].queryset = mentors  # type: ignore[attr-defined]
        self.fields["mentor"].label_from_instance = lambda a: a.member.full_name  # type: ignore[attr-defined]


class ForbidForm(forms.Form):
    mentee = forms.ModelChoiceField(queryset=Application.objects.none(), widget=forms.HiddenInput)
    mentor = forms.ModelChoiceField(queryset=Application.objects.none(), widget=forms.HiddenInput)
    allow = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        accepted = Application.objects.filter(
            cohort=cohort, status=ApplicationStatus.ACCEPTED
        ).select_related("member")
        self.fields["mentee"].queryset = accepted.filter(role=Role.MENTEE)  # type: ignore[attr-defined]
        self.fields["mentor"].queryset = accepted.filter(role=Role.MENTOR)  # type: ignore[attr-defined]


class RematchForm(forms.Form):
    mentor = forms.ModelChoiceField(
        label=_("Mentor"), queryset=Application.objects.none(), widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = Application.objects.filter(  # type: ignore[attr-defined]
            cohort=cohort,
            role=Role.MENTOR,
            status__in=[ApplicationStatus.ACCEPTED, ApplicationStatus.MATCHED],
        ).select_related("member")
        self.fields["mentor"].label_from_instance = lambda a: a.member.full_name  # type: ignore[attr-defined]
