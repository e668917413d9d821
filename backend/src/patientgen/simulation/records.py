"""Materialise PatientBlock columns into the record contract of design.md.

This is the readable reference of the record: one per-patient Python loop building dicts.
It avoids datetime objects: times are epoch seconds formatted through a per-day string
cache and a time-of-day table. The hot paths (NDJSON, database documents) use
documents.py, which writes the same bytes as ``orjson.dumps`` of these dicts without
building them; a change here must be made there too (tests/simulation/test_documents.py
compares the two over every preset and pins golden digests).
"""

from __future__ import annotations

import hashlib
import math
import uuid
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from patientgen.simulation.enums import (
    FINAL_STATUSES,
    INJURY_TYPES,
    MECHANISMS,
    REGIONS,
    ROLES,
    SEVERITIES,
    TRIAGES,
    WARFARE_TYPES,
    Role,
)
from patientgen.simulation.flow import DOW, EVACUATED, KIA
from patientgen.simulation.record_model import OUT_OF_THEATRE
from patientgen.simulation.reference.conditions import CONDITIONS
from patientgen.simulation.reference.names import name_pools
from patientgen.simulation.reference.nations import BLOOD_TYPES, NATION_CODES, NATIONS
from patientgen.simulation.reference.procedures import PROCEDURES, treatments_for
from patientgen.simulation.reference.ranks import RANK_CODES, rank_titles
from patientgen.simulation.reference.vitals import POI_VITALS, VITALS

if TYPE_CHECKING:
    from patientgen.simulation.block import PatientBlock

SNOMED = "http://snomed.info/sct"
ID_NAMESPACE = uuid.UUID("5b0c8f3e-2f8e-5a51-9d55-1f7c2f0e6a11")
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_BRANCHES = (
    "Mechanised Infantry", "Armoured", "Light Infantry", "Artillery", "Engineer",
    "Reconnaissance", "Logistics", "Signals",
)  # fmt: skip


def _ordinal(k: int) -> str:
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


ROLE_S = tuple(r.value for r in ROLES)
_MECH_S = tuple(m.value for m in MECHANISMS)
_WARFARE_S = tuple(w.value for w in WARFARE_TYPES)
_INJURY_S = tuple(t.value for t in INJURY_TYPES)
_TRIAGE_S = tuple(t.value for t in TRIAGES)
_STATUS_S = tuple(x.value for x in FINAL_STATUSES)
UNIT_NAMES = tuple(f"{_ordinal(n)} {b} Battalion" for n in range(1, 13) for b in _BRANCHES)
_TERMINAL = {0: "return_to_duty", KIA: "death", DOW: "death", EVACUATED: "evacuated"}
_TIME_OF_DAY: list[str] | None = None
_TITLES = tuple(rank_titles(code) for code in NATION_CODES)
_VITAL_IDX = {k: i for i, (k, *_rest) in enumerate(VITALS)}
_POI_VITALS = tuple((_VITAL_IDX[k], VITALS[_VITAL_IDX[k]]) for k in POI_VITALS)


_DAYS: dict[int, str] = {}


def day_string(day: int) -> str:
    s = _DAYS.get(day)
    if s is None:
        s = _DAYS[day] = date.fromordinal(_EPOCH_ORDINAL + day).isoformat()
    return s


def _tod() -> list[str]:
    global _TIME_OF_DAY
    if _TIME_OF_DAY is None:
        _TIME_OF_DAY = [
            f"T{h:02d}:{m:02d}:{s:02d}Z" for h in range(24) for m in range(60) for s in range(60)
        ]
    return _TIME_OF_DAY


def iso(seconds: float) -> str:
    """Epoch seconds -> ISO 8601 UTC with a Z, e.g. 2030-06-01T06:12:09Z."""
    day, rest = divmod(int(seconds), 86_400)
    d = _DAYS.get(day) or day_string(day)
    return d + (_TIME_OF_DAY or _tod())[rest]


_NS_BYTES = ID_NAMESPACE.bytes


def patient_id(seed: int, index: int) -> str:
    """uuid5(ID_NAMESPACE, f"{seed}:{index}"), built without UUID objects (hot path)."""
    b = bytearray(hashlib.sha1(_NS_BYTES + f"{seed}:{index}".encode()).digest()[:16])  # noqa: S324
    b[6] = (b[6] & 0x0F) | 0x50
    b[8] = (b[8] & 0x3F) | 0x80
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@cache
def _service_formatter(nation: int) -> tuple[str, ...]:
    return tuple(NATIONS[nation].service_number.replace("{dob}", "D").replace("{fi}", "F"))


