"""Generation jobs: create (202), list, read, cancel, delete (progress: api/events.py)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field

from patientgen.api.deps import PrincipalDep, SessionDep, StateDep, VisibleJobDep
from patientgen.api.openapi import problems
from patientgen.api.pagination import LimitQuery, OffsetQuery, Page
from patientgen.api.problems import ProblemError
from patientgen.api.types import UtcDatetime
from patientgen.jobs.pipeline import DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, MIN_BATCH_SIZE
from patientgen.services import jobs as job_service
from patientgen.services import scenarios as scenario_service
from patientgen.services.quotas import QuotaExceededError, quota_of
from patientgen.simulation import Scenario
from patientgen.simulation.scenario import MAX_PATIENTS
from patientgen.storage.tables import JobStatus

router = APIRouter(prefix="/jobs", tags=["jobs"])


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
    """A job as lists show it (`services.jobs.job_view` builds it)."""

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


class JobDetail(JobOut):
    scenario: Scenario = Field(description="The scenario as it was when the job was created.")


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
) -> dict[str, Any]:
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
    await job_service.submit(session, state.job_effects, job)
    response.headers["Location"] = f"{router.prefix}/{job.id}"
    return job_service.job_view(job, with_scenario=True)


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
    items = [job_service.job_view(j) for j in jobs]
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.get("/{job_id}", response_model=JobDetail)
async def get_job(
    job_id: uuid.UUID, principal: PrincipalDep, session: SessionDep, state: StateDep
) -> dict:
    try:
        return await job_service.detail(session, state.cache, principal, job_id)
    except job_service.JobNotFoundError:
        raise ProblemError(404, f"No job with id {job_id}.") from None


@router.post("/{job_id}/cancel", response_model=JobOut, status_code=status.HTTP_202_ACCEPTED)
async def cancel_job(job: VisibleJobDep, session: SessionDep, state: StateDep) -> dict:
    return job_service.job_view(await job_service.cancel(session, state.job_effects, job))


@router.delete("/{job_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problems(409))
async def delete_job(job: VisibleJobDep, session: SessionDep, state: StateDep) -> Response:
    """Deletes the job and its patients; a running job is cancelled first."""
    try:
        await job_service.delete(session, state.job_effects, job)
    except job_service.JobStillStoppingError:
        raise ProblemError(409, "The job is still stopping; try again in a few seconds.") from None
    return Response(status_code=status.HTTP_204_NO_CONTENT)
