"""The shortfall forecast is plain arithmetic: no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binome.insights.forecast import project, shortfall


def test_a_steady_trend_projects_its_level():
    assert project([4, 4, 4, 4, 4, 4]) == pytest.approx(12)


def test_a_rising_trend_projects_its_continuation():
    # 1..6 a month: the next three months are 7, 8, 9
    assert project([1, 2, 3, 4, 5, 6]) == pytest.approx(24)


def test_a_falling_trend_never_projects_below_zero():
    assert project([9, 6, 3, 0, 0, 0]) >= 0
    assert project([6, 4, 2]) == pytest.approx(0)


def test_short_history_uses_the_mean():
    assert project([2, 4]) == pytest.approx(9)
    assert project([]) == 0


def test_shortfall_is_demand_ahead_minus_free_places():
    assert shortfall(open_demand=5, projected=6.4, free_places=3) == 8
    assert shortfall(open_demand=1, projected=0.2, free_places=10) == 0


@given(st.lists(st.integers(min_value=0, max_value=500), max_size=12))
def test_projection_is_never_negative(monthly):
    assert project(monthly) >= 0
