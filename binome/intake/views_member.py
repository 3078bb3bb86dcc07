"""The mentee's pages: ask for help, follow the request, rank the shortlist."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binome.core.access import Access, member_required
from binome.core.errors import DomainError
from binome.intake import selectors
from binome.intake.forms import MessageForm, RankForm, RequestForm
from binome.intake.models import MentoringRequest
from binome.intake.services import requests as request_services
from binome.intake.services import shortlist as shortlist_services
from binome.intake.states import OPEN_STATUSES, RequestStatus
from binome.programmes.models import Programme


@member_required
def my_requests(request: HttpRequest, access: Access) -> HttpResponse:
    mine = MentoringRequest.objects.filter(mentee=access.member).select_related("programme")
    programmes = Programme.objects.for_network(access.network).filter(
        kind=Programme.Kind.ON_DEMAND, is_active=True
    )
    rows = [(r, selectors.waiting_on(r)) for r in mine]
    open_ids = {r.programme_id for r in mine if r.status in OPEN_STATUSES | {RequestStatus.DRAFT}}
    return render(
        request,
        "intake/my_requests.html",
        {"rows": rows, "programmes": programmes, "open_programme_ids": open_ids},
    )


@member_required
@require_http_methods(["GET", "POST"])
def request_edit(
    request: HttpRequest, access: Access, programme_id: int, request_id: int | None = None
) -> HttpResponse:
    programme = get_object_or_404(
        Programme.objects.for_network(access.network), pk=programme_id, kind="on_demand"
    )
    draft = None
    initial = {"languages": access.member.languages, "formats": ["video", "in_person"]}
    if request_id is not None:
        draft = selectors.request_for_mentee(access, request_id)
        if draft.status != RequestStatus.DRAFT or draft.programme_id != programme.pk:
            raise Http404
        initial = {
            **{name: getattr(draft, name) for name in request_services.EDITABLE},
            "themes": list(draft.themes.all()),
            "sensitive_consent": draft.sensitive_consent_at is not None,
        }
    form = RequestForm(request.POST or None, initial=initial, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            saved = request_services.save_draft(
                mentee=access.member,
                programme=programme,
                data=data,
                themes=list(data.pop("themes")),
                sensitive_consent=data.pop("sensitive_consent"),
                request=draft,
            )
            if "submit" in request.POST:
                request_services.submit_request(request=saved, actor=request.user)
                messages.success(request, _("Your request is sent. A manager will contact you."))
            else:
                messages.success(request, _("Your draft is saved."))
            return redirect("request_detail", access.network.slug, saved.pk)
        except DomainError as error:
            form.add_error(None, error.message)
    return render(
        request,
        "intake/request_form.html",
        {"form": form, "programme": programme, "draft": draft},
    )


@member_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    mentoring_request = selectors.request_for_mentee(access, request_id)
    entries = list(mentoring_request.shortlist.filter(is_published=True).select_related("mentor"))
    rank_form = RankForm(request.POST or None, entries=entries)
    if request.method == "POST":
        try:
            if rank_form.is_valid():
                shortlist_services.rank_shortlist(
                    request=mentoring_request,
                    mentee=access.member,
                    ranking=rank_form.ranking(),
                )
                messages.success(request, _("Thank you: we now invite your first choice."))
                return redirect("request_detail", access.network.slug, mentoring_request.pk)
        except DomainError as error:
            rank_form.add_error(None, error.message)
        except ValidationError as error:
            rank_form.add_error(None, error)
    return render(
        request,
        "intake/request_detail.html",
        {
            "mentoring_request": mentoring_request,
            "waiting_on": selectors.waiting_on(mentoring_request),
            "ranked_entries": [(e, rank_form[f"rank_{e.pk}"]) for e in entries],
            "rank_form": rank_form,
            "other_form": MessageForm(),
            "events": mentoring_request.events.all(),
        },
    )


@member_required
@require_POST
def request_action(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    mentoring_request = selectors.request_for_mentee(access, request_id)
    form = MessageForm(request.POST)
    form.is_valid()
    message = form.cleaned_data.get("message", "")
    try:
        if request.POST.get("action") == "withdraw":
            request_services.withdraw_request(
                request=mentoring_request, actor=request.user, reason=message
            )
            messages.success(request, _("Your request is withdrawn."))
        elif request.POST.get("action") == "other_names":
            shortlist_services.ask_for_other_names(
                request=mentoring_request, mentee=access.member, message=message
            )
            messages.success(request, _("We will look for other mentors."))
        elif request.POST.get("action") == "submit":
            request_services.submit_request(request=mentoring_request, actor=request.user)
            messages.success(request, _("Your request is sent. A manager will contact you."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("request_detail", access.network.slug, mentoring_request.pk)
