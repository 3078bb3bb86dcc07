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
