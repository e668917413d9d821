"""Record -> row flattening (pure logic)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import orjson

from patientgen.simulation import default_scenario, iter_blocks
from patientgen.storage.rows import flow_columns, patient_rows
from patientgen.storage.tables import PATIENT_COLUMNS


def _t(hhmm: str) -> str:
    return f"2030-06-01T{hhmm}:00Z"


def _epoch(hhmm: str) -> int:
    return int(datetime.fromisoformat(_t(hhmm)).timestamp())


EVACUATED = {
    "timeline": [
        {"event": "injury", "facility": "POI", "time": _t("10:00")},
        {"event": "departure", "facility": "POI", "time": _t("10:20"), "destination": "R2"},
        {"event": "arrival", "facility": "R2", "time": _t("10:50")},
        {"event": "departure", "facility": "R2", "time": _t("12:00"), "destination": "R4"},
        {"event": "arrival", "facility": "R4", "time": _t("18:00")},
        {"event": "evacuated", "facility": "R4", "time": _t("20:00")},
    ],
    "treatments": [
        {"code": "1", "display": "x", "facility": "R2", "time": _t("11:00")},
        {"code": "2", "display": "y", "facility": "POI", "time": _t("10:05")},
    ],
}


def test_flow_columns_of_an_evacuation():
    path, first_treatment, first_mtf, *stays = flow_columns(EVACUATED, _epoch("10:00"))
    assert path == "POI>R2>R4"
    assert first_treatment == 5 * 60
    assert first_mtf == 50 * 60
    r2 = [_epoch("10:50"), _epoch("12:00")]
    r4 = [_epoch("18:00"), _epoch("20:00")]
    assert stays == [None, None, *r2, None, None, *r4]


def test_killed_at_the_point_of_injury_has_no_stays():
    record = {
        "timeline": [
            {"event": "injury", "facility": "POI", "time": _t("10:00")},
            {"event": "death", "facility": "POI", "time": _t("10:03")},
        ],
        "treatments": [],
    }
    assert flow_columns(record, _epoch("10:00")) == ("POI", None, None, *([None] * 8))


def test_rows_match_columns_and_keep_the_ndjson_line():
    block = next(iter_blocks(default_scenario(), 300, seed=3))
    records = block.records()
    rows = patient_rows(uuid.uuid4(), records)
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        assert len(row) == len(PATIENT_COLUMNS)
        named = dict(zip(PATIENT_COLUMNS, row, strict=True))
        assert orjson.loads(named["document"]) == record
        assert named["idx"] == record["index"]
        assert named["injury_time"].tzinfo == UTC
        assert named["path"].startswith("POI")
        if record["final_status"] == "KIA":
            assert named["path"] == "POI"


def test_block_rows_equal_the_readable_record_path():
    from patientgen.storage.rows import block_rows

    job = uuid.uuid4()
    for block in iter_blocks(default_scenario(), 5_000, seed=8):
        assert block_rows(job, block) == patient_rows(job, block.records())
        assert block_rows(job, block, skip=1_000) == patient_rows(job, block.records()[1_000:])
