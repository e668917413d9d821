"""One EventBus suite, run against the in-memory ring and a real Redis Stream."""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest

from patientgen.jobs.events import (
    TERMINAL_EVENTS,
    JobEvent,
    MemoryEventBus,
    create_event_bus,
)
from patientgen.jobs.redis_events import RedisEventBus
from tests.support.events import delete_prefix, progress
from tests.support.tasks import settled

CAP = 20
REDIS_TRIM_SLACK = 100  # MAXLEN ~ trims whole stream nodes (100 entries by default)


@pytest.fixture(params=["memory", "redis"])
async def bus(request, redis_url, cache_prefix):
    if request.param == "memory":
        bus = MemoryEventBus(max_events_per_job=CAP)
        yield bus
        await bus.close()
        return
    from redis.asyncio import Redis

    prefix = f"{cache_prefix}events-{uuid.uuid4().hex[:6]}:"
    bus = RedisEventBus(Redis.from_url(redis_url), prefix, max_events_per_job=CAP, linger_s=0.05)
    try:
        yield bus
    finally:
        await bus.close()
        await delete_prefix(redis_url, prefix)


def job() -> str:
    return uuid.uuid4().hex


def in_use(bus) -> int:
    return bus.watcher_connections if isinstance(bus, RedisEventBus) else 0


async def test_ids_are_monotonic_from_one(bus):
    job_id = job()
    assert await bus.last_id(job_id) == 0
    ids = [await bus.publish(job_id, "progress", progress(i)) for i in range(5)]
    assert ids == [1, 2, 3, 4, 5]
    assert await bus.last_id(job_id) == 5


async def test_read_after_id_returns_exactly_the_later_events(bus):
    job_id = job()
    for i in range(6):
        await bus.publish(job_id, "progress", progress(i))
    await bus.publish(job_id, "completed", {"generated": 6})

    everything = await bus.read(job_id, 0, timeout_s=0)
    assert [e.id for e in everything] == [1, 2, 3, 4, 5, 6, 7]
    assert everything[0] == JobEvent(1, "progress", progress(0))
    assert everything[-1].event == "completed"
    assert everything[-1].event in TERMINAL_EVENTS
    for k in range(8):
        assert [e.id for e in await bus.read(job_id, k, timeout_s=0)] == list(range(k + 1, 8))


async def test_reading_in_steps_has_no_gaps_or_repeats(bus):
    job_id = job()
    seen: list[int] = []
    after = 0
    for i in range(10):
        await bus.publish(job_id, "progress", progress(i))
        if i % 3 == 0:
            events = await bus.read(job_id, after, timeout_s=0)
            seen += [e.id for e in events]
            after = events[-1].id
    seen += [e.id for e in await bus.read(job_id, after, timeout_s=0)]
    assert seen == list(range(1, 11))


async def test_blocked_reader_wakes_on_publish(bus):
    job_id = job()
    await bus.publish(job_id, "progress", progress(0))
    reader = asyncio.create_task(bus.read(job_id, 1, timeout_s=3.0))
    await asyncio.sleep(0.05)
    assert not reader.done()
    started = time.monotonic()
    await bus.publish(job_id, "progress", progress(1))
    events = await asyncio.wait_for(reader, 2.0)
    assert time.monotonic() - started < 0.5
    assert [e.id for e in events] == [2]


async def test_read_times_out_with_nothing(bus):
    started = time.monotonic()
    assert await bus.read(job(), 0, timeout_s=0.1) == []
    assert 0.08 <= time.monotonic() - started < 1.0


async def test_cancelling_a_blocked_read_leaks_nothing(bus):
    job_id = job()
    await bus.read(job_id, 0, timeout_s=0)  # warm up any connection so the baseline is fair
    before = asyncio.all_tasks()
    reader = asyncio.create_task(bus.read(job_id, 0, timeout_s=5.0))
    await asyncio.sleep(0.05)
    assert in_use(bus) == (1 if isinstance(bus, RedisEventBus) else 0)
    reader.cancel()
    with pytest.raises(asyncio.CancelledError):
        await reader
    await settled(before)
    assert asyncio.all_tasks() == before
    assert in_use(bus) == 0
    # The bus still works after the cancelled read.
    await bus.publish(job_id, "progress", progress(0))
    assert [e.id for e in await bus.read(job_id, 0, timeout_s=1.0)] == [1]


async def test_capping_keeps_the_newest_events(bus):
    job_id = job()
    total = 300
    for i in range(total):
        await bus.publish(job_id, "progress", progress(i))
    kept = await bus.read(job_id, 0, timeout_s=0)
    slack = REDIS_TRIM_SLACK if isinstance(bus, RedisEventBus) else 0
    assert CAP <= len(kept) <= CAP + slack
    # What's kept is the contiguous tail; a reader behind the cap gets it, from the oldest kept.
    assert [e.id for e in kept] == list(range(total - len(kept) + 1, total + 1))
    assert [e.id for e in await bus.read(job_id, total - 3, timeout_s=0)] == [298, 299, 300]
    assert await bus.publish(job_id, "completed", {}) == total + 1


