"""The record contract of design.md, and NDJSON encoding."""

from __future__ import annotations

import re

import orjson

from patientgen.exports.ndjson import encode_block, encode_record
from patientgen.simulation import Scenario, generate_block
from patientgen.simulation.record_model import record_schema

ISO_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
# field lists from the published schema of the record (docs/record.schema.json), not kept by hand
SCHEMA = record_schema()
TOP = list(SCHEMA["properties"])
PARTS = {name: list(SCHEMA["$defs"][model]["properties"]) for name, model in
         (("demographics", "Demographics"), ("conditions", "Condition"),
          ("treatments", "Treatment"), ("vitals", "Vital"))}  # fmt: skip


def test_record_contract(default: Scenario) -> None:
    block = generate_block(default, 11, 0, 5000)
    recs = block.records()
    assert len(recs) == block.size
    for r in recs:
        assert list(r) == TOP
        assert list(r["demographics"]) == PARTS["demographics"]
        assert r["injury_type"] in {"DISEASE", "NON_BATTLE_INJURY", "BATTLE_INJURY"}
        assert r["triage"] in {"T1", "T2", "T3", "T4"}
        assert r["final_status"] in {"RTD", "KIA", "DOW", "EVACUATED"}
        assert ISO_Z.match(r["injury_time"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["demographics"]["birth_date"])
        assert r["demographics"]["given_name"]
        assert r["demographics"]["family_name"]
        assert r["conditions"]
        for c in r["conditions"]:
            assert list(c) == PARTS["conditions"]
        for t in r["treatments"]:
            assert list(t) == PARTS["treatments"]
            assert ISO_Z.match(t["time"])
        for v in r["vitals"]:
            assert list(v) == PARTS["vitals"]
        for e in r["timeline"]:
            assert {"event", "facility", "time"} <= set(e)
            assert ISO_Z.match(e["time"])
    # the columns agree with the records
    assert [r["triage"] for r in recs] == list(block.decoded("triage"))
    assert [r["final_status"] for r in recs] == list(block.decoded("final_status"))
    assert [r["nationality"] for r in recs] == list(block.decoded("nationality"))
    assert [r["front"] for r in recs] == list(block.decoded("front"))


def test_names_vary_and_sex_is_sampled(default: Scenario) -> None:
    recs = generate_block(default, 12, 0, 5000).records()
    assert len({r["demographics"]["family_name"] for r in recs}) > 300
    female = sum(r["demographics"]["sex"] == "female" for r in recs) / len(recs)
    assert 0.05 < female < 0.25


def test_facility_names_appear(default: Scenario) -> None:
    recs = generate_block(default, 13, 0, 5000).records()
    names = {e["facility_name"] for r in recs for e in r["timeline"] if e["event"] == "arrival"}
    assert "Role 2 forward surgical hospital" in names


def test_ndjson(default: Scenario) -> None:
    block = generate_block(default, 14, 0, 100)
    data = encode_block(block)
    lines = data.split(b"\n")
    assert lines[-1] == b""
    assert len(lines) == 101
    first = orjson.loads(lines[0])
    assert list(first) == TOP
    assert encode_record(first) == lines[0] + b"\n"
