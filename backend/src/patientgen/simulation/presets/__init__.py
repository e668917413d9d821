"""Built-in scenarios: list, fetch by id, and the default."""

from __future__ import annotations

from patientgen.simulation.presets.catalogue import DEFAULT_PRESET, PRESETS
from patientgen.simulation.scenario import Scenario


def list_presets() -> list[dict[str, str]]:
    return [
        {"id": pid, "name": name, "description": build()["description"]}
        for pid, (name, build) in PRESETS.items()
    ]


def get_preset(preset_id: str) -> Scenario:
    """A fresh, validated Scenario for ``preset_id``; KeyError when unknown."""
    try:
        _, build = PRESETS[preset_id]
    except KeyError:
        raise KeyError(preset_id) from None
    return Scenario.model_validate(build())


def default_scenario() -> Scenario:
    return get_preset(DEFAULT_PRESET)


__all__ = ["DEFAULT_PRESET", "default_scenario", "get_preset", "list_presets"]
