"""The registry and export_stream: every format and archive, determinism, laziness, and
the async bridge the API uses."""

from __future__ import annotations

import asyncio
import copy
import gzip
import io
import itertools
import os
import tracemalloc
import uuid
import zipfile
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import orjson
import pytest
import pyzipper

from patientgen.exports import formats, parquet, xlsx
from patientgen.exports.formats import (
    Archive,
    ExportFormat,
    MultiFileFormatError,
    async_export_stream,
    export_stream,
    plan_export,
)
from patientgen.exports.ndjson import encode_record
from tests.support.samples import PRESETS, generated_records, sample_records

WHEN = datetime(2030, 6, 1, 8, 0, tzinfo=UTC)
SINGLE = [f for f in ExportFormat if not f.multi_file]
MULTI = [f for f in ExportFormat if f.multi_file]
# the formats whose first chunks come while records are still read (not xlsx: its workbook is
# assembled at the end)
STREAMING = [f for f in ExportFormat if f.spec.streams]
COMBINATIONS = [(f, a) for f in SINGLE for a in Archive] + [(f, "zip") for f in MULTI]


def _export(fmt: ExportFormat, archive: Archive | str, records: list[dict], **kw) -> bytes:
    stream = export_stream(fmt, lambda: iter(records), archive=archive, modified_at=WHEN, **kw)
    return b"".join(stream.chunks)


def test_registry_names_and_metadata() -> None:
    assert [f.value for f in ExportFormat] == [
        "ndjson",
        "json",
        "csv",
        "xml",
        "fhir-ndjson",
        "fhir-bundle",
        "parquet",
        "xlsx",
        "cards-pdf",
        "medevac",
        "medevac-text",
    ]
    assert ExportFormat("csv").media_type.startswith("text/csv")
    assert ExportFormat.FHIR_BUNDLE.media_type == "application/fhir+ndjson"
    assert MULTI == [ExportFormat.FHIR_NDJSON, ExportFormat.PARQUET]
    assert [f for f in ExportFormat if not f.spec.streams] == [ExportFormat.XLSX]
    for fmt in ExportFormat:
        assert fmt.extension
        assert fmt.media_type
        assert fmt.spec.description
    assert ExportFormat.XML.filename("job-1") == "job-1.xml"


@pytest.mark.parametrize(("fmt", "archive", "media_type", "filename"), [
    ("ndjson", "none", "application/x-ndjson", "job.ndjson"),
    ("json", "gzip", "application/gzip", "job.json.gz"),
    ("csv", "zip", "application/zip", "job.zip"),
    ("fhir-bundle", "none", "application/fhir+ndjson", "job.fhir-bundle.ndjson"),
    ("fhir-ndjson", "zip", "application/zip", "job.fhir.zip"),
    ("parquet", "zip", "application/zip", "job.parquet.zip"),
    ("xlsx", "none", xlsx.MEDIA_TYPE, "job.xlsx"),
    ("xlsx", "zip", "application/zip", "job.zip"),
    ("cards-pdf", "none", "application/pdf", "job.cards.pdf"),
    ("medevac", "none", "application/x-ndjson", "job.medevac.ndjson"),
    ("medevac-text", "gzip", "application/gzip", "job.medevac.txt.gz"),
])  # fmt: skip
def test_plan(fmt: str, archive: str, media_type: str, filename: str) -> None:
    plan = plan_export(fmt, archive, basename="job")
    assert (plan.media_type, plan.filename) == (media_type, filename)


def test_invalid_combinations_are_refused_before_streaming() -> None:
    with pytest.raises(MultiFileFormatError):
        export_stream("fhir-ndjson", list, archive="none")
    with pytest.raises(MultiFileFormatError):
        export_stream("fhir-ndjson", list, archive="gzip")
    with pytest.raises(MultiFileFormatError):
        ExportFormat.FHIR_NDJSON.encode_records([])
    with pytest.raises(ValueError, match="archive=zip"):
        export_stream("csv", list, archive="gzip", password="pw")
    with pytest.raises(ValueError, match="empty"):
        export_stream("csv", list, archive="zip", password="")
    with pytest.raises(MultiFileFormatError):
        export_stream("parquet", list, archive="none")
    with pytest.raises(ValueError, match="docx"):
        export_stream("docx", list)


@pytest.mark.parametrize(("fmt", "archive"), COMBINATIONS)
def test_every_non_encrypted_export_is_byte_identical_twice(
    fmt: ExportFormat, archive: str
) -> None:
    records = sample_records()
    first = _export(fmt, archive, records)
    second = _export(fmt, archive, copy.deepcopy(records))
    assert first == second
    assert first


@pytest.mark.parametrize("fmt", SINGLE)
def test_archives_hold_the_plain_export(fmt: ExportFormat) -> None:
    records = sample_records()
    plain = _export(fmt, "none", records)
    assert gzip.decompress(_export(fmt, "gzip", records)) == plain
    with zipfile.ZipFile(io.BytesIO(_export(fmt, "zip", records, basename="job"))) as archive:
        assert archive.namelist() == [fmt.filename("job")]
        assert archive.read(fmt.filename("job")) == plain
        assert archive.getinfo(fmt.filename("job")).date_time == (2030, 6, 1, 8, 0, 0)
    encrypted = _export(fmt, "zip", records, basename="job", password="s3cret")
    with pyzipper.AESZipFile(io.BytesIO(encrypted)) as archive:
        archive.setpassword(b"s3cret")
        assert archive.read(fmt.filename("job")) == plain
        archive.setpassword(b"guess")
        with pytest.raises(RuntimeError):
            archive.read(fmt.filename("job"))


