"""Vital signs: each patient's own normal values, and what the physiological state makes of them.

``baseline`` draws a patient's normal values once (a fit adult: HR 78, RR 15, SBP 126, SpO2 98,
37 °C) with the environment's effects (heat illness runs a fever-range temperature, cold
lowers the temperature of the seriously injured); ``at_state`` applies the state (0 normal
.. 1 moribund, physiology.py) through the physiology of the patient's worst condition:
haemorrhage raises the heart rate and lowers the blood pressure, airway and breathing
problems lower the SpO2 and raise the breathing rate, brain injury and a lost airway lower
the GCS, infection brings fever, and fever raises the heart rate (about 10/min per °C). The
same normal values at every measurement give each patient a smooth trajectory. At the triage
cut-offs (state 0.3 and 0.55, clinical.py) the values are those of the triage sieve's
categories.
"""

from __future__ import annotations

import numpy as np

from patientgen.simulation import draws as d
from patientgen.simulation.arrays import clamp
from patientgen.simulation.compiled import Compiled
from patientgen.simulation.reference.conditions import (
    COND_INDEX,
    FEVER_CONDITIONS,
    N_COND,
)
from patientgen.simulation.reference.profiles import PHYSIOLOGIES

HR, RR, SBP, DBP, TEMP, SPO2, GCS = range(7)  # positions in reference.vitals.VITALS
# the range each recorded value is held to, in VITALS order (the record's text tables cover it)
BOUNDS = ((30, 220), (6, 50), (40, 200), (20, 130), (33.0, 42.5), (50, 100), (3, 15))


def _by_physiology(**gain: float) -> np.ndarray:
    return np.array([gain.get(p, 0.0) for p in PHYSIOLOGIES])


# what a state of 1 adds to (or takes from) the normal value, by physiology
HR_GAIN = _by_physiology(haemorrhage=60, airway=35, breathing=45, brain=20, fluid_loss=45,
                         infection=30, local=25, mental=15)  # fmt: skip
SBP_DROP = _by_physiology(haemorrhage=55, airway=10, breathing=15, brain=-15, fluid_loss=30,
                          infection=20)  # fmt: skip
RR_GAIN = _by_physiology(haemorrhage=12, airway=14, breathing=18, brain=4, fluid_loss=8,
                         infection=10, local=4, mental=4)  # fmt: skip
SPO2_DROP = _by_physiology(haemorrhage=6, airway=18, breathing=16, brain=6, fluid_loss=2,
                           infection=8)  # fmt: skip
GCS_DROP = _by_physiology(airway=12, brain=12)
SHOCK = PHYSIOLOGIES.index("haemorrhage")  # late shock clouds consciousness
FEVER = PHYSIOLOGIES.index("infection")

_FEVER = np.zeros(N_COND + 1, dtype=bool)
_FEVER[[COND_INDEX[k] for k in FEVER_CONDITIONS]] = True
_DEHYD = COND_INDEX["dehydration"]


def baseline(
    c: Compiled, tri: np.ndarray, cond: np.ndarray, cond2: np.ndarray, z: np.ndarray
) -> np.ndarray:
    """(n, 7) normal values (unrounded) in the order of reference.vitals.VITALS."""
    n = tri.shape[0]
    out = np.empty((n, 7))
    out[:, HR] = 78.0 + 8.0 * z[:, d.N_HR]
    out[:, RR] = 15.0 + 1.5 * z[:, d.N_RR]
    out[:, SBP] = 126.0 + 9.0 * z[:, d.N_SBP]
    out[:, DBP] = 6.0 * z[:, d.N_DBP]  # spread around SBP * 0.62
    temp = 36.9 + 0.3 * z[:, d.N_TEMP] + c.temp_shift
    temp = temp + np.where(_FEVER[cond] | _FEVER[np.where(cond2 < 0, N_COND, cond2)], 1.0, 0.0)
    if c.heat:
        temp = temp + np.where(cond == _DEHYD, 2.0, 0.0)  # heat illness
    if c.cold:
        temp = temp - np.where(tri == 0, 1.5, 0.0)
    out[:, TEMP] = temp
    out[:, SPO2] = 98.0 + 1.0 * z[:, d.N_SPO2]
    out[:, GCS] = 15.0
    return out


def at_state(
    base: np.ndarray, state: np.ndarray, physiology: np.ndarray, severe: np.ndarray
) -> np.ndarray:
    """(m, 7) rounded values of patients with normal values ``base`` in ``state``; the GCS
    falls far only with a severe condition (a concussion keeps 13-15)."""
    s = clamp(state, 0.0, 1.0)
    out = np.empty_like(base)
    temp = base[:, TEMP] + np.where(physiology == FEVER, 1.5 * s, 0.0)
    fever = np.maximum(temp - 37.0, 0.0)
    out[:, HR] = clamp(base[:, HR] + s * HR_GAIN[physiology] + 10.0 * fever, *BOUNDS[HR]).round()
    out[:, RR] = clamp(base[:, RR] + s * RR_GAIN[physiology], *BOUNDS[RR]).round()
    sbp = clamp(base[:, SBP] - s * SBP_DROP[physiology], *BOUNDS[SBP]).round()
    out[:, SBP] = sbp
    out[:, DBP] = clamp(sbp * 0.62 + base[:, DBP], *BOUNDS[DBP]).round()
    out[:, TEMP] = clamp(temp, *BOUNDS[TEMP]).round(1)
    out[:, SPO2] = clamp(base[:, SPO2] - s * SPO2_DROP[physiology], *BOUNDS[SPO2]).round()
    shock = np.where(physiology == SHOCK, np.maximum(s - 0.6, 0.0) * 20.0, 0.0)
    gcs = base[:, GCS] - s * GCS_DROP[physiology] * np.where(severe, 1.0, 0.3) - shock
    out[:, GCS] = clamp(gcs, *BOUNDS[GCS]).round()
    return out
