"""After a flash exchange: continue into a cohort programme.

Rules:
- only the mentee of an exchange that took place applies, once per exchange (an exchange has
  one continuation: into an on-demand programme, or into a cohort);
- the cohort is of the exchange's network, its programme active, its mentees' window open;
- the application is made through the cohorts' own service (``save_application``), prefilled
  from the exchange: the question (and the message) as the mentee's words, its themes and
  language, the exchange's format when the cohort offers it, the cohort's first style; the
  mentee then reads and changes it on the cohort's pages while the cohort is open;
- an application already made to that cohort is never overwritten: the mentee is sent to it;
- the mentor is told in their language, with the cohort's mentor application when their
  window is open.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.cohorts.models import Application, Cohort, Role
from binome.cohorts.services.applications import save_application
from binome.cohorts.states import ApplicationStatus, CohortStatus
from binome.core.errors import DomainError
from binome.core.transitions import move
from binome.flash.models import FlashContinuation, FlashExchange
from binome.flash.states import CONTINUATION_MACHINE, ContinuationStatus, ExchangeStatus
from binome.members import taxonomy
from binome.members.models import Member
from binome.notifications.emails import send_templated


def continuation_cohorts(exchange: FlashExchange) -> list[Cohort]:
    """Cohorts of the exchange's network taking mentees' applications today."""
    today = timezone.localdate()
    cohorts = Cohort.objects.filter(
        network_id=exchange.network_id,
        status=CohortStatus.OPEN,
        programme__is_active=True,
        mentees_open_on__lte=today,
        mentees_close_on__gte=today,
    ).select_related("programme")
    return list(cohorts.order_by("mentees_close_on", "pk"))


def prefilled_answers(exchange: FlashExchange, cohort: Cohort, message: str) -> dict[str, object]:
    """The mentee's answers as the exchange tells them."""
    question = exchange.question
    languages = [question.language] + [
        code for code in exchange.mentee.languages or [] if code != question.language
    ]
    formats = [exchange.format] if exchange.format in cohort.formats else list(cohort.formats)
    text = question.question.strip()
    if message.strip():
        text = f"{text}\n\n{message.strip()}"
    return {
        "style": cohort.styles[0] if cohort.styles else "",
        "formats": formats,
        "languages": [code for code in languages if code in taxonomy.LANGUAGE_CODES],
        "capacity": 1,
        "text": text,
    }


def continue_into_cohort(
    *, exchange: FlashExchange, mentee: Member, cohort: Cohort, message: str = ""
) -> FlashContinuation:
    if exchange.mentee_id != mentee.pk:
        raise DomainError(_("Only the mentee asks to continue."), code="not_yours")
    if exchange.status != ExchangeStatus.HELD:
        raise DomainError(_("Continue after an exchange that took place."), code="state")
    if cohort.pk not in {c.pk for c in continuation_cohorts(exchange)}:
        raise DomainError(_("This cohort does not take mentees' applications now."), code="window")
    with transaction.atomic():
        FlashExchange.objects.select_for_update().get(pk=exchange.pk)
        if FlashContinuation.objects.filter(exchange=exchange).exists():
            raise DomainError(_("You have already asked."), code="again")
        already = (
            Application.objects.filter(cohort=cohort, member=mentee, role=Role.MENTEE)
            .exclude(status=ApplicationStatus.WITHDRAWN)
            .exists()
        )
        if already:
            raise DomainError(
                _("You have already applied to this cohort: see your application there."),
                code="applied",
            )
        application = save_application(
            cohort=cohort,
            member=mentee,
            role=Role.MENTEE,
            data=prefilled_answers(exchange, cohort, message),
            themes=list(exchange.question.themes.all()),
        )
        continuation = FlashContinuation.objects.create(
            exchange=exchange,
            programme=cohort.programme,
            cohort=cohort,
            application=application,
            message=message,
            status=ContinuationStatus.NONE,
        )
        move(
            continuation,
            CONTINUATION_MACHINE,
            ContinuationStatus.APPLIED,
            actor=mentee.user,
            network=mentee.network,
        )
        send_templated(
            to=exchange.mentor.user,
            template="flash_continue_cohort",
            context={
                "exchange": exchange,
                "cohort": cohort,
                "mentor_window_open": cohort.is_window_open(Role.MENTOR),
            },
        )
    return continuation