def service_number(nation: int, digits: int, birth: str, family: str) -> str:
    src = f"{digits:015d}"
    out = []
    k = 0
    for ch in _service_formatter(nation):
        if ch == "#":
            out.append(src[k % 15])
            k += 1
        elif ch == "A":
            out.append(chr(65 + int(src[k % 15] + src[(k + 1) % 15]) % 26))
            k += 2
        elif ch == "D":
            out.append(birth[8:10] + birth[5:7] + birth[2:4])
        elif ch == "F":
            out.append(family[:1].upper())
        else:
            out.append(ch)
    return "".join(out)


@cache
def _treatments(role: int, cond: int, cond2: int, band: int, site: str) -> tuple[tuple, ...]:
    keys = treatments_for(
        Role(ROLES[role]),
        CONDITIONS[cond].key,
        CONDITIONS[cond2].key if cond2 >= 0 else None,
        band,
        site,
    )
    return tuple(PROCEDURES[k] for k in keys)


_SYSTEMIC = {"haemorrhagic_shock", "multiple_injuries"}
_SIDED = {"upper limb", "lower limb", "eye", "ear"}


def _site(cond: int, region: int, left: bool) -> str | None:
    c = CONDITIONS[cond]
    if c.key in _SYSTEMIC:
        return None
    base = REGIONS[region].value if region >= 0 else c.site
    if base in _SIDED:
        return ("left " if left else "right ") + base
    return base


