"""Server-Sent Events framing for job progress: bus → bytes. No routes and no database here.

The route wraps `job_event_stream` in a streaming response. The stream replays what the bus kept
after `Last-Event-ID`, follows live events, pings when idle, and ends after a terminal event or
after `max_duration_s` (capping a connection's life; the browser's EventSource reconnects with
`Last-Event-ID` and resumes without gaps or repeats).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Awaitable, Callable

import orjson

from patientgen.jobs.events import EventBus, JobEvent

RETRY = b"retry: 2000\n\n"  # EventSource reconnect delay, ms
PING = b": ping\n\n"  # an SSE comment: keeps proxies from closing an idle connection
_MAX_ID = 2**63 - 1

TerminalFallback = Callable[[], Awaitable[JobEvent | None]]


def format_event(event: JobEvent) -> bytes:
    # orjson output is compact and escapes newlines, so the payload is always one `data:` line.
    return b"id: %d\nevent: %s\ndata: %s\n\n" % (
        event.id,
        event.event.encode(),
        orjson.dumps(event.data),
    )


def parse_last_event_id(header: str | None, query: str | None) -> int:
    """The id to resume after: the `Last-Event-ID` header wins over a query parameter (for
    clients that can't set headers). Anything but a non-negative decimal integer means 0."""
    raw = header if header not in (None, "") else query
    if raw is None:
        return 0
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit()):
        return 0
    value = int(raw)
    return value if value <= _MAX_ID else 0


async def job_event_stream(
    bus: EventBus,
    job_id: str,
    *,
    last_event_id: int,
    ping_interval_s: float = 15.0,
    max_duration_s: float = 3600.0,
    terminal_fallback: TerminalFallback | None = None,
) -> AsyncGenerator[bytes]:
    """`retry:`, then the events after `last_event_id`, then live events with pings when idle.

    Stops right after yielding a terminal event, or once `max_duration_s` has passed.
    `terminal_fallback` is asked after every idle wait (and once at the start when the bus has
    nothing new); if it returns an event — the job already ended but the bus lost its events, e.g.
    the memory bus after a restart — that event is yielded and the stream ends.

    No task is created here: every wait is a plain await inside this generator, so `aclose()`, a
    client disconnect or a cancellation unwinds it completely.
    """
    yield RETRY
    loop = asyncio.get_running_loop()
    deadline = loop.time() + max_duration_s
    after = last_event_id
    # An id from the future (the bus lost its state: memory bus restarted, Redis keys expired)
    # would otherwise wait for ids that may never come: replay what is kept instead.
    newest = await bus.last_id(job_id)
    if newest is not None and after > newest:  # None: the bus can't tell; keep the client's id
        after = 0

    timeout_s = 0.0  # first read: just what's there, so the fallback is checked right away
    while True:
        events = await bus.read(job_id, after, timeout_s=timeout_s)
        for event in events:
            yield format_event(event)
            after = event.id
            if event.is_terminal:
                return
        if not events and terminal_fallback is not None:
            ended = await terminal_fallback()
            if ended is not None:
                # The terminal event may have landed on the bus meanwhile: prefer the real ones.
                for event in await bus.read(job_id, after, timeout_s=0):
                    yield format_event(event)
                    if event.is_terminal:
                        return
                yield format_event(ended)
                return
        remaining = deadline - loop.time()
        if remaining <= 0:
            return
        if not events and timeout_s > 0:
            yield PING
        timeout_s = min(ping_interval_s, remaining)
