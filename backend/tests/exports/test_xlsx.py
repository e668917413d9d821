"""Excel: the workbook opens with openpyxl, with one sheet per documented entity, header rows,
and values equal to the NDJSON export; Excel's row limit is checked before anything starts
and enforced by the writer; byte-identical twice; flat memory."""

from __future__ import annotations

import io
import tracemalloc
import uuid
from collections.abc import Iterator
from datetime import date, datetime

import openpyxl
import pytest

from patientgen.exports import csv, xlsx
from patientgen.exports.formats import ExportFormat, export_stream
from tests.support.samples import PRESETS, generated_records, sample_records
from tests.support.tables import CHILD_COLUMNS, ENTITIES, expected_children, records_of


def _export(records: list[dict], **kw) -> bytes:
    return b"".join(export_stream("xlsx", lambda: iter(records), **kw).chunks)


def _sheets(data: bytes) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        assert workbook.sheetnames == list(ENTITIES)
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}
    finally:
        workbook.close()


def _text(value):
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")  # written as UTC
    return value


@pytest.fixture(scope="module")
def records() -> list[dict]:
    out = []
    for preset in PRESETS:
        out.extend(generated_records(preset)[:100])
    for i, record in enumerate(out):
        record["index"] = i
    return records_of(b"".join(export_stream("ndjson", lambda: iter(out)).chunks))


@pytest.fixture(scope="module")
def sheets(records) -> dict[str, list[tuple]]:
    return _sheets(_export(records))


def test_registry_entry() -> None:
    assert ExportFormat.XLSX.media_type == xlsx.MEDIA_TYPE
    assert ExportFormat.XLSX.filename("job") == "job.xlsx"
    assert not ExportFormat.XLSX.multi_file


def test_sheets_and_header_rows(sheets) -> None:
    assert list(sheets["patients"][0]) == list(csv.COLUMNS)
    for name, columns in CHILD_COLUMNS.items():
        assert list(sheets[name][0]) == columns, name


def test_patients_sheet_equals_the_ndjson_export(records, sheets) -> None:
    header, *rows = sheets["patients"]
    assert len(rows) == len(records)
    for record, values in zip(records, rows, strict=True):
        row = dict(zip(header, values, strict=True))
        assert row["index"] == record["index"]
        assert row["id"] == record["id"]
        assert row["given_name"] == record["demographics"]["given_name"]
        assert row["family_name"] == record["demographics"]["family_name"]
        assert row["birth_date"].date() == date.fromisoformat(record["demographics"]["birth_date"])
        assert _text(row["injury_time"]) == record["injury_time"]
        assert _text(row["final_time"]) == record["timeline"][-1]["time"]
        assert row["vitals_count"] == len(record["vitals"])
        assert row["final_status"] == record["final_status"]
        # every other cell is the CSV's value (an empty CSV cell is an empty Excel cell)
        for name, cell in zip(csv.COLUMNS, csv.row(record), strict=True):
            if name in ("birth_date",) or isinstance(row[name], datetime):
                continue
            assert (row[name] if row[name] is not None else "") == cell, name
    names = {r["demographics"]["family_name"] for r in records}
    assert any(not n.isascii() for n in names)


def test_child_sheets_equal_the_ndjson_export(records, sheets) -> None:
    for name, expected in expected_children(records).items():
        header, *rows = sheets[name]
        assert len(rows) == len(expected), name
        got = [{k: _text(v) for k, v in zip(header, row, strict=True)} for row in rows]
        assert got == expected, name


def test_text_stays_text() -> None:
    fixture = sample_records()
    fixture[0]["front"] = '=HYPERLINK("http://example.invalid")'
    fixture[1]["demographics"]["unit"] = "+1 Brigade"
    sheets = _sheets(_export(fixture))
    header, *rows = sheets["patients"]
    front = header.index("front")
    unit = header.index("unit")
    assert rows[0][front] == fixture[0]["front"]
    assert rows[1][unit] == "+1 Brigade"
    assert [r[unit] for r in rows] == [r["demographics"]["unit"] for r in fixture]


def test_byte_identical_twice(records) -> None:
    assert _export(records) == _export(records)


def test_zip_and_encrypted_zip_hold_the_workbook() -> None:
    import zipfile

    import pyzipper

    fixture = sample_records()
    plain = _export(fixture)
    with zipfile.ZipFile(io.BytesIO(_export(fixture, archive="zip", basename="j"))) as archive:
        assert archive.read("j.xlsx") == plain
    data = _export(fixture, archive="zip", basename="j", password="s3cret pw")
    with pyzipper.AESZipFile(io.BytesIO(data)) as archive:
        archive.setpassword(b"s3cret pw")
        assert archive.read("j.xlsx") == plain


def test_row_limit_check() -> None:
    # Excel: 1,048,576 rows per sheet, the header included
    assert xlsx.MAX_ROWS == 1_048_576
    xlsx.check_patients(1_048_575)
    with pytest.raises(xlsx.RowLimitError, match="patients sheet") as caught:
        xlsx.check_patients(1_048_576)
    assert caught.value.sheet == "patients"
    assert isinstance(caught.value, ValueError)
    xlsx.check_rows({"patients": 10, "vitals": 1_048_575})
    with pytest.raises(xlsx.RowLimitError, match="vitals sheet would need 1,048,577 rows"):
        xlsx.check_rows({"patients": 10, "vitals": 1_048_576})


def test_row_counts_count_every_sheet(records) -> None:
    counts = xlsx.row_counts(records)
    expected = expected_children(records)
    assert counts == {
        "patients": len(records),
        **{name: len(rows) for name, rows in expected.items()},
    }


def test_writer_refuses_rows_past_the_limit(monkeypatch) -> None:
    # a pure unit test of the writer: a small limit instead of a million rows
    fixture = sample_records()
    vitals = sum(len(r["vitals"]) for r in fixture)
    monkeypatch.setattr(xlsx, "MAX_ROWS", vitals)  # one row short for the vitals
    with pytest.raises(xlsx.RowLimitError, match="vitals"):
        _export(fixture)
    monkeypatch.setattr(xlsx, "MAX_ROWS", vitals + 1)
    assert len(_sheets(_export(fixture))["vitals"]) == vitals + 1


def _records(n: int) -> Iterator[dict]:
    template = sample_records()[3]
    for i in range(n):
        demographics = {**template["demographics"], "unit": uuid.uuid4().hex}
        yield {**template, "index": i, "id": str(uuid.uuid4()), "demographics": demographics}


def _peak(n: int) -> int:
    stream = export_stream("xlsx", lambda: _records(n))
    tracemalloc.start()
    try:
        produced = sum(len(chunk) for chunk in stream.chunks)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert produced > n * 100
    return peak


@pytest.mark.slow  # tens of thousands of records written under tracemalloc
def test_memory_stays_flat() -> None:
    small, large = _peak(1_000), _peak(10_000)
    # constant_memory: one row per sheet in memory, the rest in temporary files
    assert large < small * 1.25 + 512 * 1024, (small, large)
