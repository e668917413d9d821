"""A worker's runner runs at most `capacity` jobs at once; the rest wait their turn."""

from __future__ import annotations

import asyncio
import uuid

from patientgen.jobs.runner import InProcessRunner


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
    runs = [asyncio.create_task(runner.run(uuid.uuid4())) for _ in range(5)]
    await _until(lambda: len(executor.running) == 5)
    executor.gate.set()
    await asyncio.wait_for(asyncio.gather(*runs), timeout=5)


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
