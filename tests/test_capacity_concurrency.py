"""Two accepts at once never exceed a mentor's capacity (real threads, PostgreSQL row locks)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from binome.core.errors import DomainError
from binome.mentorships.models import Mentorship
from binome.mentorships.services import create_mentorship
from binome.testing.factories import MemberFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (bin/test runs the suite there too)")


def test_it_refuses_the_second_of_two_simultaneous_pairs_for_the_last_place(world):
    world.charlie.mentor_offer.capacity = 1
    world.charlie.mentor_offer.save()
    mentees = [MemberFactory(network=world.network) for _ in range(6)]
    barrier = threading.Barrier(len(mentees))
    outcomes: list[str] = []

    def accept(mentee):
        try:
            barrier.wait()
            create_mentorship(
                programme=world.programme, mentor=world.charlie, mentee=mentee, actor=None
            )
            outcomes.append("created")
        except DomainError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(m,)) for m in mentees]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("created") == 1
    assert outcomes.count("capacity") == 5
    assert Mentorship.objects.filter(mentor=world.charlie).count() == 1


def test_an_accept_racing_an_expiry_never_deadlocks_and_ends_in_one_consistent_state(world):
    """Accept locks request → invitation; the expiry job now takes them in the same order.
    Before, the job locked the invitation first and PostgreSQL detected a deadlock."""
    import datetime

    from django.utils import timezone

    from binome.intake.models import MentoringRequest, MentorInvitation
    from binome.intake.services import invitations, shortlist
    from binome.testing import scenarios

    outcomes: list[tuple[str, str]] = []
    for round_ in range(8):
        mentee = MemberFactory(network=world.network)
        request, (entry,) = scenarios.published_shortlist(
            manager=world.bob,
            mentors=[world.charlie],
            rank=False,
            mentee=mentee,
            programme=world.programme,
            question=f"Question {round_}",
            themes=[world.theme],
        )
        shortlist.rank_shortlist(request=request, mentee=mentee, ranking=[entry.pk])
        invitation = invitations.invite_mentor(
            request=request, manager=world.bob, entry=entry, message="Bonjour"
        )
        soon = timezone.now() + datetime.timedelta(seconds=30)
        MentorInvitation.objects.filter(pk=invitation.pk).update(
            expires_at=soon, reminded_at=timezone.now()
        )
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def accept(invitation=invitation):
            try:
                barrier.wait()
                invitations.accept_invitation(invitation=invitation, mentor=world.charlie)
            except DomainError:
                pass
            except BaseException as error:  # a deadlock would surface here
                errors.append(error)
            finally:
                connections.close_all()

        def expire(soon=soon):
            try:
                barrier.wait()
                invitations.process_due_invitations(now=soon + datetime.timedelta(seconds=1))
            except BaseException as error:
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=accept), threading.Thread(target=expire)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        invitation.refresh_from_db()
        request = MentoringRequest.objects.get(pk=request.pk)
        outcomes.append((invitation.status, request.status))
        if invitation.status == "accepted":
            assert request.status == "matched"
            Mentorship.objects.filter(mentor=world.charlie).delete()  # free the place again
        else:
            assert (invitation.status, request.status) == ("expired", "shortlisting")
    assert outcomes


def test_two_simultaneous_submits_leave_one_open_request(world):
    from binome.intake.models import MentoringRequest
    from binome.intake.services import requests as request_services

    drafts = [
        MentoringRequest.objects.create(
            network=world.network,
            programme=world.programme,
            mentee=world.dana,
            situation="career_evolution",
            question=f"Question {n}",
        )
        for n in range(4)
    ]
    barrier = threading.Barrier(len(drafts))
    outcomes: list[str] = []

    def submit(draft):
        try:
            barrier.wait()
            request_services.submit_request(request=draft, actor=None)
            outcomes.append("submitted")
        except DomainError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already_open"] * 3 + ["submitted"]
    assert MentoringRequest.objects.filter(mentee=world.dana, status="submitted").count() == 1
