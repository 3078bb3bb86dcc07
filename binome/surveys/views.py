"""The survey's answer page, opened from the email's signed link (no login).

GET shows the form — with the member's earlier answers, so answering twice updates — and a
preset from the email's one-click buttons; mail scanners open links, so only the button records.
The page speaks the respondent's language unless the visitor chose another.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_http_methods, require_POST

from binome.core.access import public
from binome.core.errors import DomainError
from binome.surveys import services
from binome.surveys.forms import SurveyForm
from binome.surveys.models import SurveyResponse
from binome.surveys.tokens import read_answer_token


def _language(request: HttpRequest, response: SurveyResponse) -> str:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in dict(settings.LANGUAGES):
        return chosen
    return response.respondent.user.language or settings.LANGUAGE_CODE


@public
@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    found = read_answer_token(token)
    if found is None:
        return render(request, "surveys/link_invalid.html", status=400)
    response, preset = found
    with translation.override(_language(request, response)):
        return _answer_page(request, response, preset, token)


def _answer_page(
    request: HttpRequest, response: SurveyResponse, preset: str, token: str
) -> HttpResponse:
    questions = services.questions_for(response)
    answers = {a.question_id: a for a in response.answers.all()}
    data = request.POST if request.method == "POST" else None
    form = SurveyForm(data, questions=questions, answers=answers, preset=preset)
    if request.method == "POST" and form.is_valid():
        response = services.save_answers(response=response, data=form.cleaned_data)
        context = {
            "response": response,
            "token": token,
            "offers_rematch": services.offers_rematch(response),
        }
        return render(request, "surveys/answered.html", context)
    context = {"response": response, "form": form, "survey": response.template}
    return render(request, "surveys/answer.html", context)


@public
@require_POST
def survey_rematch(request: HttpRequest, token: str) -> HttpResponse:
    """The mentee who said "not a good fit" asks for another mentor."""
    found = read_answer_token(token)
    if found is None:
        return render(request, "surveys/link_invalid.html", status=400)
    response, _preset = found
    with translation.override(_language(request, response)):
        error = ""
        try:
            response = services.ask_for_rematch(response=response)
        except DomainError as refusal:
            error = refusal.message
        context = {"response": response, "error": error}
        return render(request, "surveys/rematch_asked.html", context, status=400 if error else 200)
