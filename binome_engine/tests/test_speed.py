from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from binome_engine.speed import speed_rounds
from binome_engine.synthetic import market
from binome_engine.tests.builders import mentor, request
from binome_engine.tests.strategies import Market, markets


@settings(max_examples=30, deadline=None)
@given(markets(max_mentors=5, max_requests=9), st.integers(1, 4), st.integers(1, 3))
def test_nobody_meets_twice_and_tables_never_overflow(
    market: Market, rounds: int, size: int
) -> None:
    mentors, mentees = market
    schedule = speed_rounds(mentors, mentees, rounds, table_size=size)
    pairs = Counter((m.mentor_id, m.request_id) for m in schedule.meetings)
    assert max(pairs.values(), default=1) == 1
    per_round_mentee = Counter((m.round, m.request_id) for m in schedule.meetings)
    assert max(per_round_mentee.values(), default=1) == 1
    per_table = Counter((m.round, m.mentor_id) for m in schedule.meetings)
    assert max(per_table.values(), default=0) <= size
    assert all(1 <= m.round <= rounds for m in schedule.meetings)


def test_a_full_evening_leaves_nobody_idle() -> None:
    mentors, mentees = market(12, 6, seed=3)
    everyone = [
        request(r.id, member_id=r.member_id, languages=("fr",), text=r.text) for r in mentees
    ]
    open_minded = [mentor(m.id, languages=("fr",), bio=m.bio) for m in mentors]
    schedule = speed_rounds(open_minded, everyone, rounds=4, table_size=2)
    assert all(idle == () for idle in schedule.idle)
    assert len(schedule.meetings) == 12 * 4


def test_a_mentee_with_no_shared_language_sits_out_and_is_listed_idle() -> None:
    schedule = speed_rounds([mentor(1)], [request("a"), request("b", languages=("de",))], rounds=2)
    assert {m.request_id for m in schedule.meetings} == {"a"}
    assert "b" in schedule.idle[0]
    assert "Round 1" in schedule.render()
    assert "Tour 1" in schedule.render("fr")
