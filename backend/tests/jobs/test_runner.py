"""The in-process runner: it runs at most `capacity` jobs at once while the rest wait their turn,
frees a job's slot before its statistics are made, and resumes a job whose process died mid-run
(recovery pass) with identical output."""

from __future__ import annotations

import asyncio
import os
import signal
import uuid
from pathlib import Path

import httpx
import pytest

from patientgen.jobs.runner import InProcessRunner
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

# --- capacity (scheduling only: the executor is a stand-in) ---------------------------------------


class GatedExecutor:
    """Stands in for JobExecutor (pure scheduling logic): each job runs until released."""

    generation_pool = None
    stale_after_s = 60.0

    def __init__(self) -> None:
        self.running: set[uuid.UUID] = set()
        self.most_at_once = 0
        self.gate = asyncio.Event()
        self.statistics_gate = asyncio.Event()
        self.statistics_gate.set()
        self.summarising: set[uuid.UUID] = set()
        self.started: list[uuid.UUID] = []

    async def run(self, job_id: uuid.UUID, cancel_event=None, stop_event=None) -> uuid.UUID:
        self.running.add(job_id)
        self.started.append(job_id)
        self.most_at_once = max(self.most_at_once, len(self.running))
        await self.gate.wait()
        self.running.discard(job_id)
        return job_id  # "the job as it ended"

    async def store_statistics(self, job_id: uuid.UUID) -> None:
        self.summarising.add(job_id)
        await self.statistics_gate.wait()
        self.summarising.discard(job_id)


async def _until(condition, timeout_s: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout_s
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.01)


async def test_capacity_bounds_concurrent_jobs():
    executor = GatedExecutor()
    runner = InProcessRunner(executor, recovery_interval_s=60, capacity=2)
    jobs = [uuid.uuid4() for _ in range(5)]
    runs = [asyncio.create_task(runner.run(job)) for job in jobs]
    await _until(lambda: len(executor.running) == 2)
    await asyncio.sleep(0.1)  # time for a third to start, were the limit not kept
    assert len(executor.running) == 2, "two run, three wait for a slot"
    executor.gate.set()
    await asyncio.wait_for(asyncio.gather(*runs), timeout=5)
    assert executor.most_at_once == 2
    assert executor.running == set()


async def test_without_capacity_every_job_starts():
    executor = GatedExecutor()
    runner = InProcessRunner(executor, recovery_interval_s=60)
    jobs = [uuid.uuid4() for _ in range(5)]
    runs = [asyncio.create_task(runner.run(job)) for job in jobs]
    await _until(lambda: len(executor.started) == 5)
    assert executor.running == set(jobs), "all five at once: none waits for a slot"
    assert (await runner.health())["running_jobs"] == 5
    executor.gate.set()
    await asyncio.wait_for(asyncio.gather(*runs), timeout=5)
    assert executor.running == set()
    assert (await runner.health())["running_jobs"] == 0


async def test_a_slot_frees_before_the_ended_jobs_statistics_are_made():
    executor = GatedExecutor()
    executor.statistics_gate.clear()  # statistics take as long as we like
    runner = InProcessRunner(executor, recovery_interval_s=60, capacity=1)
    first, second = uuid.uuid4(), uuid.uuid4()
    runs = [asyncio.create_task(runner.run(job)) for job in (first, second)]
    await _until(lambda: executor.running == {first})
    executor.gate.set()
    # The first job's statistics are still being made, yet the second already runs.
    await _until(lambda: second in executor.started)
    assert first in executor.summarising
    assert executor.most_at_once == 1
    executor.statistics_gate.set()
    await asyncio.wait_for(asyncio.gather(*runs), timeout=5)
    assert executor.summarising == set()


# --- recovery (real servers, a killed process) ----------------------------------------------------


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


@pytest.mark.slow  # two servers, one killed mid-job, a 150,000-patient job resumed
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
