"""The on-demand flow through its services: request → intake → shortlist → choice → invitation."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from binome.core.errors import DomainError
from binome.core.models import AuditEvent
from binome.intake import selectors
from binome.intake.models import MentorInvitation, RequestEvent
from binome.intake.services import intake, invitations, requests, shortlist
from binome.intake.states import InvitationStatus, RequestStatus
from binome.mentorships.models import Mentorship
from binome.notifications.models import OutboxMessage
from binome.programmes.services import publish_charter
from binome.testing import scenarios
from binome.testing.factories import MemberFactory, UserFactory, make_mentor

pytestmark = pytest.mark.django_db

QUESTION = "Je veux passer de la recherche à l'industrie photovoltaïque."


@pytest.fixture
def frank(world):
    member = MemberFactory(
        network=world.network,
        user=UserFactory(email="frank@example.org"),
        first_name="Frank",
        sector="energy",
    )
    return make_mentor(member, themes=[world.theme], capacity=1)


def submitted(world, situation="research_to_industry", consent=False):
    return scenarios.submitted_request(
        mentee=world.dana,
        programme=world.programme,
        situation=situation,
        question=QUESTION,
        themes=[world.theme],
        consent=consent,
    )


def shortlisted(world, *mentors):
    request, entries = scenarios.published_shortlist(
        manager=world.bob,
        mentors=mentors,
        rank=False,
        mentee=world.dana,
        programme=world.programme,
        question=QUESTION,
        themes=[world.theme],
    )
    return request, entries


def test_a_draft_is_private_until_submitted_and_managers_are_told(world):
    request = submitted(world)
    assert request.status == RequestStatus.SUBMITTED
    told = OutboxMessage.objects.filter(to="bob@example.org")
    assert told.count() == 1
    assert "Dana Persona" in told.get().subject


def test_a_sensitive_situation_needs_explicit_consent(world):
    with pytest.raises(DomainError) as error:
        submitted(world, situation="well_being", consent=False)
    assert error.value.code == "consent"
    request = submitted(world, situation="well_being", consent=True)
    assert request.sensitive_consent_at is not None


def test_only_one_open_request_per_programme(world):
    submitted(world)
    with pytest.raises(DomainError):
        submitted(world)


def test_the_intake_decides_refer_with_a_message_in_the_members_language(world):
    world.dana.user.language = "en"
    world.dana.user.save()
    request = submitted(world)
    intake.take_request(request=request, manager=world.bob)
    with pytest.raises(DomainError):
        intake.decide(request=request, manager=world.bob, decision="refer", referral="coach")
    intake.decide(
        request=request,
        manager=world.bob,
        decision="refer",
        referral="coach",
        message="A coach will help you more.",
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.REFERRED
    email = OutboxMessage.objects.filter(to="dana@example.org").latest("pk")
    assert email.language == "en"
    assert "A coach will help you more." in email.body_text
    assert "professional coach" in email.body_text


def test_every_transition_writes_an_event_with_who_and_when(world):
    request = submitted(world)
    intake.take_request(request=request, manager=world.bob)
    events = list(
        RequestEvent.objects.filter(request=request).values_list(
            "from_status", "to_status", "actor__email"
        )
    )
    assert events == [
        ("draft", "submitted", "dana@example.org"),
        ("submitted", "in_intake", "bob@example.org"),
    ]


def test_a_refused_transition_changes_nothing(world):
    request = submitted(world)
    with pytest.raises(DomainError):
        shortlist.publish_shortlist(request=request, manager=world.bob)
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED


def test_intake_notes_are_read_by_managers_only_and_each_read_is_audited(world):
    from django.http import Http404

    from binome.core.access import Access

    request = submitted(world)
    intake.take_request(request=request, manager=world.bob)
    intake.save_intake_notes(request=request, manager=world.bob, notes="Confidentiel : burn-out")
    interview = selectors.read_intake_notes(request, Access(world.network, world.bob))
    assert interview.notes == "Confidentiel : burn-out"
    assert AuditEvent.objects.filter(action="intake.notes.read", actor=world.bob.user).count() == 1
    with pytest.raises(Http404):
        selectors.read_intake_notes(request, Access(world.network, world.charlie))


def test_the_mentee_ranks_and_the_first_choice_is_invited(world, frank):
    request, (c_entry, f_entry) = shortlisted(world, world.charlie, frank)
    shortlist.rank_shortlist(request=request, mentee=world.dana, ranking=[f_entry.pk, c_entry.pk])
    assert selectors.waiting_on(request) == "manager"
    invitation = invitations.invite_mentor(
        request=request,
        manager=world.bob,
        entry=f_entry,
        message="Frank, vous êtes la bonne personne.",
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.INVITING
    email = OutboxMessage.objects.filter(to="frank@example.org").latest("pk")
    assert "Frank, vous êtes la bonne personne." in email.body_text
    assert QUESTION in email.body_text
    assert "/invitations/" in email.body_text
    assert invitation.expires_at > timezone.now() + datetime.timedelta(days=6)


def test_a_decline_moves_on_to_the_next_choice_then_an_accept_matches(world, frank):
    publish_charter(
        programme=world.programme, actor=None, text_fr="Charte FR", text_en="Charter EN"
    )
    request, (c_entry, f_entry) = shortlisted(world, world.charlie, frank)
    shortlist.rank_shortlist(request=request, mentee=world.dana, ranking=[f_entry.pk, c_entry.pk])
    first = invitations.invite_mentor(
        request=request, manager=world.bob, entry=f_entry, message="Bonjour Frank, SENTINEL-PERSO"
    )
    invitations.decline_invitation(invitation=first, mentor=frank, reason="Trop pris")
    second = MentorInvitation.objects.get(request=request, status=InvitationStatus.PENDING)
    assert second.mentor == world.charlie
    # The personal message was written for Frank: Charlie gets the association's standard text.
    assert second.message == ""
    to_charlie = OutboxMessage.objects.filter(to="charlie@example.org").latest("pk")
    assert "SENTINEL-PERSO" not in to_charlie.body_text and "Frank" not in to_charlie.body_text
    assert "Charlie" in to_charlie.body_text
    # The manager is told of the decline, with its reason and who is invited next.
    told = OutboxMessage.objects.filter(to="bob@example.org").latest("pk")
    assert "Frank" in told.subject
    assert "Trop pris" in told.body_text and "Charlie" in told.body_text
    invitations.accept_invitation(invitation=second, mentor=world.charlie)
    request.refresh_from_db()
    assert request.status == RequestStatus.MATCHED
    pair = Mentorship.objects.get(request=request)
    assert (pair.mentor, pair.mentee) == (world.charlie, world.dana)
    to_dana = OutboxMessage.objects.filter(to="dana@example.org").latest("pk")
    assert "charlie@example.org" in to_dana.body_text
    assert "Charte FR" in to_dana.body_text
    to_charlie = OutboxMessage.objects.filter(to="charlie@example.org").latest("pk")
    assert "dana@example.org" in to_charlie.body_text


def test_an_exhausted_shortlist_goes_back_to_the_manager(world, frank):
    request, (_c_entry, f_entry) = shortlisted(world, world.charlie, frank)
    shortlist.rank_shortlist(request=request, mentee=world.dana, ranking=[f_entry.pk])
    first = invitations.invite_mentor(
        request=request, manager=world.bob, entry=f_entry, message="Bonjour"
    )
    invitations.decline_invitation(invitation=first, mentor=frank)
    request.refresh_from_db()
    assert request.status == RequestStatus.SHORTLISTING
    assert OutboxMessage.objects.filter(to="bob@example.org", subject__contains="Dana").count() >= 2


def test_no_answer_means_one_reminder_then_expiry(world, frank):
    request, (c_entry, f_entry) = shortlisted(world, world.charlie, frank)
    shortlist.rank_shortlist(request=request, mentee=world.dana, ranking=[f_entry.pk, c_entry.pk])
    invitation = invitations.invite_mentor(
        request=request, manager=world.bob, entry=f_entry, message="Bonjour"
    )
    later = invitation.expires_at + datetime.timedelta(minutes=1)
    assert invitations.process_due_invitations(now=later) == {"reminded": 1, "expired": 0}
    assert invitations.process_due_invitations(now=later) == {"reminded": 0, "expired": 0}
    much_later = later + invitations.REMINDER_GRACE + datetime.timedelta(minutes=1)
    assert invitations.process_due_invitations(now=much_later) == {"reminded": 0, "expired": 1}
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.EXPIRED
    assert MentorInvitation.objects.get(request=request, status="pending").mentor == world.charlie


def test_a_mentor_who_lets_two_invitations_expire_is_paused_not_spammed(world, frank):
    from binome.members.models import MentorOffer

    frank.mentor_offer.capacity = 5
    frank.mentor_offer.save()
    for mentee_name in ("dana", "gus"):
        mentee = (
            world.dana
            if mentee_name == "dana"
            else MemberFactory(network=world.network, first_name="Gus")
        )
        world_request = scenarios.submitted_request(mentee=mentee, programme=world.programme)
        intake.take_request(request=world_request, manager=world.bob)
        intake.decide(request=world_request, manager=world.bob, decision="go")
        entry = shortlist.add_to_shortlist(
            request=world_request, manager=world.bob, mentor=frank, note="n"
        )
        shortlist.publish_shortlist(request=world_request, manager=world.bob)
        shortlist.rank_shortlist(request=world_request, mentee=mentee, ranking=[entry.pk])
        invitation = invitations.invite_mentor(
            request=world_request, manager=world.bob, entry=entry, message="m"
        )
        far = invitation.expires_at + datetime.timedelta(days=10)
        invitations.process_due_invitations(
            now=invitation.expires_at + datetime.timedelta(minutes=1)
        )
        invitations.process_due_invitations(now=far)
    offer = MentorOffer.objects.get(member=frank)
    assert offer.paused_until is not None
    assert OutboxMessage.objects.filter(to="frank@example.org", subject__contains="pause").exists()


def test_capacity_is_never_exceeded(world, frank):
    from binome.mentorships.services import create_mentorship

    create_mentorship(programme=world.programme, mentor=frank, mentee=world.dana, actor=None)
    other = MemberFactory(network=world.network)
    with pytest.raises(DomainError) as error:
        create_mentorship(programme=world.programme, mentor=frank, mentee=other, actor=None)
    assert error.value.code == "capacity"


def test_a_mentor_cannot_answer_someone_elses_invitation(world, frank):
    request, (_c_entry, f_entry) = shortlisted(world, world.charlie, frank)
    shortlist.rank_shortlist(request=request, mentee=world.dana, ranking=[f_entry.pk])
    invitation = invitations.invite_mentor(
        request=request, manager=world.bob, entry=f_entry, message="m"
    )
    with pytest.raises(DomainError):
        invitations.accept_invitation(invitation=invitation, mentor=world.charlie)


def test_withdrawing_cancels_the_pending_invitation(world, frank):
    request, (_c_entry, f_entry) = shortlisted(world, world.charlie, frank)
    shortlist.rank_shortlist(request=request, mentee=world.dana, ranking=[f_entry.pk])
    invitation = invitations.invite_mentor(
        request=request, manager=world.bob, entry=f_entry, message="m"
    )
    requests.withdraw_request(request=request, actor=world.dana.user)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.CANCELLED
    with pytest.raises(DomainError):
        invitations.accept_invitation(invitation=invitation, mentor=frank)


def test_the_mentee_can_ask_for_other_names(world, frank):
    request, _entries = shortlisted(world, world.charlie)
    shortlist.ask_for_other_names(
        request=request, mentee=world.dana, message="Plutôt dans l'industrie"
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.SHORTLISTING
    shortlist.add_to_shortlist(request=request, manager=world.bob, mentor=frank, note="Industrie")
    shortlist.publish_shortlist(request=request, manager=world.bob)
    assert request.shortlist.filter(is_published=True).count() == 2


def test_the_warm_index_follows_new_withdrawn_and_changed_mentors(world, frank):
    from binome.intake.suggestions import warm_index
    from binome.members.services import update_profile, withdraw_mentor_offer

    index = warm_index(world.network.pk)
    assert {world.charlie.pk, frank.pk} <= set(index.position)
    withdraw_mentor_offer(member=frank)
    assert frank.pk not in warm_index(world.network.pk).position
    newcomer = make_mentor(MemberFactory(network=world.network, first_name="Nina"))
    assert newcomer.pk in warm_index(world.network.pk).position
    update_profile(member=world.charlie, actor=None, data={"sector": "banking"})
    row = warm_index(world.network.pk).position[world.charlie.pk]
    assert warm_index(world.network.pk).profiles[row].sector == "banking"


def test_the_intake_interview_comes_with_a_calendar_invitation_that_moves(world):
    request = submitted(world)
    intake.take_request(request=request, manager=world.bob)
    when = timezone.now() + datetime.timedelta(days=2)
    intake.schedule_interview(
        request=request, manager=world.bob, scheduled_at=when, duration_minutes=60, participants=[]
    )
    first = OutboxMessage.objects.filter(to="dana@example.org").latest("pk")
    assert "UID:intake-" in first.calendar and "SEQUENCE:0" in first.calendar
    intake.schedule_interview(
        request=request,
        manager=world.bob,
        scheduled_at=when + datetime.timedelta(hours=2),
        duration_minutes=60,
        participants=[],
    )
    second = OutboxMessage.objects.filter(to="dana@example.org").latest("pk")
    assert "SEQUENCE:1" in second.calendar
