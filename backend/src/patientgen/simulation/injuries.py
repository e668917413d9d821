"""What happened: injury type, front, nation, warfare type, mechanism, body region,
triage and conditions. Special events override type, front, mechanism and triage."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from patientgen.simulation import clock
from patientgen.simulation import draws as d
from patientgen.simulation.compiled import (
    COND_DISEASE0,
    COND_NBI0,
    HOUR_DISEASE,
    HOUR_NBI,
    MECH_EVENT_ROW,
    TRIAGE_BATTLE,
    TRIAGE_EVENT0,
    TRIAGE_NBI,
    Compiled,
)
from patientgen.simulation.enums import EVENT_KINDS, REGIONS, TRIAGE_BAND, InjuryType, code
from patientgen.simulation.sampling import pick, pick_rows

DISEASE, NBI, BATTLE = (code(t) for t in (InjuryType.DISEASE, InjuryType.NON_BATTLE_INJURY,
                                          InjuryType.BATTLE_INJURY))  # fmt: skip
_BAND = np.array(TRIAGE_BAND)
_N_REGIONS = len(REGIONS)
# per event kind: mechanism row override, or -1 to keep the warfare type's mix
_EVENT_MECH = np.array([MECH_EVENT_ROW.get(k, -1) for k in EVENT_KINDS])


@dataclass(slots=True)
class Injuries:
    event: np.ndarray  # -1 none, else index into scenario.special_events
    front: np.ndarray
    nation: np.ndarray
    injury_type: np.ndarray
    t0: np.ndarray  # int64 epoch seconds
    warfare: np.ndarray  # -1 for DNBI
    mechanism: np.ndarray  # -1 for DNBI
    region: np.ndarray  # -1 for DNBI
    left: np.ndarray  # laterality draw (bool)
    triage: np.ndarray
    band: np.ndarray
    cond: np.ndarray
    cond2: np.ndarray  # -1 none


def injuries(c: Compiled, u: np.ndarray) -> Injuries:
    n = u.shape[0]
    if c.event_cum.size:
        ue = u[:, d.U_EVENT]
        event = np.searchsorted(c.event_cum, ue, side="right")
        event[ue >= c.event_cum[-1]] = -1
    else:
        event = np.full(n, -1, dtype=np.int64)
    in_event = event >= 0
    ev = np.where(in_event, event, 0)

    front = pick(c.front_cum, u[:, d.U_FRONT])
    if in_event.any():
        ef = c.event_front[ev]
        fixed = in_event & (ef >= 0)
        front[fixed] = ef[fixed]
    nation = pick_rows(c.nation_cum, front, u[:, d.U_NATION])

    injury_type = pick(c.injury_cum, u[:, d.U_INJURY])
    injury_type[in_event] = BATTLE
    battle = injury_type == BATTLE
    warfare = pick(c.warfare_cum, u[:, d.U_WARFARE])

    hour_key = np.where(battle, warfare, np.where(injury_type == DISEASE, HOUR_DISEASE, HOUR_NBI))
    t0 = clock.injury_times(
        c.start_s, c.day_cum, c.hour_cum, hour_key, u[:, d.U_DAY], u[:, d.U_HOUR], u[:, d.U_SECOND]
    )
    if in_event.any():
        et = c.event_start[ev] + (u[:, d.U_EVENT_TIME] * c.event_dur[ev]).astype(np.int64)
        t0 = np.where(in_event, np.minimum(et, c.end_s - 1), t0)

    mech_key = warfare.copy()
    if in_event.any():
        override = _EVENT_MECH[c.event_kind[ev]]
        use = in_event & (override >= 0)
        mech_key[use] = override[use]
    mechanism = pick_rows(c.mech_cum, mech_key, u[:, d.U_MECH])
    region = pick_rows(c.region_cum, warfare, u[:, d.U_REGION])

    tri_key = np.where(battle, TRIAGE_BATTLE + warfare, np.minimum(injury_type, TRIAGE_NBI))
    tri_key = np.where(in_event, TRIAGE_EVENT0 + ev, tri_key)
    triage = pick_rows(c.triage_cum, tri_key, u[:, d.U_TRIAGE])
    band = _BAND[triage]

    battle_key = (mechanism * _N_REGIONS + region) * 3 + band
    cond_key = np.where(
        battle, battle_key, np.where(injury_type == DISEASE, COND_DISEASE0, COND_NBI0) + band
    )
    cond = pick_rows(c.cond_cum, cond_key, u[:, d.U_COND])
    cond2 = pick_rows(c.cond2_cum, cond_key, u[:, d.U_COND2])
    n_cond = c.cond_cum.shape[1]
    cond2 = np.where((cond2 == n_cond) | (cond2 == cond), -1, cond2)

    return Injuries(
        event=event,
        front=front,
        nation=nation,
        injury_type=injury_type,
        t0=t0,
        warfare=np.where(battle, warfare, -1),
        mechanism=np.where(battle, mechanism, -1),
        region=np.where(battle, region, -1),
        left=u[:, d.U_SIDE] < 0.5,
        triage=triage,
        band=band,
        cond=cond,
        cond2=cond2,
    )
