"""Flash mentoring pages: ask and book, offer slots and take pool questions, the exchange."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from binome.core.access import Access, member_required, public
from binome.core.errors import DomainError
from binome.core.operations import ConfirmForm, run_operation
from binome.flash import selectors_flash as selectors
from binome.flash.forms import (
    AnswerForm,
    ContinueCohortForm,
    ContinueForm,
    FeedbackForm,
    FlashOfferForm,
    FlashQuestionForm,
    OutcomeForm,
    SlotForm,
    TakeForm,
)
from binome.flash.ics import exchange_ics
from binome.flash.models import (
    FlashExchange,
    FlashFeedback,
    FlashOffer,
    FlashQuestion,
    FlashSlot,
)
from binome.flash.services import continuation as continuation_services
from binome.flash.services import exchanges, slots
from binome.flash.states import QuestionStatus
from binome.flash.tokens import read_outcome_token
from binome.programmes.models import Programme


@member_required
@require_safe
def flash_index(request: HttpRequest, access: Access) -> HttpResponse:
    programmes = list(selectors.flash_programmes(access))
    return render(
        request,
        "flash/flash_index.html",
        {
            "programmes": programmes,
            "managed_ids": {p.pk for p in programmes if access.manages(p)},
            "questions": FlashQuestion.objects.filter(mentee=access.member).select_related(
                "programme", "exchange"
            ),
            "given": FlashExchange.objects.filter(mentor=access.member).select_related("mentee"),
        },
    )


# -- The member who asks


def _home_page(
    request: HttpRequest, access: Access, programme: Programme, form: forms.BaseForm
) -> HttpResponse:
    return render(request, "flash/flash_ask.html", {"programme": programme, "form": form})


@member_required
@require_http_methods(["GET", "POST"])
def flash_ask(request: HttpRequest, access: Access, programme_id: int) -> HttpResponse:
    programme = selectors.flash_programme(access, programme_id)
    if request.method != "POST":
        form = FlashQuestionForm(
            programme=programme, initial={"language": (access.member.languages or ["fr"])[0]}
        )
        return _home_page(request, access, programme, form)
    form = FlashQuestionForm(request.POST, programme=programme)
    created: list[FlashQuestion] = []

    def perform(data: Mapping[str, Any]) -> str:
        created.append(
            exchanges.ask_flash_question(
                mentee=access.member,
                programme=programme,
                question=data["question"],
                themes=list(data["themes"]),
                language=data["language"],
            )
        )
        return ""

    response = run_operation(
        request,
        form=form,
        perform=perform,
        page=lambda bound: _home_page(request, access, programme, bound),
        success=reverse("flash_index", args=[access.network.slug]),
    )
    if created:
        return _redirect("flash_question", access, created[0].pk)
    return response


def _redirect(name: str, access: Access, pk: int) -> HttpResponse:
    return redirect(name, access.network.slug, pk)


def _question_page(
    request: HttpRequest, access: Access, question: FlashQuestion, refused: Any = None
) -> HttpResponse:
    is_open = question.status in {QuestionStatus.OPEN, QuestionStatus.POOLED}
    return render(
        request,
        "flash/flash_question.html",
        {
            "q": question,
            "choices": selectors.slots_for_question(question) if is_open else [],
            "exchange": getattr(question, "exchange", None) if not is_open else None,
            "operation_form": refused,
        },
    )


@member_required
def flash_question(request: HttpRequest, access: Access, question_id: int) -> HttpResponse:
    question = selectors.question_for_mentee(access, question_id)
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _question_page(request, access, question)


def _question_operation(
    request: HttpRequest, access: Access, question: FlashQuestion, perform: Any
) -> HttpResponse:
    return run_operation(
        request,
        form=ConfirmForm(request.POST),
        perform=perform,
        page=lambda form: _question_page(request, access, question, form),
        success=reverse("flash_question", args=[access.network.slug, question.pk]),
    )


@member_required
@require_POST
def flash_book(
    request: HttpRequest, access: Access, question_id: int, slot_id: int
) -> HttpResponse:
    question = selectors.question_for_mentee(access, question_id)
    slot = get_object_or_404(FlashSlot, network=access.network, pk=slot_id)

    def perform(data: Mapping[str, Any]) -> str:
        exchanges.book_slot(question=question, mentee=access.member, slot=slot)
        return _("Booked: you both receive the exchange by email, with a calendar file.")

    return _question_operation(request, access, question, perform)


@member_required
@require_POST
def flash_pool(request: HttpRequest, access: Access, question_id: int) -> HttpResponse:
    question = selectors.question_for_mentee(access, question_id)

    def perform(data: Mapping[str, Any]) -> str:
        exchanges.send_to_pool(question=question, mentee=access.member)
        return _("Sent to the theme pool: the first mentor who takes it proposes a time.")

    return _question_operation(request, access, question, perform)


# -- The mentor who gives


def _mentor_page(
    request: HttpRequest,
    access: Access,
    programme: Programme,
    *,
    bound: Mapping[str, forms.BaseForm] | None = None,
) -> HttpResponse:
    bound = bound or {}
    offer = FlashOffer.objects.filter(member=access.member).first()
    offer_initial = (
        {
            "themes": list(offer.themes.all()),
            "takes_pool_questions": offer.takes_pool_questions,
            "per_month": offer.per_month,
        }
        if offer
        else {"takes_pool_questions": True, "per_month": 4}
    )
    pool = selectors.pool_for_mentor(access, programme)
    return render(
        request,
        "flash/flash_mentor.html",
        {
            "programme": programme,
            "offer_form": bound.get("offer")
            or FlashOfferForm(programme=programme, initial=offer_initial),
            "slot_form": bound.get("slot")
            or SlotForm(
                programme=programme,
                initial={"language": (access.member.languages or ["fr"])[0], "format": "video"},
            ),
            "slots": access.member.flash_slots.filter(programme=programme).select_related(
                "exchange__mentee"
            ),
            "pool": [(q, bound.get(f"take{q.pk}") or TakeForm(prefix=f"t{q.pk}")) for q in pool],
            "refused": bound.get("operation"),
        },
    )


@member_required
@require_http_methods(["GET", "POST"])
def flash_mentor(request: HttpRequest, access: Access, programme_id: int) -> HttpResponse:
    """The mentor's flash page (GET); saving their flash offer (POST)."""
    programme = selectors.flash_programme(access, programme_id)
    if request.method != "POST":
        return _mentor_page(request, access, programme)

    def perform(data: Mapping[str, Any]) -> str:
        slots.save_flash_offer(
            member=access.member,
            themes=list(data["themes"]),
            takes_pool_questions=data["takes_pool_questions"],
            per_month=data["per_month"],
        )
        return _("Your flash offer is saved.")

    return run_operation(
        request,
        form=FlashOfferForm(request.POST, programme=programme),
        perform=perform,
        page=lambda form: _mentor_page(request, access, programme, bound={"offer": form}),
        success=reverse("flash_mentor", args=[access.network.slug, programme.pk]),
    )


