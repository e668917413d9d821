"""Public reference data (no key needed): nations, conditions, facilities, warfare, presets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter

from patientgen import simulation
from patientgen.api.deps import CacheDep
from patientgen.api.problems import ProblemError

router = APIRouter(prefix="/reference", tags=["reference"])

# Reference data only changes with a release, so a long TTL is safe.
REFERENCE_TTL_S = 3600

_CATALOGS: dict[str, Callable[[], Any]] = {
    "nations": simulation.list_nations,
    "conditions": simulation.list_conditions,
    "facilities": simulation.list_facilities,
    "warfare-types": simulation.list_warfare_types,
    "presets": simulation.list_presets,
}


async def _cached(cache, key: str, build: Callable[[], Any]) -> Any:
    value = await cache.get(f"reference:{key}")
    if value is None:
        value = build()
        await cache.set(f"reference:{key}", value, ttl_s=REFERENCE_TTL_S)
    return value


@router.get("/scenario-schema")
async def scenario_schema(cache: CacheDep) -> dict:
    """JSON Schema of a scenario, for editors and form builders."""
    return await _cached(cache, "scenario-schema", simulation.Scenario.model_json_schema)


@router.get("/presets/{preset_id}")
async def get_preset(preset_id: str, cache: CacheDep) -> dict:
    def build() -> dict:
        return simulation.get_preset(preset_id).model_dump(mode="json")

    try:
        return await _cached(cache, f"preset:{preset_id}", build)
    except KeyError:
        raise ProblemError(404, f"No preset with id {preset_id!r}.") from None


@router.get("/{catalog}")
async def get_catalog(catalog: str, cache: CacheDep) -> Any:
    build = _CATALOGS.get(catalog)
    if build is None:
        known = ", ".join(sorted(_CATALOGS))
        raise ProblemError(404, f"No reference catalog {catalog!r}; known: {known}.")
    return await _cached(cache, catalog, build)
