from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


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