def build_records(b: PatientBlock) -> list[dict[str, Any]]:
    inj, dem, fl = b.injuries, b.demographics, b.flow
    pools = name_pools()
    names = b.facility_names
    n = b.size
    L = lambda a: a.tolist()  # noqa: E731
    index, nation, front = L(b.index), L(inj.nation), L(inj.front)
    itype, tri, band = L(inj.injury_type), L(inj.triage), L(inj.band)
    t0, event, warfare, mech = L(inj.t0), L(inj.event), L(inj.warfare), L(inj.mechanism)
    region, left, cond, cond2 = L(inj.region), L(inj.left), L(inj.cond), L(inj.cond2)
    female, given, family, rank = L(dem.female), L(dem.given), L(dem.family), L(dem.rank)
    birth, blood, svc, unit = L(dem.birth_day), L(dem.blood), L(dem.service), L(dem.unit)
    arrive, care, leave, wait = L(fl.arrive), L(fl.care), L(fl.leave), L(fl.wait)
    status, final_role, end = L(fl.status), L(fl.final_role), L(fl.end)
    first_aid, first_dest, in_transit = L(fl.first_aid), L(fl.first_dest), L(fl.in_transit)
    vit = L(b.vitals)
    fronts = b.front_names
    event_kinds = b.event_kinds
    seed = b.seed
    given_pool, family_pool = pools.given, pools.family

    out: list[dict[str, Any]] = []
    for i in range(n):
        idx = index[i]
        nat = nation[i]
        fam = family_pool[family[i]]
        bdate = day_string(birth[i])
        battle = itype[i] == 2
        st = status[i]
        fr = final_role[i]
        t_end = end[i]
        site = _site(cond[i], region[i], left[i])
        sev = SEVERITIES[band[i]]

        conditions = [
            {"system": SNOMED, "code": CONDITIONS[cond[i]].code,
             "display": CONDITIONS[cond[i]].display, "severity": sev, "body_site": site}
        ]  # fmt: skip
        if cond2[i] >= 0:
            c2 = CONDITIONS[cond2[i]]
            conditions.append(
                {"system": SNOMED, "code": c2.code, "display": c2.display, "severity": sev,
                 "body_site": None if c2.key in _SYSTEMIC or (c2.site is None and region[i] < 0)
                 else _site(cond2[i], region[i], left[i])}
            )  # fmt: skip

        inj_event: dict[str, Any] = {"event": "injury", "facility": "POI", "time": iso(t0[i])}
        if battle:
            inj_event["mechanism"] = _MECH_S[mech[i]]
            inj_event["warfare"] = _WARFARE_S[warfare[i]]
            if event[i] >= 0:
                inj_event["special_event"] = event_kinds[event[i]]
        timeline = [inj_event]
        treatments: list[dict[str, Any]] = []
        vitals: list[dict[str, Any]] = []
        tsite = site or ""
        fa = first_aid[i]
        if battle and (st != KIA or fa < t_end):
            fa_s = iso(fa)
            timeline.append({"event": "first_aid", "facility": "POI", "time": fa_s})
            for code, display in _treatments(0, cond[i], cond2[i], band[i], tsite):
                treatments.append(
                    {"code": code, "display": display, "facility": "POI", "time": fa_s}
                )
            v = vit[i]
            for k, (_key, code, _disp, unit_) in _POI_VITALS:
                value = v[k] + (8 if k == 0 else 2 if k == 1 else -1 if k == 5 else 0)
                vitals.append(
                    {"code": code, "value": int(min(value, 100) if k == 5 else value),
                     "unit": unit_, "facility": "POI", "time": fa_s}
                )  # fmt: skip
        arr_i, care_i, leave_i, wait_i = arrive[i], care[i], leave[i], wait[i]
        if not math.isnan(leave_i[0]):
            timeline.append(
                {"event": "departure", "facility": "POI", "time": iso(leave_i[0]),
                 "destination": ROLE_S[first_dest[i]]}
            )  # fmt: skip
        first_mtf = True
        for r in range(1, 5):
            a = arr_i[r]
            if math.isnan(a):
                continue
            role = ROLE_S[r]
            a_s = iso(a)
            ev: dict[str, Any] = {"event": "arrival", "facility": role, "time": a_s,
                                  "facility_name": names[r]}  # fmt: skip
            if wait_i[r] > 0:
                ev["wait_minutes"] = round(wait_i[r] / 60.0)
            timeline.append(ev)
            if first_mtf:
                first_mtf = False
                v = vit[i]
                for k, (_key, code, _disp, unit_) in enumerate(VITALS):
                    vitals.append(
                        {"code": code, "value": v[k] if k == 4 else int(v[k]), "unit": unit_,
                         "facility": role, "time": a_s}
                    )  # fmt: skip
            lv = leave_i[r]
            window_end = t_end if (math.isnan(lv) or fr == r) else lv
            c0 = care_i[r]
            procs = _treatments(r, cond[i], cond2[i], band[i], tsite)
            m = len(procs)
            for j, (code, display) in enumerate(procs):
                tt = c0 + (j + 1) * (window_end - c0) / (m + 1)
                treatments.append(
                    {"code": code, "display": display, "facility": role, "time": iso(tt)}
                )
            if r < 4 and not math.isnan(lv) and not (fr == r and st == EVACUATED):
                nxt = next((q for q in range(r + 1, 5) if not math.isnan(arr_i[q])), None)
                timeline.append(
                    {"event": "departure", "facility": role, "time": iso(lv),
                     "destination": ROLE_S[nxt] if nxt else OUT_OF_THEATRE}
                )  # fmt: skip
        term: dict[str, Any] = {"event": _TERMINAL[st], "facility": ROLE_S[fr],
                                "time": iso(t_end)}  # fmt: skip
        if st == KIA and in_transit[i]:
            term["in_transit"] = True
        if st == EVACUATED and fr < 4:
            term["destination"] = OUT_OF_THEATRE
        timeline.append(term)

        out.append(
            {
                "index": idx,
                "id": patient_id(seed, idx),
                "nationality": NATION_CODES[nat],
                "front": fronts[front[i]],
                "injury_type": _INJURY_S[itype[i]],
                "triage": _TRIAGE_S[tri[i]],
                "demographics": {
                    "given_name": given_pool[given[i]],
                    "family_name": fam,
                    "sex": "female" if female[i] else "male",
                    "birth_date": bdate,
                    "blood_type": BLOOD_TYPES[blood[i]],
                    "service_number": service_number(nat, svc[i], bdate, fam),
                    "rank": RANK_CODES[rank[i]],
                    "rank_title": _TITLES[nat][rank[i]],
                    "unit": UNIT_NAMES[unit[i]],
                },
                "injury_time": iso(t0[i]),
                "conditions": conditions,
                "treatments": treatments,
                "vitals": vitals,
                "timeline": timeline,
                "final_status": _STATUS_S[st],
                "final_facility": ROLE_S[fr],
            }
        )
    return out
