"""Generation jobs end to end: real server, PostgreSQL, Redis, SSE over HTTP; and the embedded
default (SQLite, in-memory cache and events, in-process runner) running one too."""

from __future__ import annotations

import asyncio
import sqlite3

import httpx
import orjson
import pytest

from patientgen.exports import xml
from tests.support.jobs import (
    offline_ndjson_digest,
    row_count,
    scenario_json,
    stored_ndjson_digest,
    wait_for_status,
)
from tests.support.keys import new_key
from tests.support.server import start_server
from tests.support.sse import read_events
from tests.support.statistics import assert_statistics_describe

PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
async def alice(pg_engine):
    return await new_key(pg_engine, "alice")


@pytest.fixture(scope="module")
async def bob(pg_engine):
    return await new_key(pg_engine, "bob")


@pytest.fixture(scope="module")
async def admin(pg_engine):
    return await new_key(pg_engine, "jobs-admin", admin=True)


@pytest.fixture
async def client(live_server):
    async with httpx.AsyncClient(base_url=live_server.api, timeout=60) as http:
        yield http


async def _create(client, headers, **body) -> dict:
    body.setdefault("scenario", scenario_json())
    response = await client.post("/jobs", json=body, headers=headers)
    assert response.status_code == 202, response.text
    return response.json()


async def test_job_completes_with_exact_rows_and_sse_shows_progress(client, alice, pg_engine):
    job = await _create(client, alice, patients=5_000, seed=11, batch_size=500)
    assert job["status"] in {"queued", "running"}
    frames = await read_events(client, f"/jobs/{job['id']}/events", alice)

    progress = [f for f in frames if f.event == "progress"]
    assert len(progress) >= 2, "one event per committed batch"
    generated = [f.data["generated"] for f in progress]
    assert generated == sorted(generated)
    assert generated[-1] == 5_000
    assert [f.id for f in frames] == list(range(1, len(frames) + 1)), "ids are monotonic"
    assert set(progress[0].data) == {"generated", "total", "batches", "rate", "eta_s", "status"}
    assert frames[-1].event == "completed"
    assert frames[-1].data["generated"] == 5_000

    final = await wait_for_status(client, f"/jobs/{job['id']}", alice)
    assert final["status"] == "completed"
    assert final["generated"] == 5_000 == await row_count(pg_engine, job["id"])
    assert final["batches"] == 10


async def test_reconnect_with_last_event_id_misses_and_repeats_nothing(client, alice):
    job = await _create(client, alice, patients=6_000, seed=12, batch_size=500)
    url = f"/jobs/{job['id']}/events"
    first = await read_events(client, url, alice, stop_after=3)
    rest = await read_events(client, url, alice, last_event_id=first[-1].id)
    ids = [f.id for f in first] + [f.id for f in rest]
    assert ids == list(range(1, len(ids) + 1)), ids
    assert rest[-1].event == "completed"
    # A client that comes back after the end still learns the outcome.
    again = await read_events(client, url, alice, last_event_id=rest[-1].id - 1)
    assert [f.event for f in again] == ["completed"]


async def test_cancel_mid_job_leaves_count_equal_to_rows(client, alice, pg_engine):
    job = await _create(client, alice, patients=2_000_000, seed=13, batch_size=1_000)
    await read_events(client, f"/jobs/{job['id']}/events", alice, stop_after=2)
    response = await client.post(f"/jobs/{job['id']}/cancel", headers=alice)
    assert response.status_code == 202
    final = await wait_for_status(client, f"/jobs/{job['id']}", alice, timeout_s=30)
    assert final["status"] == "cancelled"
    assert 0 < final["generated"] < 2_000_000
    assert final["generated"] == await row_count(pg_engine, job["id"])
    frames = await read_events(client, f"/jobs/{job['id']}/events", alice)
    assert frames[-1].event == "cancelled"
    assert frames[-1].data["generated"] == final["generated"]

    assert (await client.delete(f"/jobs/{job['id']}", headers=alice)).status_code == 204
    assert await row_count(pg_engine, job["id"]) == 0
    assert (await client.get(f"/jobs/{job['id']}", headers=alice)).status_code == 404