async def test_jobs_are_isolated(bus):
    a, b = job(), job()
    await bus.publish(a, "progress", progress(1))
    await bus.publish(a, "progress", progress(2))
    await bus.publish(b, "failed", {"error": "x"})
    assert [e.data["generated"] for e in await bus.read(a, 0, timeout_s=0)] == [1, 2]
    assert [(e.id, e.event) for e in await bus.read(b, 0, timeout_s=0)] == [(1, "failed")]
    assert await bus.read(b, 1, timeout_s=0.05) == []


async def test_delete_removes_the_job(bus):
    job_id = job()
    await bus.publish(job_id, "progress", progress(1))
    await bus.delete(job_id)
    assert await bus.last_id(job_id) == 0
    assert await bus.read(job_id, 0, timeout_s=0) == []
    assert await bus.publish(job_id, "progress", progress(1)) == 1


async def test_redis_keys_expire_and_ids_survive_a_new_bus(redis_url, cache_prefix):
    from redis.asyncio import Redis

    prefix = f"{cache_prefix}events-{uuid.uuid4().hex[:6]}:"
    job_id = job()
    first = RedisEventBus(Redis.from_url(redis_url), prefix, ttl_s=60)
    second = RedisEventBus(Redis.from_url(redis_url), prefix, ttl_s=60)
    try:
        await first.publish(job_id, "progress", progress(1))
        await first.close()  # "process restart": ids continue from Redis
        assert await second.publish(job_id, "progress", progress(2)) == 2
        raw = Redis.from_url(redis_url)
        keys = [key async for key in raw.scan_iter(match=prefix + "*")]
        assert len(keys) == 2
        ttls = [await raw.ttl(key) for key in keys]
        assert all(0 < ttl <= 60 for ttl in ttls)
        await raw.aclose()
    finally:
        await second.close()
        await delete_prefix(redis_url, prefix)


async def test_concurrent_publishers_never_reuse_an_id(bus):
    job_id = job()
    ids = await asyncio.gather(*(bus.publish(job_id, "progress", progress(i)) for i in range(15)))
    assert sorted(ids) == list(range(1, 16))
    assert [e.id for e in await bus.read(job_id, 0, timeout_s=0)] == list(range(1, 16))


async def test_memory_bus_forgets_unknown_readers_and_old_finished_jobs():
    bus = MemoryEventBus(max_events_per_job=5, max_jobs=2)
    assert await bus.read("ghost", 0, timeout_s=0.01) == []
    assert "ghost" not in bus._jobs
    await bus.publish("done", "completed", {})
    await bus.publish("running-1", "progress", {})
    await bus.publish("running-2", "progress", {})
    assert set(bus._jobs) == {"running-1", "running-2"}  # only finished jobs are evicted


async def test_memory_delete_wakes_blocked_readers():
    bus = MemoryEventBus()
    reader = asyncio.create_task(bus.read("j", 0, timeout_s=3.0))
    await asyncio.sleep(0.01)
    started = time.monotonic()
    await bus.delete("j")
    assert await asyncio.wait_for(reader, 1.0) == []
    assert time.monotonic() - started < 0.5


async def test_create_event_bus_picks_the_backend(redis_url, cache_prefix):
    memory = create_event_bus("", prefix="x:")
    assert isinstance(memory, MemoryEventBus)
    await memory.close()
    redis_bus = create_event_bus(redis_url, prefix=f"{cache_prefix}factory:")
    assert isinstance(redis_bus, RedisEventBus)
    await redis_bus.close()


async def test_a_watcher_lingers_between_reads_then_closes(redis_url, cache_prefix):
    from redis.asyncio import Redis

    bus = RedisEventBus(Redis.from_url(redis_url), cache_prefix + "linger:", linger_s=0.3)
    job_id = job()
    try:
        reader = asyncio.create_task(bus.read(job_id, 0, timeout_s=5.0))
        await asyncio.sleep(0.05)
        first = bus._watches[job_id].task
        await bus.publish(job_id, "progress", progress(1))
        assert len(await reader) == 1
        # The reader comes back, as an SSE stream does after each event: same watcher.
        again = asyncio.create_task(bus.read(job_id, 1, timeout_s=5.0))
        await asyncio.sleep(0.05)
        assert bus._watches[job_id].task is first
        await bus.publish(job_id, "progress", progress(2))
        assert [e.id for e in await again] == [2]
        await asyncio.sleep(0.6)  # past the linger with nobody waiting
        assert bus.watcher_connections == 0
        assert job_id not in bus._watches
    finally:
        await bus.close()
