"""Sample records for the export tests.

``sample_records()``: the checked-in fixture (records from the generator, hand-edited to add
escaping cases and an out-of-theatre evacuation). ``generated_records(preset)``: real generator
output, 500 patients per preset.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from patientgen.simulation import Scenario, get_preset, identity, iter_blocks, list_presets

FIXTURE = Path(__file__).with_name("sample_records.json")
GENERATED_PATIENTS = 500
PRESETS = [p["id"] for p in list_presets()]


@cache
def _fixture() -> tuple[dict[str, Any], ...]:
    return tuple(json.loads(FIXTURE.read_text(encoding="utf-8")))


def sample_records() -> list[dict[str, Any]]:
    """A fresh deep copy of the fixture (tests may mutate it)."""
    return copy.deepcopy(list(_fixture()))


@cache
def _generated(preset: str) -> tuple[dict[str, Any], ...]:
    scenario = get_preset(preset)
    blocks = iter_blocks(scenario, GENERATED_PATIENTS, seed=20240611)
    return tuple(record for block in blocks for record in block.records())


def generated_records(preset: str) -> list[dict[str, Any]]:
    return copy.deepcopy(list(_generated(preset)))


def all_generated_records() -> list[dict[str, Any]]:
    return [r for preset in PRESETS for r in generated_records(preset)]


def events(record: dict[str, Any]) -> list[str]:
    return [e["event"] for e in record["timeline"]]


def arrivals(record: dict[str, Any]) -> list[str]:
    return [e["facility"] for e in record["timeline"] if e["event"] == "arrival"]


def readable_service_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every service number take identity.service_number(), the path of family names
    whose initial is not one plain ASCII letter (e.g. "Ö")."""
    program = identity.service_program

    def no_plain_initials() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        ops, args, initials = program()
        return ops, args, np.zeros_like(initials)

    monkeypatch.setattr(identity, "service_program", no_plain_initials)


def with_front_name(scenario: Scenario, name: str) -> Scenario:
    """The scenario with its first front renamed (and the special events on it moved along):
    names that need escaping, in every format."""
    data = scenario.model_dump(mode="json")
    old = data["fronts"][0]["name"]
    data["fronts"][0]["name"] = name
    for event in data["special_events"]:
        if event.get("front") == old:
            event["front"] = name
    return Scenario.model_validate(data)