async def test_two_concurrent_jobs_do_not_interfere(client, alice, bob, pg_engine):
    scenario = scenario_json()
    a, b = await asyncio.gather(
        _create(client, alice, scenario=scenario, patients=4_000, seed=21, batch_size=300),
        _create(client, bob, scenario=scenario, patients=3_000, seed=22, batch_size=700),
    )
    done_a, done_b = await asyncio.gather(
        wait_for_status(client, f"/jobs/{a['id']}", alice),
        wait_for_status(client, f"/jobs/{b['id']}", bob),
    )
    assert done_a["status"] == done_b["status"] == "completed"
    for job, n, seed in ((a, 4_000, 21), (b, 3_000, 22)):
        digest, indices = await stored_ndjson_digest(pg_engine, job["id"])
        assert indices == list(range(n))
        assert digest == offline_ndjson_digest(scenario, n, seed), "same bytes as offline"


async def test_keys_see_only_their_own_jobs(client, alice, bob, admin):
    job = await _create(client, alice, patients=50, seed=3)
    job_id = job["id"]
    for method, path in [
        ("GET", f"/jobs/{job_id}"),
        ("GET", f"/jobs/{job_id}/events"),
        ("POST", f"/jobs/{job_id}/cancel"),
        ("DELETE", f"/jobs/{job_id}"),
    ]:
        response = await client.request(method, path, headers=bob)
        assert response.status_code == 404, (method, path)
        assert response.headers["content-type"] == PROBLEM
    bobs = (await client.get("/jobs", headers=bob, params={"limit": 200})).json()
    assert job_id not in {j["id"] for j in bobs["items"]}
    alices = (await client.get("/jobs", headers=alice, params={"limit": 200})).json()
    assert job_id in {j["id"] for j in alices["items"]}
    assert (await client.get(f"/jobs/{job_id}", headers=admin)).status_code == 200
    everyone = (await client.get("/jobs", headers=admin, params={"limit": 200})).json()
    assert everyone["total"] >= alices["total"] + bobs["total"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"scenario_id": "00000000-0000-0000-0000-000000000000"}, "body.scenario_id"),
        ({"patients": 0}, "body.patients"),
        ({"patients": 100_000_001}, "body.patients"),
        ({"batch_size": 9}, "body.batch_size"),
        ({"batch_size": 10_001}, "body.batch_size"),
        ({"seed": -1}, "body.seed"),
        ({}, "body.scenario_id"),
        ({"scenario": {"name": "broken"}}, "body.scenario"),
        ({"unexpected": True}, "body.unexpected"),
    ],
)
async def test_bad_job_requests_create_nothing(client, bob, body, field):
    before = (await client.get("/jobs", headers=bob)).json()["total"]
    if "scenario" not in body and "scenario_id" not in body and body:
        body = {"scenario": scenario_json(), **body}
    response = await client.post("/jobs", json=body, headers=bob)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    fields = [error["field"] for error in response.json()["errors"]]
    assert any(
        f == field or f.startswith(field + ".") or f.startswith(field + "[") for f in fields
    ), fields
    assert (await client.get("/jobs", headers=bob)).json()["total"] == before


async def test_job_from_a_saved_scenario_snapshots_it(client, alice):
    scenario = scenario_json()
    saved = (await client.post("/scenarios", json=scenario, headers=alice)).json()
    job = await _create(client, alice, scenario_id=saved["id"], scenario=None, patients=20, seed=1)
    changed = {**scenario, "name": "renamed later"}
    assert (
        await client.put(f"/scenarios/{saved['id']}", json=changed, headers=alice)
    ).status_code == 200
    detail = (await client.get(f"/jobs/{job['id']}", headers=alice)).json()
    assert detail["scenario_name"] == scenario["name"]
    assert detail["scenario_id"] == saved["id"]


