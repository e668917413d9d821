"""Who the casualty is: sex, names, rank, age, blood group, service number, unit."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from patientgen.simulation import draws as d
from patientgen.simulation.arrays import clamp
from patientgen.simulation.compiled import Compiled
from patientgen.simulation.reference.names import name_pools
from patientgen.simulation.reference.ranks import RANK_AGE_MEAN, RANK_AGE_SD
from patientgen.simulation.sampling import pick, pick_rows

_AGE_MEAN = np.array(RANK_AGE_MEAN)
_AGE_SD = np.array(RANK_AGE_SD)
N_UNITS = 12 * 8  # battalion number x branch, see fields.UNIT_NAMES


@dataclass(slots=True)
class Demographics:
    female: np.ndarray  # bool
    given: np.ndarray  # index into NamePools.given
    family: np.ndarray  # index into NamePools.family
    rank: np.ndarray
    birth_day: np.ndarray  # days since 1970-01-01
    blood: np.ndarray
    service: np.ndarray  # int64 digits source
    unit: np.ndarray


def demographics(
    c: Compiled, nation: np.ndarray, t0: np.ndarray, u: np.ndarray, z: np.ndarray, ints: np.ndarray
) -> Demographics:
    pools = name_pools()
    female = u[:, d.U_SEX] < c.female[nation]
    key = nation * 2 + female
    given = pools.given_offset[key] + (u[:, d.U_GIVEN] * pools.given_size[key]).astype(np.int64)
    family = pools.family_offset[key] + (u[:, d.U_FAMILY] * pools.family_size[key]).astype(np.int64)
    rank = pick(c.rank_cum, u[:, d.U_RANK])
    age = clamp(_AGE_MEAN[rank] + _AGE_SD[rank] * z[:, d.N_AGE], 18.0, 60.0)
    birth_day = t0 // 86_400 - (age * 365.25).astype(np.int64)
    blood = pick_rows(c.blood_cum, nation, u[:, d.U_BLOOD])
    unit = (u[:, d.U_UNIT] * N_UNITS).astype(np.int64)
    return Demographics(female, given, family, rank, birth_day, blood, ints, unit)
