"""The sample records of the export tests and the generator's records follow the record
contract the exports rely on (field order, value sets, time order)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import pytest

from patientgen.simulation.record_model import record_schema
from tests.support.samples import (
    GENERATED_PATIENTS,
    PRESETS,
    arrivals,
    events,
    generated_records,
    sample_records,
)

# from the published schema of the record (docs/record.schema.json), not kept by hand
SCHEMA = record_schema()
TOP_LEVEL = list(SCHEMA["properties"])
DEMOGRAPHICS = set(SCHEMA["$defs"]["Demographics"]["required"])
VALUES = {
    name: set(SCHEMA["$defs"][name]["enum"]) for name in ("InjuryType", "Triage", "FinalStatus")
}


def _check_contract(record: dict[str, Any]) -> None:
    assert list(record)[: len(TOP_LEVEL)] == TOP_LEVEL
    assert set(record["demographics"]) >= DEMOGRAPHICS
    assert record["injury_type"] in VALUES["InjuryType"]
    assert record["triage"] in VALUES["Triage"]
    assert record["final_status"] in VALUES["FinalStatus"]
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
    assert [r["index"] for r in records] == list(range(GENERATED_PATIENTS))
    ids = [uuid.UUID(r["id"]) for r in records]
    assert len(set(ids)) == len(ids), "every patient has an id of its own"
    for record in records:
        _check_contract(record)
