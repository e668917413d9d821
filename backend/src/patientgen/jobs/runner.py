"""The in-process job runner (embedded default): one asyncio task per job, plus a recovery loop
that resumes jobs a dead process left behind."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Protocol

from patientgen.jobs.execution import JobExecutor
from patientgen.storage.repositories.jobs import JobRepository
from patientgen.storage.tables import utcnow

log = logging.getLogger("patientgen.jobs")

_STOP_WAIT_S = 10.0  # how long a stopping runner waits for its jobs' current batch


class JobRunner(Protocol):
    async def start(self) -> None: ...
    async def submit(self, job_id: uuid.UUID) -> None: ...
    async def cancel(self, job_id: uuid.UUID) -> None: ...
    async def stop(self) -> None: ...
    async def health(self) -> dict:
        """For GET /health: {"backend": …} plus what the runner knows; raises if unreachable."""
        ...


class InProcessRunner:
    """Runs jobs as tasks of this process. With a ``capacity`` (a worker process), at most that
    many run at once and recovery only takes what fits."""

    def __init__(
        self,
        executor: JobExecutor,
        *,
        recovery_interval_s: float,
        capacity: int | None = None,
        recover_via: Callable[[uuid.UUID], Awaitable[None]] | None = None,
    ) -> None:
        self.executor = executor
        self.recovery_interval_s = recovery_interval_s
        self.capacity = capacity
        # How a recovered job is started: here (default), or through the worker's queue, so that
        # the queue's own limit stays the one gate on how many jobs this worker runs.
        self._recover_via = recover_via or self.submit
        self._slots = asyncio.Semaphore(capacity) if capacity else None
        self._tasks: dict[uuid.UUID, asyncio.Task] = {}
        self._cancel_events: dict[uuid.UUID, asyncio.Event] = {}
        self._stopping = asyncio.Event()
        self._recovery: asyncio.Task | None = None

    async def start(self) -> None:
        self._recovery = asyncio.create_task(self._recover_forever(), name="job-recovery")

    async def submit(self, job_id: uuid.UUID) -> None:
        if job_id in self._tasks:
            return
        cancel_event = asyncio.Event()
        self._cancel_events[job_id] = cancel_event
        task = asyncio.create_task(self._execute(job_id, cancel_event), name=f"job-{job_id}")
        self._tasks[job_id] = task

    async def health(self) -> dict:
        return {"backend": "inprocess", "running_jobs": len(self._tasks)}

    async def run(self, job_id: uuid.UUID) -> None:
        """Runs the job (or joins its run already under way) until it ends here."""
        await self.submit(job_id)
        task = self._tasks.get(job_id)
        if task is not None:
            await task

    async def _execute(self, job_id: uuid.UUID, cancel_event: asyncio.Event) -> None:
        try:
            if self._slots is None:
                ended = await self.executor.run(job_id, cancel_event, self._stopping)
            else:
                async with self._slots:
                    ended = await self.executor.run(job_id, cancel_event, self._stopping)
            # After the slot is free: the next job starts while this one's statistics are made.
            if ended is not None:
                await self.executor.store_statistics(ended)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("runner could not execute job %s", job_id)
        finally:
            self._tasks.pop(job_id, None)
            self._cancel_events.pop(job_id, None)

    async def cancel(self, job_id: uuid.UUID) -> None:
        # The database flag (set by the caller) reaches any process; this just skips the wait.
        event = self._cancel_events.get(job_id)
        if event is not None:
            event.set()

    async def stop(self) -> None:
        """Running jobs stop after the batch being written (a cooperative flag: cancelling a task
        mid-COPY can be lost inside the driver), then are released for another runner."""
        held = list(self._tasks)
        self._stopping.set()
        if self._recovery is not None:
            self._recovery.cancel()
        jobs = list(self._tasks.values())
        if jobs:
            _, late = await asyncio.wait(jobs, timeout=_STOP_WAIT_S)
            for task in late:  # a batch stuck on the database: interrupt it
                task.cancel()
        for task in [*jobs, *([self._recovery] if self._recovery else [])]:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if held:
            try:
                await self.executor.release(held)
            except Exception:  # they are resumed after the stale delay instead
                log.exception("could not release running jobs on shutdown")
        pool = self.executor.generation_pool
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    async def _recover_forever(self) -> None:
        while True:
            try:
                await self.recover_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("job recovery pass failed")
            await asyncio.sleep(self.recovery_interval_s)

    async def recover_once(self) -> list[uuid.UUID]:
        stale_before = utcnow() - timedelta(seconds=self.executor.stale_after_s)
        async with self.executor.sessions() as session:
            candidates = await JobRepository(session).recoverable_ids(stale_before)
        taken = [job_id for job_id in candidates if job_id not in self._tasks]
        if self.capacity is not None:
            taken = taken[: max(self.capacity - len(self._tasks), 0)]
        for job_id in taken:
            log.info("recovering job %s left by a stopped process", job_id)
            await self._recover_via(job_id)
        return taken
