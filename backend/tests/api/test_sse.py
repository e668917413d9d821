"""job_event_stream over both buses: framing, replay, live follow, pings, fallback, no leaks."""

from __future__ import annotations

import asyncio
import time
import uuid

import orjson
import pytest

from patientgen.api.sse import (
    PING,
    RETRY,
    format_event,
    job_event_stream,
    parse_last_event_id,
)
from patientgen.jobs.events import JobEvent, MemoryEventBus
from patientgen.jobs.redis_events import RedisEventBus
from tests.support.events import delete_prefix, progress
from tests.support.tasks import settled


@pytest.fixture(params=["memory", "redis"])
async def bus(request, redis_url, cache_prefix):
    if request.param == "memory":
        bus = MemoryEventBus()
        yield bus
        await bus.close()
        return
    from redis.asyncio import Redis

    prefix = f"{cache_prefix}sse-{uuid.uuid4().hex[:6]}:"
    bus = RedisEventBus(Redis.from_url(redis_url), prefix, linger_s=0.05)
    try:
        yield bus
    finally:
        await bus.close()
        await delete_prefix(redis_url, prefix)


async def collect(stream, *, within_s: float = 3.0) -> list[bytes]:
    frames = []
    async with asyncio.timeout(within_s):
        async for frame in stream:
            frames.append(frame)
    return frames


def ids(frames: list[bytes]) -> list[int]:
    return [int(f.split(b"\n", 1)[0].removeprefix(b"id: ")) for f in frames if f.startswith(b"id:")]


def in_use(bus) -> int:
    return bus.watcher_connections if isinstance(bus, RedisEventBus) else 0


def test_format_event_is_one_sse_frame():
    event = JobEvent(7, "progress", {"generated": 5, "status": "running\nx"})
    frame = format_event(event)
    assert frame == b'id: 7\nevent: progress\ndata: {"generated":5,"status":"running\\nx"}\n\n'
    assert frame.count(b"\n\n") == 1


@pytest.mark.parametrize(
    ("header", "query", "expected"),
    [
        (None, None, 0),
        ("5", None, 5),
        (None, "9", 9),
        ("5", "9", 5),
        ("", "9", 9),
        (" 12 ", None, 12),
        ("-3", "9", 0),
        ("abc", None, 0),
        ("1.5", None, 0),
        ("٣", None, 0),  # a non-ASCII digit
        ("9" * 30, None, 0),
    ],
)
def test_parse_last_event_id(header, query, expected):
    assert parse_last_event_id(header, query) == expected


async def test_stream_follows_a_live_job_and_ends_after_the_terminal_event(bus):
    job_id = uuid.uuid4().hex

    async def producer():
        for i in range(1, 4):
            await asyncio.sleep(0.02)
            await bus.publish(job_id, "progress", progress(i))
        await bus.publish(job_id, "completed", {"generated": 3})
        await bus.publish(job_id, "progress", progress(99))  # never seen: the stream has ended

    task = asyncio.create_task(producer())
    frames = await collect(job_event_stream(bus, job_id, last_event_id=0, ping_interval_s=1.0))
    await task
    assert frames[0] == RETRY
    events = [f for f in frames[1:] if f != PING]
    assert ids(events) == [1, 2, 3, 4]
    assert [orjson.loads(f.split(b"data: ")[1])["generated"] for f in events] == [1, 2, 3, 3]
    assert events[-1].startswith(b"id: 4\nevent: completed\n")
    assert frames[-1] == events[-1]


async def test_reconnect_with_last_event_id_resumes_without_gaps_or_repeats(bus):
    job_id = uuid.uuid4().hex
    for i in range(1, 6):
        await bus.publish(job_id, "progress", progress(i))

    # First connection: read the replay up to id 3, then the client drops.
    first = job_event_stream(bus, job_id, last_event_id=0, ping_interval_s=1.0)
    seen = [await anext(first) for _ in range(4)]
    await first.aclose()
    assert ids(seen) == [1, 2, 3]

    async def producer():
        await asyncio.sleep(0.05)
        await bus.publish(job_id, "progress", progress(6))
        await bus.publish(job_id, "completed", {"generated": 6})

    task = asyncio.create_task(producer())
    second = await collect(job_event_stream(bus, job_id, last_event_id=3, ping_interval_s=1.0))
    await task
    assert second[0] == RETRY
    assert ids(second) == [4, 5, 6, 7]
    assert ids(seen) + ids(second) == list(range(1, 8))


