"""The flow's ranking: who fares worst within a group of patients."""

from __future__ import annotations

import numpy as np
import pytest

from patientgen.simulation.flow import _by_group_then_score, ranked


@pytest.mark.parametrize("scale", [1.0, 1e3, 1e12])
def test_the_single_key_sort_orders_as_lexsort(scale: float) -> None:
    rng = np.random.default_rng(7)
    for n in (1, 2, 17, 2048):
        group = rng.integers(0, 16, n)
        score = rng.random(n) * scale
        assert (_by_group_then_score(group, score) == np.lexsort((score, group))).all()


def test_ties_and_non_finite_scores_fall_back_to_lexsort() -> None:
    rng = np.random.default_rng(8)
    group = rng.integers(0, 4, 500)
    tied = rng.integers(0, 3, 500).astype(float)  # many equal scores: order by index
    assert (_by_group_then_score(group, tied) == np.lexsort((tied, group))).all()
    tied[5] = np.nan
    assert (_by_group_then_score(group, tied) == np.lexsort((tied, group))).all()
    # two scores of one group closer than the key's rounding at this group's offset
    group = np.array([3, 3, 0])
    close = np.array([1.0, 1.0 + 1e-15, 1e6])
    assert (_by_group_then_score(group, close) == np.lexsort((close, group))).all()


def test_ranked_draws_rise_with_the_score_within_each_group() -> None:
    rng = np.random.default_rng(9)
    group = rng.integers(0, 3, 3000)
    score = rng.random(3000)
    u = ranked(group, score, rng.random(3000))
    assert ((u >= 0) & (u < 1)).all()
    for g in range(3):
        sel = group == g
        order = np.argsort(score[sel])
        assert (np.diff(u[sel][order]) > 0).all()
