"""Exports over HTTP: every format and archive, streamed from PostgreSQL, identical to the
offline encoders on the generator's own records, and AES-256 ZIPs that need their password."""

from __future__ import annotations

import gzip
import io
import json
import uuid
import zipfile
from collections import Counter
from datetime import datetime

import openpyxl
import pyarrow.parquet as pq
import pytest
import pyzipper
from sqlalchemy.ext.asyncio import async_sessionmaker

from patientgen.exports import xlsx
from patientgen.exports.formats import ExportFormat, export_stream
from patientgen.services.exports import ensure_fits
from patientgen.storage.tables import JobRecord, JobStatus
from tests.support.jobs import scenario_json
from tests.support.keys import new_key

PATIENTS, SEED = 1_200, 777
PROBLEM = "application/problem+json"


def _offline(job: dict, records: list[dict], fmt: str, archive: str) -> bytes:
    stream = export_stream(
        fmt,
        lambda: iter(records),
        archive=archive,
        modified_at=datetime.fromisoformat(job["created_at"]),
        basename=f"patientgen-{job['id']}",
    )
    return b"".join(stream.chunks)


@pytest.mark.parametrize(
    ("fmt", "archive"),
    [
        ("ndjson", "none"),
        ("ndjson", "gzip"),
        ("json", "none"),
        ("csv", "none"),
        ("csv", "zip"),
        ("xml", "gzip"),
        ("fhir-bundle", "none"),
        ("fhir-ndjson", "zip"),
        ("parquet", "zip"),
        ("xlsx", "none"),
    ],
)
async def test_export_is_streamed_identical_and_repeatable(
    client, owner, job, records, fmt, archive
):
    url = f"/jobs/{job['id']}/export"
    params = {"format": fmt, "archive": archive}
    first = await client.get(url, params=params, headers=owner)
    assert first.status_code == 200, first.text
    assert "attachment; filename=" in first.headers["content-disposition"]
    assert job["id"] in first.headers["content-disposition"]
    second = await client.get(url, params=params, headers=owner)
    assert first.content == second.content, "two exports of one job are byte-identical"
    assert first.content == _offline(job, records, fmt, archive), "same bytes as offline"


async def test_ndjson_export_matches_statistics(client, owner, job):
    body = (await client.get(f"/jobs/{job['id']}/export", headers=owner)).content
    exported = [json.loads(line) for line in body.splitlines()]
    assert len(exported) == PATIENTS
    stats = (await client.get(f"/jobs/{job['id']}/statistics", headers=owner)).json()
    for dim in ("nationality", "front", "injury_type", "triage", "final_status"):
        assert stats["counts"][dim] == dict(Counter(r[dim] for r in exported)), dim


async def test_csv_has_real_names(client, owner, job, records):
    import csv

    body = (
        await client.get(f"/jobs/{job['id']}/export", params={"format": "csv"}, headers=owner)
    ).text
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == PATIENTS
    assert [r["family_name"] for r in rows] == [r["demographics"]["family_name"] for r in records]
    assert "Unknown" not in {r["given_name"] for r in rows}


async def test_gzip_decompresses_to_the_plain_export(client, owner, job):
    url = f"/jobs/{job['id']}/export"
    plain = (await client.get(url, headers=owner)).content
    packed = (await client.get(url, params={"archive": "gzip"}, headers=owner)).content
    assert gzip.decompress(packed) == plain


