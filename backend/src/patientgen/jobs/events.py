"""Progress event bus: a short, capped, replayable log of events per job.

The job runner publishes one `progress` event per committed batch and one terminal event; SSE
clients read everything after the last id they saw and then wait for more. Ids are plain integers,
monotonic per job and starting at 1, so they work directly as SSE `id:` / `Last-Event-ID` values.

Two implementations behind one Protocol (like `patientgen.cache`):
- `MemoryEventBus`: a ring per job in this process (embedded default);
- `RedisEventBus` (jobs/redis_events.py): a capped Redis Stream per job, shared by every API
  process and worker.

Both keep only the newest `max_events_per_job` events. A reader whose `after_id` is older than the
oldest kept event gets what is kept: trimmed events cannot be replayed. That is fine for progress,
where only the newest event matters and the terminal event is always the newest.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Protocol

from pydantic import BaseModel, Field

from patientgen.storage.tables import TERMINAL_STATUSES, JobStatus

# A job's terminal event is named after the status it ended in.
TERMINAL_EVENTS = frozenset(status.value for status in TERMINAL_STATUSES)
PROGRESS = "progress"


class ProgressData(BaseModel):
    """The `data` of every job event: `progress` after each committed batch, then one terminal
    event (`completed`, `failed`, `cancelled`) whose `status` is the job's last."""

    generated: int = Field(description="Patients committed so far.")
    total: int
    batches: int
    rate: float = Field(description="Patients per second in this run (0 in a terminal event).")
    eta_s: float | None = Field(description="Seconds to go; null when unknown.")
    status: JobStatus = Field(description="`running` in progress events, else how it ended.")
    error: str | None = Field(None, description="Why a failed job failed.")

    def as_data(self) -> dict:
        return self.model_dump(
            exclude_none=False, exclude={"error"} if self.error is None else None
        )


@dataclass(frozen=True)
class JobEvent:
    id: int
    event: str
    data: dict

    @property
    def is_terminal(self) -> bool:
        return self.event in TERMINAL_EVENTS


class EventBus(Protocol):
    async def publish(self, job_id: str, event: str, data: dict) -> int:
        """Append an event; returns its id (the previous id + 1, the first being 1)."""
        ...

    async def read(self, job_id: str, after_id: int, *, timeout_s: float) -> list[JobEvent]:
        """Events with id > after_id, oldest first. If there are none yet, wait up to timeout_s
        (0 = don't wait) for new ones and return [] on timeout. Cancelling the wait is safe.
        Events already trimmed by the cap are gone: the result starts at the oldest kept one."""
        ...

    async def last_id(self, job_id: str) -> int | None:
        """The newest id published for the job, 0 if none (or after delete); None if the bus
        cannot tell right now (unreachable)."""
        ...

    async def delete(self, job_id: str) -> None: ...

    async def close(self) -> None: ...


# --- memory -------------------------------------------------------------------------------------


@dataclass
class _MemoryJob:
    ring: deque[JobEvent]
    last_id: int = 0
    readers: int = 0
    deleted: bool = False
    # Replaced by a fresh Event on every publish after waking everyone waiting on the old one, so a
    # reader that grabbed the current Event right after finding nothing can never miss a wake-up.
    wakeup: asyncio.Event = field(default_factory=asyncio.Event)

    def after(self, after_id: int) -> list[JobEvent]:
        if not self.ring or self.last_id <= after_id:
            return []
        # Ids in the ring are contiguous, so the start is arithmetic rather than a scan.
        start = max(0, after_id - self.ring[0].id + 1)
        return list(itertools.islice(self.ring, start, None))

    def wake(self) -> None:
        self.wakeup.set()
        self.wakeup = asyncio.Event()


class MemoryEventBus:
    """Per-process bus: a bounded ring per job and an asyncio.Event to wake readers.

    Memory is bounded by `max_events_per_job` per job and `max_jobs` jobs. Beyond `max_jobs`, the
    least recently published *finished* jobs (last event terminal, nobody reading) are forgotten;
    running jobs are never evicted, so their ids stay monotonic.
    """

    def __init__(self, max_events_per_job: int = 1000, *, max_jobs: int = 10_000) -> None:
        self._max_events = max_events_per_job
        self._max_jobs = max_jobs
        self._jobs: OrderedDict[str, _MemoryJob] = OrderedDict()

    def _job(self, job_id: str) -> _MemoryJob:
        job = self._jobs.get(job_id)
        if job is None:
            job = self._jobs[job_id] = _MemoryJob(ring=deque(maxlen=self._max_events))
        return job

    async def publish(self, job_id: str, event: str, data: dict) -> int:
        job = self._job(job_id)
        job.last_id += 1
        job.ring.append(JobEvent(job.last_id, event, data))
        self._jobs.move_to_end(job_id)
        job.wake()
        if len(self._jobs) > self._max_jobs:
            self._evict_finished()
        return job.last_id

    def _evict_finished(self) -> None:
        excess = len(self._jobs) - self._max_jobs
        victims = [
            job_id
            for job_id, job in self._jobs.items()
            if job.readers == 0 and job.ring and job.ring[-1].is_terminal
        ][:excess]
        for job_id in victims:
            del self._jobs[job_id]

    async def read(self, job_id: str, after_id: int, *, timeout_s: float) -> list[JobEvent]:
        job = self._job(job_id)
        events = job.after(after_id)
        if events or timeout_s <= 0:
            self._forget_if_unused(job_id, job)
            return events
        job.readers += 1
        try:
            # asyncio.timeout creates no task: cancelling the caller just unwinds this frame.
            async with asyncio.timeout(timeout_s):
                while not job.deleted:
                    await job.wakeup.wait()
                    events = job.after(after_id)
                    if events:
                        return events
        except TimeoutError:
            pass
        finally:
            job.readers -= 1
            self._forget_if_unused(job_id, job)
        return []

    def _forget_if_unused(self, job_id: str, job: _MemoryJob) -> None:
        # A read of an unknown job must not leave an empty entry behind forever.
        if job.readers == 0 and job.last_id == 0 and self._jobs.get(job_id) is job:
            del self._jobs[job_id]

    async def last_id(self, job_id: str) -> int:
        job = self._jobs.get(job_id)
        return job.last_id if job else 0

    async def delete(self, job_id: str) -> None:
        job = self._jobs.pop(job_id, None)
        if job is not None:
            job.deleted = True
            job.wake()  # blocked readers return [] now instead of at their timeout

    async def close(self) -> None:
        for job_id in list(self._jobs):
            await self.delete(job_id)


def create_event_bus(redis_url: str, *, prefix: str, max_events_per_job: int = 1000) -> EventBus:
    """Redis when a URL is configured, else the in-process ring (embedded default)."""
    if redis_url:
        from redis.asyncio import Redis

        from patientgen.jobs.redis_events import RedisEventBus

        client = Redis.from_url(redis_url, socket_connect_timeout=5, socket_timeout=5)
        return RedisEventBus(client, prefix, max_events_per_job=max_events_per_job)
    return MemoryEventBus(max_events_per_job)
