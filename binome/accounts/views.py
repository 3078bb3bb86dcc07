from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from binome.accounts import services
from binome.accounts.forms import LanguageForm
from binome.core.access import authenticated_user, login_only


@login_only
@require_http_methods(["GET", "POST"])
def language(request: HttpRequest) -> HttpResponse:
    user = authenticated_user(request)
    form = LanguageForm(request.POST or None, initial={"language": user.language})
    if request.method == "POST" and form.is_valid():
        services.set_language(user=user, language=form.cleaned_data["language"])
        translation.activate(user.language)
        messages.success(request, _("Your language is saved."))
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
            target = "home"
        return redirect(target)
    return render(request, "accounts/language.html", {"form": form})