async def test_encrypted_zip_needs_its_password(client, owner, job):
    url = f"/jobs/{job['id']}/export"
    plain = (await client.get(url, headers=owner)).content
    response = await client.post(
        url, json={"format": "ndjson", "password": "correct horse battery"}, headers=owner
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    with pyzipper.AESZipFile(io.BytesIO(response.content)) as archive:
        (name,) = archive.namelist()
        archive.setpassword(b"correct horse battery")
        assert archive.read(name) == plain
    with pyzipper.AESZipFile(io.BytesIO(response.content)) as archive:
        archive.setpassword(b"wrong password")
        with pytest.raises(RuntimeError):
            archive.read(name)
    with (
        zipfile.ZipFile(io.BytesIO(response.content)) as archive,
        pytest.raises((RuntimeError, NotImplementedError)),
    ):
        archive.read(name)


@pytest.mark.parametrize(
    ("method", "kwargs", "field"),
    [
        ("GET", {"params": {"format": "fhir-ndjson"}}, "query.archive"),
        ("GET", {"params": {"format": "pdf"}}, "query.format"),
        ("GET", {"params": {"archive": "rar"}}, "query.archive"),
        ("POST", {"json": {"password": "short"}}, "body.password"),
        ("POST", {"json": {"password": "long enough", "archive": "gzip"}}, "body.archive"),
    ],
)
async def test_bad_export_requests(client, owner, job, method, kwargs, field):
    response = await client.request(method, f"/jobs/{job['id']}/export", headers=owner, **kwargs)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    assert field in {e["field"] for e in response.json()["errors"]}


async def test_export_is_private_and_waits_for_the_end(client, owner, job, pg_engine):
    stranger = await new_key(pg_engine, "export-stranger")
    assert (await client.get(f"/jobs/{job['id']}/export", headers=stranger)).status_code == 404
    body = {"scenario": scenario_json(), "patients": 2_000_000, "seed": 9, "batch_size": 1_000}
    running = (await client.post("/jobs", json=body, headers=owner)).json()
    response = await client.get(f"/jobs/{running['id']}/export", headers=owner)
    assert response.status_code == 409
    assert response.headers["content-type"] == PROBLEM
    assert (await client.delete(f"/jobs/{running['id']}", headers=owner)).status_code == 204


async def _ndjson_counts(client, owner, job) -> tuple[list[dict], dict[str, int]]:
    body = (await client.get(f"/jobs/{job['id']}/export", headers=owner)).content
    exported = [json.loads(line) for line in body.splitlines()]
    counts = {
        "patients": len(exported),
        "conditions": sum(len(r["conditions"]) for r in exported),
        "treatments": sum(len(r["treatments"]) for r in exported),
        "vitals": sum(len(r["vitals"]) for r in exported),
    }
    return exported, counts


async def test_parquet_export_equals_the_ndjson_export(client, owner, job):
    exported, counts = await _ndjson_counts(client, owner, job)
    response = await client.get(
        f"/jobs/{job['id']}/export", params={"format": "parquet", "archive": "zip"}, headers=owner
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    assert f"patientgen-{job['id']}.parquet.zip" in response.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        tables = {n: pq.read_table(io.BytesIO(archive.read(n))) for n in archive.namelist()}
    assert list(tables) == [f"{n}.parquet" for n in (*counts, "stays")]
    for name, count in counts.items():
        assert tables[f"{name}.parquet"].num_rows == count, name
    patients = tables["patients.parquet"]
    assert patients.column("id").to_pylist() == [r["id"] for r in exported]
    assert patients.column("family_name").to_pylist() == [
        r["demographics"]["family_name"] for r in exported
    ]
    vitals = tables["vitals.parquet"].slice(0, 200).to_pylist()
    flat = [(r["index"], v["code"], v["value"]) for r in exported for v in r["vitals"]][:200]
    assert [(v["patient_index"], v["code"], v["value"]) for v in vitals] == flat


async def test_xlsx_export_opens_with_its_sheets(client, owner, job):
    exported, counts = await _ndjson_counts(client, owner, job)
    response = await client.get(
        f"/jobs/{job['id']}/export", params={"format": "xlsx"}, headers=owner
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == xlsx.MEDIA_TYPE
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["patients", "conditions", "treatments", "vitals", "stays"]
    for name, count in counts.items():
        rows = list(workbook[name].iter_rows(values_only=True))
        assert len(rows) == count + 1, name
    given = [row[6] for row in workbook["patients"].iter_rows(min_row=2, values_only=True)]
    assert given == [r["demographics"]["given_name"] for r in exported]
    workbook.close()


async def _too_big_job(pg_engine, job: dict) -> str:
    """A finished job as big as Excel cannot hold, without its million rows: the patients
    sheet is checked from the job's count before anything is read."""
    async with async_sessionmaker(pg_engine)() as session, session.begin():
        original = await session.get(JobRecord, uuid.UUID(job["id"]))
        assert original is not None
        big = JobRecord(
            owner_key_id=original.owner_key_id,
            scenario_snapshot=original.scenario_snapshot,
            seed=1,
            patients=xlsx.MAX_ROWS,
            batch_size=1_000,
            status=JobStatus.COMPLETED,
            generated=xlsx.MAX_ROWS,
        )
        session.add(big)
        await session.flush()
        return str(big.id)


async def test_xlsx_above_the_row_limit_is_refused_before_it_starts(client, owner, job, pg_engine):
    big = await _too_big_job(pg_engine, job)
    response = await client.get(f"/jobs/{big}/export", params={"format": "xlsx"}, headers=owner)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert {e["field"] for e in problem["errors"]} == {"query.format"}
    assert "1,048,576" in problem["detail"]
    assert "patients sheet" in problem["detail"]
    ticket = await client.post(f"/jobs/{big}/downloads", json={"format": "xlsx"}, headers=owner)
    assert ticket.status_code == 422, ticket.text
    assert {e["field"] for e in ticket.json()["errors"]} == {"body.format"}
    encrypted = await client.post(
        f"/jobs/{big}/export", json={"format": "xlsx", "password": "long enough"}, headers=owner
    )
    assert encrypted.status_code == 422
    assert {e["field"] for e in encrypted.json()["errors"]} == {"body.format"}
    # the same job as Parquet is fine (nothing to read: no rows stored)
    parquet = await client.get(
        f"/jobs/{big}/export", params={"format": "parquet", "archive": "zip"}, headers=owner
    )
    assert parquet.status_code == 200
    assert (await client.delete(f"/jobs/{big}", headers=owner)).status_code == 204


async def test_xlsx_child_sheets_are_counted_from_the_stored_records(pg_engine, job, monkeypatch):
    # the service's check over the database, with a limit the job's vitals pass (in process:
    # a limit of a million rows would need a million stored vitals)
    record = JobRecord(id=uuid.UUID(job["id"]), generated=PATIENTS)
    await ensure_fits(pg_engine, record, ExportFormat.XLSX)
    # room for the patients sheet, not for several vitals, treatments or stays per patient
    monkeypatch.setattr(xlsx, "MAX_ROWS", 2 * PATIENTS)
    with pytest.raises(xlsx.RowLimitError) as caught:
        await ensure_fits(pg_engine, record, ExportFormat.XLSX)
    assert caught.value.sheet in ("treatments", "vitals", "stays")
    await ensure_fits(pg_engine, record, ExportFormat.PARQUET)  # only xlsx has a limit


async def test_parquet_needs_a_zip(client, owner, job):
    response = await client.get(
        f"/jobs/{job['id']}/export", params={"format": "parquet"}, headers=owner
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"query.archive"}
