"""Vital-sign values, drawn for the whole block from triage and conditions.

Means and spreads per triage are planning values consistent with the triage sieve
(T1: shock physiology; T3: normal). Heat casualties run a fever-range temperature; cold
lowers the temperature of the seriously injured.
"""

from __future__ import annotations

import numpy as np

from patientgen.simulation import draws as d
from patientgen.simulation.compiled import Compiled
from patientgen.simulation.reference.conditions import (
    COND_INDEX,
    FEVER_CONDITIONS,
    HEAD_CONDITIONS,
    N_COND,
)

#                 T1     T2     T3     T4
HR = (np.array([125.0, 105.0, 85.0, 135.0]), np.array([18.0, 14.0, 10.0, 20.0]))
RR = (np.array([26.0, 20.0, 16.0, 30.0]), np.array([5.0, 3.0, 2.0, 6.0]))
SBP = (np.array([88.0, 118.0, 126.0, 70.0]), np.array([18.0, 14.0, 10.0, 18.0]))
SPO2 = (np.array([91.0, 95.0, 98.0, 85.0]), np.array([4.0, 2.0, 1.0, 6.0]))

_HEAD = np.zeros(N_COND + 1, dtype=bool)
_HEAD[[COND_INDEX[k] for k in HEAD_CONDITIONS]] = True
_FEVER = np.zeros(N_COND + 1, dtype=bool)
_FEVER[[COND_INDEX[k] for k in FEVER_CONDITIONS]] = True
_DEHYD = COND_INDEX["dehydration"]


def vitals(
    c: Compiled, tri: np.ndarray, cond: np.ndarray, cond2: np.ndarray, z: np.ndarray
) -> np.ndarray:
    """(n, 7) values in the order of reference.vitals.VITALS."""
    n = tri.shape[0]
    out = np.empty((n, 7))
    out[:, 0] = np.clip(HR[0][tri] + HR[1][tri] * z[:, d.N_HR], 30, 220).round()
    out[:, 1] = np.clip(RR[0][tri] + RR[1][tri] * z[:, d.N_RR], 6, 50).round()
    sbp = np.clip(SBP[0][tri] + SBP[1][tri] * z[:, d.N_SBP], 40, 200).round()
    out[:, 2] = sbp
    out[:, 3] = np.clip(sbp * 0.62 + 6.0 * z[:, d.N_DBP], 20, 130).round()
    temp = 36.9 + 0.3 * z[:, d.N_TEMP] + c.temp_shift
    temp = temp + np.where(_FEVER[cond], 1.3, 0.0)
    if c.heat:
        temp = temp + np.where(cond == _DEHYD, 2.0, 0.0)  # heat illness
    if c.cold:
        temp = temp - np.where(tri == 0, 1.5, 0.0)
    out[:, 4] = np.clip(temp, 33.0, 42.5).round(1)
    out[:, 5] = np.clip(SPO2[0][tri] + SPO2[1][tri] * z[:, d.N_SPO2], 50, 100).round()
    head = _HEAD[cond] | _HEAD[np.where(cond2 < 0, N_COND, cond2)]
    gz = z[:, d.N_GCS]
    gcs = np.full(n, 15.0)
    gcs = np.where(head & (tri == 1), np.clip(14 + gz, 13, 15), gcs)
    gcs = np.where(head & (tri == 0), np.clip(9 + 2.5 * gz, 3, 14), gcs)
    gcs = np.where(tri == 3, np.clip(5 + 2 * gz, 3, 8), gcs)
    out[:, 6] = gcs.round()
    return out
