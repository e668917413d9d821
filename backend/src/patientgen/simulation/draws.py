"""The fixed layout of random draws per block.

Every block draws one (n, N_UNIFORM) uniform matrix, one (n, N_NORMAL) normal matrix, one
integer vector and one (n, N_CARE) uniform matrix for the clinical model, in this order,
whatever the scenario. A setting therefore changes how
draws are used, never which draws later fields get, and a block's content depends only on
(scenario, seed, block index, job size).
"""

from __future__ import annotations

import numpy as np

# Patients per block: fixed, independent of any batch size, so blocks (and their seeds)
# are the same however a job is split into batches or workers.
BLOCK_SIZE = 2048

(
    U_EVENT, U_EVENT_TIME, U_FRONT, U_NATION, U_INJURY, U_WARFARE, U_DAY, U_HOUR, U_SECOND,
    U_MECH, U_REGION, U_SIDE, U_TRIAGE, U_COND, U_COND2, U_SEX, U_GIVEN, U_FAMILY, U_RANK,
    U_BLOOD, U_UNIT, U_POI_TIME, U_POI_OUT, U_KIA, U_FIRST_AID,
) = range(25)  # fmt: skip
U_BYPASS = 25  # + role (R1..R4 -> 26..29)
U_TRANSIT = 30  # + role
U_TREAT = 35  # + role
U_OUTCOME = 40  # + role
U_DEATH_AT = 45  # + role
N_UNIFORM = 50

# the clinical model's draws: the state at first triage, the spread of the severity score,
# and per role where its procedures fall in their usual times
C_STATE, C_SCORE = range(2)
C_CARE = 2  # + role (POI..R4 -> 2..6)
N_CARE = 7

N_HR, N_RR, N_SBP, N_DBP, N_TEMP, N_SPO2, N_GCS, N_AGE = range(8)
N_NORMAL = 8


def block_rng(seed: int, block_index: int) -> np.random.Generator:
    """The only source of randomness for block ``block_index`` of a job seeded ``seed``."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, block_index])))


def draw(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    u = rng.random((n, N_UNIFORM))
    z = rng.standard_normal((n, N_NORMAL))
    ints = rng.integers(0, 10**15, size=n, dtype=np.int64)
    cu = rng.random((n, N_CARE))
    return u, z, ints, cu
