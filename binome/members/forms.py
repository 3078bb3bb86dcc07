from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from binome.core.models import Network
from binome.members import taxonomy
from binome.members.models import Format
from binome.programmes.models import Theme


def _limit_years(form: forms.Form, names: tuple[str, ...], *, ahead: int = 0) -> None:
    """Years up to this one (plus ``ahead``), read when the form is built: a module-level year
    would stay the one the server started in."""
    last = datetime.date.today().year + ahead
    for name in names:
        field = form.fields[name]
        assert isinstance(field, forms.IntegerField)
        field.max_value = last
        field.validators = [v for v in field.validators if not isinstance(v, MaxValueValidator)] + [
            MaxValueValidator(last)
        ]
        field.widget.attrs["max"] = str(last)


class CommaListField(forms.CharField):
    """A list typed as comma-separated words ("Python, négociation, levée de fonds")."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        items = [item.strip() for item in text.split(",")]
        return [item for item in dict.fromkeys(items) if item][:30]

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(value)
        return value


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    class_year = forms.IntegerField(label=_("Class year"), required=False, min_value=1940)
    degree = forms.CharField(label=_("Degree"), max_length=120, required=False)
    position_title = forms.CharField(label=_("Current position"), max_length=160, required=False)
    employer = forms.CharField(label=_("Employer"), max_length=160, required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    function = forms.ChoiceField(label=_("Job function"), required=False)
    years_of_experience = forms.IntegerField(
        label=_("Years of experience"), required=False, min_value=0, max_value=70
    )
    skills = CommaListField(
        label=_("Skills"), required=False, help_text=_("Separate them with commas.")
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), required=False, widget=forms.CheckboxSelectMultiple
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    phone = forms.RegexField(
        label=_("Phone"),
        max_length=40,
        required=False,
        regex=r"^\+?[0-9 ().-]{6,}$",
        error_messages={"invalid": _("Write a phone number, e.g. +33 6 12 34 56 78.")},
        help_text=_("Not shown in the directory."),
    )
    linkedin_url = forms.URLField(
        label=_("LinkedIn profile"), max_length=200, required=False, assume_scheme="https"
    )
    time_zone = forms.ChoiceField(label=_("Time zone"))
    bio = forms.CharField(
        label=_("About me"),
        required=False,
        max_length=4000,
        widget=forms.Textarea,
        help_text=_("Your path, what you know well, what you enjoy passing on."),
    )
    goals = forms.CharField(
        label=_("What I am looking for here"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_years(self, ("class_year",), ahead=6)  # students still at school have one
        blank = [("", "—")]
        self.fields["sector"].choices = blank + taxonomy.sector_choices()  # type: ignore[attr-defined]
        self.fields["function"].choices = blank + taxonomy.function_choices()  # type: ignore[attr-defined]
        self.fields["country"].choices = blank + taxonomy.country_choices()  # type: ignore[attr-defined]
        self.fields["languages"].choices = taxonomy.language_choices()  # type: ignore[attr-defined]
        self.fields["time_zone"].choices = taxonomy.time_zone_choices()  # type: ignore[attr-defined]

    def clean_time_zone(self) -> str:
        value: str = self.cleaned_data["time_zone"]
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
            raise forms.ValidationError(_("Unknown time zone.")) from error
        return value


class PositionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    employer = forms.CharField(label=_("Employer"), max_length=160, required=False)
    start_year = forms.IntegerField(label=_("From"), required=False, min_value=1940)
    end_year = forms.IntegerField(label=_("To"), required=False, min_value=1940)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_years(self, ("start_year", "end_year"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The end comes before the start."))
        return data


PositionFormSet = formset_factory(PositionForm, extra=1, can_delete=True, max_num=20)


class MentorOfferForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes I can help with"),
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    capacity = forms.IntegerField(
        label=_("How many mentees at once"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=_("You will never be asked for more."),
    )
    formats = forms.MultipleChoiceField(
        label=_("Meeting formats I accept"),
        choices=Format.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    accepts_direct_requests = forms.BooleanField(
        label=_("Members may ask me directly"),
        required=False,
        help_text=_(
            "They see you among their suggested mentors and write to you; you accept or "
            "decline. Never beyond your capacity."
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree to be listed in my network's mentor directory and to be contacted about "
            "mentoring. I can withdraw at any time."
        ),
        required=True,
    )

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.for_network(network).filter(is_active=True)  # type: ignore[attr-defined]


class PauseForm(forms.Form):
    until = forms.DateField(label=_("Paused until"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason (optional)"), max_length=200, required=False)


class DirectoryForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.none(), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    function = forms.ChoiceField(label=_("Job function"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    class_year_min = forms.IntegerField(
        label=_("Class year from"), required=False, min_value=1900, max_value=2100
    )
    class_year_max = forms.IntegerField(
        label=_("Class year to"), required=False, min_value=1900, max_value=2100
    )
    free = forms.BooleanField(label=_("Has room for a mentee"), required=False)

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["theme"].queryset = Theme.objects.for_network(network).filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["theme"].empty_label = _("All")  # type: ignore[attr-defined]
        self.fields["sector"].choices = every + taxonomy.sector_choices()  # type: ignore[attr-defined]
        self.fields["function"].choices = every + taxonomy.function_choices()  # type: ignore[attr-defined]
        self.fields["language"].choices = every + taxonomy.language_choices()  # type: ignore[attr-defined]
        self.fields["country"].choices = every + taxonomy.country_choices()  # type: ignore[attr-defined]
