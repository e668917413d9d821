"""Limits before work: oversized bodies, unstorable JSON and out-of-range integers are refused
with a 4xx problem naming the field, before any key is checked, and write nothing; the
connection stays usable after every error."""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import text

from tests.support.jobs import scenario_json, wait_for_status
from tests.support.keys import new_key

PROBLEM = "application/problem+json"
MAX_INT4 = 2**31 - 1


@pytest.fixture(scope="module")
async def key(pg_engine):
    return await new_key(pg_engine, "limits")


@pytest.fixture
async def client(live_server):
    async with httpx.AsyncClient(base_url=live_server.api, timeout=60) as http:
        yield http


def _nested(depth: int) -> list:
    value: list = [1]
    for _ in range(depth):
        value = [value]
    return value


def _problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    return response.json()


async def _scenario_count(pg_engine) -> int:
    async with pg_engine.connect() as connection:
        return (await connection.execute(text("SELECT count(*) FROM scenarios"))).scalar_one()


async def test_an_oversized_body_is_refused_before_the_key_is_checked(client, pg_engine):
    before = await _scenario_count(pg_engine)
    huge = b'{"name": "' + b"x" * 2_000_000 + b'"}'
    response = await client.post(
        "/scenarios", content=huge, headers={"Content-Type": "application/json"}
    )
    body = _problem(response, 413)  # not 401: refused before authentication
    assert body["errors"][0]["field"] == "body"

    async def chunks():  # no Content-Length: counted as it arrives
        for _ in range(40):
            yield b"x" * 65_536

    chunked = await client.post("/scenarios", content=chunks(), headers={"X-API-Key": "pgk_x"})
    _problem(chunked, 413)
    assert await _scenario_count(pg_engine) == before


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda s: s.update(name="North\u0000"), "body.name"),
        (lambda s: s["fronts"][0].update(name="A\u0000B"), "body.fronts[0].name"),
        (lambda s: s.update(description=_nested(40)), "body.description"),
    ],
)
async def test_unstorable_json_is_refused_naming_the_field(client, key, pg_engine, mutate, field):
    scenario = scenario_json()
    mutate(scenario)
    before = await _scenario_count(pg_engine)
    response = await client.post("/scenarios", json=scenario, headers=key)
    body = _problem(response, 422)
    assert body["errors"][0]["field"].startswith(field), body
    assert await _scenario_count(pg_engine) == before


async def test_non_finite_numbers_are_refused(client, key):
    raw = json.dumps(scenario_json()).replace('"intensity": 1.0', '"intensity": NaN')
    assert "NaN" in raw
    response = await client.post(
        "/scenarios", content=raw, headers={**key, "Content-Type": "application/json"}
    )
    assert _problem(response, 422)["errors"][0]["field"] == "body"
    infinite = json.dumps({"scenario": scenario_json(), "patients": 10}).replace(
        '"patients": 10', '"patients": Infinity'
    )
    response = await client.post(
        "/jobs", content=infinite, headers={**key, "Content-Type": "application/json"}
    )
    _problem(response, 422)


async def test_a_nul_in_a_query_is_refused(client, key, live_server):
    response = await client.get("/jobs", params={"status": "queued\u0000"}, headers=key)
    assert _problem(response, 422)["errors"][0]["field"] == "query.status"
    response = await client.get(
        "/jobs/00000000-0000-0000-0000-000000000000/patients",
        params={"front": "North\u0000"},
        headers=key,
    )
    assert _problem(response, 422)["errors"][0]["field"] == "query.front"


