"""The journey: each patient's path through the chain as the record tells it, derived once per
block from the simulated flow (flow.py) and read by every view of the patient — the readable
records, the fast NDJSON line, the database's flow columns.

Columnar: (patients, roles) arrays for the stays, (patients,) for the rest. The clinical and
narrative rules live here and nowhere else:

* first aid: battle casualties get it at the POI unless killed before it was given;
  POI treatments and POI vitals come with it, at its time;
* the physiological course (physiology.py): vitals with first aid at the POI (the field set)
  and on arrival at every role reached (all seven), the triage on each arrival (re-triage),
  the airway compromised when a recorded GCS is 8 or less or a severe airway injury;
* treatments: each of a role's procedures at its usual time after the start of care
  (PROCEDURE_MINUTES, placed within it by a draw), in plan order and at least 5 min apart;
  when the stay ends sooner, the times are compressed into it;
* deadlines: the 10-1-2 deadlines that apply (clinical.py) and whether they were met;
* departures: an event for leaving the POI or a Role towards the next role reached; none for
  the final evacuation out of theatre (the final event says it) and none after Role 4;
* the end: return to duty, death (KIA in transit after leaving the POI) or evacuation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from patientgen.simulation import care
from patientgen.simulation import draws as d
from patientgen.simulation.care import Plans
from patientgen.simulation.enums import FinalStatus, InjuryType
from patientgen.simulation.flow import EVACUATED, KIA
from patientgen.simulation.measurements import GCS, at_state
from patientgen.simulation.physiology import course, deadlines_met, triage_of
from patientgen.simulation.reference.profiles import PHYSIOLOGIES, SEVERE
from patientgen.simulation.reference.vitals import POI_VITALS, VITALS

if TYPE_CHECKING:
    from patientgen.simulation.block import PatientBlock

N_ROLES = care.N_ROLES
FINAL_ROLE = N_ROLES - 1  # Role 4: care continues out of theatre, the record ends there
OUT_OF_THEATRE_CODE = N_ROLES  # a destination past the last role
BATTLE = list(InjuryType).index(InjuryType.BATTLE_INJURY)
# the final timeline event per final status
TERMINAL_EVENTS = {
    FinalStatus.RTD: "return_to_duty",
    FinalStatus.KIA: "death",
    FinalStatus.DOW: "death",
    FinalStatus.EVACUATED: "evacuated",
}
TERMINAL_KIND = tuple(TERMINAL_EVENTS[s] for s in FinalStatus)  # by status code
# vitals: positions in VITALS of the POI set; changes from the drawn values at the POI
VITAL_INDEX = {key: i for i, (key, *_rest) in enumerate(VITALS)}
POI_VITAL_INDEX = tuple(VITAL_INDEX[k] for k in POI_VITALS)
AIRWAY = PHYSIOLOGIES.index("airway")
AIRWAY_GCS = 8  # at or below it the airway is not protected
SPACING_S = 300.0  # procedures on one patient at one role come at least 5 min apart
_GOLDEN = 0.6180339887498949  # spreads one draw per role over its procedures
FLOAT_VITALS = frozenset({VITAL_INDEX["temp"]})  # measured to a tenth; the rest whole numbers


@dataclass(frozen=True, slots=True)
class Journey:
    """One block's journeys. Times are epoch seconds (float, truncated when written)."""

    # the stays: role r reached (POI: always), arrival, start of care, queue before it
    arrived: np.ndarray  # (n, roles) bool
    arrive: np.ndarray  # (n, roles), NaN where not reached
    care: np.ndarray  # (n, roles)
    wait: np.ndarray  # (n, roles) seconds
    waited: np.ndarray  # (n, roles) bool: an arrival with a queue
    wait_minutes: np.ndarray  # (n, roles) int, rounded half to even
    departs: np.ndarray  # (n, roles) bool: a departure event from the role
    leave: np.ndarray  # (n, roles) its time
    destination: np.ndarray  # (n, roles) role code, or OUT_OF_THEATRE_CODE
    has_out: np.ndarray  # (n, roles) bool: the stay is closed by an event of its own
    stay_out: np.ndarray  # (n, roles) when: its departure, or the end of the record there
    mtf: np.ndarray  # (n,) first Role reached, 0 for none
    # first aid at the POI
    first_aid: np.ndarray  # (n,) bool
    first_aid_time: np.ndarray  # (n,)
    # the end
    status: np.ndarray  # (n,) FinalStatus code
    final_role: np.ndarray  # (n,) role code
    end: np.ndarray  # (n,) time of the final event
    in_transit: np.ndarray  # (n,) bool: killed after leaving the POI
    out_of_theatre: np.ndarray  # (n,) bool: the final event is an evacuation out of theatre
    # care
    plans: Plans  # the numbering of ``profile``
    profile: np.ndarray  # (n,) plan number
    treatments: np.ndarray  # (n, roles) procedures done at each role
    treatment_time: tuple[np.ndarray, ...]  # per role (n, most there): procedure j's time
    first_treatment: np.ndarray  # (n,) earliest treatment, NaN for none
    # the physiological course
    poi_vitals: np.ndarray  # (n, len(POI_VITALS)) int, valid with first aid
    vitals: np.ndarray  # (n, roles, len(VITALS)) on arrival at each role, valid where arrived
    triage_on_arrival: np.ndarray  # (n, roles) Triage code, valid where arrived (not the POI)
    # the 10-1-2 deadlines (physiology.DEADLINES order)
    deadline_applies: np.ndarray  # (n, 3) bool
    deadline_met: np.ndarray  # (n, 3) bool


