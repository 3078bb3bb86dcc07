from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from binome.accounts import services, tokens
from binome.accounts.forms import LanguageForm
from binome.core.access import authenticated_user, login_only, public


@login_only
@require_http_methods(["GET", "POST"])
def language(request: HttpRequest) -> HttpResponse:
    user = authenticated_user(request)
    form = LanguageForm(request.POST or None, initial={"language": user.language})
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "accounts/language.html", {"form": form}, status=400)
        services.set_language(user=user, language=form.cleaned_data["language"])
        translation.activate(user.language)
        messages.success(request, _("Your language is saved."))
        return HttpResponseRedirect(_safe_next(request))
    return render(request, "accounts/language.html", {"form": form})


def _safe_next(request: HttpRequest) -> str:
    """The page the switch was used on, when it is a path on this site; else the home page."""
    target = request.POST.get("next", "")
    if (
        target.startswith("/")
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(target, {request.get_host()})
    ):
        return target
    return reverse("home")


@public
@require_http_methods(["GET", "POST"])
def activate(request: HttpRequest, uidb36: str, token: str) -> HttpResponse:
    user = tokens.user_for_token(uidb36, token)
    if user is None:
        return render(request, "accounts/activate_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.activate_account(user=user, password=form.cleaned_data["new_password1"])
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your account is active. Welcome!"))
        return redirect("home")
    return render(request, "accounts/activate.html", {"form": form, "email": user.email})
