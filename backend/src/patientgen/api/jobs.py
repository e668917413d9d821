"""Generation jobs: create (202), list, read, cancel, delete, and live progress over SSE."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status
from fastapi.responses import StreamingResponse
from prometheus_client import Gauge
from pydantic import BaseModel, ConfigDict, Field

from patientgen.api.deps import PrincipalDep, SessionDep, StateDep
from patientgen.api.openapi import problems
from patientgen.api.pagination import LimitQuery, OffsetQuery, Page
from patientgen.api.problems import ProblemError
from patientgen.api.sse import job_event_stream, parse_last_event_id
from patientgen.api.types import UtcDatetime
from patientgen.jobs.cache_keys import job_cache_key, job_cache_keys
from patientgen.jobs.events import JobEvent
from patientgen.jobs.execution import terminal_event_data
from patientgen.jobs.pipeline import DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, MIN_BATCH_SIZE
from patientgen.services import jobs as job_service
from patientgen.services import scenarios as scenario_service
from patientgen.services.quotas import QuotaExceededError, quota_of
from patientgen.simulation import Scenario
from patientgen.storage.repositories.jobs import JobRepository
from patientgen.storage.tables import JobRecord, JobStatus

log = logging.getLogger("patientgen.api")

router = APIRouter(prefix="/jobs", tags=["jobs"])

MAX_PATIENTS = 100_000_000
JOB_CACHE_TTL_S = 30
DELETE_WAIT_S = 10.0


class JobCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scenario_id: uuid.UUID | None = Field(
        None, description="A saved scenario (or give `scenario`)."
    )
    scenario: Scenario | None = Field(None, description="An inline scenario (or `scenario_id`).")
    patients: int | None = Field(
        None, ge=1, le=MAX_PATIENTS, description="Defaults to the scenario's own count."
    )
    seed: int | None = Field(
        None, ge=0, le=job_service.MAX_SEED, description="Random (and recorded) when omitted."
    )
    batch_size: int = Field(DEFAULT_BATCH_SIZE, ge=MIN_BATCH_SIZE, le=MAX_BATCH_SIZE)


class JobOut(BaseModel):
    id: uuid.UUID
    status: JobStatus
    scenario_id: uuid.UUID | None
    scenario_name: str
    patients: int
    generated: int
    batches: int
    batch_size: int
    seed: int
    progress: float
    cancel_requested: bool
    error: str | None
    created_at: UtcDatetime
    started_at: UtcDatetime | None
    finished_at: UtcDatetime | None

    @classmethod
    def of(cls, job: JobRecord) -> JobOut:
        return cls(
            id=job.id,
            status=job.status,
            scenario_id=job.scenario_id,
            scenario_name=job.scenario_name,
            patients=job.patients,
            generated=job.generated,
            batches=job.batches,
            batch_size=job.batch_size,
            seed=job.seed,
            progress=round(job.generated / job.patients, 4) if job.patients else 0.0,
            cancel_requested=job.cancel_requested,
            error=job.error,
            created_at=job.created_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
        )


class JobDetail(JobOut):
    scenario: Scenario = Field(description="The scenario as it was when the job was created.")

    @classmethod
    def of(cls, job: JobRecord) -> JobDetail:
        return cls(**JobOut.of(job).model_dump(), scenario=job.scenario_snapshot)


def _not_found(job_id: uuid.UUID) -> ProblemError:
    return ProblemError(404, f"No job with id {job_id}.")


@router.post(
    "",
    response_model=JobDetail,
    status_code=status.HTTP_202_ACCEPTED,
    responses=problems(429),
)
async def create_job(
    body: JobCreate,
    principal: PrincipalDep,
    session: SessionDep,
    state: StateDep,
    response: Response,
) -> JobDetail:
    if (body.scenario_id is None) == (body.scenario is None):
        raise ProblemError(
            422,
            "Give exactly one of scenario_id or scenario.",
            errors=[{"field": "body.scenario_id", "message": "give scenario_id or scenario"}],
        )
    try:
        job = await job_service.create(
            session,
            principal,
            scenario=body.scenario,
            scenario_id=body.scenario_id,
            patients=body.patients,
            seed=body.seed,
            batch_size=body.batch_size,
            quota=quota_of(state.settings),
        )
    except QuotaExceededError as exc:
        raise ProblemError(
            429,
            exc.detail,
            errors=[{"field": exc.field, "message": "quota exceeded"}],
            headers={"Retry-After": str(exc.retry_after_s)},
        ) from None
    except scenario_service.ScenarioNotFoundError:
        raise ProblemError(
            422,
            f"No scenario with id {body.scenario_id}.",
            errors=[{"field": "body.scenario_id", "message": "unknown scenario"}],
        ) from None
    await session.commit()  # the runner must see the row
    try:
        await state.runner.submit(job.id)
    except Exception:  # the job is stored `queued`: the recovery pass starts it later
        log.exception("could not hand job %s to the runner; recovery will start it", job.id)
    response.headers["Location"] = f"{router.prefix}/{job.id}"
    return JobDetail.of(job)


@router.get("", response_model=Page[JobOut])
async def list_jobs(
    principal: PrincipalDep,
    session: SessionDep,
    limit: LimitQuery = 50,
    offset: OffsetQuery = 0,
    status_filter: Annotated[JobStatus | None, Query(alias="status")] = None,
) -> Page[JobOut]:
    jobs, total = await job_service.list_page(
        session, principal, limit=limit, offset=offset, status=status_filter
    )
    return Page(items=[JobOut.of(j) for j in jobs], total=total, limit=limit, offset=offset)


@router.get("/{job_id}", response_model=JobDetail)
async def get_job(
    job_id: uuid.UUID, principal: PrincipalDep, session: SessionDep, state: StateDep
) -> JobDetail | dict:
    cached = await state.cache.get(job_cache_key(job_id))
    if cached is not None and (principal.is_admin or cached["owner"] == str(principal.key_id)):
        return cached["job"]
    try:
        job = await job_service.get(session, principal, job_id)
    except job_service.JobNotFoundError:
        raise _not_found(job_id) from None
    detail = JobDetail.of(job)
    await state.cache.set(
        job_cache_key(job_id),
        {"owner": str(job.owner_key_id), "job": detail.model_dump(mode="json")},
        ttl_s=JOB_CACHE_TTL_S,
    )
    return detail


@router.post("/{job_id}/cancel", response_model=JobOut, status_code=status.HTTP_202_ACCEPTED)
async def cancel_job(
    job_id: uuid.UUID, principal: PrincipalDep, session: SessionDep, state: StateDep
) -> JobOut:
    try:
        job = await job_service.request_cancel(session, principal, job_id)
    except job_service.JobNotFoundError:
        raise _not_found(job_id) from None
    await session.commit()
    await state.cache.invalidate(*job_cache_keys(job_id))
    if job.status == JobStatus.CANCELLED and job.started_at is None:
        # Never started, so no runner will announce the end: do it here.
        await state.events.publish(str(job_id), job.status, terminal_event_data(job))
    await state.runner.cancel(job_id)
    return JobOut.of(job)


@router.delete("/{job_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problems(409))
async def delete_job(
    job_id: uuid.UUID, principal: PrincipalDep, session: SessionDep, state: StateDep
) -> Response:
    """Deletes the job and its patients; a running job is cancelled first."""
    try:
        job = await job_service.get(session, principal, job_id)
        if not JobStatus(job.status).is_terminal:
            await job_service.request_cancel(session, principal, job_id)
            await session.commit()
            await state.runner.cancel(job_id)
            job = await _wait_until_stopped(session, job_id)
    except job_service.JobNotFoundError:
        raise _not_found(job_id) from None
    if not JobStatus(job.status).is_terminal:
        raise ProblemError(409, "The job is still stopping; try again in a few seconds.")
    await job_service.delete(session, job_id)
    await session.commit()
    await state.cache.invalidate(*job_cache_keys(job_id))
    await state.events.delete(str(job_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


async def _wait_until_stopped(session, job_id: uuid.UUID) -> JobRecord:
    repo = JobRepository(session)
    deadline = asyncio.get_running_loop().time() + DELETE_WAIT_S
    while True:
        job = await repo.get(job_id)
        await session.commit()  # end the read so the next one sees the runner's update
        if JobStatus(job.status).is_terminal or asyncio.get_running_loop().time() > deadline:
            return job
        await asyncio.sleep(0.1)


async def _counted(stream: AsyncIterator[bytes], gauge: Gauge) -> AsyncIterator[bytes]:
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
    job_id: uuid.UUID,
    principal: PrincipalDep,
    session: SessionDep,
    state: StateDep,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
    last_event_id_query: Annotated[str | None, Query(alias="last_event_id")] = None,
) -> StreamingResponse:
    """Server-Sent Events: `progress` per committed batch, then one terminal event
    (`completed`, `failed` or `cancelled`) that ends the stream; each event's `data` is a
    `ProgressData` object (see the schemas). Resumes after `Last-Event-ID`."""
    # The request's session ends when this handler returns, before the stream begins: a long
    # stream holds no pooled connection (the fallback below borrows one briefly when needed).
    try:
        await job_service.get(session, principal, job_id)
    except job_service.JobNotFoundError:
        raise _not_found(job_id) from None
    after = parse_last_event_id(last_event_id, last_event_id_query)

    async def terminal_fallback() -> JobEvent | None:
        # If the job has ended but the bus lost its events (e.g. in-memory bus after a restart),
        # the database still knows the outcome.
        async with state.sessions() as fresh:
            job = await JobRepository(fresh).get(job_id)
        if job is None or not JobStatus(job.status).is_terminal:
            return None
        next_id = max(after, await state.events.last_id(str(job_id)) or 0) + 1
        return JobEvent(id=next_id, event=job.status, data=terminal_event_data(job))

    stream = job_event_stream(
        state.events,
        str(job_id),
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
