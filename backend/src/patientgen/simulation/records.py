"""The readable records: a block's patients as record dicts (design.md's contract).

The reference the fast path (documents.py) is held to, byte for byte against ``orjson.dumps``
of these dicts (tests/simulation/test_documents.py, over every preset, plus golden digests).
Both read the same journey (journey.py), care plans (care.py) and field bindings (fields.py);
what is left here is spelling one patient at a time: the lists as dict literals, times through
a per-day string cache. The dicts' key order is the declaration's (record_model.py), which
builds the plain fields' dicts too.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np

from patientgen.simulation import layout
from patientgen.simulation.enums import MECHANISMS, TRIAGES, WARFARE_TYPES
from patientgen.simulation.fields import CODES, FIELDS, ROLE_LABELS, check_written
from patientgen.simulation.identity import patient_id, service_number
from patientgen.simulation.journey import FLOAT_VITALS, N_ROLES, POI_VITAL_INDEX, TERMINAL_KIND
from patientgen.simulation.record_model import OUT_OF_THEATRE, PatientRecord
from patientgen.simulation.reference.names import name_pools
from patientgen.simulation.reference.profiles import DEADLINE_MINUTES, DEADLINES
from patientgen.simulation.reference.vitals import VITALS
from patientgen.simulation.text import day_string, iso

if TYPE_CHECKING:
    from patientgen.simulation.block import PatientBlock
    from patientgen.simulation.journey import Journey

_MECHANISM = tuple(m.value for m in MECHANISMS)
_WARFARE = tuple(w.value for w in WARFARE_TYPES)
_PLACES = (*ROLE_LABELS, OUT_OF_THEATRE)  # destinations by code
_TRIAGES = tuple(t.value for t in TRIAGES)
_FLOAT_VITALS = sorted(FLOAT_VITALS)


def _vital_items(role: str, keys: tuple[int, ...]) -> tuple[dict[str, Any], ...]:
    """Each vital's item at ``role`` but its value and time: copied per patient (a dict's copy
    costs about half its literal)."""
    return tuple(
        {"code": code, "value": None, "unit": unit, "facility": role, "time": None}
        for _key, code, _display, unit in (VITALS[k] for k in keys)
    )


# per role code: the POI's set, then all of them at each role
_VITAL_ITEMS = (
    _vital_items(ROLE_LABELS[0], POI_VITAL_INDEX),
    *(_vital_items(role, tuple(range(len(VITALS)))) for role in ROLE_LABELS[1:]),
)


def _as_list(values: np.ndarray) -> list[Any]:
    out: list[Any] = values.tolist()
    return out


def _index(b: PatientBlock) -> list[Any]:
    return _as_list(b.index)


def _id(b: PatientBlock) -> list[Any]:
    return [patient_id(b.seed, i) for i in b.index.tolist()]


def _birth_date(b: PatientBlock) -> list[Any]:
    return [day_string(d) for d in b.demographics.birth_day.tolist()]


def _service_number(b: PatientBlock) -> list[Any]:
    dem, family = b.demographics, name_pools().family
    return [
        service_number(nat, digits, day_string(day), family[fam])
        for nat, digits, day, fam in zip(
            b.injuries.nation.tolist(),
            dem.service.tolist(),
            dem.birth_day.tolist(),
            dem.family.tolist(),
            strict=True,
        )
    ]


def _injury_time(b: PatientBlock) -> list[Any]:
    return [iso(t) for t in b.injuries.t0.tolist()]


# the fields that are more than a lookup (fields.FIELDS), per patient; the lists come from
# ``_lists`` below
_WRITTEN = {
    "index": _index,
    "id": _id,
    "demographics.birth_date": _birth_date,
    "demographics.service_number": _service_number,
    "injury_time": _injury_time,
}
_LISTS = ("conditions", "treatments", "vitals", "timeline", "deadlines")
check_written({*_WRITTEN, *_LISTS}, __name__)


def _add_vitals(
    out: list[dict[str, Any]], items: tuple[dict[str, Any], ...], values: list[Any], time: str
) -> None:
    """One measurement's vitals: each item with its value, all at ``time``."""
    for item, value in zip(items, values, strict=True):
        d = item.copy()
        d["value"], d["time"] = value, time
        out.append(d)


def _vital_values(measured: np.ndarray) -> list[list[Any]]:
    """Rows of vitals as the record holds them: whole numbers but for those measured to a
    tenth."""
    values = measured.astype(np.int64).astype(object)
    values[:, _FLOAT_VITALS] = measured[:, _FLOAT_VITALS]
    out: list[list[Any]] = values.tolist()
    return out


@cache
def _steps(stays: int) -> tuple[tuple[int, bool, bool], ...]:
    """(role, arrives there, departs from there) for the roles a patient's stays code names
    (bit r: arrived at role r; bit N_ROLES + r: departed from it)."""
    steps = []
    for r in range(N_ROLES):
        arrives, departs = bool(stays >> r & 1), bool(stays >> (N_ROLES + r) & 1)
        if arrives or departs:
            steps.append((r, arrives, departs))
    return tuple(steps)


def _stays_codes(j: Journey) -> list[int]:
    arrived = j.arrived.copy()
    arrived[:, 0] = False  # the POI has no arrival event
    bits = np.concatenate([arrived, j.departs], axis=1).astype(np.int64)
    codes: list[int] = (bits << np.arange(2 * N_ROLES)).sum(axis=1).tolist()
    return codes