async def test_a_finished_job_replays_and_ends_at_once(bus):
    job_id = uuid.uuid4().hex
    await bus.publish(job_id, "progress", progress(1))
    await bus.publish(job_id, "failed", {"error": "boom"})
    started = time.monotonic()
    frames = await collect(job_event_stream(bus, job_id, last_event_id=0))
    assert time.monotonic() - started < 0.5
    assert ids(frames) == [1, 2]
    assert await collect(job_event_stream(bus, job_id, last_event_id=1)) == [
        RETRY,
        frames[-1],
    ]


async def test_last_event_id_from_the_future_replays_what_is_kept(bus):
    job_id = uuid.uuid4().hex
    await bus.publish(job_id, "progress", progress(1))
    await bus.publish(job_id, "completed", {})
    frames = await collect(job_event_stream(bus, job_id, last_event_id=57))
    assert ids(frames) == [1, 2]


async def test_pings_when_idle(bus):
    stream = job_event_stream(bus, uuid.uuid4().hex, last_event_id=0, ping_interval_s=0.05)
    try:
        async with asyncio.timeout(2.0):
            frames = [await anext(stream) for _ in range(3)]
    finally:
        await stream.aclose()
    # what a client receives: the reconnect delay, then SSE comments it ignores
    assert frames == [RETRY, b": ping\n\n", b": ping\n\n"]


async def test_terminal_fallback_ends_the_stream(bus):
    job_id = uuid.uuid4().hex
    ended = JobEvent(3, "completed", {"generated": 10})
    calls = 0

    async def fallback() -> JobEvent | None:
        nonlocal calls
        calls += 1
        return ended if calls >= 3 else None  # "the database says the job has ended" on call 3

    frames = await collect(
        job_event_stream(
            bus, job_id, last_event_id=0, ping_interval_s=0.05, terminal_fallback=fallback
        )
    )
    # start (call 1, no ping yet), idle timeout (call 2, ping), idle timeout (call 3, ends)
    assert frames == [RETRY, PING, format_event(ended)]


async def test_terminal_fallback_prefers_events_on_the_bus(bus):
    job_id = uuid.uuid4().hex

    async def fallback() -> JobEvent | None:
        # The real terminal event lands while the route asks the database.
        await bus.publish(job_id, "cancelled", {"generated": 2})
        return JobEvent(99, "cancelled", {})

    frames = await collect(
        job_event_stream(bus, job_id, last_event_id=0, terminal_fallback=fallback)
    )
    assert frames == [RETRY, format_event(JobEvent(1, "cancelled", {"generated": 2}))]


async def test_max_duration_ends_the_stream(bus):
    started = time.monotonic()
    frames = await collect(
        job_event_stream(
            bus, uuid.uuid4().hex, last_event_id=0, ping_interval_s=0.05, max_duration_s=0.2
        )
    )
    elapsed = time.monotonic() - started
    assert 0.18 <= elapsed < 1.0
    assert frames[0] == RETRY
    assert set(frames[1:]) == {PING}


async def test_aclose_early_leaves_no_task(bus):
    job_id = uuid.uuid4().hex
    await bus.publish(job_id, "progress", progress(1))
    before = asyncio.all_tasks()
    stream = job_event_stream(bus, job_id, last_event_id=0, ping_interval_s=0.05)
    assert await anext(stream) == RETRY
    assert ids([await anext(stream)]) == [1]
    assert await anext(stream) == PING
    await stream.aclose()
    await settled(before)
    assert asyncio.all_tasks() == before
    assert in_use(bus) == 0


async def test_cancelled_consumer_leaks_no_task_or_connection(bus):
    # What a client disconnect looks like to the server: the task iterating the stream is
    # cancelled while the stream waits inside bus.read.
    job_id = uuid.uuid4().hex
    before = asyncio.all_tasks()
    frames: list[bytes] = []

    async def consume():
        async for frame in job_event_stream(bus, job_id, last_event_id=0, ping_interval_s=5.0):
            frames.append(frame)

    consumer = asyncio.create_task(consume())
    await asyncio.sleep(0.1)
    assert frames == [RETRY]
    assert in_use(bus) == (1 if isinstance(bus, RedisEventBus) else 0)
    consumer.cancel()
    with pytest.raises(asyncio.CancelledError):
        await consumer
    await settled(before)
    assert asyncio.all_tasks() == before
    assert in_use(bus) == 0
