"""Creating a pair, with the mentor's capacity kept under concurrent accepts.

Rule: a mentor's mentorships that hold a place (awaiting charter, active, paused) never exceed the
capacity of their offer. The offer's row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite
serialises writers) before counting, so two accepts at once cannot both take the last place.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from binome.core import audit
from binome.core.errors import DomainError
from binome.members.models import Member, MentorOffer
from binome.members.services import refresh_directory_entry
from binome.mentorships.models import CAPACITY_STATUSES, Mentorship
from binome.programmes.models import Programme


def create_mentorship(
    *,
    programme: Programme,
    mentor: Member,
    mentee: Member,
    actor: Any,
    request: Any = None,
    send_introduction: bool = True,
) -> Mentorship:
    if len({programme.network_id, mentor.network_id, mentee.network_id}) != 1:
        raise DomainError(_("Mentor, mentee and programme must be of one network."), code="tenancy")
    if mentor.pk == mentee.pk:
        raise DomainError(_("A member cannot mentor themselves."), code="self")
    with transaction.atomic():
        offer = MentorOffer.objects.select_for_update().filter(member=mentor).first()
        if offer is None or not offer.is_active:
            raise DomainError(_("This member is not listed as a mentor."), code="not_mentor")
        taken = Mentorship.objects.filter(mentor=mentor, status__in=CAPACITY_STATUSES).count()
        if taken >= offer.capacity:
            raise DomainError(
                _("%(name)s has no free place (capacity %(capacity)s).")
                % {"name": mentor.full_name, "capacity": offer.capacity},
                code="capacity",
            )
        if Mentorship.objects.filter(
            mentor=mentor, mentee=mentee, status__in=CAPACITY_STATUSES
        ).exists():
            raise DomainError(_("These two members already form a pair."), code="duplicate")
        mentorship = Mentorship.objects.create(
            network=programme.network,
            programme=programme,
            mentor=mentor,
            mentee=mentee,
            request=request,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        refresh_directory_entry(mentor)
        audit.record(
            action="mentorship.create", actor=actor, network=programme.network, target=mentorship
        )
        if send_introduction:
            introduce(mentorship)
    return mentorship


def introduce(mentorship: Mentorship) -> None:
    """Both members receive the other's contact details, the charter and the rhythm."""
    from binome.notifications.emails import send_templated

    context = {"mentorship": mentorship, "charter": mentorship.programme.current_charter()}
    pairs = ((mentorship.mentor, mentorship.mentee), (mentorship.mentee, mentorship.mentor))
    for person, other in pairs:
        send_templated(
            to=person.user,
            template="introduction",
            context={**context, "other": other, "recipient_member": person},
        )
