"""Parquet: a ZIP of one file per entity, read back with pyarrow, equal to the NDJSON export of
the same records; typed columns; row groups; byte-identical twice; flat memory."""

from __future__ import annotations

import io
import itertools
import tracemalloc
import uuid
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import pyzipper

from patientgen.exports import csv, parquet
from patientgen.exports.formats import export_stream
from tests.support.samples import PRESETS, generated_records, sample_records
from tests.support.tables import (
    CHILD_COLUMNS,
    ENTITIES,
    TIME_COLUMNS,
    expected_children,
    records_of,
)

WHEN = datetime(2030, 6, 1, 8, 0, tzinfo=UTC)
FILES = [f"{name}.parquet" for name in ENTITIES]


def _export(records: list[dict], fmt: str = "parquet", **kw) -> bytes:
    stream = export_stream(fmt, lambda: iter(records), archive="zip", modified_at=WHEN, **kw)
    return b"".join(stream.chunks)


def _tables(data: bytes) -> dict[str, pa.Table]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == FILES
        return {
            name.removesuffix(".parquet"): pq.read_table(io.BytesIO(archive.read(name)))
            for name in archive.namelist()
        }


def _iso(value):
    if isinstance(value, datetime):
        assert value.utcoffset().total_seconds() == 0
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    return value


def _rows(table: pa.Table) -> list[dict]:
    return [{k: _iso(v) for k, v in row.items()} for row in table.to_pylist()]


@pytest.fixture(scope="module")
def records() -> list[dict]:
    # the NDJSON export of real generated records of every preset, parsed back
    out = []
    for preset in PRESETS:
        out.extend(generated_records(preset)[:150])
    for i, record in enumerate(out):
        record["index"] = i
    ndjson = b"".join(export_stream("ndjson", lambda: iter(out)).chunks)
    return records_of(ndjson)


def test_files_names_and_column_types(records) -> None:
    tables = _tables(_export(records))
    patients = tables["patients"]
    assert patients.column_names == list(csv.COLUMNS)
    types = dict(zip(patients.column_names, patients.schema.types, strict=True))
    assert types["index"] == pa.int64()
    assert types["birth_date"] == pa.date32()
    for name in ("injury_time", "first_facility_time", "first_treatment_time", "final_time"):
        assert types[name] == pa.timestamp("ms", tz="UTC"), name
    assert types["condition_count"] == pa.int64()
    assert types["given_name"] == pa.string()
    for name, columns in CHILD_COLUMNS.items():
        assert tables[name].column_names == columns, name
        child = dict(zip(columns, tables[name].schema.types, strict=True))
        assert child["patient_index"] == pa.int64()
        assert child["patient_id"] == pa.string()
    assert tables["vitals"].schema.field("value").type == pa.float64()
    assert tables["stays"].schema.field("arrival").type == pa.timestamp("ms", tz="UTC")
    assert tables["stays"].schema.field("wait_minutes").type == pa.int64()


def test_patients_equal_the_ndjson_export(records) -> None:
    patients = _tables(_export(records))["patients"]
    assert patients.num_rows == len(records)
    rows = _rows(patients)
    for record, row in zip(records, rows, strict=True):
        assert row["index"] == record["index"]
        assert row["id"] == record["id"]
        for key in ("nationality", "front", "injury_type", "triage", "final_status"):
            assert row[key] == record[key]
        for key, value in record["demographics"].items():
            expected = date.fromisoformat(value) if key == "birth_date" else value
            assert row[key] == expected, key
        assert row["injury_time"] == record["injury_time"]
        assert row["condition_count"] == len(record["conditions"])
        assert row["treatment_count"] == len(record["treatments"])
        assert row["vitals_count"] == len(record["vitals"])
        assert row["final_time"] == record["timeline"][-1]["time"]
        assert row["primary_condition_code"] == record["conditions"][0]["code"]
    # the same values as the CSV row, typed (CSV writes "" where Parquet has null)
    for record, row in zip(records[:50], rows[:50], strict=True):
        flat = [str(_iso(v)) if v is not None else "" for v in row.values()]
        assert flat == [str(v) for v in csv.row(record)]
    names = {r["demographics"]["family_name"] for r in records}
    assert any(not n.isascii() for n in names), "the sample needs non-ASCII names"
    assert {row["family_name"] for row in rows} == names


