from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from binome.events.models import Registration
from binome.events.states import FollowUpChoice
from binome.members.models import Format, Member
from binome.programmes.models import Programme, Theme


class EventForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    place = forms.CharField(label=_("Place or video link"), max_length=300, required=False)
    rounds = forms.IntegerField(label=_("Rounds"), min_value=1, max_value=12, initial=6)
    round_minutes = forms.IntegerField(
        label=_("Minutes a round"), min_value=3, max_value=60, initial=10
    )
    break_minutes = forms.IntegerField(
        label=_("Minutes between rounds"), min_value=0, max_value=30, initial=2
    )
    table_size = forms.IntegerField(
        label=_("Mentees at a table per round"),
        min_value=1,
        max_value=6,
        required=False,
        help_text=_("Empty: as many as it takes to seat every mentee each round."),
    )


def _themes(programme: Programme) -> Any:
    themes = programme.themes.filter(is_active=True)
    if not themes.exists():
        themes = Theme.objects.for_network(programme.network).filter(is_active=True)
    return themes


class SignupForm(forms.Form):
    role = forms.ChoiceField(
        label=_("I come as"), choices=Registration.Role.choices, widget=forms.RadioSelect
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = _themes(programme)  # type: ignore[attr-defined]


class RegisterForm(SignupForm):
    email = forms.EmailField(label=_("Member's email address"))

    field_order = ["email", "role", "themes"]


class MoveForm(forms.Form):
    round = forms.IntegerField(label=_("Round"), min_value=1, max_value=12)
    mentee = forms.ModelChoiceField(label=_("Mentee"), queryset=Member.objects.none())
    mentor = forms.ModelChoiceField(label=_("To the table of"), queryset=Member.objects.none())

    def __init__(self, *args: Any, event: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        registered = Registration.objects.filter(event=event)
        self.fields["mentee"].queryset = Member.objects.filter(  # type: ignore[attr-defined]
            pk__in=registered.filter(role="mentee").values("member_id")
        ).order_by("last_name")
        self.fields["mentor"].queryset = Member.objects.filter(  # type: ignore[attr-defined]
            pk__in=registered.filter(role="mentor").values("member_id")
        ).order_by("last_name")


class TickForm(forms.Form):
    about = forms.ModelMultipleChoiceField(
        label=_("I would like to see again"),
        queryset=Member.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, met: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["about"].queryset = Member.objects.filter(pk__in=met).order_by("last_name")  # type: ignore[attr-defined]


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Present"),
        queryset=Member.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, event: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = Member.objects.filter(  # type: ignore[attr-defined]
            pk__in=Registration.objects.filter(event=event).values("member_id")
        ).order_by("last_name", "first_name")


class FollowUpForm(forms.Form):
    """One person's choice after a mutual tick: the mentee names the pair's programme, the
    mentor the flash exchange's time."""

    choice = forms.ChoiceField(
        label=_("How would you like to follow up?"),
        choices=FollowUpChoice.choices,
        widget=forms.RadioSelect,
    )

    def __init__(
        self,
        *args: Any,
        is_mentor: bool,
        programmes: list[Programme],
        has_flash: bool,
        has_pair: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        left_out = {FollowUpChoice.FLASH} if not has_flash else set()
        if not has_pair:
            left_out.add(FollowUpChoice.PAIR)
        self.fields["choice"].choices = [  # type: ignore[attr-defined]
            c for c in FollowUpChoice.choices if c[0] not in left_out
        ]
        if is_mentor:
            if has_flash:
                self.fields.update(_FlashTime().fields)
        elif has_pair:
            self.fields["programme"] = forms.ModelChoiceField(
                label=_("For a long pair: the programme"),
                queryset=Programme.objects.filter(pk__in=[p.pk for p in programmes]),
                required=False,
            )


class _FlashTime(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("For a flash exchange: date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
        required=False,
    )
    duration_minutes = forms.TypedChoiceField(
        label=_("Duration"),
        coerce=int,
        choices=[(30, _("30 minutes")), (45, _("45 minutes")), (60, _("1 hour"))],
        initial=45,
        required=False,
        empty_value=None,
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=Format.choices, initial="video", required=False
    )
    place = forms.CharField(label=_("Place or video link"), max_length=300, required=False)
