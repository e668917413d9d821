"""Sample records for the export tests, and checks that they follow the record contract.

``sample_records()``: the checked-in fixture (records from the generator, hand-edited to
add escaping cases and an out-of-theatre evacuation). ``generated_records(preset)``: real
generator output, 500 patients per preset. Other test modules import these helpers.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from patientgen.simulation import get_preset, iter_blocks, list_presets

FIXTURE = Path(__file__).with_name("sample_records.json")
GENERATED_PATIENTS = 500
PRESETS = [p["id"] for p in list_presets()]

TOP_LEVEL = [
    "index",
    "id",
    "nationality",
    "front",
    "injury_type",
    "triage",
    "demographics",
    "injury_time",
    "conditions",
    "treatments",
    "vitals",
    "timeline",
    "final_status",
    "final_facility",
]
DEMOGRAPHICS = {
    "given_name",
    "family_name",
    "sex",
    "birth_date",
    "blood_type",
    "service_number",
    "rank",
    "unit",
}


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


def _check_contract(record: dict[str, Any]) -> None:
    assert list(record)[: len(TOP_LEVEL)] == TOP_LEVEL
    assert set(record["demographics"]) >= DEMOGRAPHICS
    assert record["injury_type"] in {"DISEASE", "NON_BATTLE_INJURY", "BATTLE_INJURY"}
    assert record["triage"] in {"T1", "T2", "T3", "T4"}
    assert record["final_status"] in {"RTD", "KIA", "DOW", "EVACUATED"}
    times = [datetime.fromisoformat(e["time"]) for e in record["timeline"]]
    assert times == sorted(times)
    assert record["timeline"][0]["time"] == record["injury_time"]
    for condition in record["conditions"]:
        assert condition["system"] == "http://snomed.info/sct"


def test_fixture_follows_the_contract_and_covers_the_cases() -> None:
    records = sample_records()
    assert [r["index"] for r in records] == list(range(len(records)))
    for record in records:
        _check_contract(record)
    kia_short = records[0]
    assert kia_short["final_status"] == "KIA"
    assert events(kia_short) == ["injury", "first_aid", "death"]
    assert any(r["final_status"] == "RTD" for r in records)
    assert any(
        r["final_status"] == "EVACUATED" and arrivals(r) == ["R1", "R2", "R3", "R4"]
        for r in records
    )
    assert any(r["injury_type"] in {"DISEASE", "NON_BATTLE_INJURY"} for r in records)
    assert any(r["final_status"] == "DOW" for r in records)
    assert any(any(e.get("in_transit") for e in r["timeline"]) for r in records)


@pytest.mark.parametrize("preset", PRESETS)
def test_generator_gives_contract_records_for_every_preset(preset: str) -> None:
    records = generated_records(preset)
    assert len(records) == GENERATED_PATIENTS
    assert [r["index"] for r in records] == list(range(GENERATED_PATIENTS))
    for record in records:
        _check_contract(record)
