"""The Django side's use of the engine: odd inputs from real profiles never break a page."""

from __future__ import annotations

from binome_engine.index import MentorIndex
from binome_engine.model import MenteeRequest, MentorProfile
from binome_engine.shortlist import shortlist


def test_a_request_skill_that_no_mentor_has_is_simply_not_matched():
    index = MentorIndex(
        [MentorProfile(id=1, skills=frozenset({"python"}), languages=("fr",), years_experience=20)]
    )
    result = shortlist(
        index, MenteeRequest(id=9, member_id=99, skills=frozenset({"cobol", "management"}))
    )
    assert [p.mentor_id for p in result.proposals] == [1]


def test_a_network_without_mentors_gets_an_empty_shortlist_not_an_error():
    result = shortlist(MentorIndex([]), MenteeRequest(id=1, member_id=2, text="photovoltaïque"))
    assert result.proposals == ()