@member_required
@require_POST
def flash_slot_new(request: HttpRequest, access: Access, programme_id: int) -> HttpResponse:
    programme = selectors.flash_programme(access, programme_id)

    def perform(data: Mapping[str, Any]) -> str:
        slots.offer_slot(
            mentor=access.member,
            programme=programme,
            starts_at=data["starts_at"],
            duration_minutes=data["duration_minutes"],
            format=data["format"],
            language=data["language"],
            themes=list(data["themes"]),
            place=data["place"],
        )
        return _("Your slot is offered.")

    return run_operation(
        request,
        form=SlotForm(request.POST, programme=programme),
        perform=perform,
        page=lambda form: _mentor_page(request, access, programme, bound={"slot": form}),
        success=reverse("flash_mentor", args=[access.network.slug, programme.pk]),
    )


@member_required
@require_POST
def flash_slot_cancel(request: HttpRequest, access: Access, slot_id: int) -> HttpResponse:
    slot = selectors.slot_for_mentor(access, slot_id)

    def perform(data: Mapping[str, Any]) -> str:
        slots.cancel_slot(slot=slot, mentor=access.member)
        return _("The slot is cancelled.")

    return run_operation(
        request,
        form=ConfirmForm(request.POST),
        perform=perform,
        page=lambda form: _mentor_page(request, access, slot.programme, bound={"operation": form}),
        success=reverse("flash_mentor", args=[access.network.slug, slot.programme_id]),
    )


