from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from binome.core.access import Access, network_admin_required, staff_required
from binome.core.errors import DomainError
from binome.programmes import services
from binome.programmes.forms import CharterForm, ProgrammeForm, StaffRoleForm, ThemeForm
from binome.programmes.models import Programme, StaffRole, Theme


@staff_required
@require_safe
def programme_list(request: HttpRequest, access: Access) -> HttpResponse:
    programmes = Programme.objects.for_network(access.network).prefetch_related("themes")
    if not access.is_network_admin:
        programmes = programmes.filter(pk__in=access.managed_programme_ids())
    return render(request, "programmes/programme_list.html", {"programmes": programmes})


@network_admin_required
@require_http_methods(["GET", "POST"])
def programme_edit(
    request: HttpRequest, access: Access, programme_id: int | None = None
) -> HttpResponse:
    programme = None
    if programme_id is not None:
        programme = get_object_or_404(
            Programme.objects.for_network(access.network), pk=programme_id
        )
    form = ProgrammeForm(request.POST or None, instance=programme, network=access.network)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_programme(
                network=access.network,
                actor=request.user,
                data=dict(form.cleaned_data),
                programme=programme,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The programme is saved."))
            return redirect("programme_detail", access.network.slug, saved.pk)
    return render(request, "programmes/programme_edit.html", {"form": form, "programme": programme})


@staff_required
@require_http_methods(["GET", "POST"])
def programme_detail(request: HttpRequest, access: Access, programme_id: int) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.for_network(access.network), pk=programme_id)
    if not access.manages(programme):
        raise Http404
    current = programme.current_charter()
    initial = {"text_fr": current.text_fr, "text_en": current.text_en} if current else None
    form = CharterForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not access.is_network_admin:
            raise Http404
        if form.is_valid():
            try:
                charter = services.publish_charter(
                    programme=programme, actor=request.user, **form.cleaned_data
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Charter version %(version)s is published.") % {"version": charter.version},
                )
                return redirect("programme_detail", access.network.slug, programme.pk)
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "charter": current,
            "versions": programme.charter_versions.all(),
            "form": form,
            "managers": StaffRole.objects.filter(programme=programme).select_related("member"),
        },
    )


@network_admin_required
@require_safe
def theme_list(request: HttpRequest, access: Access) -> HttpResponse:
    themes = Theme.objects.for_network(access.network)
    return render(request, "programmes/theme_list.html", {"themes": themes})


@network_admin_required
@require_http_methods(["GET", "POST"])
def theme_edit(request: HttpRequest, access: Access, theme_id: int | None = None) -> HttpResponse:
    theme = None
    if theme_id is not None:
        theme = get_object_or_404(Theme.objects.for_network(access.network), pk=theme_id)
    form = ThemeForm(request.POST or None, instance=theme)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_theme(
                network=access.network, actor=request.user, data=form.cleaned_data, theme=theme
            )
        except DomainError as error:
            form.add_error("code", error.message)
        else:
            messages.success(request, _("The theme is saved."))
            return redirect("theme_list", access.network.slug)
    return render(request, "programmes/theme_edit.html", {"form": form, "theme": theme})


@network_admin_required
@require_http_methods(["GET", "POST"])
def staff_list(request: HttpRequest, access: Access) -> HttpResponse:
    form = StaffRoleForm(request.POST or None, network=access.network)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_role(network=access.network, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The role is granted."))
            return redirect("staff_list", access.network.slug)
    roles = (
        StaffRole.objects.for_network(access.network)
        .select_related("member__user", "programme")
        .order_by("member__last_name", "role")
    )
    return render(request, "programmes/staff_list.html", {"form": form, "roles": roles})


@network_admin_required
@require_POST
def staff_revoke(request: HttpRequest, access: Access, role_id: int) -> HttpResponse:
    staff_role = get_object_or_404(StaffRole.objects.for_network(access.network), pk=role_id)
    try:
        services.revoke_role(network=access.network, actor=request.user, staff_role=staff_role)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The role is removed."))
    return redirect("staff_list", access.network.slug)
