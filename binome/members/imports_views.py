from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from binome.core import audit
from binome.core.access import Access, network_admin_required
from binome.core.errors import DomainError
from binome.members import exports, import_services, imports, services
from binome.members.import_forms import InviteForm, MappingForm, UploadForm, ValueMapForm
from binome.members.imports import report
from binome.members.models import ImportBatch, ImportIssue

ISSUES_PER_PAGE = 50


class _DiskUpload(TemporaryFileUploadHandler):
    """Writes the upload to a temporary file as it arrives, and stops reading past the limit
    (a 50 MB file is refused without being kept, in memory or on disk)."""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if start + len(raw_data) > settings.BINOME_IMPORT_MAX_BYTES:
            self.request.binome_upload_too_large = True  # type: ignore[union-attr]
            raise StopUpload(connection_reset=False)
        return super().receive_data_chunk(raw_data, start)


@csrf_exempt  # checked below, once the upload handlers are set (Django's documented order)
@network_admin_required
@require_http_methods(["GET", "POST"])
def import_list(request: HttpRequest, access: Access) -> HttpResponse:
    request.upload_handlers = [_DiskUpload(request)]
    return _import_list(request, access)


@csrf_protect
def _import_list(request: HttpRequest, access: Access) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if getattr(request, "binome_upload_too_large", False):
        form.is_valid()
        form.errors["file"] = form.error_class(
            [
                _("The file is too large (at most %(size)s).")
                % {"size": filesizeformat(settings.BINOME_IMPORT_MAX_BYTES)}
            ]
        )
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = import_services.start_import(
                network=access.network,
                actor=request.user,
                filename=upload.name,
                data=upload.file,
            )
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            return redirect("import_detail", access.network.slug, batch.pk)
    return _list_page(request, access, form, InviteForm(prefix="invite"))


def _list_page(
    request: HttpRequest, access: Access, form: UploadForm, invite_form: InviteForm
) -> HttpResponse:
    batches = ImportBatch.objects.filter(network=access.network).defer("rows", "lines")[:20]
    return render(
        request,
        "members/import_list.html",
        {"form": form, "batches": batches, "invite_form": invite_form},
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
    return _list_page(request, access, UploadForm(), form)


def _batch(access: Access, batch_id: int) -> ImportBatch:
    return get_object_or_404(ImportBatch.objects.filter(network=access.network), pk=batch_id)


@network_admin_required
@require_http_methods(["GET", "POST"])
def import_detail(request: HttpRequest, access: Access, batch_id: int) -> HttpResponseBase:
    batch = _batch(access, batch_id)
    if request.method == "GET" and request.GET.get("download") in {"errors", "all"}:
        return _lines_csv(batch, request.GET["download"])
    action = request.POST.get("action")
    form = MappingForm(
        request.POST if action == "map" else None, headers=batch.headers, mapping=batch.mapping
    )
    if request.method == "POST":
        try:
            done = _act(request, batch, action, form)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            if done:
                return redirect("import_detail", access.network.slug, batch.pk)
    return render(request, "members/import_detail.html", _context(request, batch, form))


def _act(request: HttpRequest, batch: ImportBatch, action: str | None, form: MappingForm) -> bool:
    if action == "map" and form.is_valid():
        import_services.submit_mapping(batch=batch, mapping=form.mapping())
        return True
    if action == "values" and request.POST.get("field") in {"sector", "function"}:
        field = request.POST["field"]
        values_form = ValueMapForm(request.POST, values=report.unknown_values(batch, field))
        if values_form.is_valid():
            import_services.map_values(batch=batch, field=field, choices=values_form.choices())
            return True
    if action == "apply":
        accept = request.POST.get("accept_warnings") == "on"
        import_services.confirm_import(batch=batch, actor=request.user, accept_warnings=accept)
        messages.success(request, _("The import has started."))
        return True
    return False


@network_admin_required
def import_progress(request: HttpRequest, access: Access, batch_id: int) -> HttpResponse:
    batch = _batch(access, batch_id)
    return render(request, "members/_import_status.html", _context(request, batch, None))


def _lines_csv(batch: ImportBatch, which: str) -> HttpResponseBase:
    """The rows in error (or every row) with their reasons, as CSV to fix in a spreadsheet."""
    if not batch.rows:
        return HttpResponse(status=404)
    response = StreamingHttpResponse(
        report.lines_csv(batch, only_bad=which == "errors"),
        content_type="text/csv; charset=utf-8",
    )
    stem = batch.filename.rsplit(".", 1)[0] or "import"
    suffix = _("errors") if which == "errors" else _("checked")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{suffix}.csv"'
    return response


def _context(request: HttpRequest, batch: ImportBatch, form: MappingForm | None) -> dict[str, Any]:
    context: dict[str, Any] = {
        "batch": batch,
        "form": form,
        "preview": batch.rows[:5],
        "running": batch.status in {ImportBatch.Status.VALIDATING, ImportBatch.Status.APPLYING},
        "place": _("sheet “%(sheet)s”") % {"sheet": batch.sheet} if batch.sheet else "",
    }
    if batch.status == ImportBatch.Status.VALIDATED:
        context.update(_report_context(request, batch))
    return context


def _report_context(request: HttpRequest, batch: ImportBatch) -> dict[str, Any]:
    issues = ImportIssue.objects.filter(batch=batch, is_warning=False).order_by("row", "pk")
    page = Paginator(issues, ISSUES_PER_PAGE).get_page(request.GET.get("page"))
    for issue in page.object_list:
        issue.message = imports.message(issue.code, issue.field, issue.detail)  # type: ignore[attr-defined]
        issue.field_label = imports.FIELD_LABELS.get(issue.field, "")  # type: ignore[attr-defined]
    value_forms = []
    if batch.warning_rows and not batch.error_rows:
        for field in ("sector", "function"):
            unknown = report.unknown_values(batch, field)
            if unknown:
                value_forms.append(
                    (field, imports.FIELD_LABELS[field], ValueMapForm(values=unknown))
                )
    return {
        "error_groups": report.groups(batch, warnings=False) if batch.error_rows else [],
        "warning_groups": report.groups(batch, warnings=True) if batch.warning_rows else [],
        "issues_page": page,
        "value_forms": value_forms,
        "ready_rows": batch.total_rows - batch.error_rows,
    }


@network_admin_required
def export(
    request: HttpRequest, access: Access, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    stamp = timezone.localdate().isoformat()
    name = f"{access.network.slug}-directory-{stamp}"
    if file_format in {"csv", "csv-excel"}:
        excel = file_format == "csv-excel"
        response: HttpResponse | StreamingHttpResponse = StreamingHttpResponse(
            exports.export_csv(access.network, delimiter=";" if excel else ","),
            content_type="text/csv; charset=utf-8",
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
