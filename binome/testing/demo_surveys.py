"""Demo surveys: pairs closed over the last two years with their end surveys answered, and the
first-meeting surveys of today's pairs sent (some answered), so that the health page and the
KPIs have something to show."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from binome.members.models import Member
from binome.mentorships.models import Mentorship
from binome.mentorships.services import charter, create_mentorship, lifecycle
from binome.programmes.models import Programme
from binome.surveys.models import Moment, SurveyResponse
from binome.surveys.services import save_answers
from binome.surveys.waves import run_waves

PAST_PAIRS = 24


def build_surveys(programme: Programme, members: list[Member], rng: random.Random) -> None:
    mentors = [m for m in members if m.is_listed and "@ax.example.org" not in m.user.email]
    mentees = [m for m in members if not m.is_listed and "@ax.example.org" not in m.user.email]
    busy = set(Mentorship.objects.filter(programme=programme).values_list("mentor_id", "mentee_id"))
    taken = {pk for pair in busy for pk in pair}
    mentors = [m for m in mentors if m.pk not in taken]
    mentees = [m for m in mentees if m.pk not in taken]
    rng.shuffle(mentors)
    rng.shuffle(mentees)
    past = []
    for number in range(min(PAST_PAIRS, len(mentors), len(mentees))):
        pair = create_mentorship(
            programme=programme,
            mentor=mentors[number],
            mentee=mentees[-1 - number],
            actor=None,
            send_introduction=False,
        )
        charter.sign_charter(mentorship=pair, member=pair.mentor)
        charter.sign_charter(mentorship=pair, member=pair.mentee)
        lifecycle.close_pair(
            mentorship=pair,
            actor=pair.mentee,
            completed=rng.random() < 0.8,
            reason=rng.choice(["goals_reached", "period_over", "availability"]),
        )
        past.append(pair)
    run_waves()
    for response in SurveyResponse.objects.filter(mentorship__in=past).select_related("mentorship"):
        if rng.random() < 0.75:
            save_answers(response=response, data=_end_answers(response.role, rng))
    _spread_over_two_years(past, rng)
    for response in SurveyResponse.objects.filter(moment=Moment.FIRST_MEETING):
        if rng.random() < 0.6:
            fit = rng.choice(["good", "good", "good", "unsure"])
            save_answers(response=response, data={"fit": fit, "first_useful": rng.randint(3, 5)})


def _end_answers(role: str, rng: random.Random) -> dict[str, object]:
    before = rng.randint(1, 3)
    answers: dict[str, object] = {
        "goals_reached": rng.choice(["yes", "yes", "partly", "no"]),
        "satisfaction": rng.choice([3, 4, 4, 5, 5]),
        "recommend": rng.choice([6, 8, 9, 9, 10, 10]),
    }
    if role == "mentee":
        answers.update(
            next_step_before=before,
            next_step_after=min(5, before + rng.randint(0, 3)),
            would_mentor=rng.choice(["yes", "maybe", "maybe", "no"]),
        )
    else:
        answers["mentor_again"] = rng.choice(["yes", "yes", "yes", "maybe", "no"])
    return answers


def _spread_over_two_years(pairs: list[Mentorship], rng: random.Random) -> None:
    now = timezone.now()
    for pair in pairs:
        ended = now - datetime.timedelta(days=rng.randint(5, 700))
        started = ended - datetime.timedelta(days=rng.randint(120, 200))
        Mentorship.objects.filter(pk=pair.pk).update(
            created_at=started, started_at=started, ended_at=ended
        )
        responses = SurveyResponse.objects.filter(mentorship=pair)
        responses.update(sent_at=ended, expires_at=ended + datetime.timedelta(days=30))
        responses.filter(answered_at__isnull=False).update(
            answered_at=ended + datetime.timedelta(days=2),
            updated_at=ended + datetime.timedelta(days=2),
        )
