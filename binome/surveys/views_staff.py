"""A pair's survey answers meant for the programme team, for the programme's managers only;
each read is audited. Answers for totals only or for the pair are never listed."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render

from binome.core.access import Access, staff_required
from binome.mentorships import selectors as pair_selectors
from binome.surveys.selectors import answers_for_staff


@staff_required
def pair_survey_answers(request: HttpRequest, access: Access, pair_id: int) -> HttpResponse:
    pair = pair_selectors.pair_for_staff(access, pair_id)
    if pair.programme_id not in access.managed_programme_ids():
        raise Http404  # the programme's team, as for intake notes: not every admin
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
    responses = answers_for_staff(access, pair)
    return render(request, "surveys/pair_answers.html", {"pair": pair, "responses": responses})
