"""The journey through the chain: POI -> R1 -> R2 -> R3 -> R4, vectorised per block.

Patients only move forward. At each present role a patient is treated for a time drawn
from the role's per-triage range, then dies there (DOW; KIA at the POI), returns to duty,
or is evacuated to the next present role (possibly bypassing some, per the role's bypass
probabilities). Evacuation from the last present role when R4 is absent leaves the
theatre (EVACUATED at that role). Queueing at overloaded roles adds waiting time before
treatment and a per-hour extra risk of death for T1/T2 (see capacity.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from patientgen.simulation import draws as d
from patientgen.simulation.compiled import (
    NONE_ROLE,
    WAIT_DEATH_MAX,
    WAIT_DEATH_PER_HOUR,
    Compiled,
)
from patientgen.simulation.enums import FinalStatus, code

RTD, KIA, DOW, EVACUATED = (code(s) for s in (FinalStatus.RTD, FinalStatus.KIA, FinalStatus.DOW,
                                               FinalStatus.EVACUATED))  # fmt: skip
# UK KIA timing (Webster et al.): dead at 10 / 60 / 120 min = 67.7 / 91.4 / 99.0% of KIA.
KIA_CDF = np.array([0.0, 0.677, 0.914, 0.99, 1.0])
KIA_MIN = np.array([0.5, 10.0, 60.0, 120.0, 240.0])


@dataclass(slots=True)
class Flow:
    arrive: np.ndarray  # (n, 5) seconds, NaN where not visited (POI = injury time)
    care: np.ndarray  # (n, 5) start of care (arrival + queue wait)
    leave: np.ndarray  # (n, 5) departure from the role, NaN if the patient did not leave
    wait: np.ndarray  # (n, 5) seconds queued before care
    status: np.ndarray  # int8 RTD/KIA/DOW/EVACUATED
    final_role: np.ndarray  # int8 0..4
    end: np.ndarray  # time of the terminal event
    first_aid: np.ndarray  # first aid time at POI (may be after death: then none)
    first_dest: np.ndarray  # destination chosen at POI (NONE_ROLE for none)
    in_transit: np.ndarray  # KIA after leaving the POI


def _destination(c: Compiled, frm: int, tri: np.ndarray, u: np.ndarray) -> np.ndarray:
    dest = np.full(tri.shape[0], c.next_present[frm], dtype=np.int64)
    for role in range(frm + 1, 5):
        # the last present role cannot be bypassed
        if not c.present[role] or c.next_present[role] == NONE_ROLE:
            continue
        skip = (dest == role) & (u[:, d.U_BYPASS + role] < c.bypass[role, tri])
        dest[skip] = c.next_present[role]
    return dest


def _transit(c: Compiled, dest: np.ndarray, tri: np.ndarray, u: np.ndarray) -> np.ndarray:
    safe = np.minimum(dest, 4)
    ur = np.take_along_axis(u, (d.U_TRANSIT + safe)[:, None], axis=1)[:, 0]
    return np.asarray(c.transit_lo[safe, tri] + ur * c.transit_w[safe, tri])


def simulate(
    c: Compiled,
    inj: np.ndarray,
    tri: np.ndarray,
    t0: np.ndarray,
    u: np.ndarray,
    waits: np.ndarray | None,
) -> Flow:
    n = t0.shape[0]
    t0f = t0.astype(np.float64)
    arrive = np.full((n, 5), np.nan)
    care = np.full((n, 5), np.nan)
    leave = np.full((n, 5), np.nan)
    wait = np.zeros((n, 5))
    status = np.full(n, RTD, dtype=np.int8)
    final_role = np.zeros(n, dtype=np.int8)
    end = np.zeros(n)

    arrive[:, 0] = t0f
    care[:, 0] = t0f
    poi_end = t0f + c.poi_lo[tri] + u[:, d.U_POI_TIME] * c.poi_w[tri]
    first_aid = (
        t0f + 30.0 + u[:, d.U_FIRST_AID] * np.maximum(np.minimum(poi_end - t0f, 600.0) - 30.0, 0.0)
    )
    first_aid = np.minimum(first_aid, poi_end)

    uo = u[:, d.U_POI_OUT]
    kia = uo < c.out_die[0, inj, tri]
    rtd0 = ~kia & (uo < c.out_rtd[0, inj, tri])
    dest = _destination(c, 0, tri, u)
    arr_next = poi_end + _transit(c, dest, tri, u)

    kia_delay = np.interp(u[:, d.U_KIA], KIA_CDF, KIA_MIN) * 60.0
    # a KIA dies before the first MTF would have been reached
    death = np.maximum(np.minimum(t0f + kia_delay, arr_next - 60.0), t0f + 30.0)
    in_transit = kia & (death > poi_end)
    status[kia] = KIA
    end[kia] = death[kia]
    end[rtd0] = poi_end[rtd0]
    leave[in_transit, 0] = poi_end[in_transit]
    active = ~kia & ~rtd0
    leave[active, 0] = poi_end[active]

    cur_dest = dest.copy()
    cur_arr = arr_next
    n_bins = 0 if waits is None else waits.shape[1]
    for r in range(1, 5):
        at = active & (cur_dest == r)
        if not at.any():
            continue
        idx = np.flatnonzero(at)
        a = cur_arr[idx]
        ti = tri[idx]
        arrive[idx, r] = a
        if waits is not None:
            b = np.clip(((a - c.start_s) // 3600).astype(np.int64), 0, n_bins - 1)
            w = waits[r, b]
        else:
            w = np.zeros(idx.shape[0])
        wait[idx, r] = w
        start_care = a + w
        care[idx, r] = start_care
        treat = c.treat_lo[r, ti] + u[idx, d.U_TREAT + r] * c.treat_w[r, ti]
        stay_end = start_care + treat
        if r == 4:
            status[idx] = EVACUATED
            final_role[idx] = 4
            # the record closes with the first spell of Role 4 care (its treatments)
            end[idx] = stay_end
            active[idx] = False
            continue
        ii = inj[idx]
        die_p = c.out_die[r, ii, ti]
        rtd_p = c.out_rtd[r, ii, ti] - die_p
        if waits is not None:
            extra = np.minimum(WAIT_DEATH_PER_HOUR[ti] * (w / 3600.0), WAIT_DEATH_MAX)
            new_die = np.minimum(die_p + extra * (1.0 - die_p), 1.0)
            rtd_p = rtd_p * (1.0 - new_die) / np.maximum(1.0 - die_p, 1e-12)
            die_p = new_die
        uo = u[idx, d.U_OUTCOME + r]
        die = uo < die_p
        rtd = ~die & (uo < die_p + rtd_p)
        ev = ~die & ~rtd

        di = idx[die]
        status[di] = DOW
        final_role[di] = r
        end[di] = start_care[die] + u[di, d.U_DEATH_AT + r] * treat[die]
        ri = idx[rtd]
        final_role[ri] = r
        end[ri] = stay_end[rtd]
        active[di] = False
        active[ri] = False

        ei = idx[ev]
        leave[ei, r] = stay_end[ev]
        nd = _destination(c, r, tri[ei], u[ei])
        gone = nd == NONE_ROLE  # no role further on: leaves the theatre from here
        og = ei[gone]
        status[og] = EVACUATED
        final_role[og] = r
        end[og] = stay_end[ev][gone]
        active[og] = False
        stay = ei[~gone]
        cur_dest[stay] = nd[~gone]
        cur_arr[stay] = stay_end[ev][~gone] + _transit(c, nd[~gone], tri[stay], u[stay])
    return Flow(arrive, care, leave, wait, status, final_role, end, first_aid, dest, in_transit)