def journey(b: PatientBlock) -> Journey:
    inj, fl = b.injuries, b.flow
    n = b.size
    status, final_role, end = fl.status, fl.final_role, fl.end
    arrive, leave = fl.arrive, fl.leave
    arrived = ~np.isnan(arrive)
    roles = np.arange(N_ROLES)
    final_here = final_role[:, None] == roles
    evacuated = status == EVACUATED

    first_aid = (inj.injury_type == BATTLE) & ((status != KIA) | (fl.first_aid < end))

    # leaving a role: towards the next role reached, never out of the final role or theatre
    left_role = ~np.isnan(leave)
    departs = left_role & ~(final_here & evacuated[:, None])
    departs[:, FINAL_ROLE] = False
    # the first role reached after each role (OUT_OF_THEATRE_CODE for none)
    reached_at = np.where(arrived, roles, OUT_OF_THEATRE_CODE)
    reached_at[:, 0] = OUT_OF_THEATRE_CODE
    later = np.minimum.accumulate(reached_at[:, ::-1], axis=1)[:, ::-1]
    destination = np.empty((n, N_ROLES), dtype=np.int64)
    destination[:, :-1] = later[:, 1:]
    destination[:, -1] = OUT_OF_THEATRE_CODE
    poi_dest = fl.first_dest.astype(np.int64)
    if (poi_dest[departs[:, 0]] >= N_ROLES).any():
        raise IndexError("departure from the POI to no role")
    destination[:, 0] = poi_dest  # chosen at the POI (a KIA in transit never arrives)
    has_out = arrived & (departs | final_here)
    stay_out = np.where(departs, leave, end[:, None])

    # the physiological course and what it shows
    clin = b.clinical
    path = course(inj.t0, clin, first_aid, fl.first_aid, fl.medical_care, fl.surgical_care)
    severe = (clin.band == SEVERE).any(axis=1)
    poi_all = at_state(b.normal_vitals, path.state_at(fl.first_aid), clin.physiology, severe)
    poi = poi_all[:, POI_VITAL_INDEX].astype(np.int64)
    # on arrival at every role, all arrivals at once (patient-major); zeros where not reached
    who, role = np.nonzero(arrived[:, 1:])
    role += 1
    state = path.state_at(arrive[who, role], who)
    measured = at_state(b.normal_vitals[who], state, clin.physiology[who], severe[who])
    vitals = np.zeros((n, N_ROLES, len(VITALS)))
    vitals[who, role] = measured
    triage_on_arrival = np.zeros((n, N_ROLES), dtype=np.int64)
    triage_on_arrival[who, role] = triage_of(state)
    worst_gcs = np.where(first_aid, poi_all[:, GCS], 15.0)
    np.minimum.at(worst_gcs, who, measured[:, GCS])
    airway = (worst_gcs <= AIRWAY_GCS) | ((clin.physiology == AIRWAY) & severe)

    # treatments: each at its usual time after the start of care
    plans = care.PLANS
    profile, plan_counts = plans.lookup(care.profile_keys(inj, airway))
    here = arrived.copy()
    here[:, 0] = first_aid
    counts = np.where(here, plan_counts[profile], 0)
    window_end = np.where(~left_role | final_here, end[:, None], leave)
    times = [np.repeat(fl.first_aid[:, None], counts[:, 0].max(initial=0), axis=1)]
    first_treatment = np.where(counts[:, 0] > 0, fl.first_aid, np.inf)
    covering = int(profile.max(initial=0)) + 1
    for r in range(1, N_ROLES):
        top = int(counts[:, r].max(initial=0))
        t = _treatment_times(
            plans.minutes(r, covering)[profile, :top], fl.care[:, r], window_end[:, r],
            counts[:, r], b.care_draws[:, d.C_CARE + r],
        )  # fmt: skip
        times.append(t)
        if top:
            first_treatment = np.where(
                counts[:, r] > 0, np.minimum(first_treatment, t[:, 0]), first_treatment
            )

    wait = fl.wait
    reached = arrived[:, 1:]
    return Journey(
        arrived=arrived,
        arrive=arrive,
        care=fl.care,
        wait=wait,
        waited=arrived & (wait > 0),
        wait_minutes=np.rint(wait / 60.0).astype(np.int64),
        departs=departs,
        leave=leave,
        destination=destination,
        has_out=has_out,
        stay_out=stay_out,
        mtf=np.where(reached.any(axis=1), np.argmax(reached, axis=1) + 1, 0),
        first_aid=first_aid,
        first_aid_time=fl.first_aid,
        status=status,
        final_role=final_role,
        end=end,
        in_transit=(status == KIA) & fl.in_transit,
        out_of_theatre=evacuated & (final_role < FINAL_ROLE),
        plans=plans,
        profile=profile,
        treatments=counts,
        treatment_time=tuple(times),
        first_treatment=np.where(np.isinf(first_treatment), np.nan, first_treatment),
        poi_vitals=poi,
        vitals=vitals,
        triage_on_arrival=triage_on_arrival,
        deadline_applies=clin.deadlines,
        deadline_met=deadlines_met(
            inj.t0, first_aid, fl.first_aid, fl.medical_care, fl.surgical_care
        ),
    )