def _by_role(j: Journey) -> tuple[list[Iterator[Any]], list[Iterator[Any]]]:
    """Per role, what each arrival there and each departure from there needs, patient by
    patient (consumed in patient order)."""
    L = _as_list
    arrivals: list[Iterator[Any]] = [iter(())]
    for r in range(1, N_ROLES):
        at = j.arrived[:, r]
        arrivals.append(
            iter(zip(L(j.arrive[at, r]), L(j.waited[at, r]), L(j.wait_minutes[at, r]),
                     L(j.triage_on_arrival[at, r]), _vital_values(j.vitals[at, r]),
                     L(j.treatment_time[r][at]), L(j.treatments[at, r]), strict=True))
        )  # fmt: skip
    departures: list[Iterator[Any]] = [
        iter(zip(L(j.leave[j.departs[:, r], r]), L(j.destination[j.departs[:, r], r]),
                 strict=True))
        for r in range(N_ROLES)
    ]  # fmt: skip
    return arrivals, departures


def _lists(b: PatientBlock) -> dict[str, list[list[dict[str, Any]]]]:
    """Each patient's conditions, treatments, vitals and timeline."""
    j = b.journey
    inj = b.injuries
    names = b.facility_names
    event_kinds = b.event_kinds
    plans = j.plans
    L = _as_list
    t0, event, warfare, mech = L(inj.t0), L(inj.event), L(inj.warfare), L(inj.mechanism)
    profile, poi_counts = L(j.profile), L(j.treatments[:, 0])
    stays = _stays_codes(j)
    arrivals, departures = _by_role(j)
    status, final_role, end = L(j.status), L(j.final_role), L(j.end)
    in_transit, out_of_theatre = L(j.in_transit), L(j.out_of_theatre)
    first_aid, fa_time = L(j.first_aid), L(j.first_aid_time)
    poi_vitals = L(j.poi_vitals)
    applies, met = L(j.deadline_applies), L(j.deadline_met)

    out: dict[str, list[list[dict[str, Any]]]] = {name: [] for name in _LISTS}
    for i in range(b.size):
        plan = plans.plan(profile[i])
        conditions = [dict(c) for c in plan.conditions]

        injury: dict[str, Any] = {"event": "injury", "facility": "POI", "time": iso(t0[i])}
        if mech[i] >= 0:  # a battle casualty
            injury["mechanism"] = _MECHANISM[mech[i]]
            injury["warfare"] = _WARFARE[warfare[i]]
            if event[i] >= 0:
                injury["special_event"] = event_kinds[event[i]]
        timeline = [injury]
        treatments: list[dict[str, Any]] = []
        vitals: list[dict[str, Any]] = []

        if first_aid[i]:
            fa = iso(fa_time[i])
            timeline.append({"event": "first_aid", "facility": "POI", "time": fa})
            for code, display in plan.procedures[0][: poi_counts[i]]:
                treatments.append({"code": code, "display": display, "facility": "POI",
                                   "time": fa})  # fmt: skip
            _add_vitals(vitals, _VITAL_ITEMS[0], poi_vitals[i], fa)
        for r, arrives, departs in _steps(stays[i]):
            role = ROLE_LABELS[r]
            if arrives:
                at, waited, minutes, triage, values, times, count = next(arrivals[r])
                a = iso(at)
                arrival: dict[str, Any] = {"event": "arrival", "facility": role, "time": a,
                                           "facility_name": names[r]}  # fmt: skip
                if waited:
                    arrival["wait_minutes"] = minutes
                arrival["triage"] = _TRIAGES[triage]
                timeline.append(arrival)
                _add_vitals(vitals, _VITAL_ITEMS[r], values, a)
                for (code, display), t in zip(plan.procedures[r][:count], times, strict=False):
                    treatments.append({"code": code, "display": display, "facility": role,
                                       "time": iso(t)})  # fmt: skip
            if departs:
                leave, destination = next(departures[r])
                timeline.append({"event": "departure", "facility": role, "time": iso(leave),
                                 "destination": _PLACES[destination]})  # fmt: skip
        final: dict[str, Any] = {
            "event": TERMINAL_KIND[status[i]],
            "facility": ROLE_LABELS[final_role[i]],
            "time": iso(end[i]),
        }
        if in_transit[i]:
            final["in_transit"] = True
        if out_of_theatre[i]:
            final["destination"] = OUT_OF_THEATRE
        timeline.append(final)
        deadlines = [
            {"care": care, "minutes": DEADLINE_MINUTES[care], "met": met[i][k]}
            for k, care in enumerate(DEADLINES)
            if applies[i][k]
        ]

        out["conditions"].append(conditions)
        out["treatments"].append(treatments)
        out["vitals"].append(vitals)
        out["timeline"].append(timeline)
        out["deadlines"].append(deadlines)
    if any(next(it, None) is not None for it in (*arrivals, *departures)):
        raise RuntimeError("the stays read off the journey do not match its masks")
    return out


def build_records(b: PatientBlock) -> list[dict[str, Any]]:
    codes: dict[str, Any] = {}
    columns: dict[str, list[Any]] = {}
    for path, binding in FIELDS.items():
        if binding.codes not in codes:
            codes[binding.codes] = CODES[binding.codes](b)
        columns[path] = binding.values(b, codes[binding.codes])
    for path, values in _WRITTEN.items():
        columns[path] = values(b)
    columns.update(_lists(b))
    return _assemble(PatientRecord, columns, "")


def _assemble(model: Any, columns: dict[str, list[Any]], prefix: str) -> list[dict[str, Any]]:
    """Per patient one dict of the model's fields in declared order."""
    keys, values = [], []
    for f in layout.fields(model):
        keys.append(f.name)
        if f.kind == "object":
            values.append(_assemble(f.model, columns, f"{prefix}{f.name}."))
        else:
            values.append(columns[prefix + f.name])
    return [dict(zip(keys, row, strict=True)) for row in zip(*values, strict=True)]
