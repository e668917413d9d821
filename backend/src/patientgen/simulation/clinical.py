"""What each casualty's conditions mean clinically, per block, from the condition profiles
(reference/profiles.py): each condition's severity, an injury-severity score, the physiology
that drives the vitals, how fast it worsens untreated, the 10-1-2 deadlines that apply, and
the length of stay the conditions call for. flow.py decides dispositions and deaths with
these; physiology.py turns them into a state over time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from patientgen.simulation import draws as d
from patientgen.simulation.enums import TRIAGES, InjuryType, Triage, code
from patientgen.simulation.injuries import Injuries
from patientgen.simulation.reference.profiles import (
    DEADLINES,
    MILD,
    PHYSIOLOGIES,
    PROFILE_LIST,
    SEVERE,
)

N_BANDS = 3
NO_CONDITION = len(PROFILE_LIST)  # the row the tables keep for "no secondary condition"
BATTLE = code(InjuryType.BATTLE_INJURY)
T4 = code(Triage.T4)
# how much of a severe condition's deterioration a moderate or mild one has, and of its death
# risk from a missed deadline (a moderate wound is not in danger of dying within hours)
BAND_FACTOR = np.array([1.0, 0.4, 0.0])
HAZARD_BAND_FACTOR = np.array([1.0, 0.1, 0.0])
# The physiological state at the triage assessment, 0 (normal) .. 1 (moribund), by triage: the
# triage sieve's categories cut the state at 0.3 (T2) and 0.55 (T1); T4 is beyond saving.
TRIAGE_STATE = {Triage.T1: (0.55, 0.95), Triage.T2: (0.30, 0.55), Triage.T3: (0.02, 0.28),
                Triage.T4: (0.90, 1.0)}  # fmt: skip
STATE_LO = np.array([TRIAGE_STATE[t][0] for t in TRIAGES])
STATE_W = np.array([TRIAGE_STATE[t][1] - TRIAGE_STATE[t][0] for t in TRIAGES])
# Death risk per hour a deadline is missed by, per physiology of the worst condition (the
# time-critical ones of MARCH; the rest do not die of a late hour).
HAZARD_PER_HOUR = {"haemorrhage": 0.06, "airway": 0.08, "breathing": 0.06, "brain": 0.03,
                   "fluid_loss": 0.01}  # fmt: skip


def _table(values: Sequence[Any], fill: float) -> np.ndarray:
    """A per-condition table with one more row (``NO_CONDITION``) holding ``fill``."""
    t = np.asarray(values, dtype=np.float64)
    pad = np.full((1, *t.shape[1:]), fill)
    return np.concatenate([t, pad])


# per condition (+ the "none" row): band by drawn band, AIS by its band, physiology code,
# deterioration when severe, deadlines, stay
BAND = _table([[p.band(b) for b in range(N_BANDS)] for p in PROFILE_LIST], MILD).astype(np.int64)
AIS = _table([list(p.ais) for p in PROFILE_LIST], 0.0)
PHYSIOLOGY = _table([PHYSIOLOGIES.index(p.physiology) for p in PROFILE_LIST], -1).astype(np.int64)
DETERIORATION = _table([p.deterioration for p in PROFILE_LIST], 0.0)
SETS_DEADLINE = _table([[k in p.deadlines for k in DEADLINES] for p in PROFILE_LIST], 0).astype(
    bool
)
STAY = _table([p.stay for p in PROFILE_LIST], 0.0)
HAZARD = np.array([HAZARD_PER_HOUR.get(p, 0.0) for p in PHYSIOLOGIES])
FIRST_AID, MEDICAL_CARE, SURGERY = (DEADLINES.index(k) for k in DEADLINES)


@dataclass(slots=True)
class Clinical:
    band: np.ndarray  # (n, 2) severity band of the primary and the secondary condition
    mild_only: np.ndarray  # (n,) every condition at the lowest severity
    iss: np.ndarray  # (n,) sum of the squared AIS of the conditions
    physiology: np.ndarray  # (n,) code in PHYSIOLOGIES of the condition that worsens fastest
    rate: np.ndarray  # (n,) state gained per untreated hour
    deadlines: np.ndarray  # (n, 3) bool: the deadlines (DEADLINES) that apply
    hazard: np.ndarray  # (n,) extra death risk per hour a deadline is missed by
    stay: np.ndarray  # (n,) 0..1: where the stay falls in a role's treatment range
    state0: np.ndarray  # (n,) physiological state at the first triage
    score: np.ndarray  # (n,) who fares worst among patients of one triage: higher is worse


def clinical(inj: Injuries, cu: np.ndarray) -> Clinical:
    second = np.where(inj.cond2 >= 0, inj.cond2, NO_CONDITION)
    conds = np.stack([inj.cond, second], axis=1)
    band = BAND[conds, inj.band[:, None]]
    band[:, 1] = np.where(inj.cond2 >= 0, band[:, 1], -1)
    present = np.stack([np.ones(inj.cond.shape[0], dtype=bool), inj.cond2 >= 0], axis=1)
    mild = (band == MILD) | ~present
    mild_only = mild[:, 0] & mild[:, 1]  # two columns: cheaper than .all(axis=1)
    ais = AIS[conds, np.maximum(band, 0)] * present
    iss = ais[:, 0] ** 2 + ais[:, 1] ** 2
    rates = DETERIORATION[conds] * BAND_FACTOR[np.maximum(band, 0)] * present
    worst = rates[:, 1] > rates[:, 0]  # argmax: the primary on a tie
    worst_cond = np.where(worst, conds[:, 1], conds[:, 0])
    worst_band = np.maximum(np.where(worst, band[:, 1], band[:, 0]), 0)
    physiology = PHYSIOLOGY[worst_cond]
    physiology = np.where(physiology >= 0, physiology, PHYSIOLOGY[inj.cond])
    # the deadlines of the conditions that are not mild; damage-control surgery only for the
    # severe; first aid is a battle-field rule
    due = present & (band != MILD)
    sets = SETS_DEADLINE[conds]  # (n, 2 conditions, deadlines)
    deadlines = (sets[:, 0] & due[:, :1]) | (sets[:, 1] & due[:, 1:])
    severe = present & (band == SEVERE)
    surgery = sets[:, :, SURGERY] & severe
    deadlines[:, SURGERY] = surgery[:, 0] | surgery[:, 1]
    deadlines[:, FIRST_AID] &= inj.injury_type == BATTLE
    state0 = STATE_LO[inj.triage] + cu[:, d.C_STATE] * STATE_W[inj.triage]
    noise = (cu[:, d.C_SCORE] - 0.5) * 6.0
    return Clinical(
        band=band,
        mild_only=mild_only,
        iss=iss,
        physiology=physiology,
        rate=np.maximum(rates[:, 0], rates[:, 1]),
        deadlines=deadlines,
        hazard=HAZARD[physiology] * HAZARD_BAND_FACTOR[worst_band],
        stay=np.maximum(STAY[inj.cond], STAY[second]),
        state0=state0,
        score=iss + 10.0 * state0 + noise,
    )
