"""Exports over HTTP: every format and archive, streamed from PostgreSQL, identical to the
offline encoders on the generator's own records, and AES-256 ZIPs that need their password."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from collections import Counter
from datetime import datetime

import pytest
import pyzipper

from patientgen.exports.formats import export_stream
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
