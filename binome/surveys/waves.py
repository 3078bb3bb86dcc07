"""Survey waves, run by the worker; safe to run twice (one response per pair, member and moment,
kept by a unique constraint; a reminder is claimed with a conditional UPDATE).

When a survey becomes due:
- after the first meeting: a pair whose first held meeting is less than ``RECENT`` old;
- mid-term: an active pair half-way through its programme's duration;
- at the end: a pair closed less than ``RECENT`` ago;
- after a flash exchange that took place: its template's ``delay_days`` later (``flash_waves``).
Pairs older than that when a programme starts surveying are not asked about the past.

Each member the template asks gets an email in their language with a signed answer link (no
login), then one reminder after ``REMIND_AFTER``; the link closes at ``ANSWER_WITHIN``.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from binome.flash.models import FlashExchange
from binome.mentorships.models import Mentorship
from binome.mentorships.states import MeetingStatus, MentorshipStatus
from binome.notifications.emails import send_templated
from binome.programmes.models import Programme
from binome.surveys.flash_waves import due_exchanges
from binome.surveys.models import Moment, Question, Role, SurveyResponse, SurveyTemplate, Wave
from binome.surveys.services import install_default_templates
from binome.surveys.tokens import answer_link

RECENT = datetime.timedelta(days=30)
REMIND_AFTER = datetime.timedelta(days=5)
ANSWER_WITHIN = datetime.timedelta(days=30)
DAYS_PER_MONTH = 30.4


def run_waves(*, now: datetime.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    installed = _install_missing_templates()
    sent = 0
    templates = SurveyTemplate.objects.filter(is_active=True).select_related("programme")
    current = Question.objects.filter(until_version__isnull=True)
    for template in templates.prefetch_related(Prefetch("questions", queryset=current)):
        sent += _open_wave(template, now)
    return {"templates": installed, "sent": sent, "reminded": _remind(now)}


def _install_missing_templates() -> int:
    missing = Programme.objects.filter(is_active=True).exclude(
        Exists(SurveyTemplate.objects.filter(programme=OuterRef("pk")))
    )
    return sum(len(install_default_templates(programme=p)) for p in missing)


def due_pairs(template: SurveyTemplate, now: datetime.datetime) -> QuerySet[Mentorship]:
    """Pairs of the template's programme owing this survey and not yet sent it."""
    programme = template.programme
    pairs = Mentorship.objects.filter(programme=programme).exclude(
        Exists(SurveyResponse.objects.filter(mentorship=OuterRef("pk"), moment=template.moment))
    )
    if template.moment == Moment.FLASH:
        return pairs.none()  # flash exchanges are not pairs: see flash_waves
    if template.moment == Moment.FIRST_MEETING:
        held = Q(meetings__status=MeetingStatus.HELD)
        return (
            pairs.filter(status__in=[MentorshipStatus.ACTIVE, MentorshipStatus.PAUSED])
            .annotate(first_held=Min("meetings__starts_at", filter=held))
            .filter(first_held__gte=now - RECENT, first_held__lte=now)
        )
    if template.moment == Moment.MID_TERM:
        half = datetime.timedelta(days=programme.duration_months * DAYS_PER_MONTH / 2)
        return pairs.filter(
            status=MentorshipStatus.ACTIVE,
            started_at__lte=now - half,
            started_at__gte=now - half - RECENT,
        )
    return pairs.filter(
        status__in=[MentorshipStatus.COMPLETED, MentorshipStatus.ENDED_EARLY],
        ended_at__lte=now,
        ended_at__gte=now - RECENT,
    )


def _open_wave(template: SurveyTemplate, now: datetime.datetime) -> int:
    """Create the responses owed to the template's due pairs or flash exchanges, each sent in its
    own transaction."""
    roles = [r for r in Role.values if any(q.asks(r) for q in template.questions.all())]
    if not roles:
        return 0
    people = ("mentor__user", "mentee__user")
    due: list[Mentorship] | list[FlashExchange]
    if template.moment == Moment.FLASH:
        due = list(due_exchanges(template, now, RECENT).select_related(*people))
        link = "flash_exchange"
    else:
        due = list(due_pairs(template, now).select_related(*people))
        link = "mentorship"
    if not due:
        return 0
    wave, _created = Wave.objects.get_or_create(
        programme=template.programme,
        moment=template.moment,
        opened_on=timezone.localdate(now),
        defaults={"network_id": template.network_id},
    )
    sent = 0
    for subject in due:
        for role in roles:
            try:
                with transaction.atomic():
                    response = SurveyResponse.objects.create(
                        network_id=subject.network_id,
                        programme_id=subject.programme_id,
                        wave=wave,
                        template=template,
                        respondent=subject.mentee if role == Role.MENTEE else subject.mentor,
                        role=role,
                        moment=template.moment,
                        template_version=template.version,
                        sent_at=now,
                        expires_at=now + ANSWER_WITHIN,
                        **{link: subject},
                    )
                    _send(response, "survey_invite")
            except IntegrityError:
                continue  # another worker sent it first
            sent += 1
    return sent


def _send(response: SurveyResponse, template: str) -> None:
    links = {"answer": answer_link(response)}
    if response.moment == Moment.FIRST_MEETING:
        links["good"] = answer_link(response, "good")
        links["not_good"] = answer_link(response, "not_good")
    send_templated(
        to=response.respondent.user,
        template=template,
        context={
            "response": response,
            "survey": response.template,
            "mentorship": response.mentorship,
            "exchange": response.flash_exchange,
            "recipient_member": response.respondent,
            "links": links,
        },
    )


def _remind(now: datetime.datetime) -> int:
    due = SurveyResponse.objects.filter(
        answered_at=None, reminded_at=None, sent_at__lte=now - REMIND_AFTER, expires_at__gt=now
    ).values_list("pk", flat=True)
    reminded = 0
    for pk in list(due):
        with transaction.atomic():
            claimed = SurveyResponse.objects.filter(
                pk=pk, answered_at=None, reminded_at=None
            ).update(reminded_at=now)
            if claimed != 1:
                continue
            response = SurveyResponse.objects.select_related(
                "template", "mentorship", "flash_exchange", "respondent__user"
            ).get(pk=pk)
            _send(response, "survey_reminder")
            reminded += 1
    return reminded
