"""Each patient's physiological course: a state (0 normal .. 1 moribund) that starts where the
first triage put it, worsens with untreated time at the rate of the worst condition, slows when
first aid controls bleeding, airway or breathing and again once medical care starts, and
recovers after definitive care (the first surgeon for a patient who needs surgery, otherwise
the first MTF). Queueing delays care, so it feeds the same course.

From the course: the vitals at each measurement, the triage on arrival at each role
(re-triage), and whether the 10-1-2 deadlines were met.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from patientgen.simulation.arrays import clamp
from patientgen.simulation.clinical import FIRST_AID, MEDICAL_CARE, SURGERY, Clinical
from patientgen.simulation.enums import Triage, code
from patientgen.simulation.reference.profiles import DEADLINE_MINUTES, DEADLINES, PHYSIOLOGIES

NEVER = 1e15  # a time after every other (seconds), for care that never came
RECOVERY_PER_HOUR = 0.04
FLOOR = 0.02
AID_FACTOR = 0.5  # what remains of the rate once first aid controls it
CARE_FACTOR = 0.5  # ... and once medical care has started
CONTROLLED_BY_AID = np.isin(PHYSIOLOGIES, ("haemorrhage", "airway", "breathing"))
T1, T2, T3 = (code(t) for t in (Triage.T1, Triage.T2, Triage.T3))
# the state where the triage sieve's categories begin (clinical.TRIAGE_STATE)
T1_FROM, T2_FROM = 0.55, 0.30
DUE_S = np.array([DEADLINE_MINUTES[k] * 60.0 for k in DEADLINES])


@dataclass(frozen=True, slots=True)
class Course:
    t0: np.ndarray  # (n,) injury, epoch seconds
    state0: np.ndarray
    rates: tuple[np.ndarray, np.ndarray, np.ndarray]  # per hour: untreated, after aid, in care
    aid: np.ndarray  # (n,) when each phase starts (NEVER if it did not)
    care: np.ndarray
    definitive: np.ndarray

    def state_at(self, t: np.ndarray, rows: np.ndarray | slice = slice(None)) -> np.ndarray:
        """The state of patients ``rows`` at times ``t`` (one per row)."""
        t0 = self.t0[rows]
        bounds = (t0, self.aid[rows], self.care[rows], self.definitive[rows])
        s = self.state0[rows].copy()
        for k, rate in enumerate(self.rates):
            lo, hi = bounds[k], bounds[k + 1]
            s += rate[rows] * clamp(t - lo, 0.0, np.maximum(hi - lo, 0.0)) / 3600.0
        s -= RECOVERY_PER_HOUR * np.maximum(t - self.definitive[rows], 0.0) / 3600.0
        return np.asarray(clamp(s, FLOOR, 1.0))


def _when(times: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(times), NEVER, times)


def course(
    t0: np.ndarray,
    clin: Clinical,
    aid_given: np.ndarray,
    aid_time: np.ndarray,
    medical_care: np.ndarray,
    surgical_care: np.ndarray,
) -> Course:
    t0f = t0.astype(np.float64)
    care = _when(medical_care)
    aid = np.minimum(np.where(aid_given, aid_time, NEVER), care)
    needs_surgeon = clin.deadlines[:, SURGERY]
    definitive = np.maximum(np.where(needs_surgeon, _when(surgical_care), care), care)
    after_aid = clin.rate * np.where(CONTROLLED_BY_AID[clin.physiology], AID_FACTOR, 1.0)
    return Course(
        t0=t0f,
        state0=clin.state0,
        rates=(clin.rate, after_aid, after_aid * CARE_FACTOR),
        aid=aid,
        care=care,
        definitive=definitive,
    )


def triage_of(state: np.ndarray) -> np.ndarray:
    """The triage category a state is assessed as (T4 is given only at the POI)."""
    return np.asarray(np.where(state >= T1_FROM, T1, np.where(state >= T2_FROM, T2, T3)))


def deadlines_met(
    t0: np.ndarray,
    aid_given: np.ndarray,
    aid_time: np.ndarray,
    medical_care: np.ndarray,
    surgical_care: np.ndarray,
) -> np.ndarray:
    """(n, 3) whether each 10-1-2 deadline (DEADLINES order) was met; where it applies is
    ``Clinical.deadlines``."""
    due = t0.astype(np.float64)[:, None] + DUE_S
    met = np.empty(due.shape, dtype=bool)
    met[:, FIRST_AID] = aid_given & (aid_time <= due[:, FIRST_AID])
    met[:, MEDICAL_CARE] = _when(medical_care) <= due[:, MEDICAL_CARE]
    met[:, SURGERY] = _when(surgical_care) <= due[:, SURGERY]
    return met
