"""The survey template editor, for the programme's managers and the network's admins: the
programme's surveys, each one's moment and questions (added, changed, removed, reordered).
Surveys already sent keep their version (see ``surveys.editing``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binome.core.access import Access, staff_required
from binome.core.operations import ConfirmForm, run_operation
from binome.programmes.models import Programme
from binome.surveys import editing, selectors, services
from binome.surveys.defaults import BUILT_IN
from binome.surveys.forms_editor import MoveForm, QuestionForm, TemplateForm
from binome.surveys.models import Moment, SurveyTemplate


def _list_page(
    request: HttpRequest, programme: Programme, operation_form: forms.BaseForm | None = None
) -> HttpResponse:
    order = list(Moment.values)
    summaries = sorted(
        selectors.templates_of(programme), key=lambda s: order.index(s.template.moment)
    )
    context = {"programme": programme, "summaries": summaries, "operation_form": operation_form}
    return render(request, "surveys/editor_list.html", context)


@staff_required
def survey_templates(request: HttpRequest, access: Access, programme_id: int) -> HttpResponse:
    programme = selectors.programme_for_editor(access, programme_id)
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _list_page(request, programme)


@staff_required
@require_POST
def survey_defaults(request: HttpRequest, access: Access, programme_id: int) -> HttpResponse:
    programme = selectors.programme_for_editor(access, programme_id)

    def perform(data: Mapping[str, Any]) -> str:
        services.install_default_templates(programme=programme)
        return _("The default surveys of the programme are ready to edit.")

    return run_operation(
        request,
        form=ConfirmForm(request.POST),
        perform=perform,
        page=lambda form: _list_page(request, programme, form),
        success=reverse("survey_templates", args=[access.network.slug, programme.pk]),
    )


def _template_page(
    request: HttpRequest,
    template: SurveyTemplate,
    form: forms.BaseForm | None = None,
    operation_form: forms.BaseForm | None = None,
) -> HttpResponse:
    questions = list(template.current_questions().order_by("position", "pk"))
    context = {
        "template": template,
        "programme": template.programme,
        "form": form or TemplateForm(template=template),
        "questions": [(q, BUILT_IN.get(q.code, "")) for q in questions],
        "earlier": selectors.sent_with_earlier_versions(template),
        "operation_form": operation_form,
    }
    return render(request, "surveys/editor_template.html", context)


def _template_url(template: SurveyTemplate) -> str:
    return reverse("survey_template", args=[template.network.slug, template.pk])


@staff_required
@require_http_methods(["GET", "POST"])
def survey_template(request: HttpRequest, access: Access, template_id: int) -> HttpResponse:
    template = selectors.template_for_editor(access, template_id)
    if request.method == "GET":
        return _template_page(request, template)

    def perform(data: Mapping[str, Any]) -> str:
        editing.save_template_settings(template=template, actor=request.user, **data)
        return _("The survey is saved.")

    return run_operation(
        request,
        form=TemplateForm(request.POST, template=template),
        perform=perform,
        page=lambda form: _template_page(request, template, form=form),
        success=_template_url(template),
    )


def _question_page(
    request: HttpRequest, template: SurveyTemplate, form: forms.BaseForm, question: Any = None
) -> HttpResponse:
    context = {
        "template": template,
        "programme": template.programme,
        "form": form,
        "question": question,
        "built_in": BUILT_IN.get(question.code, "") if question else "",
    }
    return render(request, "surveys/editor_question.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def survey_question_add(request: HttpRequest, access: Access, template_id: int) -> HttpResponse:
    template = selectors.template_for_editor(access, template_id)
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "GET":
        return _question_page(request, template, form)

    def perform(data: Mapping[str, Any]) -> str:
        editing.add_question(template=template, actor=request.user, data=form.question_data())
        return _("The question is added.")

    return run_operation(
        request,
        form=form,
        perform=perform,
        page=lambda bound: _question_page(request, template, bound),
        success=_template_url(template),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def survey_question_edit(
    request: HttpRequest, access: Access, template_id: int, survey_question_id: int
) -> HttpResponse:
    template = selectors.template_for_editor(access, template_id)
    question = selectors.current_question(template, survey_question_id)
    form = QuestionForm(request.POST if request.method == "POST" else None, question=question)
    if request.method == "GET":
        return _question_page(request, template, form, question)

    def perform(data: Mapping[str, Any]) -> str:
        editing.change_question(
            template=template, question=question, actor=request.user, data=form.question_data()
        )
        return _("The question is saved.")

    return run_operation(
        request,
        form=form,
        perform=perform,
        page=lambda bound: _question_page(request, template, bound, question),
        success=_template_url(template),
    )


@staff_required
@require_POST
def survey_question_remove(
    request: HttpRequest, access: Access, template_id: int, survey_question_id: int
) -> HttpResponse:
    template = selectors.template_for_editor(access, template_id)
    question = selectors.current_question(template, survey_question_id)

    def perform(data: Mapping[str, Any]) -> str:
        editing.remove_question(template=template, question=question, actor=request.user)
        return _("The question is removed.")

    return run_operation(
        request,
        form=ConfirmForm(request.POST),
        perform=perform,
        page=lambda form: _template_page(request, template, operation_form=form),
        success=_template_url(template),
    )


@staff_required
@require_POST
def survey_question_move(
    request: HttpRequest, access: Access, template_id: int, survey_question_id: int
) -> HttpResponse:
    template = selectors.template_for_editor(access, template_id)
    question = selectors.current_question(template, survey_question_id)

    def perform(data: Mapping[str, Any]) -> str:
        editing.move_question(
            template=template, question=question, actor=request.user, up=data["direction"] == "up"
        )
        return ""

    return run_operation(
        request,
        form=MoveForm(request.POST),
        perform=perform,
        page=lambda form: _template_page(request, template, operation_form=form),
        success=_template_url(template) + f"#question-{question.pk}",
    )
