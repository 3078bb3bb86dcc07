"""Demo pairs at several points of their life, made through the services a pair uses."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from binome.members.models import Member
from binome.mentorships.models import Meeting, Mentorship
from binome.mentorships.services import charter, create_mentorship, flags, meetings, work
from binome.programmes.models import Programme


def build_pairs(programme: Programme, members: list[Member], rng: random.Random) -> None:
    mentors = [m for m in members if m.is_listed and "@ax.example.org" not in m.user.email]
    mentees = [m for m in members if not m.is_listed and "@ax.example.org" not in m.user.email]
    rng.shuffle(mentors)
    rng.shuffle(mentees)
    persona_mentor = next(m for m in members if m.user.email == "mentor2@ax.example.org")
    plans = [
        (persona_mentor, mentees[0], "active", 3),
        (mentors[0], mentees[1], "active", 1),
        (mentors[1], mentees[2], "awaiting_charter", 0),
        (mentors[2], mentees[3], "silent", 1),
        (mentors[3], mentees[4], "referral", 2),
    ]
    for mentor, mentee, plan, held in plans:
        pair = create_mentorship(
            programme=programme, mentor=mentor, mentee=mentee, actor=None, send_introduction=False
        )
        if plan == "awaiting_charter":
            charter.sign_charter(mentorship=pair, member=mentor)
            continue
        charter.sign_charter(mentorship=pair, member=mentor)
        charter.sign_charter(mentorship=pair, member=mentee)
        pair.refresh_from_db()
        work.save_objectives(
            mentorship=pair,
            member=mentee,
            texts=["Clarifier le projet professionnel", "Rencontrer trois personnes du secteur"],
        )
        for number in range(held):
            _held_meeting(pair, mentee, mentor, weeks_ago=3 * (held - number))
        if held:  # the pair began some days before its first meeting, as pairs do
            begun = timezone.now() - datetime.timedelta(weeks=3 * held, days=rng.randint(5, 20))
            Mentorship.objects.filter(pk=pair.pk).update(created_at=begun, started_at=begun)
        work.add_action_item(
            mentorship=pair,
            member=mentor,
            owner=mentee,
            text="Mettre à jour le CV",
            due_date=timezone.localdate() + datetime.timedelta(days=10),
        )
        if plan == "silent":
            Mentorship.objects.filter(pk=pair.pk).update(
                created_at=timezone.now() - datetime.timedelta(weeks=10),
                started_at=timezone.now() - datetime.timedelta(weeks=9),
            )
            Meeting.objects.filter(mentorship=pair).update(
                starts_at=timezone.now() - datetime.timedelta(weeks=8)
            )
        if plan == "referral":
            flags.flag_referral(mentorship=pair, mentor=mentor)


def _held_meeting(pair: Mentorship, mentee: Member, mentor: Member, *, weeks_ago: int) -> None:
    start = timezone.now() + datetime.timedelta(days=1)
    meeting = meetings.propose_meeting(
        mentorship=pair,
        member=mentee,
        starts_at=start,
        duration_minutes=60,
        format="video",
        video_link="https://visio.example.org/binome",
    )
    meetings.confirm_meeting(meeting=meeting, member=mentor)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(weeks=weeks_ago)
    )
    meeting.refresh_from_db()
    meetings.record_outcome(meeting=meeting, member=mentee, held=True)
