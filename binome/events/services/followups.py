"""After the evening: each mutual tick proposes a follow-up, and the pair chooses.

Rules:
- only the introduction's mentor and mentee choose, while the proposal waits; a choice may be
  changed until both agree;
- "neither" from either ends the proposal (the other is not pressed);
- a long pair only with a mentor listed on the platform (a mentor a manager registered for the
  evening alone is offered a flash exchange);
- a long pair: the mentee names an on-demand programme of the network; when both chose it, the
  pair is created by ``mentorships.create_mentorship`` under the mentor's capacity lock (a full
  mentor is refused, named, and the proposal waits);
- a flash exchange: the mentor gives the time; when both chose it, the exchange is arranged in
  the network's flash programme by ``flash.services.arranged.arrange_exchange`` under the
  mentor's monthly flash limit, and both receive it with its calendar file; when the mentor's
  time has passed by the time the mentee agrees, the mentor is asked for a new one;
- the first choice is emailed to the other, in their language, with the event's page.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from binome.core.errors import DomainError
from binome.core.transitions import move
from binome.events.models import Introduction
from binome.events.states import (
    FOLLOW_UP_MACHINE,
    FollowUpChoice,
    FollowUpStatus,
)
from binome.flash.services.arranged import arrange_exchange
from binome.members.models import Member, MentorOffer
from binome.mentorships.services import create_mentorship
from binome.notifications.emails import send_templated
from binome.programmes.models import Programme


def pair_programmes(introduction: Introduction) -> list[Programme]:
    return list(
        Programme.objects.filter(
            network_id=introduction.event.network_id,
            kind=Programme.Kind.ON_DEMAND,
            is_active=True,
        ).order_by("pk")
    )


def mentor_takes_pairs(introduction: Introduction) -> bool:
    return MentorOffer.objects.filter(
        member_id=introduction.mentor_id,
        member__is_listed=True,
        consented_at__isnull=False,
        withdrawn_at__isnull=True,
    ).exists()


def flash_programme(introduction: Introduction) -> Programme | None:
    return (
        Programme.objects.filter(
            network_id=introduction.event.network_id, kind=Programme.Kind.FLASH, is_active=True
        )
        .order_by("pk")
        .first()
    )


def choose_follow_up(
    *,
    introduction: Introduction,
    member: Member,
    choice: str,
    programme: Programme | None = None,
    starts_at: datetime.datetime | None = None,
    duration_minutes: int | None = None,
    format: str = "",
    place: str = "",
) -> Introduction:
    is_mentor = member.pk == introduction.mentor_id
    if not is_mentor and member.pk != introduction.mentee_id:
        raise DomainError(_("Only the two people introduced choose."), code="not_yours")
    if choice not in FollowUpChoice.values:
        raise DomainError(_("Choose a follow-up."), code="choice")
    _check_choice(introduction, is_mentor, choice, programme, starts_at, duration_minutes)
    with transaction.atomic():
        introduction = (
            Introduction.objects.select_for_update()
            .select_related("event", "mentor__user", "mentee__user")
            .get(pk=introduction.pk)
        )
        if introduction.status != FollowUpStatus.PROPOSED:
            raise DomainError(_("This proposal is settled."), code="settled")
        other_had_chosen = bool(introduction.other_choice(member))
        if is_mentor:
            introduction.mentor_choice = choice
            if choice == FollowUpChoice.FLASH:
                introduction.flash_starts_at = starts_at
                introduction.flash_minutes = duration_minutes
                introduction.flash_format = format
                introduction.flash_place = place
        else:
            introduction.mentee_choice = choice
            if choice == FollowUpChoice.PAIR:
                introduction.programme = programme
        introduction.save()
        if choice == FollowUpChoice.NONE:
            move(
                introduction,
                FOLLOW_UP_MACHINE,
                FollowUpStatus.DECLINED,
                actor=member.user,
                network=member.network,
            )
        elif _time_passed(introduction):
            # The mentor's time went by while the mentee chose: the mentor gives a new one.
            introduction.mentor_choice = ""
            introduction.save(update_fields=["mentor_choice"])
            _tell(introduction, member, choice)
        elif introduction.mentor_choice == introduction.mentee_choice:
            _make(introduction, member)
        elif not other_had_chosen:
            _tell(introduction, member, choice)
    return introduction


def _time_passed(introduction: Introduction) -> bool:
    return (
        introduction.mentor_choice == introduction.mentee_choice == FollowUpChoice.FLASH
        and introduction.flash_starts_at is not None
        and introduction.flash_starts_at <= timezone.now()
    )


def _tell(introduction: Introduction, chooser: Member, choice: str) -> None:
    """The other learns ``chooser``'s choice, in their language, with the event's page."""
    other = introduction.mentee if chooser.pk == introduction.mentor_id else introduction.mentor
    send_templated(
        to=other.user,
        template="speed_follow_up_chosen",
        context={
            "introduction": introduction,
            "event": introduction.event,
            "person": other,
            "chooser": chooser,
            "choice": choice,
        },
    )


def _check_choice(
    introduction: Introduction,
    is_mentor: bool,
    choice: str,
    programme: Programme | None,
    starts_at: datetime.datetime | None,
    duration_minutes: int | None,
) -> None:
    if choice == FollowUpChoice.PAIR and not mentor_takes_pairs(introduction):
        raise DomainError(
            _("This mentor does not take long pairs: choose a flash exchange."), code="not_mentor"
        )
    offered = {p.pk for p in pair_programmes(introduction)}
    if (
        choice == FollowUpChoice.PAIR
        and not is_mentor
        and getattr(programme, "pk", 0) not in offered
    ):
        raise DomainError(_("Choose the programme of your pair."), code="programme")
    if choice == FollowUpChoice.FLASH:
        if flash_programme(introduction) is None:
            raise DomainError(_("The network has no flash programme."), code="no_flash")
        if is_mentor and (starts_at is None or duration_minutes is None):
            raise DomainError(_("Give the date and time of the exchange."), code="time")


def _make(introduction: Introduction, actor: Member) -> None:
    """Both chose the same: the pair or the flash exchange, through their own services."""
    if introduction.mentor_choice == FollowUpChoice.PAIR:
        assert introduction.programme is not None  # the mentee's choice names it
        introduction.mentorship = create_mentorship(
            programme=introduction.programme,
            mentor=introduction.mentor,
            mentee=introduction.mentee,
            actor=actor.user,
        )
        introduction.save(update_fields=["mentorship"])
        move(
            introduction,
            FOLLOW_UP_MACHINE,
            FollowUpStatus.PAIR,
            actor=actor.user,
            network=actor.network,
        )
        return
    programme = flash_programme(introduction)
    assert programme is not None and introduction.flash_starts_at is not None
    with translation.override(introduction.mentee.user.language or "fr"):
        question = _("Following up the speed-mentoring evening “%(event)s”") % {
            "event": introduction.event.name
        }
    introduction.flash_exchange = arrange_exchange(
        programme=programme,
        mentor=introduction.mentor,
        mentee=introduction.mentee,
        question=question,
        language=introduction.mentee.user.language or "fr",
        starts_at=introduction.flash_starts_at,
        duration_minutes=introduction.flash_minutes or 45,
        format=introduction.flash_format,
        place=introduction.flash_place,
    )
    introduction.save(update_fields=["flash_exchange"])
    move(
        introduction,
        FOLLOW_UP_MACHINE,
        FollowUpStatus.FLASH,
        actor=actor.user,
        network=actor.network,
    )
