"""One user cannot take the service down: per-key quotas answer 429 with Retry-After (admin keys
exempt, usage at GET /me), a process runs at most its cap of jobs while the rest wait queued in
order, and running jobs never hold the connections the API needs."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from datetime import datetime
from itertools import pairwise

import httpx
import pytest
from sqlalchemy import text

from tests.support.jobs import scenario_json, wait_for_status
from tests.support.keys import new_key
from tests.support.server import start_server

PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def limited_server(server_env, pg_engine, tmp_path_factory):
    """Small quotas, one running job per process, and a pool of only three connections."""
    env = {
        **server_env,
        "PATIENTGEN_DATA_DIR": str(tmp_path_factory.mktemp("limited")),
        "PATIENTGEN_KEY_MAX_ACTIVE_JOBS": "2",
        "PATIENTGEN_KEY_MAX_PATIENTS_PER_DAY": "1000000",
        "PATIENTGEN_MAX_RUNNING_JOBS": "1",
    }
    with start_server(env) as server:
        yield server


@pytest.fixture(scope="module")
def tight_pool_server(server_env, pg_engine, tmp_path_factory):
    """As many running jobs as pooled connections: a job that held one for its whole run would
    leave the API none."""
    env = {
        **server_env,
        "PATIENTGEN_DATA_DIR": str(tmp_path_factory.mktemp("tight-pool")),
        "PATIENTGEN_MAX_RUNNING_JOBS": "2",
        "PATIENTGEN_DB_POOL_SIZE": "2",
        "PATIENTGEN_DB_MAX_OVERFLOW": "0",
        "PATIENTGEN_DB_POOL_TIMEOUT_S": "5",
    }
    with start_server(env) as server:
        yield server


@pytest.fixture
async def client(limited_server):
    async with httpx.AsyncClient(base_url=limited_server.api, timeout=60) as http:
        yield http


def _job(patients: int, seed: int = 1) -> dict:
    return {"scenario": scenario_json(), "patients": patients, "seed": seed}


async def _cancel_all(client, headers, jobs) -> None:
    for job in jobs:
        await client.post(f"/jobs/{job['id']}/cancel", headers=headers)
    for job in jobs:
        await wait_for_status(client, f"/jobs/{job['id']}", headers)


async def test_a_key_may_have_only_so_many_active_jobs(client, pg_engine):
    key = await new_key(pg_engine, "quota-active")
    accepted = []
    for seed in range(2):
        response = await client.post("/jobs", json=_job(400_000, seed), headers=key)
        assert response.status_code == 202, response.text
        accepted.append(response.json())
    refused = await client.post("/jobs", json=_job(10), headers=key)
    assert refused.status_code == 429
    assert refused.headers["content-type"] == PROBLEM
    assert int(refused.headers["retry-after"]) > 0
    assert "2 jobs queued or running" in refused.json()["detail"]
    me = (await client.get("/me", headers=key)).json()
    assert me["usage"]["active_jobs"] == 2
    assert me["usage"]["max_active_jobs"] == 2
    # Nothing was written for the refused job.
    async with pg_engine.connect() as connection:
        owned = await connection.execute(
            text("SELECT count(*) FROM jobs WHERE owner_key_id = :k"),
            {"k": uuid.UUID(me["key_id"])},
        )
    assert owned.scalar_one() == 2
    await _cancel_all(client, key, accepted)
    again = await client.post("/jobs", json=_job(10), headers=key)
    assert again.status_code == 202  # a slot freed when the jobs ended
    await wait_for_status(client, f"/jobs/{again.json()['id']}", key)


async def test_a_key_may_ask_for_only_so_many_patients_a_day(client, pg_engine):
    key = await new_key(pg_engine, "quota-daily")
    first = await client.post("/jobs", json=_job(900_000), headers=key)
    assert first.status_code == 202
    await client.post(f"/jobs/{first.json()['id']}/cancel", headers=key)
    await wait_for_status(client, f"/jobs/{first.json()['id']}", key)
    # A cancelled job counts what it made, not what it asked for.
    me = (await client.get("/me", headers=key)).json()
    made = me["usage"]["patients_last_24h"]
    assert made < 900_000
    too_many = await client.post("/jobs", json=_job(1_000_001 - made), headers=key)
    assert too_many.status_code == 429
    assert too_many.json()["errors"][0]["field"] == "body.patients"
    retry_after = int(too_many.headers["retry-after"])
    assert 23 * 3600 < retry_after <= 24 * 3600
    fits = await client.post("/jobs", json=_job(1_000_000 - made), headers=key)
    assert fits.status_code == 202, fits.text
    await client.post(f"/jobs/{fits.json()['id']}/cancel", headers=key)
    await wait_for_status(client, f"/jobs/{fits.json()['id']}", key)
    bigger_than_a_day = await client.post("/jobs", json=_job(2_000_000), headers=key)
    assert bigger_than_a_day.status_code == 429


async def test_simultaneous_requests_cannot_slip_past_the_quota(client, pg_engine):
    key = await new_key(pg_engine, "quota-race")
    answers = await asyncio.gather(
        *(client.post("/jobs", json=_job(300_000, seed), headers=key) for seed in range(6))
    )
    codes = sorted(a.status_code for a in answers)
    assert codes == [202, 202, 429, 429, 429, 429]
    await _cancel_all(client, key, [a.json() for a in answers if a.status_code == 202])


async def test_admin_keys_are_exempt_and_jobs_wait_their_turn_in_order(client, pg_engine):
    admin = await new_key(pg_engine, "quota-admin", admin=True)
    created = []
    for seed in range(4):  # more than any user may have, and more than the cap of one
        response = await client.post("/jobs", json=_job(30_000, seed), headers=admin)
        assert response.status_code == 202
        created.append(response.json())
    me = (await client.get("/me", headers=admin)).json()
    assert me["usage"]["max_active_jobs"] is None
    queued_seen = False
    while True:
        jobs = [(await client.get(f"/jobs/{j['id']}", headers=admin)).json() for j in created]
        queued_seen |= any(j["status"] == "queued" for j in jobs)
        # The API keeps answering while the cap is full.
        assert (await client.get("/jobs", params={"limit": 5}, headers=admin)).status_code == 200
        if all(j["status"] == "completed" for j in jobs):
            break
        await asyncio.sleep(0.05)
    assert queued_seen, "with a cap of one, the later jobs waited"
    # One GET per job is no snapshot (a job may end between two of them), so the cap is read
    # off the recorded times: each job starts after the one before it has ended.
    runs = [
        (datetime.fromisoformat(j["started_at"]), datetime.fromisoformat(j["finished_at"]))
        for j in jobs
    ]
    assert [start for start, _end in runs] == sorted(s for s, _e in runs), (
        "queued jobs start in the order they came"
    )
    for (_start, ended), (next_start, _next_end) in pairwise(runs):
        assert next_start >= ended, "the process runs at most its cap of jobs"


async def test_running_jobs_leave_connections_for_the_api(tight_pool_server, pg_engine):
    """Two connections, two jobs running: the API's own reads still get connections (they
    would time out after 5 s, with a 500, if the jobs held them)."""
    admin = await new_key(pg_engine, "pool-admin", admin=True)
    client = httpx.AsyncClient(base_url=tight_pool_server.api, timeout=60)
    jobs = [
        (await client.post("/jobs", json=_job(600_000, seed), headers=admin)).json()
        for seed in range(2)
    ]
    for _ in range(100):
        states = [(await client.get(f"/jobs/{j['id']}", headers=admin)).json() for j in jobs]
        if all(s["status"] == "running" for s in states):
            break
        await asyncio.sleep(0.05)
    assert all(s["status"] == "running" for s in states)

    async def reads() -> list[int]:
        paths = ["/jobs", f"/jobs/{jobs[0]['id']}", "/me", "/scenarios", "/reference/presets"]
        answers = await asyncio.gather(*(client.get(p, headers=admin) for p in paths * 4))
        return [a.status_code for a in answers]

    for _ in range(5):
        assert set(await reads()) == {200}
        await asyncio.sleep(0.2)
    await _cancel_all(client, admin, jobs)
    await client.aclose()


async def test_open_event_streams_and_downloads_hold_no_connection(tight_pool_server, pg_engine):
    admin = await new_key(pg_engine, "streams-admin", admin=True)
    async with httpx.AsyncClient(base_url=tight_pool_server.api, timeout=60) as client:
        done = (await client.post("/jobs", json=_job(20_000, 1), headers=admin)).json()
        await wait_for_status(client, f"/jobs/{done['id']}", admin)
        running = (await client.post("/jobs", json=_job(2_000_000, 2), headers=admin)).json()
        async with contextlib.AsyncExitStack() as streams:
            for _ in range(6):  # three times the pool
                response = await streams.enter_async_context(
                    client.stream("GET", f"/jobs/{running['id']}/events", headers=admin)
                )
                assert response.status_code == 200
                download = await streams.enter_async_context(
                    client.stream("GET", f"/jobs/{done['id']}/export", headers=admin)
                )
                assert download.status_code == 200
            answers = await asyncio.gather(*(client.get("/jobs", headers=admin) for _ in range(6)))
            assert {a.status_code for a in answers} == {200}
        await _cancel_all(client, admin, [running])
