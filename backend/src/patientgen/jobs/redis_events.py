"""The progress bus on Redis: a capped Redis Stream per job, shared by every API process and
worker, read by any number of SSE clients through one blocking reader per watched job.

Reading: a reader first asks the stream for what is newer than its last id (XRANGE, on the
shared client). Only if nothing is, it waits to be woken by the job's *watcher*: one task and one
connection per job that someone in this process is waiting on, blocked in XREAD. Two hundred
clients of one job cost one Redis connection, not two hundred; and when the last of them leaves,
the watcher stops (after a short linger) and closes its connection, so nothing idles open.

Redis unreachable: publishing logs and drops the event (the job itself goes on: the database is
the record of its progress), reading returns nothing after its wait (SSE clients get pings, and
the terminal event from the database when the job ends); `last_id` answers None (unknown).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from typing import Any

import orjson
from redis.exceptions import RedisError

from patientgen.jobs.events import JobEvent

log = logging.getLogger("patientgen.events")

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
WATCH_BLOCK_MS = 10_000  # one XREAD's wait; the watcher then checks whether anyone still waits
# A watcher outlives its last waiter briefly: readers of a running job leave and come back after
# every batch, and should not open a new connection each time.
WATCH_LINGER_S = 2.0
_UNREACHABLE = (RedisError, OSError, asyncio.TimeoutError)
_WARN_EVERY_S = 30.0


@dataclass
class _Watch:
    """Who waits on one job in this process, and the task that wakes them."""

    waiters: int = 0
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task | None = None
    linger: asyncio.TimerHandle | None = None

    def wake(self) -> None:
        woken, self.changed = self.changed, asyncio.Event()
        woken.set()


class RedisEventBus:
    """Ids survive a process restart and are shared by every publisher. Both keys expire `ttl_s`
    after the last publish, so finished jobs don't grow Redis forever. Trimming is approximate
    (`~`): Redis drops whole internal nodes, so a stream may hold ~100 events more than the cap.

    The bus owns `client` and closes it in `close()`."""

    def __init__(
        self,
        client: Any,
        prefix: str,
        *,
        max_events_per_job: int = 1000,
        ttl_s: int = DEFAULT_TTL_S,
        linger_s: float = WATCH_LINGER_S,
    ) -> None:
        self._redis = client
        self.linger_s = linger_s
        self._prefix = prefix
        self._max_events = max_events_per_job
        self._ttl_s = ttl_s
        self._publish = client.register_script(_PUBLISH_LUA)
        # The watchers' connections: same server, no socket timeout (XREAD's BLOCK bounds it).
        source = client.connection_pool
        self._watch_kwargs = {
            **source.connection_kwargs,
            "socket_timeout": None,
            "decode_responses": False,
        }
        self._watch_class = source.connection_class
        self._watches: dict[str, _Watch] = {}
        self._last_warning = 0.0

    @property
    def watcher_connections(self) -> int:
        """Open blocking connections: one per job someone in this process is waiting on."""
        return sum(1 for w in self._watches.values() if w.task is not None and not w.task.done())

    def _keys(self, job_id: str) -> tuple[str, str]:
        # The hash tag {job_id} keeps both keys in one slot, as the Lua script needs on a cluster.
        base = f"{self._prefix}events:{{{job_id}}}"
        return f"{base}:stream", f"{base}:seq"

    def _warn(self, what: str, exc: BaseException) -> None:
        now = time.monotonic()
        if now - self._last_warning >= _WARN_EVERY_S:
            self._last_warning = now
            log.warning("progress bus (Redis) unreachable while %s: %s", what, type(exc).__name__)

    async def publish(self, job_id: str, event: str, data: dict) -> int:
        stream, seq = self._keys(job_id)
        args = [self._max_events, event, orjson.dumps(data), self._ttl_s]
        try:
            return int(await self._publish(keys=[stream, seq], args=args))
        except _UNREACHABLE as exc:
            self._warn("publishing", exc)
            return 0

    async def read(self, job_id: str, after_id: int, *, timeout_s: float) -> list[JobEvent]:
        try:
            events = await self._range(job_id, after_id)
            if events or timeout_s <= 0:
                return events
            watch = self._watches.setdefault(job_id, _Watch())
            watch.waiters += 1
            if watch.linger is not None:
                watch.linger.cancel()
                watch.linger = None
            try:
                if watch.task is None or watch.task.done():
                    watch.task = asyncio.create_task(self._watch(job_id, watch, after_id))
                changed = watch.changed
                # Again, now that a watcher exists: whatever lands from here on wakes us.
                events = await self._range(job_id, after_id)
                if events:
                    return events
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(timeout_s):
                        await changed.wait()
            finally:
                watch.waiters -= 1
                if watch.waiters == 0:
                    watch.linger = asyncio.get_running_loop().call_later(
                        self.linger_s, self._stop_if_idle, job_id, watch
                    )
            return await self._range(job_id, after_id)
        except _UNREACHABLE as exc:
            self._warn("reading", exc)
            await asyncio.sleep(max(timeout_s, 0))
            return []

    async def _range(self, job_id: str, after_id: int) -> list[JobEvent]:
        stream, _ = self._keys(job_id)
        reply = await self._redis.xrange(stream, min=f"0-{after_id + 1}", max="+")
        return [_decode_entry(entry_id, fields) for entry_id, fields in reply]

    async def _watch(self, job_id: str, watch: _Watch, after_id: int) -> None:
        from redis.asyncio import ConnectionPool, Redis

        stream, _ = self._keys(job_id)
        position = after_id
        kwargs = {**self._watch_kwargs, "client_name": f"patientgen-watch:{self._prefix}"}
        pool = ConnectionPool(connection_class=self._watch_class, max_connections=1, **kwargs)
        client = Redis(connection_pool=pool)
        try:
            while watch.waiters > 0:
                reply = await client.xread({stream: f"0-{position}"}, block=WATCH_BLOCK_MS)
                entries = _entries(reply)
                if entries:
                    position = int(entries[-1][0].rsplit(b"-", 1)[1])
                    watch.wake()
        except asyncio.CancelledError:
            raise
        except _UNREACHABLE as exc:
            self._warn("waiting", exc)
            watch.wake()  # the readers find out for themselves
        finally:
            with contextlib.suppress(Exception):
                await client.aclose()
            with contextlib.suppress(Exception):
                await pool.disconnect()

    def _stop_if_idle(self, job_id: str, watch: _Watch) -> None:
        watch.linger = None
        if watch.waiters == 0:
            self._stop_watching(job_id, watch)

    def _stop_watching(self, job_id: str, watch: _Watch) -> None:
        if self._watches.get(job_id) is watch:
            del self._watches[job_id]
        if watch.task is not None and not watch.task.done():
            watch.task.cancel()

    async def last_id(self, job_id: str) -> int | None:
        try:
            value = await self._redis.get(self._keys(job_id)[1])
        except _UNREACHABLE as exc:
            self._warn("reading", exc)
            return None
        return int(value) if value is not None else 0

    async def delete(self, job_id: str) -> None:
        try:
            await self._redis.delete(*self._keys(job_id))
        except _UNREACHABLE as exc:  # the keys expire on their own
            self._warn("deleting", exc)

    async def ping(self) -> bool:
        return bool(await self._redis.ping())

    async def close(self) -> None:
        tasks = [w.task for w in self._watches.values() if w.task is not None]
        for watch in self._watches.values():
            if watch.linger is not None:
                watch.linger.cancel()
        self._watches.clear()
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(BaseException):
                await task
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
