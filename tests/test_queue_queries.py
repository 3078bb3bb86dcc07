"""Staff lists cost no query per row, and one row costs no list."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from binome.intake import selectors
from binome.testing import scenarios
from binome.testing.factories import MemberFactory, make_mentor


def queue_queries(client, world) -> int:
    url = reverse("intake_queue", args=["ax", world.programme.pk])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def ranked_request(world, mentors):
    scenarios.published_shortlist(
        manager=world.bob,
        mentors=mentors,
        mentee=MemberFactory(network=world.network),
        programme=world.programme,
        consent=True,
    )


def test_the_queue_makes_no_query_per_request_waiting_on_the_manager(login, world):
    mentors = [make_mentor(MemberFactory(network=world.network)) for _ in range(2)]
    client = login(world.bob)
    ranked_request(world, mentors)
    one = queue_queries(client, world)
    for _ in range(4):
        ranked_request(world, mentors)
    assert queue_queries(client, world) == one
    board = selectors.dashboard(world.programme)
    assert [selectors.waiting_on(r) for r in board.open_requests] == ["manager"] * 5


def test_one_pairs_overview_is_the_row_of_the_programmes_list(world):
    from binome.core.access import Access
    from binome.mentorships import selectors as pair_selectors
    from binome.mentorships.services import create_mentorship

    pairs = [
        create_mentorship(
            programme=world.programme,
            mentor=world.charlie,
            mentee=MemberFactory(network=world.network),
            actor=None,
            send_introduction=False,
        )
        for _ in range(2)
    ]
    access = Access(network=world.network, member=world.bob)
    listed = {row.pair.pk: row for row in pair_selectors.pairs_for_staff(access, world.programme)}
    for pair in pairs:
        assert pair_selectors.pair_overview(access, pair) == listed[pair.pk]
