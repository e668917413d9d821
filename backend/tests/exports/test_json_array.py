"""The JSON array export: one array whose elements are the NDJSON lines."""

from __future__ import annotations

import json

import orjson
import pytest

from patientgen.exports import json_array
from patientgen.exports.ndjson import encode_record
from tests.support.samples import PRESETS, generated_records, sample_records


def _json(records: list[dict]) -> bytes:
    return b"".join(json_array.encode(records))


def test_json_is_one_array_equal_to_the_records() -> None:
    records = sample_records()
    data = _json(records)
    assert json.loads(data) == records
    assert orjson.loads(data) == records


def test_json_elements_are_the_ndjson_lines() -> None:
    records = sample_records()
    lines = [encode_record(r) for r in records]
    assert _json(records) == b"[\n" + b",\n".join(line[:-1] for line in lines) + b"\n]\n"
    documents = [line[:-1] for line in lines]
    assert b"".join(json_array.encode_documents(documents)) == _json(records)
    text_documents = [d.decode() for d in documents]
    assert b"".join(json_array.encode_documents(text_documents)) == _json(records)


def test_empty_json_is_an_empty_array() -> None:
    data = _json([])
    assert data == b"[]\n"
    assert json.loads(data) == []


@pytest.mark.parametrize("preset", PRESETS)
def test_json_of_generated_records(preset: str) -> None:
    records = generated_records(preset)
    assert json.loads(_json(records)) == records
