"""Scale-out: with PATIENTGEN_JOB_BACKEND=taskiq the API only enqueues, and `patientgen worker`
processes (real ones, over real Redis and PostgreSQL) run the jobs, report progress to the API's
SSE clients, obey cancel, and finish a job whose worker was killed or stopped."""

from __future__ import annotations

import asyncio
import os
import signal
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from patientgen.settings import Settings
from patientgen.storage import migrate
from patientgen.storage.engine import create_engine
from tests.support.databases import create_database, drop_database
from tests.support.jobs import (
    offline_ndjson_digest,
    row_count,
    scenario_json,
    stored_ndjson_digest,
    wait_for_status,
)
from tests.support.keys import new_key
from tests.support.server import start_server, start_worker
from tests.support.sse import read_events

# Worker processes beside a server, jobs of up to 400,000 patients, killed and stopped workers.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
async def queue_database(
    postgres_admin_url, worker_id_tag
) -> AsyncIterator[tuple[str, AsyncEngine]]:
    """A database no in-process runner of other tests shares: only these workers recover jobs."""
    name = f"patientgen_test_{worker_id_tag}_queue"
    url = await create_database(postgres_admin_url, name)
    engine = create_engine(Settings(database_url=url, _env_file=None))
    try:
        await migrate.upgrade(engine)
        yield url, engine
    finally:
        await engine.dispose()
        await drop_database(postgres_admin_url, name)


@pytest.fixture
def pg_engine(queue_database) -> AsyncEngine:
    return queue_database[1]


@pytest.fixture
def queue_env(server_env, queue_database, tmp_path) -> dict:
    """A deployment of its own: its own database, queue and event streams (prefix), logs."""
    prefix = f"{server_env['PATIENTGEN_CACHE_PREFIX']}{uuid.uuid4().hex[:8]}:"
    return {
        **server_env,
        "PATIENTGEN_DATABASE_URL": queue_database[0],
        "PATIENTGEN_JOB_BACKEND": "taskiq",
        "PATIENTGEN_CACHE_PREFIX": prefix,
        "PATIENTGEN_DATA_DIR": str(tmp_path),
        "PATIENTGEN_JOB_STALE_AFTER_S": "2",
        "PATIENTGEN_JOB_RECOVERY_INTERVAL_S": "0.5",
    }


async def _create(client: httpx.AsyncClient, key: dict, patients: int, seed: int) -> str:
    body = {"scenario": scenario_json(), "patients": patients, "seed": seed, "batch_size": 1000}
    created = await client.post("/jobs", json=body, headers=key)
    assert created.status_code == 202, created.text
    return created.json()["id"]


async def _runner_pid(pg_engine, job_id: str) -> int:
    async with pg_engine.connect() as connection:
        runner = await connection.scalar(
            text("SELECT runner_id FROM jobs WHERE id = :id"), {"id": uuid.UUID(job_id)}
        )
    return int(runner.split(":")[1])  # host:pid:nonce


async def test_workers_run_the_jobs_and_the_api_streams_their_progress(pg_engine, queue_env):
    key = await new_key(pg_engine, "workers")
    with (
        start_server(queue_env) as api,
        start_worker(queue_env) as first,
        start_worker(queue_env) as second,
    ):
        async with httpx.AsyncClient(base_url=api.api, timeout=30) as client:
            jobs = [await _create(client, key, 30_000, seed) for seed in (1, 2)]
            streams = await asyncio.gather(
                *(read_events(client, f"/jobs/{job}/events", key) for job in jobs)
            )
            finals = [await wait_for_status(client, f"/jobs/{job}", key) for job in jobs]

        for job, frames, final in zip(jobs, streams, finals, strict=True):
            assert final["status"] == "completed", final
            assert final["generated"] == 30_000 == await row_count(pg_engine, job)
            generated = [f.data["generated"] for f in frames if f.event == "progress"]
            assert generated == sorted(generated)
            assert len(generated) > 1, "progress arrives batch by batch"
            assert frames[-1].event == "completed"
        runners = {await _runner_pid(pg_engine, job) for job in jobs}
        assert runners <= {first.process.pid, second.process.pid}
        assert api.process.pid not in runners, "the API only enqueues"
    digest, _ = await stored_ndjson_digest(pg_engine, jobs[1])
    assert digest == offline_ndjson_digest(scenario_json(), 30_000, 2)


