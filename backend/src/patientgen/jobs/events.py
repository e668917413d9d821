"""Progress event bus: a short, capped, replayable log of events per job.

The job runner publishes one `progress` event per committed batch and one terminal event; SSE
clients read everything after the last id they saw and then wait for more. Ids are plain integers,
monotonic per job and starting at 1, so they work directly as SSE `id:` / `Last-Event-ID` values.

Two implementations behind one Protocol (like `patientgen.cache`):
- `MemoryEventBus`: a ring per job in this process (embedded default);
- `RedisEventBus`: a capped Redis Stream per job, shared by every API process and worker.

Both keep only the newest `max_events_per_job` events. A reader whose `after_id` is older than the
oldest kept event gets what is kept: trimmed events cannot be replayed. That is fine for progress,
where only the newest event matters and the terminal event is always the newest.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any, Protocol

import orjson

TERMINAL_EVENTS = frozenset({"completed", "failed", "cancelled"})
PROGRESS = "progress"


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

    async def last_id(self, job_id: str) -> int:
        """The newest id published for the job, 0 if none (or after delete)."""
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


# --- redis --------------------------------------------------------------------------------------

# INCR and XADD in one script: atomic, so ids are handed out and appended in the same order even
# with several publishers (a reader can never see id n+1 before n), and XADD never rejects an id
# as smaller than the stream's top. `0-<n>` makes stream ids plain integers.
_PUBLISH_LUA = """
local n = redis.call('INCR', KEYS[2])
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '0-' .. n, 'e', ARGV[2], 'd', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return n
"""

DEFAULT_TTL_S = 7 * 24 * 3600


class RedisEventBus:
    """A capped Redis Stream per job (`XADD MAXLEN ~ N`) plus an INCR counter for the ids.

    Ids survive a process restart and are shared by every publisher. Both keys expire `ttl_s` after
    the last publish, so finished jobs don't grow Redis forever. Trimming is approximate (`~`):
    Redis drops whole internal nodes, so a stream may hold up to ~100 events more than the cap.

    Blocking reads: `XREAD BLOCK` holds its connection for the whole wait, so reads use a dedicated
    `BlockingConnectionPool` (`max_readers` connections, no socket timeout) separate from the
    `client` used for publishing: waiting SSE clients can never starve the job runner or the cache.
    Past `max_readers` concurrent waits, a read queues for a free connection and returns [] at its
    timeout (the SSE stream then just pings). One connection per waiting reader is simple and fine
    for hundreds of clients per process; a per-process fan-out reader would be the next step.

    The bus owns `client` and closes it in `close()`.
    """

    def __init__(
        self,
        client: Any,
        prefix: str,
        *,
        max_events_per_job: int = 1000,
        ttl_s: int = DEFAULT_TTL_S,
        max_readers: int = 1000,
    ) -> None:
        from redis.asyncio import BlockingConnectionPool, Redis

        self._redis = client
        self._prefix = prefix
        self._max_events = max_events_per_job
        self._ttl_s = ttl_s
        self._publish = client.register_script(_PUBLISH_LUA)
        source = client.connection_pool
        kwargs = dict(source.connection_kwargs)
        # The BLOCK argument bounds each read; a socket timeout shorter than it would break reads.
        kwargs.update(socket_timeout=None, decode_responses=False)
        self.read_pool = BlockingConnectionPool(
            connection_class=source.connection_class,
            max_connections=max_readers,
            timeout=None,  # queue for a connection; the read's own timeout bounds the wait
            **kwargs,
        )
        self._reader = Redis(connection_pool=self.read_pool)

    def _keys(self, job_id: str) -> tuple[str, str]:
        # The hash tag {job_id} keeps both keys in one slot, as the Lua script needs on a cluster.
        base = f"{self._prefix}events:{{{job_id}}}"
        return f"{base}:stream", f"{base}:seq"

    async def publish(self, job_id: str, event: str, data: dict) -> int:
        stream, seq = self._keys(job_id)
        args = [self._max_events, event, orjson.dumps(data), self._ttl_s]
        return int(await self._publish(keys=[stream, seq], args=args))

    async def read(self, job_id: str, after_id: int, *, timeout_s: float) -> list[JobEvent]:
        stream, _ = self._keys(job_id)
        block = max(1, round(timeout_s * 1000)) if timeout_s > 0 else None
        try:
            # Backstop for a dead server or a queue for a pooled connection; normally XREAD's
            # BLOCK returns first. Cancellation inside XREAD makes redis-py drop that connection
            # (its reply would be stale) and release it to the pool, so nothing stays checked out.
            async with asyncio.timeout(max(timeout_s, 0) + 2.0):
                reply = await self._reader.xread({stream: f"0-{after_id}"}, block=block)
        except TimeoutError:
            return []
        return [_decode_entry(entry_id, fields) for entry_id, fields in _entries(reply)]

    async def last_id(self, job_id: str) -> int:
        value = await self._redis.get(self._keys(job_id)[1])
        return int(value) if value is not None else 0

    async def delete(self, job_id: str) -> None:
        await self._redis.delete(*self._keys(job_id))

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self._reader.aclose()
        await self.read_pool.disconnect()
        await self._redis.aclose()


def _entries(reply: Any) -> list[tuple[bytes, dict]]:
    # RESP2: [[stream, [(id, fields), ...]]]; RESP3: {stream: [[id, fields], ...]}.
    if not reply:
        return []
    streams = reply.values() if isinstance(reply, dict) else (entries for _, entries in reply)
    return [(entry[0], entry[1]) for entries in streams for entry in entries]


def _decode_entry(entry_id: bytes, fields: dict) -> JobEvent:
    return JobEvent(
        id=int(entry_id.rsplit(b"-", 1)[1]),
        event=fields[b"e"].decode(),
        data=orjson.loads(fields[b"d"]),
    )


def create_event_bus(redis_url: str, *, prefix: str, max_events_per_job: int = 1000) -> EventBus:
    """Redis when a URL is configured, else the in-process ring (embedded default)."""
    if redis_url:
        from redis.asyncio import Redis

        client = Redis.from_url(redis_url, socket_connect_timeout=5, socket_timeout=5)
        return RedisEventBus(client, prefix, max_events_per_job=max_events_per_job)
    return MemoryEventBus(max_events_per_job)