async def test_integers_are_bounded_by_what_storage_holds(client, key):
    body = {"scenario": scenario_json(), "patients": 20, "seed": 5}
    job = (await client.post("/jobs", json=body, headers=key)).json()
    await wait_for_status(client, f"/jobs/{job['id']}", key)
    base = f"/jobs/{job['id']}"
    cases = [
        (f"{base}/patients", {"cursor": MAX_INT4 + 1}, "query.cursor"),
        (f"{base}/patients/{MAX_INT4 + 1}", {}, "path.index"),
        ("/jobs", {"offset": 2**63}, "query.offset"),
        ("/scenarios", {"offset": 10**30}, "query.offset"),
    ]
    for url, params, field in cases:
        response = await client.get(url, params=params, headers=key)
        assert _problem(response, 422)["errors"][0]["field"] == field, url
    last = await client.get(f"{base}/patients", params={"cursor": MAX_INT4}, headers=key)
    assert last.json()["items"] == []
    too_big_seed = await client.post("/jobs", json={**body, "seed": 2**63}, headers=key)
    assert _problem(too_big_seed, 422)["errors"][0]["field"] == "body.seed"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start": "9999-12-01T00:00:00Z"}, "body.start"),
        ({"start": "1850-01-01T00:00:00Z"}, "body.start"),
        ({"start": "2199-12-01T00:00:00Z"}, "body.start"),
    ],
)
async def test_dates_outside_what_exports_can_write_are_refused(client, key, change, field):
    response = await client.post("/scenarios/validate", json=scenario_json() | change, headers=key)
    assert _problem(response, 422)["errors"][0]["field"] == field


async def test_care_times_are_bounded(client, key):
    scenario = scenario_json()
    scenario["chain"]["R3"]["treatment_minutes"]["T1"]["max"] = 1e12
    response = await client.post("/scenarios/validate", json=scenario, headers=key)
    fields = [e["field"] for e in _problem(response, 422)["errors"]]
    assert "body.chain.R3.treatment_minutes.T1.max" in fields


@pytest.mark.parametrize("start", ["1900-01-01T00:00:00Z", "2199-09-01T00:00:00Z"])
async def test_jobs_at_the_edges_of_the_date_range_export_and_summarise(client, key, start):
    scenario = scenario_json() | {"start": start}
    body = {"scenario": scenario, "patients": 300, "seed": 9}
    created = await client.post("/jobs", json=body, headers=key)
    assert created.status_code == 202, created.text
    job = await wait_for_status(client, f"/jobs/{created.json()['id']}", key)
    assert job["status"] == "completed", job
    formats = [("ndjson", "none"), ("csv", "none"), ("xml", "gzip"), ("fhir-bundle", "none")]
    for fmt, archive in formats:
        export = await client.get(
            f"/jobs/{job['id']}/export", params={"format": fmt, "archive": archive}, headers=key
        )
        assert export.status_code == 200, fmt
        assert len(export.content) > 1000
    ndjson = (await client.get(f"/jobs/{job['id']}/export", headers=key)).text
    records = [json.loads(line) for line in ndjson.splitlines()]
    assert all(r["injury_time"][:4] in (start[:4], str(int(start[:4]) + 1)) for r in records)
    stats = await client.get(f"/jobs/{job['id']}/statistics", headers=key)
    assert stats.status_code == 200
    assert stats.json()["patients"] == 300


def test_the_connection_stays_usable_after_errors(live_server):
    """Keep-alive: a refused request never costs the client its connection."""
    where = urlsplit(live_server.base_url)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    requests = [
        ("POST", "/api/v1/scenarios", b"{" * 100, {"Content-Type": "application/json"}),
        ("GET", "/api/v1/jobs", None, {}),  # 401
        ("GET", "/api/v1/no-such-route", None, {}),  # 404
        ("POST", "/api/v1/scenarios", b"x" * 1_100_000, {"Content-Type": "application/json"}),
        ("PATCH", "/api/v1/jobs", None, {}),  # 405
        ("GET", "/api/v1/health", None, {}),
    ]
    statuses, closed = [], []
    for method, path, body, headers in requests:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        statuses.append(response.status)
        if response.will_close:
            closed.append(path)
    connection.close()
    assert statuses == [422, 401, 404, 413, 405, 200]
    assert closed == []


def test_a_key_in_a_query_string_is_not_logged(live_server):
    leaked = "pgk_" + "Q" * 40
    httpx.get(live_server.api + "/jobs", params={"api_key": leaked, "limit": 5})
    httpx.get(live_server.api + f"/downloads/pgt_{'T' * 40}")
    log = live_server.log()
    assert "/api/v1/jobs?api_key=…&limit=…" in log
    assert leaked not in log
    assert "T" * 40 not in log
