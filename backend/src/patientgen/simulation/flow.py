"""The journey through the chain: POI -> R1 -> R2 -> R3 -> R4, vectorised per block.

Patients only move forward. At each present role a patient is treated for a time drawn
from the role's per-triage range, then dies there (DOW; KIA at the POI), returns to duty,
or is evacuated to the next present role (possibly bypassing some, per the role's bypass
probabilities). Evacuation from the last present role when R4 is absent leaves the
theatre (EVACUATED at that role).

The scenario's per-role outcome probabilities (per injury type and triage) are the rates; who
gets which outcome follows the patient (clinical.py): among the patients of one injury type and
triage at a role, the worst off (severity score, plus what they lost waiting) die, the mildest
return to duty, the rest move on. A patient whose conditions are all mild never leaves the
theatre: where the next step would take them out, they return to duty instead. The stay's
length comes from the conditions (where it falls in the role's treatment range). Death risk
rises when the 10-1-2 deadlines are missed (first MTF care after 1 h, surgical care after 2 h,
each missed hour at the condition's hazard) and with queueing at overloaded roles
(capacity.py), which delays both.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from patientgen.simulation import draws as d
from patientgen.simulation.arrays import clamp
from patientgen.simulation.clinical import MEDICAL_CARE, SURGERY, Clinical
from patientgen.simulation.compiled import (
    NONE_ROLE,
    WAIT_DEATH_MAX,
    WAIT_DEATH_PER_HOUR,
    Compiled,
)
from patientgen.simulation.enums import FinalStatus, code
from patientgen.simulation.injuries import Injuries
from patientgen.simulation.reference.profiles import DEADLINE_MINUTES

RTD, KIA, DOW, EVACUATED = (code(s) for s in (FinalStatus.RTD, FinalStatus.KIA, FinalStatus.DOW,
                                               FinalStatus.EVACUATED))  # fmt: skip
# UK KIA timing (Webster et al.): dead at 10 / 60 / 120 min = 67.7 / 91.4 / 99.0% of KIA.
KIA_CDF = np.array([0.0, 0.677, 0.914, 0.99, 1.0])
KIA_MIN = np.array([0.5, 10.0, 60.0, 120.0, 240.0])
# the 1 and the 2 of 10-1-2
MEDICAL_DUE_S, SURGERY_DUE_S = (DEADLINE_MINUTES[k] * 60.0 for k in ("medical_care", "surgery"))
FIRST_SURGICAL_ROLE = 2  # Role 2 is the first with a surgeon
N_GROUPS_PER_TYPE = 4  # triage categories: patients are ranked within (injury type, triage)


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
    medical_care: np.ndarray  # start of care at the first MTF, NaN for none
    surgical_care: np.ndarray  # start of care at the first surgical role (R2+), NaN for none


def _by_group_then_score(group: np.ndarray, score: np.ndarray) -> np.ndarray:
    """``np.lexsort((score, group))``, about five times faster: one plain sort of a single key
    that orders as (group, score) does. Where that key ties (equal scores, or two scores of one
    group closer than its rounding), lexsort decides, so ties never depend on the sort used."""
    lo, hi = score.min(), score.max()
    span = float(hi - lo) + 1.0
    # the key is exact enough only while it stays well inside a float's 53-bit mantissa
    if np.isfinite(span) and (int(group.max()) + 1) * span < 2.0**50:
        key = group * span + (score - lo)  # group g's keys lie in [g * span, (g + 1) * span)
        order = np.argsort(key)
        ordered = key[order]
        if not (ordered[1:] == ordered[:-1]).any():
            return order
    return np.lexsort((score, group))


def ranked(group: np.ndarray, score: np.ndarray, jitter: np.ndarray) -> np.ndarray:
    """A uniform draw per patient that rises with ``score`` within each group: ``(rank + jitter)
    / size``. Marginally uniform, so rates applied to it hold exactly as with a plain draw."""
    n = group.shape[0]
    if n == 0:
        return np.zeros(0)
    order = _by_group_then_score(group, score)
    g = group[order]
    change = np.empty(n, dtype=bool)
    change[0] = True
    np.not_equal(g[1:], g[:-1], out=change[1:])
    starts = np.flatnonzero(change)
    sizes = np.empty_like(starts)
    sizes[:-1] = starts[1:] - starts[:-1]
    sizes[-1] = n - starts[-1]
    rank = np.arange(n) - np.repeat(starts, sizes)
    out = np.empty(n)
    out[order] = (rank + jitter[order]) / np.repeat(sizes, sizes)
    return out


def _late_hours(care_at: np.ndarray, due: np.ndarray) -> np.ndarray:
    return np.asarray(np.maximum(care_at - due, 0.0) / 3600.0)


def _destination(
    c: Compiled, frm: int, tri: np.ndarray, u: np.ndarray, rows: np.ndarray | None = None
) -> np.ndarray:
    """Where patients ``rows`` (all: None) with triage ``tri`` go on from role ``frm``."""
    dest = np.full(tri.shape[0], c.next_present[frm], dtype=np.int64)
    for role in range(frm + 1, 5):
        # the last present role cannot be bypassed
        if not c.present[role] or c.next_present[role] == NONE_ROLE:
            continue
        draw = u[:, d.U_BYPASS + role] if rows is None else u[rows, d.U_BYPASS + role]
        skip = (dest == role) & (draw < c.bypass[role, tri])
        dest[skip] = c.next_present[role]
    return dest


def _transit(
    c: Compiled, dest: np.ndarray, tri: np.ndarray, u: np.ndarray, rows: np.ndarray | None = None
) -> np.ndarray:
    """The transit time of patients ``rows`` (all: None) towards ``dest``."""
    safe = np.minimum(dest, 4)
    if rows is None:
        ur = np.take_along_axis(u, (d.U_TRANSIT + safe)[:, None], axis=1)[:, 0]
    else:
        ur = u[rows, d.U_TRANSIT + safe]
    return np.asarray(c.transit_lo[safe, tri] + ur * c.transit_w[safe, tri])


def simulate(
    c: Compiled, injuries: Injuries, clin: Clinical, u: np.ndarray, waits: np.ndarray | None
) -> Flow:
    inj, tri, t0 = injuries.injury_type, injuries.triage, injuries.t0
    n = t0.shape[0]
    group = inj * N_GROUPS_PER_TYPE + tri
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

    uo = ranked(group, clin.score, u[:, d.U_POI_OUT])
    kia = uo > 1.0 - c.out_die[0, inj, tri]
    rtd0 = ~kia & (uo < c.out_rtd[0, inj, tri] - c.out_die[0, inj, tri])
    dest = _destination(c, 0, tri, u)
    # the mildest never leave the theatre: no step straight out of it from the POI
    rtd0 |= ~kia & clin.mild_only & (dest >= 4)
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

    medical_care = np.full(n, np.nan)
    surgical_care = np.full(n, np.nan)
    medical_due = t0f + MEDICAL_DUE_S
    surgery_due = t0f + SURGERY_DUE_S
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
            b = clamp(((a - c.start_s) // 3600).astype(np.int64), 0, n_bins - 1)
            w = waits[r, b]
        else:
            w = np.zeros(idx.shape[0])
        wait[idx, r] = w
        start_care = a + w
        care[idx, r] = start_care
        # the deadlines this stay settles: the first MTF's care, the first surgeon's
        late = np.zeros(idx.shape[0])
        first = np.isnan(medical_care[idx])
        medical_care[idx[first]] = start_care[first]
        late += np.where(first & clin.deadlines[idx, MEDICAL_CARE],
                         _late_hours(start_care, medical_due[idx]), 0.0)  # fmt: skip
        if r >= FIRST_SURGICAL_ROLE:
            first = np.isnan(surgical_care[idx])
            surgical_care[idx[first]] = start_care[first]
            late += np.where(first & clin.deadlines[idx, SURGERY],
                             _late_hours(start_care, surgery_due[idx]), 0.0)  # fmt: skip
        # the stay's place in the role's range follows the conditions, with a spread
        q = 0.6 * clin.stay[idx] + 0.4 * u[idx, d.U_TREAT + r]
        treat = c.treat_lo[r, ti] + q * c.treat_w[r, ti]
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
        extra = 1.0 - np.exp(-clin.hazard[idx] * late)
        if waits is not None:
            extra += np.minimum(WAIT_DEATH_PER_HOUR[ti] * (w / 3600.0), WAIT_DEATH_MAX)
        extra = np.minimum(extra, WAIT_DEATH_MAX)
        new_die = np.minimum(die_p + extra * (1.0 - die_p), 1.0)
        rtd_p = rtd_p * (1.0 - new_die) / np.maximum(1.0 - die_p, 1e-12)
        die_p = new_die
        # who fares worst: the severity score plus what was lost to the delay
        score = clin.score[idx] + 10.0 * clin.rate[idx] * (start_care - t0f[idx]) / 3600.0
        uo = ranked(group[idx], score, u[idx, d.U_OUTCOME + r])
        die = uo > 1.0 - die_p
        rtd = ~die & (uo < rtd_p)
        ev = ~die & ~rtd
        # the mildest never leave the theatre: no evacuation out of it from here
        leaving = np.flatnonzero(ev)
        onward = _destination(c, r, ti[leaving], u, idx[leaving])  # of those evacuated
        kept = clin.mild_only[idx[leaving]] & ((onward == NONE_ROLE) | (onward >= 4))
        rtd[leaving[kept]] = True
        ev[leaving[kept]] = False
        nd = onward[~kept]  # where each of idx[ev] goes

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
        gone = nd == NONE_ROLE  # no role further on: leaves the theatre from here
        og = ei[gone]
        status[og] = EVACUATED
        final_role[og] = r
        end[og] = stay_end[ev][gone]
        active[og] = False
        stay = ei[~gone]
        cur_dest[stay] = nd[~gone]
        cur_arr[stay] = stay_end[ev][~gone] + _transit(c, nd[~gone], tri[stay], u, stay)
    return Flow(arrive, care, leave, wait, status, final_role, end, first_aid, dest, in_transit,
                medical_care, surgical_care)  # fmt: skip
