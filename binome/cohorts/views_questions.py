"""The managers' pages of a cohort's questionnaire: its own questions per role."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binome.cohorts import selectors
from binome.cohorts.forms import QuestionForm
from binome.cohorts.models import Cohort, Question, Role
from binome.cohorts.services import questions as question_services
from binome.core.access import Access, staff_required
from binome.core.operations import ConfirmForm, run_operation


def _questions_url(access: Access, cohort: Cohort) -> str:
    return reverse("cohort_questions", args=[access.network.slug, cohort.pk])


@staff_required
@require_http_methods(["GET", "POST"])
def cohort_questions(request: HttpRequest, access: Access, cohort_id: int) -> HttpResponse:
    """The cohort's questions per role, and a form to add one."""
    cohort = selectors.cohort_for_manager(access, cohort_id)
    if request.method == "GET":
        return _page(request, cohort, QuestionForm(initial={"role": Role.MENTEE, "kind": "single"}))

    def perform(data: Mapping[str, Any]) -> str:
        question_services.save_question(cohort=cohort, actor=request.user, data=form.service_data())
        return _("The question is added.")

    form = QuestionForm(request.POST)
    return run_operation(
        request,
        form=form,
        perform=perform,
        page=lambda bound: _page(request, cohort, bound),
        success=_questions_url(access, cohort),
    )


def _page(request: HttpRequest, cohort: Cohort, form: forms.BaseForm) -> HttpResponse:
    rows = [
        (
            label,
            [q for q in cohort.questions.all() if q.role == role],
            question_services.can_edit(cohort, role),
        )
        for role, label in Role.choices
    ]
    return render(
        request,
        "cohorts/questions.html",
        {"cohort": cohort, "rows": rows, "form": form},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def question_edit(
    request: HttpRequest, access: Access, cohort_id: int, cohort_question_id: int
) -> HttpResponse:
    cohort = selectors.cohort_for_manager(access, cohort_id)
    question = selectors.question_for_manager(cohort, cohort_question_id)
    if request.method == "GET":
        form = QuestionForm(initial=QuestionForm.initial_of(question))
        return _edit_page(request, cohort, question, form)

    def perform(data: Mapping[str, Any]) -> str:
        question_services.save_question(
            cohort=cohort, actor=request.user, data=form.service_data(), question=question
        )
        return _("The question is saved.")

    form = QuestionForm(request.POST)
    return run_operation(
        request,
        form=form,
        perform=perform,
        page=lambda bound: _edit_page(request, cohort, question, bound),
        success=_questions_url(access, cohort),
    )


def _edit_page(
    request: HttpRequest,
    cohort: Cohort,
    question: Question,
    form: forms.BaseForm,
    operation_form: forms.BaseForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "cohorts/question_edit.html",
        {
            "cohort": cohort,
            "question": question,
            "form": form,
            "can_edit": question_services.can_edit(cohort, question.role),
            "operation_form": operation_form,
        },
    )


@staff_required
@require_POST
def question_delete(
    request: HttpRequest, access: Access, cohort_id: int, cohort_question_id: int
) -> HttpResponse:
    cohort = selectors.cohort_for_manager(access, cohort_id)
    question = selectors.question_for_manager(cohort, cohort_question_id)

    def perform(data: Mapping[str, Any]) -> str:
        question_services.delete_question(question=question, actor=request.user)
        return _("The question is removed.")

    return run_operation(
        request,
        form=ConfirmForm(request.POST),
        perform=perform,
        page=lambda bound: _edit_page(
            request,
            cohort,
            question,
            QuestionForm(initial=QuestionForm.initial_of(question)),
            operation_form=bound,
        ),
        success=_questions_url(access, cohort),
    )
