"""Every generated record is exactly what the one declaration of the record says: each field
present, none extra, in the declared order, with the declared types and vocabularies."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import orjson
import pytest
from pydantic import BaseModel

from patientgen.simulation import generate_block, get_preset, list_presets
from patientgen.simulation.record_model import PatientRecord, TimelineEvent, record_schema


def _assert_declared_order(value, model: type[BaseModel]) -> None:
    declared = list(model.model_fields)
    assert list(value) == [f for f in declared if f in value]
    for name, field in model.model_fields.items():
        inner = field.annotation
        args = getattr(inner, "__args__", ())
        nested = next(
            (a for a in (inner, *args) if isinstance(a, type) and issubclass(a, BaseModel)), None
        )
        if nested is None or name not in value:
            continue
        for item in value[name] if isinstance(value[name], list) else [value[name]]:
            _assert_declared_order(item, nested)


@pytest.mark.parametrize("preset", [p["id"] for p in list_presets()])
def test_generated_records_are_the_declared_record(preset: str) -> None:
    block = generate_block(get_preset(preset), 2024, 0, 1_500)
    for record in block.records():
        PatientRecord.model_validate(record, strict=False)
        _assert_declared_order(record, PatientRecord)
        times = [e["time"] for e in record["timeline"]]
        assert times == sorted(times)


def test_the_fast_documents_are_the_declared_record_too() -> None:
    block = generate_block(get_preset(list_presets()[0]["id"]), 7, 0, 800)
    for line in block.documents():
        PatientRecord.model_validate_json(line)


def test_the_schema_names_every_field_and_refuses_extras() -> None:
    schema = record_schema()
    assert list(schema["properties"]) == list(PatientRecord.model_fields)
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == set(PatientRecord.model_fields)
    kinds = schema["$defs"]["TimelineEvent"]["properties"]["event"]["enum"]
    assert "arrival" in kinds
    with pytest.raises(ValueError, match="Extra inputs"):
        TimelineEvent.model_validate({"event": "arrival", "facility": "R1",
                                      "time": "2030-01-01T00:00:00Z", "surprise": 1})  # fmt: skip
    assert orjson.dumps(schema)


_CHECKED_IN = Path(__file__).resolve().parents[3] / "docs" / "record.schema.json"


def test_the_checked_in_schema_is_the_declaration() -> None:
    """docs/record.schema.json is `patientgen record-schema`: regenerate it with that command
    when the record changes."""
    assert json.loads(_CHECKED_IN.read_text(encoding="utf-8")) == record_schema()


@pytest.mark.parametrize("preset", [p["id"] for p in list_presets()])
def test_records_of_both_paths_validate_against_the_checked_in_schema(preset: str) -> None:
    """An independent validator (jsonschema), not pydantic, reads the published schema."""
    schema = json.loads(_CHECKED_IN.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    block = generate_block(get_preset(preset), 11, 0, 600)
    for line in block.documents():
        errors = sorted(validator.iter_errors(json.loads(line)), key=str)
        assert not errors, errors[0].message
    broken = json.loads(block.documents()[0])
    broken["demographics"]["surprise"] = 1
    del broken["triage"]
    assert len(list(validator.iter_errors(broken))) == 2
