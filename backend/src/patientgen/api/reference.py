"""Public reference data (no key needed): nations, conditions, facilities, warfare, presets, and
the JSON Schemas of a scenario and of a patient record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from patientgen import simulation
from patientgen.api.deps import CacheDep
from patientgen.api.problems import ProblemError
from patientgen.simulation.enums import InjuryType, Role, WarfareType
from patientgen.simulation.record_model import record_schema as build_record_schema
from patientgen.simulation.scenario import Facility as FacilityDefaults

router = APIRouter(prefix="/reference", tags=["reference"])

# Reference data only changes with a release, so a long TTL is safe.
REFERENCE_TTL_S = 3600


class Nation(BaseModel):
    code: str = Field(description="ISO 3166 alpha-3.")
    name: str
    female_share: float
    service_number_format: str
    blood_types: dict[str, float] = Field(description="Percent of the population per group.")
    blood_types_source: str
    names_source: str
    ranks: dict[str, str] = Field(description="NATO rank code → the nation's own title.")


class ConditionEntry(BaseModel):
    key: str
    system: str
    code: str = Field(description="SNOMED CT concept id.")
    display: str
    injury_types: list[InjuryType]


class FacilityEntry(BaseModel):
    role: Role
    description: str
    default: FacilityDefaults = Field(description="The default preset's settings for the role.")


class WarfareTypeEntry(BaseModel):
    id: WarfareType
    name: str
    description: str
    hourly_pattern: list[float] = Field(description="Relative casualties per UTC hour (24).")
    mechanism: dict[str, float] = Field(description="Percent of battle wounds per mechanism.")
    severity: float


class PresetSummary(BaseModel):
    id: str
    name: str
    description: str


async def _cached(cache, key: str, build: Callable[[], Any]) -> Any:
    value = await cache.get(f"reference:{key}")
    if value is None:
        value = build()
        await cache.set(f"reference:{key}", value, ttl_s=REFERENCE_TTL_S)
    return value


@router.get("/nations", response_model=list[Nation])
async def nations(cache: CacheDep) -> Any:
    """The 32 NATO nations: name pools, blood groups, ranks, service number formats."""
    return await _cached(cache, "nations", simulation.list_nations)


@router.get("/conditions", response_model=list[ConditionEntry])
async def conditions(cache: CacheDep) -> Any:
    """The SNOMED CT coded conditions patients can have."""
    return await _cached(cache, "conditions", simulation.list_conditions)


@router.get("/facilities", response_model=list[FacilityEntry])
async def facilities(cache: CacheDep) -> Any:
    """The treatment chain's roles (POI, Role 1–4) with their default settings."""
    return await _cached(cache, "facilities", simulation.list_facilities)


@router.get("/warfare-types", response_model=list[WarfareTypeEntry])
async def warfare_types(cache: CacheDep) -> Any:
    return await _cached(cache, "warfare-types", simulation.list_warfare_types)


@router.get("/presets", response_model=list[PresetSummary])
async def presets(cache: CacheDep) -> Any:
    return await _cached(cache, "presets", simulation.list_presets)


@router.get("/presets/{preset_id}", response_model=simulation.Scenario)
async def get_preset(preset_id: str, cache: CacheDep) -> Any:
    """One preset scenario, ready to edit or to submit as a job's `scenario`."""

    def build() -> dict:
        return simulation.get_preset(preset_id).model_dump(mode="json")

    try:
        return await _cached(cache, f"preset:{preset_id}", build)
    except KeyError:
        known = ", ".join(p["id"] for p in simulation.list_presets())
        raise ProblemError(404, f"No preset with id {preset_id!r}; known: {known}.") from None


@router.get("/scenario-schema", response_model=dict[str, Any])
async def scenario_schema(cache: CacheDep) -> Any:
    """JSON Schema of a scenario, for editors and form builders."""
    return await _cached(cache, "scenario-schema", simulation.Scenario.model_json_schema)


@router.get("/record-schema", response_model=dict[str, Any])
async def record_schema(cache: CacheDep) -> Any:
    """JSON Schema of a patient record: one NDJSON line of an export, one item of
    `GET /jobs/{id}/patients`."""
    return await _cached(cache, "record-schema", build_record_schema)
