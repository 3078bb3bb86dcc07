"""Swapped ids: every id in every URL, replaced by the id of an object the visitor may not reach,
answers 404 to each persona the access table lets through, and writes nothing.

Two kinds of swap (ALTERNATES): an object of another network under this network's address, and,
for ids nested under a parent (a meeting under a pair, an entry under a request…), an object
of the same network that belongs to another parent — a sibling pair, a sibling request.
The foreign admin's column of the access matrix already tries this network's ids under their
own network's address, the reverse swap.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone

from tests.access_elsewhere import Elsewhere
from tests.access_table import REFUSED, ROWS
from tests.access_urls import all_patterns, persona_url, table_line, try_as
from tests.access_world import PERSONAS

pytestmark = pytest.mark.django_db


# Argument → (label, id of an object out of reach) for each swap.
ALTERNATES: dict[str, list[tuple[str, Callable[[Elsewhere], int]]]] = {
    "programme_id": [("other network", lambda e: e.programme.pk)],
    "theme_id": [("other network", lambda e: e.theme.pk)],
    "role_id": [("other network", lambda e: e.role.pk)],
    "batch_id": [("other network", lambda e: e.batch.pk)],
    "member_id": [("other network", lambda e: e.member.pk)],
    "request_id": [("other network", lambda e: e.request_id)],
    "pair_id": [("other network", lambda e: e.pair.pk)],
    "entry_id": [
        ("other network", lambda e: e.entry.pk),
        ("another request", lambda e: e.sibling_entry.pk),
    ],
    "invitation_id": [
        ("other network", lambda e: e.invitation.pk),
        ("another mentor", lambda e: e.sibling_invitation.pk),
    ],
    "meeting_id": [
        ("other network", lambda e: e.meeting.pk),
        ("another pair", lambda e: e.sibling_meeting.pk),
    ],
    "item_id": [
        ("other network", lambda e: e.item.pk),
        ("another pair", lambda e: e.sibling_item.pk),
    ],
    "slot_id": [("other network", lambda e: e.flash["slot"].pk)],
    "question_id": [
        ("other network", lambda e: e.flash["question"].pk),
        ("another member", lambda e: e.flash["sibling_question"].pk),
    ],
    "exchange_id": [("other network", lambda e: e.flash["exchange"].pk)],
    # A manager's reminder: every question of a programme they manage is within their reach.
    "pool_question_id": [("other network", lambda e: e.flash["question"].pk)],
    "event_id": [("other network", lambda e: e.flash["event"].pk)],
    "introduction_id": [
        ("other network", lambda e: e.flash["introduction"].pk),
        ("another pair", lambda e: e.flash["sibling_introduction"].pk),
    ],
    "flag_id": [
        ("other network", lambda e: e.flag.pk),
        ("another pair", lambda e: e.sibling_flag.pk),
    ],
    "cohort_id": [("other network", lambda e: e.cohort.pk)],
    "run_id": [("other network", lambda e: e.run.pk)],
    "cohort_question_id": [
        ("other network", lambda e: e.cohort.questions.get().pk),
        ("another cohort", lambda e: e.sibling_application.cohort.questions.get().pk),
    ],
    "template_id": [("other network", lambda e: e.survey["template"].pk)],
    "survey_question_id": [
        ("other network", lambda e: e.survey["question"].pk),
        ("another survey", lambda e: e.survey["sibling_question"].pk),
    ],
    "application_id": [
        ("other network", lambda e: e.application.pk),
        ("another member and cohort", lambda e: e.sibling_application.pk),
    ],
}
# Arguments that are not ids of objects (or reach none of another network's).
NOT_IDS = frozenset({"network", "file_format", "token", "uidb36", "role", "year", "number"})


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.BINOME_STAFF_MFA_REQUIRED = False


def swap_rows() -> list[tuple[str, str]]:
    """(URL name, method) of every row with an id and a persona it lets through."""
    return [
        (name, method)
        for (name, method), statuses in sorted(ROWS.items())
        if set(all_patterns()[name]) - NOT_IDS
        and any(statuses[p] not in REFUSED for p in PERSONAS if p != "foreign_admin")
    ]


def test_every_id_argument_has_its_swaps():
    arguments = {arg for name, _m in ROWS for arg in all_patterns()[name]} - NOT_IDS
    assert arguments - set(ALTERNATES) == set(), "Add these arguments to ALTERNATES"


@pytest.mark.parametrize(("name", "method"), swap_rows())
def test_an_id_out_of_reach_answers_404_to_everyone(
    module_world, elsewhere, persona_sessions, name, method
):
    statuses = ROWS[(name, method)]
    granted = [p for p in PERSONAS if p != "foreign_admin" and statuses[p] not in REFUSED]
    failures = []
    for argument in sorted(set(all_patterns()[name]) - NOT_IDS):
        for label, alternate in ALTERNATES[argument]:
            for persona in granted:
                url = persona_url(module_world, persona, name, **{argument: alternate(elsewhere)})
                status, written = try_as(persona_sessions, persona, method, url)
                if status != "404" or written:
                    failures.append(f"{persona}: {argument} of {label} → {status} {written or ''}")
    assert failures == [], f"{table_line(name, method, statuses)}\n" + "\n".join(failures)


def test_the_swapped_objects_are_really_out_of_reach(module_world, elsewhere):
    assert elsewhere.pair.network_id != module_world.network.pk
    assert elsewhere.sibling_meeting.mentorship_id != module_world.pair.pk
    assert elsewhere.sibling_entry.request_id != module_world.request.pk
    assert elsewhere.sibling_invitation.mentor_id != module_world.people["mentor"].pk
    assert elsewhere.meeting.starts_at < timezone.now()
