from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binome.core import audit
from binome.core.access import Access, network_admin_required
from binome.core.errors import DomainError
from binome.members import exports, import_services, imports, services
from binome.members.import_forms import InviteForm, MappingForm, UploadForm
from binome.members.models import ImportBatch


@network_admin_required
@require_http_methods(["GET", "POST"])
def import_list(request: HttpRequest, access: Access) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = import_services.start_import(
                network=access.network, actor=request.user, filename=upload.name, data=upload.read()
            )
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            return redirect("import_detail", access.network.slug, batch.pk)
    batches = ImportBatch.objects.filter(network=access.network).defer("rows", "errors")[:20]
    return render(
        request,
        "members/import_list.html",
        {"form": form, "batches": batches, "invite_form": InviteForm(prefix="invite")},
    )


@network_admin_required
@require_POST
def invite(request: HttpRequest, access: Access) -> HttpResponse:
    form = InviteForm(request.POST, prefix="invite")
    if form.is_valid():
        try:
            member = services.invite_member(
                network=access.network, actor=request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error("email", error.message)
        else:
            messages.success(request, _("%(name)s is invited.") % {"name": member.full_name})
            return redirect("import_list", access.network.slug)
    batches = ImportBatch.objects.filter(network=access.network).defer("rows", "errors")[:20]
    return render(
        request,
        "members/import_list.html",
        {"form": UploadForm(), "batches": batches, "invite_form": form},
    )


@network_admin_required
@require_http_methods(["GET", "POST"])
def import_detail(request: HttpRequest, access: Access, batch_id: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch.objects.filter(network=access.network), pk=batch_id)
    action = request.POST.get("action")
    form = MappingForm(
        request.POST if action == "map" else None, headers=batch.headers, mapping=batch.mapping
    )
    if request.method == "POST":
        try:
            if action == "map" and form.is_valid():
                import_services.submit_mapping(batch=batch, mapping=form.mapping())
                return redirect("import_detail", access.network.slug, batch.pk)
            if action == "apply":
                import_services.confirm_import(batch=batch, actor=request.user)
                messages.success(request, _("The import has started."))
                return redirect("import_detail", access.network.slug, batch.pk)
        except DomainError as error:
            messages.error(request, error.message)
    return render(request, "members/import_detail.html", _context(batch, form))


@network_admin_required
def import_progress(request: HttpRequest, access: Access, batch_id: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch.objects.filter(network=access.network), pk=batch_id)
    return render(request, "members/_import_status.html", _context(batch, None))


def _context(batch: ImportBatch, form: MappingForm | None) -> dict[str, object]:
    errors = [
        {
            **error,
            "message": imports.error_message(error["code"]),
            "field_label": next((f.label for f in imports.FIELDS if f.name == error["field"]), ""),
        }
        for error in batch.errors[:200]
    ]
    return {
        "batch": batch,
        "form": form,
        "errors": errors,
        "more_errors": max(0, len(batch.errors) - 200),
        "preview": batch.rows[:5],
        "running": batch.status in {ImportBatch.Status.VALIDATING, ImportBatch.Status.APPLYING},
    }


@network_admin_required
def export(
    request: HttpRequest, access: Access, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    stamp = timezone.localdate().isoformat()
    name = f"{access.network.slug}-directory-{stamp}"
    if file_format == "csv":
        response: HttpResponse | StreamingHttpResponse = StreamingHttpResponse(
            exports.export_csv(access.network), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    elif file_format == "xlsx":
        response = HttpResponse(
            exports.export_xlsx(access.network),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    else:
        return HttpResponse(status=404)
    # Exports carry personal data: who took one, when, is kept.
    audit.record(
        action="directory.export", actor=request.user, network=access.network, format=file_format
    )
    return response
