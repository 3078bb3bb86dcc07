from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binome.intake.models import IntakeInterview, OrganisationKind, Situation, Style
from binome.members import taxonomy
from binome.members.models import Format, Member
from binome.programmes.models import Programme, StaffRole, Theme


class RequestForm(forms.Form):
    situation = forms.ChoiceField(label=_("Your situation"), choices=Situation.choices)
    sensitive_consent = forms.BooleanField(
        label=_(
            "I agree that the programme's managers process this information, which may touch on "
            "my health or well-being. Only they can read it."
        ),
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    question = forms.CharField(
        label=_("Your question, in your own words"),
        widget=forms.Textarea,
        max_length=4000,
        help_text=_(
            "What you are going through, what you would like to achieve. The mentors we "
            "invite read this text; the intake notes stay with the managers."
        ),
    )
    style = forms.ChoiceField(
        label=_("Kind of mentor"),
        choices=Style.choices,
        widget=forms.RadioSelect,
        initial=Style.CLASSIC,
    )
    formats = forms.MultipleChoiceField(
        label=_("Meeting formats"), choices=Format.choices, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you can speak with your mentor"), widget=forms.CheckboxSelectMultiple
    )
    availability = forms.CharField(
        label=_("Availability"),
        max_length=300,
        required=False,
        help_text=_("For example: evenings, Friday afternoons."),
    )
    target_sector = forms.ChoiceField(label=_("Sector you want to work in"), required=False)
    target_function = forms.ChoiceField(label=_("Job you are aiming for"), required=False)
    target_organisation = forms.ChoiceField(
        label=_("Kind of organisation"),
        required=False,
        choices=[("", _("Any / not decided")), *OrganisationKind.choices],
    )
    target_country = forms.ChoiceField(label=_("Country you want to work in"), required=False)
    target_city = forms.CharField(
        label=_("City"),
        max_length=120,
        required=False,
        help_text=_("For in-person meetings, mentors near this city are preferred."),
    )
    TARGET_FIELDS = (
        "target_sector",
        "target_function",
        "target_organisation",
        "target_country",
        "target_city",
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        same = [("", _("The same as now"))]
        self.fields["target_sector"].choices = same + taxonomy.sector_choices()  # type: ignore[attr-defined]
        self.fields["target_function"].choices = same + taxonomy.function_choices()  # type: ignore[attr-defined]
        self.fields["target_country"].choices = same + taxonomy.country_choices()  # type: ignore[attr-defined]
        # A programme without themes of its own takes every theme of its network.
        themes = programme.themes.filter(is_active=True)
        if not themes.exists():
            themes = Theme.objects.for_network(programme.network).filter(is_active=True)
        self.fields["themes"].queryset = themes  # type: ignore[attr-defined]
        self.fields["languages"].choices = taxonomy.language_choices()  # type: ignore[attr-defined]

    def situation_fields(self) -> list[forms.BoundField]:
        return [f for f in self.visible_fields() if f.name not in self.TARGET_FIELDS]

    def target_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.TARGET_FIELDS]


class ScheduleForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"), min_value=15, max_value=240, initial=60
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Other staff taking part"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # ``programme__in=[p, None]`` would drop network admins: SQL's IN never matches NULL.
        staff = StaffRole.objects.filter(network=programme.network).filter(
            Q(programme=programme) | Q(programme__isnull=True)
        )
        self.fields["participants"].queryset = Member.objects.filter(  # type: ignore[attr-defined]
            pk__in=staff.values("member_id")
        )


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Intake notes (visible to this programme's managers only)"),
        widget=forms.Textarea,
        required=False,
        max_length=20000,
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=IntakeInterview.Decision.choices, widget=forms.RadioSelect
    )
    referral = forms.ChoiceField(
        label=_("Referred to"),
        required=False,
        choices=[("", "—"), *IntakeInterview.Referral.choices],
    )
    message = forms.CharField(
        label=_("Message to the member"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Required to refer or decline; sent in the member's language settings."),
    )


class AddMentorForm(forms.Form):
    mentor = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Why I think of this mentor"),
        widget=forms.Textarea,
        required=False,
        max_length=2000,
    )


class EntryForm(forms.Form):
    note = forms.CharField(
        label=_("Why I think of this mentor"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    position = forms.IntegerField(label=_("Order"), min_value=1, max_value=20)


class InviteForm(forms.Form):
    message = forms.CharField(
        label=_("Personal message to the mentor"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_("Why this member, why this mentor: this is what convinces."),
    )


class RankForm(forms.Form):
    """One select per mentor: 1st choice, 2nd choice…, or not chosen."""

    def __init__(self, *args: Any, entries: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Not chosen"))] + [(str(i), str(i)) for i in range(1, len(entries) + 1)]
        for entry in entries:
            self.fields[f"rank_{entry.pk}"] = forms.ChoiceField(
                label=entry.mentor.full_name,
                choices=choices,
                required=False,
                initial=str(entry.mentee_rank or ""),
            )

    def ranking(self) -> list[int]:
        ranked = [
            (int(value), int(name.removeprefix("rank_")))
            for name, value in self.cleaned_data.items()
            if value
        ]
        if len({rank for rank, _entry in ranked}) != len(ranked):
            raise forms.ValidationError(_("Give each mentor a different rank."))
        return [entry for _rank, entry in sorted(ranked)]


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message"), widget=forms.Textarea, max_length=2000, required=False
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), widget=forms.Textarea, required=False, max_length=2000
    )


class DirectPairForm(forms.Form):
    mentor_email = forms.EmailField(label=_("Mentor's email address"))
    mentee_email = forms.EmailField(label=_("Mentee's email address"))
