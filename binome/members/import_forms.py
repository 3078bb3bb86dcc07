from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from binome.members import imports, taxonomy
from binome.members.imports.report import UnknownValue


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Directory file"),
        help_text=_(
            "CSV (semicolon, comma or tab; UTF-8 or Windows) or Excel .xlsx, with a header line "
            "(title lines above it are skipped). Only the email and the last name are required."
        ),
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


class ValueMapForm(forms.Form):
    """For each sector (or function) of the file that is not in the list: keep it as written,
    or choose the entry of the list it means."""

    def __init__(self, *args: Any, values: list[UnknownValue], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keys: dict[str, str] = {}
        for value in values:
            kind = value.field
            entries = taxonomy.sector_choices() if kind == "sector" else taxonomy.function_choices()
            name = "v_" + hashlib.sha256(value.key.encode()).hexdigest()[:12]
            self.keys[name] = value.key
            self.fields[name] = forms.ChoiceField(
                label=_("“%(value)s” (%(rows)s lines, first at line %(line)s)")
                % {"value": value.value, "rows": value.rows, "line": value.first_line},
                choices=[("", _("Keep as written")), *entries],
                required=False,
            )

    def choices(self) -> dict[str, str]:
        return {self.keys[name]: code for name, code in self.cleaned_data.items()}


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    language = forms.ChoiceField(
        label=_("Language of the emails"), choices=[("fr", "Français"), ("en", "English")]
    )
