from __future__ import annotations

import zoneinfo
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binome.members.models import Format
from binome.mentorships.models import Mentorship


class MeetingForm(forms.Form):
    """A meeting's time is typed in the member's own time zone and stored in UTC."""

    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"), min_value=15, max_value=240, initial=60
    )
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices, widget=forms.RadioSelect)
    place = forms.CharField(label=_("Place (in person)"), max_length=300, required=False)
    video_link = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")

    def __init__(self, *args: Any, time_zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.time_zone = time_zone
        self.fields["starts_at"].help_text = _("In your time zone (%(tz)s).") % {"tz": time_zone}

    def clean_starts_at(self) -> Any:
        value = self.cleaned_data["starts_at"]
        naive = timezone.make_naive(value) if timezone.is_aware(value) else value
        return timezone.make_aware(naive, zoneinfo.ZoneInfo(self.time_zone))


class ObjectivesForm(forms.Form):
    objectives = forms.CharField(
        label=_("Our objectives (one per line)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=3000,
    )

    def texts(self) -> list[str]:
        return self.cleaned_data.get("objectives", "").splitlines()


class NoteForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea, required=False, max_length=20000)


class ActionItemForm(forms.Form):
    text = forms.CharField(label=_("To do before the next meeting"), max_length=300)
    owner = forms.ChoiceField(label=_("Who"))
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, pair: Mentorship, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [  # type: ignore[attr-defined]
            (str(pair.mentee_id), pair.mentee.full_name),
            (str(pair.mentor_id), pair.mentor.full_name),
        ]


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How does it end?"),
        choices=[("completed", _("Completed")), ("ended_early", _("Ended early"))],
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(label=_("Why"), choices=Mentorship.EndReason.choices)
    message_to_manager = forms.CharField(
        label=_("A private word to the programme manager (optional)"),
        widget=forms.Textarea,
        required=False,
        max_length=2000,
        help_text=_("Only the manager reads it; the other member does not."),
    )
