from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from binome.core.models import Network
from binome.members.models import Member
from binome.programmes.models import Programme, StaffRole, Theme


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "name",
            "slug",
            "kind",
            "description",
            "themes",
            "recommended_meetings",
            "duration_months",
            "silence_weeks",
            "invitation_delay_days",
            "is_active",
        ]
        widgets = {"themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.for_network(network)  # type: ignore[attr-defined]
        self.fields["slug"].help_text = _("Lower-case letters, digits and dashes; used in links.")

    def validate_unique(self) -> None:
        # Uniqueness per network is the service's rule (its message names the clash).
        pass


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["code", "label_fr", "label_en", "is_active"]

    def validate_unique(self) -> None:
        pass


class CharterForm(forms.Form):
    text_fr = forms.CharField(label=_("Text in French"), widget=forms.Textarea)
    text_en = forms.CharField(label=_("Text in English"), widget=forms.Textarea)


class StaffRoleForm(forms.Form):
    member = forms.EmailField(label=_("Member's email address"))
    role = forms.ChoiceField(label=_("Role"), choices=StaffRole.Role.choices)
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.none(),
        required=False,
        help_text=_("Required for a programme manager."),
    )

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.for_network(network)  # type: ignore[attr-defined]
        # An email address, not a drop-down: a network has up to 100,000 members.
        self.network = network

    def clean_member(self) -> Member:
        value = self.cleaned_data["member"].strip().lower()
        member = Member.objects.for_network(self.network).filter(user__email=value).first()
        if member is None:
            raise forms.ValidationError(_("No member of this network has this email address."))
        return member
