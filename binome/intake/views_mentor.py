"""The mentor's side: invitations received, answered on the site or from the email."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binome.core.access import Access, member_required, public
from binome.core.errors import DomainError
from binome.intake import selectors
from binome.intake.forms import DeclineForm
from binome.intake.models import MentorInvitation
from binome.intake.services import invitations as invitation_services
from binome.intake.tokens import read_invitation_token


@member_required
def my_invitations(request: HttpRequest, access: Access) -> HttpResponse:
    invitations = MentorInvitation.objects.filter(
        mentor=access.member, request__network=access.network
    ).select_related("request__programme", "invited_by")
    return render(
        request,
        "intake/my_invitations.html",
        {"invitations": invitations, "decline_form": DeclineForm()},
    )


@member_required
@require_POST
def answer_invitation(request: HttpRequest, access: Access, invitation_id: int) -> HttpResponse:
    invitation = selectors.invitation_for_mentor(access, invitation_id)
    return _answer(request, invitation, request.POST.get("answer", ""))


def _answer(request: HttpRequest, invitation: MentorInvitation, answer: str) -> HttpResponse:
    form = DeclineForm(request.POST)
    form.is_valid()
    try:
        if answer == "accept":
            invitation_services.accept_invitation(invitation=invitation, mentor=invitation.mentor)
            messages.success(request, _("Thank you! You will both receive an introduction email."))
        elif answer == "decline":
            invitation_services.decline_invitation(
                invitation=invitation,
                mentor=invitation.mentor,
                reason=form.cleaned_data.get("reason", ""),
            )
            messages.success(request, _("Your answer is recorded. Thank you for telling us."))
    except DomainError as error:
        messages.error(request, error.message)
    if request.user.is_authenticated and request.user.pk == invitation.mentor.user_id:
        return redirect("my_invitations", invitation.request.network.slug)
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
        return _answer(request, invitation, answer)
    return render(
        request,
        "intake/invitation_respond.html",
        {"invitation": invitation, "answer": answer, "form": DeclineForm()},
    )
