from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from binome.cohorts.models import Cohort
from binome.members import taxonomy
from binome.members.models import Format
from binome.programmes.models import Programme, Theme


class AskForm(forms.Form):
    message = forms.CharField(
        label=_("Your message to the mentor"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_("Who you are, why this mentor, what you hope from a first conversation."),
    )


class PolicyForm(forms.Form):
    is_open = forms.BooleanField(label=_("Members may ask a mentor directly"), required=False)
    needs_approval = forms.BooleanField(
        label=_("A manager approves each direct request before the mentor sees it"),
        required=False,
    )
    per_member_per_month = forms.IntegerField(
        label=_("Direct requests a member may send per month"), min_value=1, max_value=20
    )
    per_mentor_per_month = forms.IntegerField(
        label=_("Direct requests a mentor may receive per month"), min_value=1, max_value=20
    )


class RefuseForm(forms.Form):
    message = forms.CharField(
        label=_("Why (sent to the member)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


# -- Flash mentoring


def _themes_field(label: Any) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class _ProgrammeThemes(forms.Form):
    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        themes = programme.themes.filter(is_active=True)
        if not themes.exists():
            themes = Theme.objects.for_network(programme.network).filter(is_active=True)
        self.fields["themes"].queryset = themes  # type: ignore[attr-defined]
        if "language" in self.fields:
            self.fields["language"].choices = taxonomy.language_choices()  # type: ignore[attr-defined]


class FlashQuestionForm(_ProgrammeThemes):
    question = forms.CharField(
        label=_("Your precise question"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("One question a mentor can answer in under an hour."),
    )
    themes = _themes_field(_("Themes"))
    language = forms.ChoiceField(label=_("Language of the exchange"))


class FlashOfferForm(_ProgrammeThemes):
    themes = _themes_field(_("Themes of the questions I take"))
    takes_pool_questions = forms.BooleanField(
        label=_("Show me the questions sent to the theme pool"), required=False
    )
    per_month = forms.IntegerField(
        label=_("Flash exchanges a month, at most"), min_value=1, max_value=20
    )


class _When(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    duration_minutes = forms.TypedChoiceField(
        label=_("Duration"),
        coerce=int,
        choices=[(30, _("30 minutes")), (45, _("45 minutes")), (60, _("1 hour"))],
        initial=45,
    )
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices)
    place = forms.CharField(label=_("Place or video link"), max_length=300, required=False)


class SlotForm(_When, _ProgrammeThemes):
    language = forms.ChoiceField(label=_("Language"))
    themes = _themes_field(_("Themes"))


class TakeForm(_When):
    pass


class OutcomeForm(forms.Form):
    held = forms.ChoiceField(
        label=_("Did the exchange take place?"),
        choices=[
            ("yes", _("It took place")),
            ("absent", _("It did not: the other person did not come")),
            ("no", _("It did not take place (cancelled or postponed together)")),
        ],
        widget=forms.RadioSelect,
    )


class FeedbackForm(forms.Form):
    usefulness = forms.TypedChoiceField(
        label=_("How useful was this exchange? (1 to 5)"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        widget=forms.RadioSelect,
    )
    would_recommend = forms.TypedChoiceField(
        label=_("Would you recommend a flash exchange to a friend?"),
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
    )


class ContinueForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    message = forms.CharField(
        label=_("Message to the mentor"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args: Any, programmes: list[Programme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(  # type: ignore[attr-defined]
            pk__in=[p.pk for p in programmes]
        )


class ContinueCohortForm(forms.Form):
    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=Cohort.objects.none())
    message = forms.CharField(
        label=_("What you would like to work on over the months (added to your application)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args: Any, cohorts: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = Cohort.objects.filter(  # type: ignore[attr-defined]
            pk__in=[c.pk for c in cohorts]
        ).select_related("programme")


class AnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Your answer"),
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Yes, let us go on as a pair")), ("no", _("No, thank you"))],
        widget=forms.RadioSelect,
    )
