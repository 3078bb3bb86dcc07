"""Acting from the health page."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core.errors import DomainError
from binome.insights.models import HealthAction
from binome.members.models import Member
from binome.mentorships.models import Mentorship
from binome.mentorships.states import LIVE_STATUSES
from binome.notifications.emails import send_templated

ASK_AGAIN_AFTER = datetime.timedelta(days=7)


def ask_pair_for_news(*, mentorship: Mentorship, manager: Member) -> HealthAction:
    """The manager asks both members how it goes (an email each, in their language), at most
    once a week per pair."""
    with transaction.atomic():
        pair = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
        if pair.status not in LIVE_STATUSES:
            raise DomainError(_("This pair has ended."), code="state")
        recent = HealthAction.objects.filter(
            mentorship=pair,
            kind=HealthAction.Kind.ASKED_NEWS,
            created_at__gte=timezone.now() - ASK_AGAIN_AFTER,
        )
        if recent.exists():
            raise DomainError(_("You already asked this pair for news this week."), code="recent")
        action = HealthAction.objects.create(
            network_id=pair.network_id,
            mentorship=pair,
            kind=HealthAction.Kind.ASKED_NEWS,
            by=manager,
        )
        for person in (mentorship.mentor, mentorship.mentee):
            send_templated(
                to=person.user,
                template="pair_news_asked",
                context={"mentorship": pair, "recipient_member": person, "manager": manager},
            )
    return action
