"""Steps of the on-demand flow, one function each, for tests and demo data alike.

Every step goes through the services a person uses, so a scenario is also a check that the
flow still works end to end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from binome.intake.models import MentoringRequest, ShortlistEntry
from binome.intake.services import intake, requests, shortlist
from binome.members.models import Member
from binome.programmes.models import Programme


def submitted_request(
    *,
    mentee: Member,
    programme: Programme,
    situation: str = "job_search",
    question: str = "Je cherche un regard extérieur sur mon projet.",
    themes: Iterable[Any] = (),
    consent: bool = False,
    style: str = "classic",
    formats: Sequence[str] = ("video",),
) -> MentoringRequest:
    draft = requests.save_draft(
        mentee=mentee,
        programme=programme,
        themes=list(themes),
        sensitive_consent=consent,
        data={
            "situation": situation,
            "question": question,
            "style": style,
            "formats": list(formats),
            "languages": mentee.languages or ["fr"],
        },
    )
    return requests.submit_request(request=draft, actor=mentee.user)


def request_to_shortlist(*, manager: Member, **request: Any) -> MentoringRequest:
    """Submitted, taken by ``manager``, intake decided "go": the shortlist step."""
    mentoring_request = submitted_request(**request)
    intake.take_request(request=mentoring_request, manager=manager)
    intake.decide(request=mentoring_request, manager=manager, decision="go")
    return mentoring_request


def published_shortlist(
    *, manager: Member, mentors: Sequence[Member], rank: bool = True, **request: Any
) -> tuple[MentoringRequest, list[ShortlistEntry]]:
    """A shortlist of ``mentors`` published (and, if ``rank``, ranked in that order)."""
    mentoring_request = request_to_shortlist(manager=manager, **request)
    entries = [
        shortlist.add_to_shortlist(
            request=mentoring_request,
            manager=manager,
            mentor=mentor,
            note=f"{mentor.first_name} connaît bien le sujet.",
        )
        for mentor in mentors
    ]
    shortlist.publish_shortlist(request=mentoring_request, manager=manager)
    if rank:
        shortlist.rank_shortlist(
            request=mentoring_request,
            mentee=mentoring_request.mentee,
            ranking=[entry.pk for entry in entries],
        )
    return mentoring_request, entries