def test_child_tables_equal_the_ndjson_export(records) -> None:
    tables = _tables(_export(records))
    for name, expected in expected_children(records).items():
        assert tables[name].num_rows == len(expected), name
        assert _rows(tables[name]) == expected, name
    ids = set(tables["patients"].column("id").to_pylist())
    for name in CHILD_COLUMNS:
        assert set(tables[name].column("patient_id").to_pylist()) <= ids
    assert TIME_COLUMNS  # times compared as ISO text above


def test_row_groups_follow_the_stream(records, monkeypatch) -> None:
    monkeypatch.setattr(parquet, "ROW_GROUP_CELLS", 1 << 12)
    data = _export(records * 4)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        vitals = pq.ParquetFile(io.BytesIO(archive.read("vitals.parquet")))
        patients = pq.ParquetFile(io.BytesIO(archive.read("patients.parquet")))
    assert vitals.num_row_groups > 3
    assert patients.num_row_groups == -(-len(records) * 4 // 1024)  # at least 1,024 rows a group


def test_byte_identical_twice_and_encrypted(records) -> None:
    first = _export(records)
    assert first == _export(records)
    encrypted = _export(records, password="s3cret pw")
    with (
        pyzipper.AESZipFile(io.BytesIO(encrypted)) as enc,
        zipfile.ZipFile(io.BytesIO(first)) as ref,
    ):
        enc.setpassword(b"s3cret pw")
        assert enc.namelist() == FILES
        for name in FILES:
            assert enc.read(name) == ref.read(name)


def test_empty_and_fixture_records() -> None:
    tables = _tables(_export([]))
    assert all(t.num_rows == 0 for t in tables.values())
    fixture = sample_records()
    tables = _tables(_export(fixture))
    assert tables["patients"].num_rows == len(fixture)
    # the fixture's awkward text (quotes, a line break, <>&, non-ASCII) comes back as it was
    assert tables["patients"].column("unit").to_pylist() == [
        r["demographics"]["unit"] for r in fixture
    ]


def test_the_files_read_the_records_once_lazily() -> None:
    calls = [0]

    def factory():
        calls[0] += 1
        return iter(sample_records())

    stream = export_stream("parquet", factory, archive="zip")
    assert calls[0] == 0
    b"".join(stream.chunks)
    assert calls[0] == 1  # one pass: the other files are spooled while the first streams


def test_the_files_must_be_consumed_in_order() -> None:
    files = parquet.files(lambda: iter(sample_records()))
    name, _chunks = next(files)  # not read to its end
    assert name == "patients.parquet"
    with pytest.raises(RuntimeError, match="in order"):
        next(files)


def _records(n: int) -> Iterator[dict]:
    template = sample_records()[3]
    for i in range(n):
        demographics = {**template["demographics"], "unit": uuid.uuid4().hex}
        yield {**template, "index": i, "id": str(uuid.uuid4()), "demographics": demographics}


def _peak(n: int) -> tuple[int, int]:
    stream = export_stream("parquet", lambda: _records(n), archive="zip")
    tracemalloc.start()
    arrow_peak = 0
    try:
        produced = 0
        for chunk in stream.chunks:
            produced += len(chunk)
            arrow_peak = max(arrow_peak, pa.total_allocated_bytes())
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert produced > n * 50
    return peak, arrow_peak


@pytest.mark.slow  # tens of thousands of records encoded under tracemalloc
def test_memory_stays_flat(monkeypatch) -> None:
    # the production row groups: a full group of values is all that is held
    peak, arrow_peak = _peak(30_000)
    assert peak < 16 * 1024 * 1024, peak
    assert arrow_peak < 32 * 1024 * 1024, arrow_peak
    # groups small enough that 3,000 records fill many: ten times as many hold no more
    monkeypatch.setattr(parquet, "ROW_GROUP_CELLS", 1 << 14)
    small, small_arrow = _peak(3_000)
    large, large_arrow = _peak(30_000)
    assert large < small * 1.25 + 512 * 1024, (small, large)
    assert large_arrow < small_arrow * 1.25 + 1024 * 1024, (small_arrow, large_arrow)


def test_endless_source_streams() -> None:
    counter = [0]

    def endless() -> Iterator[dict]:
        for record in _records(10**9):
            counter[0] += 1
            yield record

    stream = export_stream("parquet", endless, archive="zip")
    chunks = list(itertools.islice(stream.chunks, 3))
    assert all(chunks)
    assert counter[0] < 50_000
