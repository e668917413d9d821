"""The database's flow columns of a block, read off the journey: the path through the chain,
the delays to the first treatment and the first MTF, and each Role's stay (arrival and
departure or end). ``storage.rows.flow_columns`` reads the same from a record's timeline
(timeline.stays) and a test holds the two equal over every preset."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from patientgen.simulation.fields import ROLE_LABELS
from patientgen.simulation.journey import N_ROLES

if TYPE_CHECKING:
    from patientgen.simulation.block import PatientBlock

STAY_ROLES = N_ROLES - 1  # R1..R4
FLOW_COLUMNS = 2 + 2 * STAY_ROLES


@dataclass(frozen=True)
class FlowArrays:
    """The flow columns as arrays: ``path`` codes into ``FLOW_PATHS``, and ``values`` (n, 10):
    first_treatment_s, first_mtf_s, r1_in, r1_out, …, r4_in, r4_out, valid where ``present``."""

    path: np.ndarray
    values: np.ndarray
    present: np.ndarray


# bit r-1 of a path code is set when the patient reached Role r
FLOW_PATHS = tuple(
    "POI" + "".join(f">{ROLE_LABELS[r]}" for r in range(1, N_ROLES) if code >> (r - 1) & 1)
    for code in range(1 << STAY_ROLES)
)


def _seconds(values: np.ndarray, present: np.ndarray) -> np.ndarray:
    return np.where(present, values, 0).astype(np.int64)


def flow_arrays(b: PatientBlock) -> FlowArrays:
    n = b.size
    values = np.zeros((n, FLOW_COLUMNS), dtype=np.int64)
    present = np.zeros((n, FLOW_COLUMNS), dtype=bool)
    if n == 0:
        return FlowArrays(np.zeros(0, dtype=np.int64), values, present)
    j = b.journey
    t0 = b.injuries.t0.astype(np.int64)
    reached = j.arrived[:, 1:]
    path = (reached.astype(np.int64) << np.arange(STAY_ROLES)).sum(axis=1)
    treated = ~np.isnan(j.first_treatment)
    present[:, 0], present[:, 1] = treated, j.mtf > 0
    values[:, 0] = np.where(treated, _seconds(j.first_treatment, treated) - t0, 0)
    first_mtf = np.take_along_axis(j.arrive, j.mtf[:, None], axis=1)[:, 0]
    values[:, 1] = np.where(present[:, 1], _seconds(first_mtf, present[:, 1]) - t0, 0)
    present[:, 2::2], present[:, 3::2] = reached, j.has_out[:, 1:]
    values[:, 2::2] = _seconds(j.arrive[:, 1:], reached)
    values[:, 3::2] = _seconds(j.stay_out[:, 1:], j.has_out[:, 1:])
    return FlowArrays(path, values, present)


def flow_rows(b: PatientBlock) -> list[tuple[Any, ...]]:
    """Per patient (path, first_treatment_s, first_mtf_s, r1_in, r1_out, …, r4_in, r4_out)."""
    fa = flow_arrays(b)
    path = [FLOW_PATHS[c] for c in fa.path.tolist()]
    columns = [_optional(fa.values[:, k], fa.present[:, k]) for k in range(FLOW_COLUMNS)]
    return list(zip(path, *columns, strict=True))


def _optional(values: np.ndarray, present: np.ndarray) -> list[Any]:
    out: list[Any] = values.tolist()
    if not present.all():
        for i in np.flatnonzero(~present).tolist():
            out[i] = None
    return out