@member_required
@require_POST
def flash_take(request: HttpRequest, access: Access, question_id: int) -> HttpResponse:
    question = selectors.pool_question(access, question_id)
    taken: list[FlashExchange] = []

    def perform(data: Mapping[str, Any]) -> str:
        taken.append(
            exchanges.take_pool_question(
                question=question,
                mentor=access.member,
                starts_at=data["starts_at"],
                duration_minutes=data["duration_minutes"],
                format=data["format"],
                place=data["place"],
            )
        )
        return _("You took the question: you both receive the exchange by email.")

    response = run_operation(
        request,
        form=TakeForm(request.POST, prefix=f"t{question.pk}"),
        perform=perform,
        page=lambda form: _mentor_page(
            request, access, question.programme, bound={f"take{question.pk}": form}
        ),
        success=reverse("flash_mentor", args=[access.network.slug, question.programme_id]),
    )
    if taken:
        return _redirect("flash_exchange", access, taken[0].pk)
    return response


# -- The exchange, for both


def _exchange_page(
    request: HttpRequest,
    access: Access,
    exchange: FlashExchange,
    *,
    bound: Mapping[str, forms.BaseForm] | None = None,
) -> HttpResponse:
    bound = bound or {}
    is_mentee = exchange.mentee_id == access.member.pk
    continuation = getattr(exchange, "continuation", None)
    programmes = exchanges.continuation_programmes(exchange) if is_mentee else []
    cohorts = continuation_services.continuation_cohorts(exchange) if is_mentee else []
    return render(
        request,
        "flash/flash_exchange.html",
        {
            "exchange": exchange,
            "other": exchange.mentor if is_mentee else exchange.mentee,
            "is_mentee": is_mentee,
            "has_started": exchange.starts_at <= timezone.now(),
            "outcome_form": bound.get("outcome") or OutcomeForm(),
            "feedback_form": bound.get("feedback") or FeedbackForm(),
            "my_feedback": FlashFeedback.objects.filter(
                exchange=exchange, author=access.member
            ).first(),
            "continuation": continuation,
            "continue_form": bound.get("continue") or ContinueForm(programmes=programmes),
            "has_programmes": bool(programmes),
            "cohorts": cohorts,
            "cohort_form": bound.get("cohort") or ContinueCohortForm(cohorts=cohorts, prefix="c"),
            "answer_form": bound.get("answer") or AnswerForm(),
        },
    )


@member_required
def flash_exchange(request: HttpRequest, access: Access, exchange_id: int) -> HttpResponse:
    exchange = selectors.exchange_for_member(access, exchange_id)
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _exchange_page(request, access, exchange)