async def test_jobs_wait_in_the_queue_for_a_worker_who_then_waits_for_more(pg_engine, queue_env):
    key = await new_key(pg_engine, "workers-queue")
    with start_server(queue_env) as api:
        async with httpx.AsyncClient(base_url=api.api, timeout=30) as client:
            early = await _create(client, key, 5_000, 3)
            broker = (await client.get("/health")).json()["broker"]
            assert broker == {"status": "ok", "backend": "taskiq", "waiting_jobs": 1}
            with start_worker(queue_env) as worker:
                assert (await wait_for_status(client, f"/jobs/{early}", key))["status"] == (
                    "completed"
                )
                await asyncio.sleep(7)  # idle for longer than the Redis client's 5 s read timeout
                assert worker.process.poll() is None, worker.log()
                late = await _create(client, key, 5_000, 4)
                final = await wait_for_status(client, f"/jobs/{late}", key, timeout_s=60)
            broker = (await client.get("/health")).json()["broker"]
    assert final["status"] == "completed", final
    assert broker["waiting_jobs"] == 0
    for job in (early, late):
        assert await _runner_pid(pg_engine, job) == worker.process.pid


async def test_cancel_reaches_the_worker_within_a_batch(pg_engine, queue_env):
    key = await new_key(pg_engine, "workers-cancel")
    with start_server(queue_env) as api, start_worker(queue_env):
        async with httpx.AsyncClient(base_url=api.api, timeout=30) as client:
            job = await _create(client, key, 2_000_000, 5)
            await read_events(client, f"/jobs/{job}/events", key, stop_after=2)
            cancelled = await client.post(f"/jobs/{job}/cancel", headers=key)
            assert cancelled.status_code in (200, 202), cancelled.text
            final = await wait_for_status(client, f"/jobs/{job}", key, timeout_s=30)
    assert final["status"] == "cancelled", final
    assert 0 < final["generated"] < 2_000_000
    assert final["generated"] == await row_count(pg_engine, job)


@pytest.mark.parametrize(
    ("how", "patients"),
    [
        ("kill", 150_000),  # SIGKILL, a crash: resumed once its heartbeat is stale
        ("stop", 400_000),  # SIGTERM: handed over at once (and big enough to outlast the grace)
    ],
)
async def test_an_interrupted_workers_job_is_finished_by_another(
    pg_engine, queue_env, how, patients
):
    if how == "stop":
        queue_env = {**queue_env, "PATIENTGEN_JOB_STALE_AFTER_S": "600"}  # staleness can't help
    key = await new_key(pg_engine, f"workers-{how}")
    seed = 77
    with start_server(queue_env) as api:
        async with httpx.AsyncClient(base_url=api.api, timeout=30) as client:
            with start_worker(queue_env) as first:
                job = await _create(client, key, patients, seed)
                await read_events(client, f"/jobs/{job}/events", key, stop_after=3)
                os.kill(first.process.pid, signal.SIGKILL if how == "kill" else signal.SIGTERM)
                first.process.wait(timeout=30)
            interrupted = await row_count(pg_engine, job)
            assert 0 < interrupted < patients, "the interruption must hit mid-job"
            assert (await client.get(f"/jobs/{job}", headers=key)).json()["status"] == "running"
            with start_worker(queue_env) as second:
                final = await wait_for_status(client, f"/jobs/{job}", key, timeout_s=120)
                assert await _runner_pid(pg_engine, job) == second.process.pid
    assert ("released 1 running job" in first.log()) == (how == "stop")
    assert final["status"] == "completed", final
    assert final["generated"] == patients == await row_count(pg_engine, job)
    digest, indices = await stored_ndjson_digest(pg_engine, job)
    assert indices == list(range(patients))
    assert digest == offline_ndjson_digest(scenario_json(), patients, seed)
