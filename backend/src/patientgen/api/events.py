"""`GET /jobs/{id}/events`: a job's live progress as Server-Sent Events."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, Query
from fastapi.responses import StreamingResponse
from prometheus_client import Gauge

from patientgen.api.deps import StateDep, VisibleJobDep
from patientgen.api.sse import job_event_stream, parse_last_event_id
from patientgen.services.job_events import ended_event

router = APIRouter(prefix="/jobs", tags=["jobs"])


async def _counted(stream: AsyncGenerator[bytes], gauge: Gauge) -> AsyncIterator[bytes]:
    gauge.inc()
    try:
        async for chunk in stream:
            yield chunk
    finally:
        gauge.dec()
        await stream.aclose()


@router.get(
    "/{job_id}/events",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def job_events(
    job: VisibleJobDep,
    state: StateDep,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
    last_event_id_query: Annotated[str | None, Query(alias="last_event_id")] = None,
) -> StreamingResponse:
    """Server-Sent Events: `progress` per committed batch, then one terminal event
    (`completed`, `failed` or `cancelled`) that ends the stream; each event's `data` is a
    `ProgressData` object (see the schemas). Resumes after `Last-Event-ID`."""
    # The job was checked on the request's session, which ends when this handler returns:
    # the stream itself holds no pooled connection.
    after = parse_last_event_id(last_event_id, last_event_id_query)

    async def terminal_fallback():
        return await ended_event(state.sessions, state.events, job.id, after)

    stream = job_event_stream(
        state.events,
        str(job.id),
        last_event_id=after,
        ping_interval_s=state.settings.sse_ping_interval_s,
        max_duration_s=state.settings.sse_max_connection_s,
        terminal_fallback=terminal_fallback,
    )
    return StreamingResponse(
        _counted(stream, state.open_streams),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
