"""Reference data as JSON-able structures for the API's /reference routes."""

from __future__ import annotations

from typing import Any

from patientgen.simulation.enums import ROLES
from patientgen.simulation.reference.conditions import CONDITIONS
from patientgen.simulation.reference.environment import EFFECTS
from patientgen.simulation.reference.names import name_pools
from patientgen.simulation.reference.nations import BLOOD_TYPES, NATIONS
from patientgen.simulation.reference.procedures import PROCEDURES
from patientgen.simulation.reference.ranks import RANK_CODES, rank_titles
from patientgen.simulation.reference.vitals import VITALS
from patientgen.simulation.reference.warfare import PROFILES

_ROLE_TEXT = {
    "POI": "Point of injury: self/buddy aid, combat medic, extraction (10 min first aid).",
    "R1": "Role 1: battalion aid station, primary care and resuscitation (1 h).",
    "R2": "Role 2: forward damage-control surgery (2 h).",
    "R3": "Role 3: field hospital, specialist surgery and intensive care.",
    "R4": "Role 4: definitive care in the home nation (out of theatre).",
}


def list_nations() -> list[dict[str, Any]]:
    pools = name_pools()
    return [
        {
            "code": n.code,
            "name": n.name,
            "female_share": n.female_share,
            "service_number_format": n.service_number,
            "blood_types": dict(zip(BLOOD_TYPES, n.blood, strict=True)),
            "blood_types_source": n.blood_source,
            "names_source": pools.source[n.code],
            "ranks": dict(zip(RANK_CODES, rank_titles(n.code), strict=True)),
        }
        for n in NATIONS
    ]


def list_conditions() -> list[dict[str, Any]]:
    return [
        {
            "key": c.key,
            "system": "http://snomed.info/sct",
            "code": c.code,
            "display": c.display,
            "injury_types": [t.value for t in c.injury_types],
        }
        for c in CONDITIONS
    ]


def list_procedures() -> list[dict[str, str]]:
    return [{"key": k, "code": code, "display": disp} for k, (code, disp) in PROCEDURES.items()]


def list_vitals() -> list[dict[str, str]]:
    return [{"key": k, "code": code, "display": d, "unit": u} for k, code, d, u in VITALS]


def list_facilities() -> list[dict[str, Any]]:
    from patientgen.simulation.presets import default_scenario

    chain = default_scenario().chain
    return [
        {
            "role": r.value,
            "description": _ROLE_TEXT[r.value],
            "default": getattr(chain, r.value).model_dump(mode="json"),
        }
        for r in ROLES
    ]


def list_warfare_types() -> list[dict[str, Any]]:
    return [
        {
            "id": p.type.value,
            "name": p.name,
            "description": p.description,
            "hourly_pattern": list(p.hourly),
            "mechanism": dict(zip(("explosive", "gunshot", "burn", "blunt"), p.mechanism,
                                  strict=True)),
            "severity": p.severity,
        }
        for p in PROFILES.values()
    ]  # fmt: skip


def list_environment() -> list[dict[str, Any]]:
    return [
        {
            "id": e.condition.value,
            "description": e.description,
            "evacuation_delay_factor": e.evac_delay,
            "disease_factor": e.disease,
            "non_battle_injury_factor": e.nbi,
            "condition_factors": e.boosts,
            "night_operations": e.night_ops,
        }
        for e in EFFECTS.values()
    ]
