"""A job whose process dies mid-run is resumed by the next process, with identical output."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import httpx

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


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pids: list[int]) -> list[int]:
    return [pid for pid in pids if Path(f"/proc/{pid}").exists()]


async def _until_gone(pids: list[int], timeout_s: float = 10.0) -> None:
    for _ in range(int(timeout_s * 10)):
        alive = _alive(pids)
        if not alive:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"orphaned processes still running: {alive}")


FAST_RECOVERY = {
    "PATIENTGEN_JOB_STALE_AFTER_S": "2",
    "PATIENTGEN_JOB_RECOVERY_INTERVAL_S": "0.5",
    "PATIENTGEN_GENERATION": "process",  # also proves worker processes die with their server
}


async def test_restart_while_running_resumes_from_last_batch(pg_engine, server_env, tmp_path):
    key = await new_key(pg_engine, "restart")
    env = {**server_env, **FAST_RECOVERY, "PATIENTGEN_DATA_DIR": str(tmp_path)}
    scenario = scenario_json()
    patients, seed = 150_000, 99

    with start_server(env) as first:
        async with httpx.AsyncClient(base_url=first.api, timeout=30) as client:
            created = await client.post(
                "/jobs",
                json={"scenario": scenario, "patients": patients, "seed": seed, "batch_size": 1000},
                headers=key,
            )
            job_id = created.json()["id"]
            await read_events(client, f"/jobs/{job_id}/events", key, stop_after=3)
        workers = _children(first.process.pid)
        assert workers, "the server generates in worker processes"
        os.kill(first.process.pid, signal.SIGKILL)  # no shutdown hooks: a real crash
        first.process.wait()
    await _until_gone(workers)  # generation workers must not outlive their server

    interrupted = await row_count(pg_engine, job_id)
    assert 0 < interrupted < patients, "the crash must hit mid-job for this test to mean anything"

    with start_server(env) as second:
        async with httpx.AsyncClient(base_url=second.api, timeout=30) as client:
            final = await wait_for_status(client, f"/jobs/{job_id}", key, timeout_s=120)
            frames = await read_events(client, f"/jobs/{job_id}/events", key)
    assert final["status"] == "completed", final
    assert final["generated"] == patients == await row_count(pg_engine, job_id)
    assert frames[-1].event == "completed"
    digest, indices = await stored_ndjson_digest(pg_engine, job_id)
    assert indices == list(range(patients))
    assert digest == offline_ndjson_digest(scenario, patients, seed)