async def _open_streams(client, admin) -> float:
    text = (await client.get("/metrics", headers=admin)).text
    line = next(ln for ln in text.splitlines() if ln.startswith("patientgen_sse_open_streams "))
    return float(line.split()[1])


async def test_many_sse_clients_and_disconnects_leak_nothing(live_server, alice, admin):
    async with httpx.AsyncClient(base_url=live_server.base_url, timeout=60) as root:
        baseline = await _open_streams(root, admin)
    async with httpx.AsyncClient(base_url=live_server.api, timeout=60) as client:
        job = await _create(client, alice, patients=400_000, seed=31, batch_size=1_000)
        url = f"/jobs/{job['id']}/events"
        # 40 clients read a few events each and hang up mid-stream.
        results = await asyncio.gather(
            *(read_events(client, url, alice, stop_after=2) for _ in range(40))
        )
        assert all(len(frames) == 2 for frames in results)
        await client.post(f"/jobs/{job['id']}/cancel", headers=alice)
        await wait_for_status(client, f"/jobs/{job['id']}", alice)
    async with httpx.AsyncClient(base_url=live_server.base_url, timeout=60) as root:
        for _ in range(50):  # the server notices disconnects asynchronously
            if await _open_streams(root, admin) == baseline:
                break
            await asyncio.sleep(0.1)
        assert await _open_streams(root, admin) == baseline


async def test_job_on_embedded_sqlite(tmp_path):
    env = {
        "PATIENTGEN_DATA_DIR": str(tmp_path),
        "PATIENTGEN_DATABASE_URL": "",
        "PATIENTGEN_REDIS_URL": "",
        "PATIENTGEN_ENVIRONMENT": "development",
    }
    with start_server(env) as server:
        key = {"X-API-Key": (tmp_path / "dev-admin-key.txt").read_text().strip()}
        async with httpx.AsyncClient(base_url=server.api, timeout=30) as client:
            health = (await client.get("/health")).json()
            assert health["database"]["backend"] == "sqlite"
            assert health["cache"]["backend"] == "memory"
            created = await client.post(
                "/jobs",
                json={"scenario": scenario_json(), "patients": 3_000, "seed": 5, "batch_size": 250},
                headers=key,
            )
            assert created.status_code == 202, created.text
            job_id = created.json()["id"]
            frames = await read_events(client, f"/jobs/{job_id}/events", key)
            final = await wait_for_status(client, f"/jobs/{job_id}", key)
            stats = (await client.get(f"/jobs/{job_id}/statistics", headers=key)).json()
            battle = await client.get(
                f"/jobs/{job_id}/statistics", params={"injury_type": "BATTLE_INJURY"}, headers=key
            )
            exported = (await client.get(f"/jobs/{job_id}/export", headers=key)).content
            as_xml = await client.get(
                f"/jobs/{job_id}/export", params={"format": "xml"}, headers=key
            )
    assert frames[-1].event == "completed"
    assert len([f for f in frames if f.event == "progress"]) == 12
    assert final["generated"] == 3_000
    assert final["created_at"].endswith(("Z", "+00:00")), "times carry their zone on SQLite too"
    records = [orjson.loads(line) for line in exported.splitlines()]
    assert len(records) == 3_000
    # from the job's blocks, checked against the documents SQLite holds (hashed by the API)
    assert as_xml.content == b"".join(xml.encode(records))
    assert_statistics_describe(stats, records)
    assert_statistics_describe(
        battle.json(), [r for r in records if r["injury_type"] == "BATTLE_INJURY"]
    )
    with sqlite3.connect(tmp_path / "patientgen.db") as db:
        (count,) = db.execute("SELECT count(*) FROM patients").fetchone()
    assert count == 3_000