@member_required
def flash_ics(request: HttpRequest, access: Access, exchange_id: int) -> HttpResponse:
    exchange = selectors.exchange_for_member(access, exchange_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    response = HttpResponse(exchange_ics(exchange), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="flash-{exchange.pk}.ics"'
    return response


def _exchange_operation(
    request: HttpRequest,
    access: Access,
    exchange: FlashExchange,
    *,
    form: forms.BaseForm,
    slot: str,
    perform: Any,
) -> HttpResponse:
    return run_operation(
        request,
        form=form,
        perform=perform,
        page=lambda bound: _exchange_page(request, access, exchange, bound={slot: bound}),
        success=reverse("flash_exchange", args=[access.network.slug, exchange.pk]),
    )


@member_required
@require_POST
def flash_outcome(request: HttpRequest, access: Access, exchange_id: int) -> HttpResponse:
    exchange = selectors.exchange_for_member(access, exchange_id)

    def perform(data: Mapping[str, Any]) -> str:
        exchanges.record_outcome(
            exchange=exchange,
            member=access.member,
            held=data["held"] == "yes",
            other_absent=data["held"] == "absent",
        )
        return _("Thank you, it is recorded.")

    return _exchange_operation(
        request, access, exchange, form=OutcomeForm(request.POST), slot="outcome", perform=perform
    )


@member_required
@require_POST
def flash_feedback(request: HttpRequest, access: Access, exchange_id: int) -> HttpResponse:
    exchange = selectors.exchange_for_member(access, exchange_id)

    def perform(data: Mapping[str, Any]) -> str:
        exchanges.give_feedback(
            exchange=exchange,
            member=access.member,
            usefulness=data["usefulness"],
            would_recommend=data["would_recommend"],
        )
        return _("Thank you for your feedback.")

    return _exchange_operation(
        request,
        access,
        exchange,
        form=FeedbackForm(request.POST),
        slot="feedback",
        perform=perform,
    )


@member_required
@require_POST
def flash_continue(request: HttpRequest, access: Access, exchange_id: int) -> HttpResponse:
    exchange = selectors.exchange_for_member(access, exchange_id)
    form = ContinueForm(request.POST, programmes=exchanges.continuation_programmes(exchange))

    def perform(data: Mapping[str, Any]) -> str:
        exchanges.ask_to_continue(
            exchange=exchange,
            mentee=access.member,
            programme=data["programme"],
            message=data["message"],
        )
        return _("Your wish is sent to the mentor.")

    return _exchange_operation(
        request, access, exchange, form=form, slot="continue", perform=perform
    )


@member_required
@require_POST
def flash_continue_cohort(request: HttpRequest, access: Access, exchange_id: int) -> HttpResponse:
    """The mentee applies to a cohort, the application prefilled from the exchange."""
    exchange = selectors.exchange_for_member(access, exchange_id)
    cohorts = continuation_services.continuation_cohorts(exchange)

    def perform(data: Mapping[str, Any]) -> str:
        continuation_services.continue_into_cohort(
            exchange=exchange, mentee=access.member, cohort=data["cohort"], message=data["message"]
        )
        return _("Your application to the cohort is made: read it and complete it if you wish.")

    return _exchange_operation(
        request,
        access,
        exchange,
        form=ContinueCohortForm(request.POST, cohorts=cohorts, prefix="c"),
        slot="cohort",
        perform=perform,
    )


@member_required
@require_POST
def flash_continue_answer(request: HttpRequest, access: Access, exchange_id: int) -> HttpResponse:
    exchange = selectors.exchange_for_member(access, exchange_id)

    def perform(data: Mapping[str, Any]) -> str:
        continuation = getattr(exchange, "continuation", None)
        if continuation is None:
            raise DomainError(_("Nothing to answer yet."), code="none")
        exchanges.answer_continuation(
            continuation=continuation, mentor=access.member, accept=data["accept"]
        )
        if data["accept"]:
            return _("You are now a pair: you both receive an introduction email.")
        return _("Your answer is sent.")

    return _exchange_operation(
        request, access, exchange, form=AnswerForm(request.POST), slot="answer", perform=perform
    )


@public
@require_http_methods(["GET", "POST"])
def flash_outcome_link(request: HttpRequest, token: str) -> HttpResponse:
    """The email's one-click answer: GET shows it to confirm (mail scanners open links), the
    button records it."""
    found = read_outcome_token(token)
    if found is None:
        return render(request, "flash/outcome_invalid.html", status=400)
    exchange, member, answer = found
    error = ""
    if request.method == "POST":
        try:
            exchanges.record_outcome(
                exchange=exchange,
                member=member,
                held=answer == "held",
                other_absent=answer == "absent",
            )
        except DomainError as refused:
            error = refused.message
        exchange.refresh_from_db()
    return render(
        request,
        "flash/outcome_link.html",
        {"exchange": exchange, "answer": answer, "error": error, "done": request.method == "POST"},
    )