def test_ndjson_format_is_the_record_lines() -> None:
    records = sample_records()
    assert _export(ExportFormat.NDJSON, "none", records) == b"".join(map(encode_record, records))
    assert [orjson.loads(x) for x in _export("ndjson", "none", records).splitlines()] == records


def test_fhir_ndjson_encrypted_zip() -> None:
    records = sample_records()
    data = _export(ExportFormat.FHIR_NDJSON, "zip", records, password="pw")
    plain = _export(ExportFormat.FHIR_NDJSON, "zip", records)
    with pyzipper.AESZipFile(io.BytesIO(data)) as enc, zipfile.ZipFile(io.BytesIO(plain)) as ref:
        enc.setpassword(b"pw")
        assert enc.namelist() == ref.namelist()
        for name in ref.namelist():
            assert enc.read(name) == ref.read(name)


@pytest.mark.parametrize("preset", PRESETS)
def test_determinism_on_generated_records(preset: str) -> None:
    records = generated_records(preset)
    for fmt in SINGLE:
        assert _export(fmt, "none", records) == _export(fmt, "none", copy.deepcopy(records))


# -- streaming, flat memory ---------------------------------------------------------------


def _endless(counter: list[int]) -> Iterator[dict]:
    """Distinct, poorly compressible records for ever (compressed chunks need many)."""
    template = sample_records()[3]
    for i in itertools.count():
        counter[0] += 1
        noise = os.urandom(48).hex()
        demographics = {**template["demographics"], "unit": noise, "given_name": noise[:12]}
        yield {**template, "index": i, "id": str(uuid.uuid4()), "demographics": demographics}


@pytest.mark.parametrize(("fmt", "archive"), [c for c in COMBINATIONS if c[0] in STREAMING])
def test_encoders_stream_from_an_endless_source(fmt: ExportFormat, archive: str) -> None:
    counter = [0]
    stream = export_stream(fmt, lambda: _endless(counter), archive=archive, modified_at=WHEN)
    assert counter[0] == 0  # nothing read before the first chunk is asked for
    chunks = list(itertools.islice(stream.chunks, 5))
    assert len(chunks) == 5
    assert all(chunks)
    # a few chunks' worth of records, then it stops reading; Parquet's first chunk is a row group
    # (about 8,500 patients' rows), the records it needs before it can write anything
    limit = 2 * parquet.ROW_GROUP_CELLS // 30 if fmt is ExportFormat.PARQUET else 5_000
    assert counter[0] < limit


@pytest.mark.slow  # thousands of records encoded under tracemalloc
@pytest.mark.parametrize(("fmt", "archive"), [("fhir-bundle", "gzip"), ("xml", "zip")])
def test_memory_stays_flat(fmt: str, archive: str) -> None:
    counter = [0]
    stream = export_stream(fmt, lambda: _endless(counter), archive=archive)
    tracemalloc.start()
    try:
        produced = 0
        for chunk in stream.chunks:
            produced += len(chunk)
            if counter[0] >= 3_000:
                break
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert counter[0] >= 3_000
    assert produced > 100_000
    assert peak < 8 * 1024 * 1024  # a few chunks and one record, not the export


def test_single_file_encoders_are_lazy_generators() -> None:
    for fmt in [f for f in SINGLE if f in STREAMING]:
        counter = [0]
        chunks = fmt.encode_records(_endless(counter))
        assert counter[0] == 0
        first = next(chunks)
        assert 0 < len(first) < 1_000_000
        assert counter[0] < 500


# -- async bridge -------------------------------------------------------------------------


async def _collect(stream: AsyncIterator[bytes]) -> bytes:
    return b"".join([chunk async for chunk in stream])


def _batches(records: list[dict], size: int = 3):
    async def factory() -> AsyncIterator[list[dict]]:
        for i in range(0, len(records), size):
            await asyncio.sleep(0)
            yield records[i : i + size]

    return factory


@pytest.mark.parametrize(("fmt", "archive"), COMBINATIONS)
async def test_async_bridge_gives_the_same_bytes(fmt: ExportFormat, archive: str) -> None:
    records = generated_records(PRESETS[0])[:120]
    stream = async_export_stream(fmt, _batches(records), archive=archive, modified_at=WHEN)
    assert stream.media_type == plan_export(fmt, archive).media_type
    assert await _collect(stream.chunks) == _export(fmt, archive, records)


async def test_async_bridge_stops_and_closes_the_source_when_abandoned() -> None:
    state = {"batches": 0, "closed": False}
    template = sample_records()[3]

    async def endless() -> AsyncIterator[list[dict]]:
        try:
            for i in itertools.count():
                state["batches"] += 1
                yield [{**template, "index": i * 10 + k} for k in range(10)]
        finally:
            state["closed"] = True

    stream = async_export_stream("fhir-bundle", endless, archive="gzip")
    chunks = stream.chunks
    for _ in range(3):
        assert await anext(chunks)
    await chunks.aclose()
    assert state["closed"]
    assert state["batches"] < 200


async def test_async_bridge_propagates_errors() -> None:
    async def broken() -> AsyncIterator[list[dict]]:
        yield sample_records()
        raise OSError("database went away")

    stream = async_export_stream("csv", broken)
    with pytest.raises(OSError, match="went away"):
        await _collect(stream.chunks)


def test_every_format_is_registered_and_still_a_string() -> None:
    assert formats.FORMATS.keys() == set(ExportFormat)
    assert ExportFormat.CSV == "csv"
    assert ExportFormat.CSV.encode() == b"csv"  # str.encode is not shadowed
