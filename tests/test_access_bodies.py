"""Ids in a form's body reach no further than ids in its URL: a mentor, a theme, a member's
email, a programme, an interview participant or an action item's owner from out of reach is
refused and nothing is linked to it.

Each case is sent twice by a persona allowed on the page, in its own savepoint: first with an
object within reach (the control, which must be linked — so the body is well formed and the
refusal below is the tenancy check's), then with the object out of reach.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from binome.intake.models import IntakeInterview, MentoringRequest, ShortlistEntry
from binome.members.models import MentorOffer
from binome.mentorships.models import ActionItem, Mentorship
from binome.programmes.models import StaffRole
from tests.access_elsewhere import Elsewhere
from tests.access_urls import persona_client, persona_url
from tests.access_world import World

pytestmark = pytest.mark.django_db

W, E = World, Elsewhere


@dataclass(frozen=True)
class BodyCase:
    url: str
    persona: str
    # The body, given the object to name (within reach, then out of reach).
    body: Callable[[W, E, Any], dict[str, Any]]
    # Whether the POST linked that object.
    linked: Callable[[W, E, Any], bool]
    within: Callable[[W, E], Any]
    beyond: Callable[[W, E], Any]
    kwargs: Callable[[W, E], dict[str, Any]] = field(default=lambda w, e: {})


def _request_body(w: W, e: E, theme_pk: int) -> dict[str, Any]:
    return {
        "situation": "job_search",
        "question": "Passer de la recherche à l'industrie.",
        "style": "classic",
        "formats": ["video"],
        "languages": ["fr"],
        "themes": [theme_pk],
    }


CASES = {
    "a mentor added to a shortlist": BodyCase(
        url="shortlist_add",
        persona="manager",
        kwargs=lambda w, e: {"request_id": e.shortlisting.pk},
        body=lambda w, e, pk: {"mentor": pk, "note": "Connaît le sujet."},
        linked=lambda w, e, pk: ShortlistEntry.objects.filter(
            request=e.shortlisting, mentor_id=pk
        ).exists(),
        within=lambda w, e: w.people["mentor"].pk,
        beyond=lambda w, e: e.member.pk,
    ),
    "a theme of a request": BodyCase(
        url="request_new",
        persona="member",
        body=_request_body,
        linked=lambda w, e, pk: MentoringRequest.objects.filter(
            mentee=w.people["member"], themes=pk
        ).exists(),
        within=lambda w, e: w.theme.pk,
        beyond=lambda w, e: e.theme.pk,
    ),
    "a theme of a mentor offer": BodyCase(
        url="mentor_offer",
        persona="member",
        body=lambda w, e, pk: {
            "themes": [pk],
            "capacity": 2,
            "formats": ["video"],
            "consent": "on",
        },
        linked=lambda w, e, pk: MentorOffer.objects.filter(
            member=w.people["member"], themes=pk
        ).exists(),
        within=lambda w, e: w.theme.pk,
        beyond=lambda w, e: e.theme.pk,
    ),
    "a member granted a role": BodyCase(
        url="staff_list",
        persona="network_admin",
        body=lambda w, e, email: {
            "member": email,
            "role": "programme_manager",
            "programme": w.programme.pk,
        },
        linked=lambda w, e, email: StaffRole.objects.filter(
            member__user__email=email, programme=w.programme
        ).exists(),
        within=lambda w, e: w.people["member"].user.email,
        beyond=lambda w, e: e.member.user.email,
    ),
    "the programme of a role": BodyCase(
        url="staff_list",
        persona="network_admin",
        body=lambda w, e, pk: {
            "member": w.people["member"].user.email,
            "role": "programme_manager",
            "programme": pk,
        },
        linked=lambda w, e, pk: StaffRole.objects.filter(
            member=w.people["member"], programme_id=pk
        ).exists(),
        within=lambda w, e: w.programme.pk,
        beyond=lambda w, e: e.programme.pk,
    ),
    "the mentor of a pair made by hand": BodyCase(
        url="direct_pair",
        persona="network_admin",
        body=lambda w, e, email: {
            "mentor_email": email,
            "mentee_email": w.people["member"].user.email,
        },
        linked=lambda w, e, email: Mentorship.objects.filter(
            mentee=w.people["member"], mentor__user__email=email
        ).exists(),
        within=lambda w, e: w.people["mentor"].user.email,
        beyond=lambda w, e: e.member.user.email,
    ),
    "a participant of an intake interview": BodyCase(
        url="request_schedule",
        persona="manager",
        kwargs=lambda w, e: {"request_id": e.in_intake.pk},
        body=lambda w, e, pk: {
            "scheduled_at": (timezone.localtime() + datetime.timedelta(days=3)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "duration_minutes": 60,
            "participants": [pk],
        },
        linked=lambda w, e, pk: IntakeInterview.objects.filter(
            request=e.in_intake, participants=pk
        ).exists(),
        within=lambda w, e: w.people["network_admin"].pk,
        beyond=lambda w, e: e.role.member_id,
    ),
    "the owner of an action item": BodyCase(
        url="action_item_add",
        persona="mentee",
        body=lambda w, e, pk: {"text": "Relire la lettre.", "owner": pk},
        linked=lambda w, e, pk: ActionItem.objects.filter(mentorship=w.pair, owner_id=pk).exists(),
        within=lambda w, e: w.people["mentor"].pk,
        beyond=lambda w, e: w.people["other_party"].pk,
    ),
}


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.BINOME_STAFF_MFA_REQUIRED = False


def post(world, elsewhere, sessions, case: BodyCase, value: Any) -> tuple[int, bool]:
    """POST the case's body naming ``value``; the status, and whether ``value`` got linked."""
    url = persona_url(world, case.persona, case.url, **case.kwargs(world, elsewhere))
    with transaction.atomic():
        client = persona_client(sessions, case.persona)
        response = client.post(url, case.body(world, elsewhere, value))
        linked = case.linked(world, elsewhere, value)
        transaction.set_rollback(True)
    return response.status_code, linked


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_an_id_out_of_reach_in_a_body_is_refused_and_linked_to_nothing(
    module_world, elsewhere, persona_sessions, case
):
    within = case.within(module_world, elsewhere)
    status, linked = post(module_world, elsewhere, persona_sessions, case, within)
    assert (status, linked) == (302, True), "the control must go through"
    beyond = case.beyond(module_world, elsewhere)
    status, linked = post(module_world, elsewhere, persona_sessions, case, beyond)
    assert not linked
    assert status in (200, 404, 422)
