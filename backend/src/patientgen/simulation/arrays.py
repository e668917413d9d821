"""Array helpers the vectorised model shares."""

from __future__ import annotations

from typing import Any

import numpy as np


def clamp(x: Any, lo: Any, hi: Any) -> np.ndarray:
    """``np.clip(x, lo, hi)``, element for element the same (NaN included; only the sign of a
    zero result may differ), without np.clip's per-call overhead, which dominates on a block's
    few thousand values."""
    return np.asarray(np.minimum(np.maximum(x, lo), hi))