def _treatment_times(
    minutes: np.ndarray,
    start: np.ndarray,
    window_end: np.ndarray,
    counts: np.ndarray,
    draw: np.ndarray,
) -> np.ndarray:
    """(n, top) times of each patient's procedures at a role: procedure k at its usual
    ``minutes`` (n, top, 2) after ``start``, at least SPACING_S after the one before,
    compressed into the stay when it ends sooner."""
    n, top = start.shape[0], minutes.shape[1]
    if top == 0:
        return np.empty((n, 0))
    lo, hi = minutes[:, :, 0] * 60.0, minutes[:, :, 1] * 60.0
    spread = draw[:, None] + np.arange(top) * _GOLDEN
    frac = spread - np.floor(spread)  # % 1.0 (exact for these non-negative values), faster
    steps = np.arange(top) * SPACING_S
    offset = lo + frac * (hi - lo) - steps
    for k in range(1, top):  # np.maximum.accumulate(axis=1), column by column: faster
        np.maximum(offset[:, k - 1], offset[:, k], out=offset[:, k])
    offset += steps
    last = offset[np.arange(n), np.maximum(counts - 1, 0)]
    span = window_end - start
    span[np.isnan(span)] = 0.0  # no stay there (times are finite: np.nan_to_num's NaN case)
    scale = np.where(last > 0.95 * span, 0.95 * span / np.maximum(last, 1.0), 1.0)
    return np.asarray(start[:, None] + offset * np.maximum(scale, 0.0)[:, None])
