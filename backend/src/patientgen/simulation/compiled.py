"""Compile a Scenario once into the numpy tables the block generator samples from.

Compiling is the only place where settings are interpreted; generation is then pure
table look-ups, which is what makes 100k+ patients/s possible. Results are cached by the
scenario's JSON, so every block of a job shares one compiled scenario.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from patientgen.simulation.clock import DAY_S, tempo_weights
from patientgen.simulation.enums import (
    EVENT_KINDS,
    MECHANISMS,
    REGIONS,
    ROLES,
    TRIAGES,
    WARFARE_TYPES,
    EventKind,
    InjuryType,
    Mechanism,
    Region,
    code,
)
from patientgen.simulation.reference import conditions as cat
from patientgen.simulation.reference.environment import EFFECTS
from patientgen.simulation.reference.nations import NATION_INDEX, NATIONS
from patientgen.simulation.reference.ranks import RANK_WEIGHTS
from patientgen.simulation.reference.warfare import (
    DISEASE_HOURLY,
    EVENT_MECHANISM,
    NBI_HOURLY,
    NIGHT_HOURS,
    NIGHT_OPS_FACTOR,
    PROFILES,
)
from patientgen.simulation.sampling import cumulative
from patientgen.simulation.scenario import Scenario

NONE_ROLE = 5  # "no further role present"
N_WARFARE = len(WARFARE_TYPES)
HOUR_DISEASE, HOUR_NBI = N_WARFARE, N_WARFARE + 1
MECH_EVENT_ROW = {EventKind.MASS_CASUALTY: N_WARFARE, EventKind.AMBUSH: N_WARFARE + 1}
# triage rows: disease and non-battle by their injury-type code, then one per warfare type
TRIAGE_DISEASE, TRIAGE_NBI = code(InjuryType.DISEASE), code(InjuryType.NON_BATTLE_INJURY)
TRIAGE_BATTLE = max(TRIAGE_DISEASE, TRIAGE_NBI) + 1  # + warfare index
TRIAGE_EVENT0 = TRIAGE_BATTLE + N_WARFARE
BATTLE_KEYS = len(MECHANISMS) * len(REGIONS) * 3
COND_DISEASE0 = BATTLE_KEYS  # + band
COND_NBI0 = BATTLE_KEYS + 3
# Per-triage extra death probability per hour of queueing at an overloaded facility.
WAIT_DEATH_PER_HOUR = np.array([0.03, 0.005, 0.0, 0.02])
WAIT_DEATH_MAX = 0.5

# Mass casualties bring the expectant category (AMedP-1.10); offensives are more severe.
EVENT_TRIAGE = {
    EventKind.MASS_CASUALTY: (0.30, 0.25, 0.30, 0.15),
    EventKind.MAJOR_OFFENSIVE: None,  # the warfare mix at 1.3x intensity
    EventKind.AMBUSH: None,
}
OFFENSIVE_INTENSITY = 1.3


def shift_severity(w: tuple[float, ...] | list[float], factor: float) -> np.ndarray:
    """Scale the odds of T1/T4 by factor and of T2 by sqrt(factor); T3 stays."""
    t1, t2, t3, t4 = w
    return np.array([t1 * factor, t2 * math.sqrt(factor), t3, t4 * factor])


@dataclass(frozen=True, slots=True, eq=False)
class Compiled:
    start_s: int
    end_s: int
    front_names: tuple[str, ...]
    front_cum: np.ndarray
    nation_cum: np.ndarray  # (fronts, nations)
    injury_cum: np.ndarray  # (3,)
    warfare_cum: np.ndarray  # (8,)
    day_cum: np.ndarray
    hour_cum: np.ndarray  # (10, 24)
    event_cum: np.ndarray  # (E,) cumulative shares, not normalised
    event_start: np.ndarray
    event_dur: np.ndarray
    event_front: np.ndarray  # -1 = sample the front
    event_kind: np.ndarray
    mech_cum: np.ndarray  # (10, 4)
    region_cum: np.ndarray  # (8, 9)
    triage_cum: np.ndarray  # (10 + E, 4)
    cond_cum: np.ndarray  # (114, N_COND)
    cond2_cum: np.ndarray  # (114, N_COND + 1); last column = none
    female: np.ndarray
    blood_cum: np.ndarray
    rank_cum: np.ndarray
    present: np.ndarray  # (5,) bool
    next_present: np.ndarray  # (6,) next present role after r
    facility_names: tuple[str, ...]
    capacity: np.ndarray  # (5,) per hour, 0 = none
    poi_lo: np.ndarray  # (4,) seconds
    poi_w: np.ndarray
    treat_lo: np.ndarray  # (5, 4) seconds
    treat_w: np.ndarray
    transit_lo: np.ndarray  # (5, 4) seconds, by destination role
    transit_w: np.ndarray
    out_die: np.ndarray  # (4, 3, 4): role POI..R3, injury type, triage
    out_rtd: np.ndarray  # cumulative die + rtd
    bypass: np.ndarray  # (5, 4)
    temp_shift: float
    heat: bool
    cold: bool


def _minutes(r: object) -> tuple[float, float]:
    return r.min * 60.0, (r.max - r.min) * 60.0  # type: ignore[attr-defined]


def _per_triage(pt: object, scale: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    lo = np.array([_minutes(getattr(pt, t))[0] for t in TRIAGES]) * scale
    w = np.array([_minutes(getattr(pt, t))[1] for t in TRIAGES]) * scale
    return lo, w


def _condition_tables(boosts: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    n = cat.N_COND
    prim = np.zeros((BATTLE_KEYS + 6, n))
    sec = np.zeros((BATTLE_KEYS + 6, n + 1))

    def fill(row: int, w: Mapping[str, float], target: np.ndarray, boost: bool) -> None:
        for key, weight in w.items():
            col = n if key == "none" else cat.COND_INDEX[key]
            target[row, col] += weight * (boosts.get(key, 1.0) if boost else 1.0)

    for m, mech in enumerate(MECHANISMS):
        for r, region in enumerate(REGIONS):
            for band in range(3):
                row = (m * len(REGIONS) + r) * 3 + band
                fill(row, cat.battle_primary(Mechanism(mech), Region(region), band), prim, False)
                fill(row, cat.battle_secondary(Mechanism(mech), Region(region), band), sec, False)
    for band in range(3):
        fill(COND_DISEASE0 + band, cat.DISEASE_PRIMARY[band], prim, True)
        fill(COND_NBI0 + band, cat.NBI_PRIMARY[band], prim, True)
        fill(COND_DISEASE0 + band, cat.DNBI_SECONDARY[band], sec, False)
        fill(COND_NBI0 + band, {"none": 1}, sec, False)
    return (
        np.array([cumulative(row) for row in prim]),
        np.array([cumulative(row) for row in sec]),
    )


def compile_scenario(s: Scenario) -> Compiled:
    effects = [EFFECTS[e] for e in s.environment]
    evac_delay = math.prod(e.evac_delay for e in effects)
    night_ops = any(e.night_ops for e in effects)
    boosts: dict[str, float] = {}
    for e in effects:
        for k, v in e.boosts.items():
            boosts[k] = boosts.get(k, 1.0) * v

    start_s = int(s.start.timestamp())
    end_s = start_s + s.duration_days * DAY_S

    front_names = tuple(f.name for f in s.fronts)
    nation_rows = []
    for f in s.fronts:
        row = np.zeros(len(NATIONS))
        for nation, share in f.nationality_mix.items():
            row[NATION_INDEX[nation]] = share
        nation_rows.append(cumulative(row))

    mix = s.injury_mix
    injury = [
        mix.disease * math.prod(e.disease for e in effects),
        mix.non_battle_injury * math.prod(e.nbi for e in effects),
        mix.battle_injury,
    ]

    hours = []
    for wt in WARFARE_TYPES:
        h = np.array(PROFILES[wt].hourly)
        if night_ops:
            h[list(NIGHT_HOURS)] *= NIGHT_OPS_FACTOR
        hours.append(cumulative(h))
    hours += [cumulative(DISEASE_HOURLY), cumulative(NBI_HOURLY)]

    ev = s.special_events
    event_kind = np.array([EVENT_KINDS.index(e.kind) for e in ev], dtype=np.int64)
    event_start = np.array(
        [start_s + (e.day - 1) * DAY_S + e.hour * 3600 for e in ev], dtype=np.int64
    )
    event_dur = np.array([e.hours * 3600.0 for e in ev])
    event_front = np.array(
        [front_names.index(e.front) if e.front else -1 for e in ev], dtype=np.int64
    )

    mech = [cumulative(PROFILES[wt].mechanism) for wt in WARFARE_TYPES]
    mech += [cumulative(EVENT_MECHANISM[k]) for k in MECH_EVENT_ROW]  # type: ignore[arg-type]

    tw = s.triage_weights
    tri_rows = [
        cumulative([tw.disease.T1, tw.disease.T2, tw.disease.T3, tw.disease.T4]),
        cumulative([tw.non_battle_injury.T1, tw.non_battle_injury.T2,
                    tw.non_battle_injury.T3, tw.non_battle_injury.T4]),
    ]  # fmt: skip
    battle = (tw.battle_injury.T1, tw.battle_injury.T2, tw.battle_injury.T3, tw.battle_injury.T4)
    mean_severity = sum(PROFILES[w].severity * p for w, p in s.warfare.items())
    for wt in WARFARE_TYPES:
        tri_rows.append(cumulative(shift_severity(battle, s.intensity * PROFILES[wt].severity)))
    for event in ev:
        if event.triage is not None:
            given = event.triage
            w = np.array([given.T1, given.T2, given.T3, given.T4])
        elif EVENT_TRIAGE[event.kind] is not None:
            w = np.array(EVENT_TRIAGE[event.kind])
        else:
            w = shift_severity(battle, s.intensity * OFFENSIVE_INTENSITY * mean_severity)
        tri_rows.append(cumulative(w))

    cond_cum, cond2_cum = _condition_tables(boosts)

    chain = s.chain
    facs = [chain.POI, chain.R1, chain.R2, chain.R3, chain.R4]
    present = np.array([fac.present for fac in facs])
    next_present = np.full(6, NONE_ROLE, dtype=np.int64)
    for r in range(5):
        for q in range(r + 1, 5):
            if present[q]:
                next_present[r] = q
                break
    capacity = np.array([fac.capacity_per_hour or 0.0 for fac in facs])
    poi_lo, poi_w = _per_triage(chain.POI.treatment_minutes, evac_delay)
    treat_lo = np.zeros((5, 4))
    treat_w = np.zeros((5, 4))
    for r, fac in enumerate(facs):
        treat_lo[r], treat_w[r] = _per_triage(fac.treatment_minutes)
    transit_lo = np.zeros((5, 4))
    transit_w = np.zeros((5, 4))
    for r, role in enumerate(ROLES[1:], start=1):
        transit_lo[r], transit_w[r] = _per_triage(getattr(s.transit_minutes, role), evac_delay)

    out_die = np.zeros((4, 3, 4))
    out_rtd = np.zeros((4, 3, 4))
    for r, fac in enumerate(facs[:4]):
        table = fac.outcomes
        assert table is not None
        for i, it in enumerate(("disease", "non_battle_injury", "battle_injury")):
            per = getattr(table, it)
            for t, tri in enumerate(TRIAGES):
                o = getattr(per, tri)
                die, rtd = o.die, o.rtd
                if r == 0 and die > 0:
                    # Slower evacuation costs lives before the MTF: scale KIA odds.
                    new_die = min(0.95, die * math.sqrt(evac_delay))
                    rest = 1.0 - die
                    rtd = rtd * (1.0 - new_die) / rest if rest > 0 else 0.0
                    die = new_die
                out_die[r, i, t] = die
                out_rtd[r, i, t] = die + rtd
    bypass = np.zeros((5, 4))
    for r, fac in enumerate(facs):
        if fac.bypass is not None:
            bypass[r] = [getattr(fac.bypass, tri) for tri in TRIAGES]

    return Compiled(
        start_s=start_s,
        end_s=end_s,
        front_names=front_names,
        front_cum=cumulative([f.share for f in s.fronts]),
        nation_cum=np.array(nation_rows),
        injury_cum=cumulative(injury),
        warfare_cum=cumulative([s.warfare.get(w, 0.0) for w in WARFARE_TYPES]),
        day_cum=cumulative(tempo_weights(s.tempo, s.duration_days)),
        hour_cum=np.array(hours),
        event_cum=np.cumsum([e.share for e in ev]) if ev else np.zeros(0),
        event_start=event_start,
        event_dur=event_dur,
        event_front=event_front,
        event_kind=event_kind,
        mech_cum=np.array(mech),
        region_cum=np.array([cumulative(PROFILES[w].region) for w in WARFARE_TYPES]),
        triage_cum=np.array(tri_rows),
        cond_cum=cond_cum,
        cond2_cum=cond2_cum,
        female=np.array([n.female_share for n in NATIONS]),
        blood_cum=np.array([cumulative(n.blood) for n in NATIONS]),
        rank_cum=cumulative(RANK_WEIGHTS),
        present=present,
        next_present=next_present,
        facility_names=tuple(f.name for f in facs),
        capacity=capacity,
        poi_lo=poi_lo,
        poi_w=poi_w,
        treat_lo=treat_lo,
        treat_w=treat_w,
        transit_lo=transit_lo,
        transit_w=transit_w,
        out_die=out_die,
        out_rtd=out_rtd,
        bypass=bypass,
        temp_shift=sum(e.temp_shift for e in effects),
        heat=any(e.condition == "extreme_heat" for e in effects),
        cold=any(e.condition == "extreme_cold" for e in effects),
    )


@lru_cache(maxsize=32)
def _compiled_from_json(key: str) -> Compiled:
    return compile_scenario(Scenario.model_validate_json(key))


def scenario_key(s: Scenario) -> str:
    return s.model_dump_json()


def compiled(s: Scenario) -> Compiled:
    return _compiled_from_json(scenario_key(s))
