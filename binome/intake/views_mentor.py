"""The mentor's side: invitations received, answered on the site or from the email."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from binome.core.access import Access, member_required, public
from binome.core.errors import DomainError
from binome.core.operations import ConfirmForm, run_operation
from binome.intake import selectors
from binome.intake.forms import DeclineForm
from binome.intake.models import MentorInvitation
from binome.intake.services import invitations as invitation_services
from binome.intake.tokens import read_invitation_token


def _invitations_page(
    request: HttpRequest, access: Access, *, bound: dict[int, forms.BaseForm] | None = None
) -> HttpResponse:
    """The mentor's invitations; ``bound`` holds, per invitation, the form an answer left."""
    bound = bound or {}
    invitations = list(
        MentorInvitation.objects.filter(
            mentor=access.member, request__network=access.network
        ).select_related("request__programme", "invited_by")
    )
    rows = [
        (i, bound.get(i.pk) or DeclineForm(prefix=f"d{i.pk}"), bound.get(i.pk)) for i in invitations
    ]
    return render(request, "intake/my_invitations.html", {"rows": rows})


@member_required
@require_safe
def my_invitations(request: HttpRequest, access: Access) -> HttpResponse:
    return _invitations_page(request, access)


@member_required
@require_POST
def invitation_accept(request: HttpRequest, access: Access, invitation_id: int) -> HttpResponse:
    invitation = selectors.invitation_for_mentor(access, invitation_id)

    def perform(data: Mapping[str, Any]) -> str:
        invitation_services.accept_invitation(invitation=invitation, mentor=access.member)
        return _("Thank you! You will both receive an introduction email.")

    return run_operation(
        request,
        form=ConfirmForm(request.POST),
        perform=perform,
        page=lambda form: _invitations_page(request, access, bound={invitation.pk: form}),
        success=reverse("my_invitations", args=[access.network.slug]),
    )


@member_required
@require_POST
def invitation_decline(request: HttpRequest, access: Access, invitation_id: int) -> HttpResponse:
    invitation = selectors.invitation_for_mentor(access, invitation_id)

    def perform(data: Mapping[str, Any]) -> str:
        invitation_services.decline_invitation(
            invitation=invitation, mentor=access.member, reason=data["reason"]
        )
        return _("Your answer is recorded. Thank you for telling us.")

    return run_operation(
        request,
        form=DeclineForm(request.POST, prefix=f"d{invitation.pk}"),
        perform=perform,
        page=lambda form: _invitations_page(request, access, bound={invitation.pk: form}),
        success=reverse("my_invitations", args=[access.network.slug]),
    )


def _answer_by_link(
    request: HttpRequest, invitation: MentorInvitation, answer: str
) -> HttpResponse:
    """The one-click answer: the signed token stands for the login and names the answer."""
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "intake/invitation_respond.html",
            {"invitation": invitation, "answer": answer, "form": form},
        )
    try:
        if answer == "accept":
            invitation_services.accept_invitation(invitation=invitation, mentor=invitation.mentor)
        else:
            invitation_services.decline_invitation(
                invitation=invitation, mentor=invitation.mentor, reason=form.cleaned_data["reason"]
            )
    except DomainError as error:
        messages.error(request, error.message)
    invitation.refresh_from_db()
    return render(request, "intake/invitation_answered.html", {"invitation": invitation})


@public
@require_http_methods(["GET", "POST"])
def invitation_respond(request: HttpRequest, token: str) -> HttpResponse:
    """The email's one-click link: the signed token stands for the login. GET only shows the
    confirmation (mail scanners open links); the button POSTs."""
    found = read_invitation_token(token)
    if found is None:
        return render(request, "intake/invitation_link_invalid.html", status=400)
    invitation, answer = found
    if request.method == "POST":
        return _answer_by_link(request, invitation, answer)
    return render(
        request,
        "intake/invitation_respond.html",
        {"invitation": invitation, "answer": answer, "form": DeclineForm()},
    )
