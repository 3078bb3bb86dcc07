from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from binome.members import imports


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Directory file"),
        help_text=_("CSV (comma or semicolon) or Excel .xlsx, with a header line."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )


class MappingForm(forms.Form):
    """For each field of binome, which column of the file holds it."""

    def __init__(
        self, *args: Any, headers: list[str], mapping: dict[str, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— not imported —"))] + [
            (str(index), header or f"#{index + 1}") for index, header in enumerate(headers)
        ]
        for field in imports.FIELDS:
            initial = mapping.get(field.name)
            self.fields[field.name] = forms.ChoiceField(
                label=field.label,
                choices=choices,
                required=field.required,
                initial="" if initial is None else str(initial),
            )

    def mapping(self) -> dict[str, int]:
        return {name: int(value) for name, value in self.cleaned_data.items() if value != ""}


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    language = forms.ChoiceField(
        label=_("Language of the emails"), choices=[("fr", "Français"), ("en", "English")]
    )
