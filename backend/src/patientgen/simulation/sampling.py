"""Vectorised categorical sampling from pre-computed cumulative tables."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def cumulative(weights: Sequence[float] | np.ndarray) -> np.ndarray:
    """Normalised cumulative weights whose last entry is exactly 1.0."""
    w = np.asarray(weights, dtype=np.float64)
    total = w.sum()
    if total <= 0:
        # never sampled (e.g. a zero-weight injury type); keep the row well-formed
        w = np.ones_like(w)
        total = w.sum()
    cum = np.cumsum(w) / total
    cum[-1] = 1.0
    return np.asarray(cum)


def pick(cum: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Category index per uniform draw from one cumulative row (zero weights never win)."""
    return np.asarray(np.searchsorted(cum, u, side="right"))


def pick_rows(table: np.ndarray, key: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Category index per draw, each from its own row ``table[key]``."""
    return np.asarray((u[:, None] >= table[key]).sum(axis=1))
