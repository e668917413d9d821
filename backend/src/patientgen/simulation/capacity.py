"""Facility capacity as an analytic load model.

Blocks are generated independently, so no block can see the queue other blocks create.
Instead the expected arrivals per role and hour are estimated once per (scenario, job
size): a fixed-seed pilot sample is pushed through the chain without queues, its hourly
arrival histogram per role is scaled to the job size and smoothed, and a fluid queue
(backlog += arrivals - capacity, never below 0) turns it into the expected wait for a
patient arriving in that hour. The wait is capped at 8 h, the clinical tipping point of
Scallan et al. 2020; beyond that patients are assumed diverted elsewhere.
The pilot seed is fixed, so waits depend on the scenario and job size only, never on the
job seed, batch size or worker split.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from patientgen.simulation.arrays import clamp
from patientgen.simulation.clinical import clinical
from patientgen.simulation.compiled import Compiled, _compiled_from_json
from patientgen.simulation.draws import BLOCK_SIZE, block_rng, draw
from patientgen.simulation.flow import simulate
from patientgen.simulation.injuries import injuries

PILOT_SEED = 0x5EED_CA5E
PILOT_BLOCKS = 8
TAIL_DAYS = 14  # arrivals at R3/R4 continue after the last injury
MAX_WAIT_S = 8 * 3600.0


def expected_arrivals(c: Compiled, total: int) -> np.ndarray:
    """(5, hours) expected arrivals per role and hour of a job of ``total`` patients."""
    n_bins = (c.end_s - c.start_s) // 3600 + TAIL_DAYS * 24
    counts = np.zeros((5, n_bins))
    pilot_n = 0
    for b in range(PILOT_BLOCKS):
        u, _, _, cu = draw(block_rng(PILOT_SEED, b), BLOCK_SIZE)
        inj = injuries(c, u)
        flow = simulate(c, inj, clinical(inj, cu), u, None)
        pilot_n += BLOCK_SIZE
        for r in range(1, 5):
            a = flow.arrive[:, r]
            a = a[~np.isnan(a)]
            bins = clamp(((a - c.start_s) // 3600).astype(np.int64), 0, n_bins - 1)
            counts[r] += np.bincount(bins, minlength=n_bins)
    lam = counts * (total / pilot_n)
    kernel = np.array([0.25, 0.5, 0.25])  # damp pilot sampling noise
    return np.array([np.convolve(row, kernel, mode="same") for row in lam])


def fluid_waits(lam: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """Expected wait (seconds) for an arrival in each hour, per role."""
    waits = np.zeros_like(lam)
    for r in range(1, 5):
        cap = capacity[r]
        if cap <= 0:
            continue
        backlog = 0.0
        row = lam[r]
        for h in range(row.shape[0]):
            excess = row[h] - cap
            waits[r, h] = 3600.0 * (backlog + max(excess, 0.0) / 2.0) / cap
            backlog = max(0.0, backlog + excess)
    return np.asarray(np.minimum(waits, MAX_WAIT_S))


@lru_cache(maxsize=32)
def waits_for(key: str, total: int) -> np.ndarray:
    c = _compiled_from_json(key)
    return fluid_waits(expected_arrivals(c, total), c.capacity)
