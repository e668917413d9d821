"""Job use cases: submit (validated, quota-checked, the scenario snapshotted), read (cached),
list, cancel, delete (cancelling and waiting first). Routers only parse, authorise and shape."""

from __future__ import annotations

import asyncio
import logging
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from patientgen.cache import CacheService
from patientgen.jobs.cache_keys import job_cache_key, job_cache_keys
from patientgen.jobs.events import EventBus
from patientgen.jobs.execution import terminal_event_data
from patientgen.jobs.runner import JobRunner
from patientgen.security import Principal
from patientgen.services import quotas
from patientgen.services import scenarios as scenario_service
from patientgen.services.quotas import Quota
from patientgen.simulation import Scenario
from patientgen.storage.repositories.jobs import JobRepository
from patientgen.storage.tables import JobRecord, JobStatus, as_utc

log = logging.getLogger("patientgen.jobs")

MAX_SEED = 2**63 - 1
JOB_CACHE_TTL_S = 30
DELETE_WAIT_S = 10.0


class JobNotFoundError(LookupError):
    pass


class JobStillStoppingError(RuntimeError):
    """Deleting a running job waits for it to stop; it did not within the wait."""


@dataclass(frozen=True)
class JobEffects:
    """What the job use cases touch besides the database."""

    runner: JobRunner
    cache: CacheService
    events: EventBus


def job_view(job: JobRecord, *, with_scenario: bool = False) -> dict[str, Any]:
    """The job as the API shows it (lists leave the scenario out: they never load it), in
    JSON-ready values: it is also what the cache keeps."""
    view: dict[str, Any] = {
        "id": str(job.id),
        "status": job.status,
        "scenario_id": job.scenario_id and str(job.scenario_id),
        "scenario_name": job.scenario_name,
        "patients": job.patients,
        "generated": job.generated,
        "batches": job.batches,
        "batch_size": job.batch_size,
        "seed": job.seed,
        "progress": round(job.generated / job.patients, 4) if job.patients else 0.0,
        "cancel_requested": job.cancel_requested,
        "error": job.error,
        "created_at": as_utc(job.created_at),
        "started_at": job.started_at and as_utc(job.started_at),
        "finished_at": job.finished_at and as_utc(job.finished_at),
    }
    if with_scenario:
        view["scenario"] = job.scenario_snapshot
    return view


async def create(
    session: AsyncSession,
    principal: Principal,
    *,
    scenario: Scenario | None,
    scenario_id: uuid.UUID | None,
    patients: int | None,
    seed: int | None,
    batch_size: int,
    quota: Quota,
) -> JobRecord:
    """Exactly one of `scenario` / `scenario_id` is given (the request model checks that).
    Raises ScenarioNotFoundError for a scenario the caller cannot see, QuotaExceededError when
    the key may not start it now."""
    if scenario_id is not None:
        record = await scenario_service.get(session, principal, scenario_id)
        scenario = Scenario.model_validate(record.definition)
    if scenario is None:
        raise ValueError("give exactly one of scenario or scenario_id")
    patients = patients if patients is not None else scenario.patients
    await quotas.check_new_job(session, principal, patients, quota)
    job = JobRecord(
        owner_key_id=principal.key_id,
        scenario_id=scenario_id,
        scenario_snapshot=scenario.model_dump(mode="json"),
        scenario_name=scenario.name,
        # A random seed is still recorded, so every job can be reproduced exactly.
        seed=seed if seed is not None else secrets.randbelow(2**31),
        patients=patients,
        batch_size=batch_size,
        status=JobStatus.QUEUED,
    )
    return await JobRepository(session).add(job)


async def submit(session: AsyncSession, effects: JobEffects, job: JobRecord) -> None:
    """Commits the new job and hands it to the runner. If the runner cannot take it now, the
    job stays `queued` and a recovery pass starts it later."""
    await session.commit()  # the runner must see the row
    try:
        await effects.runner.submit(job.id)
    except Exception:
        log.exception("could not hand job %s to the runner; recovery will start it", job.id)


async def get(session: AsyncSession, principal: Principal, job_id: uuid.UUID) -> JobRecord:
    job = await JobRepository(session).get_visible(job_id, principal.key_id, principal.is_admin)
    if job is None:
        raise JobNotFoundError(job_id)
    return job


async def detail(
    session: AsyncSession, cache: CacheService, principal: Principal, job_id: uuid.UUID
) -> dict[str, Any]:
    """The job with its scenario, from the cache while it has not changed (every change drops
    the entry; it lives `JOB_CACHE_TTL_S` at most)."""
    cached = await cache.get(job_cache_key(job_id))
    if cached is not None and (principal.is_admin or cached["owner"] == str(principal.key_id)):
        return cached["job"]
    job = await get(session, principal, job_id)
    view = job_view(job, with_scenario=True)
    entry = {"owner": str(job.owner_key_id), "job": view}
    await cache.set(job_cache_key(job_id), entry, ttl_s=JOB_CACHE_TTL_S)
    return view


async def list_page(
    session: AsyncSession, principal: Principal, *, limit: int, offset: int, status: str | None
) -> tuple[list[JobRecord], int]:
    return await JobRepository(session).list_visible(
        principal.key_id, principal.is_admin, limit=limit, offset=offset, status=status
    )


async def cancel(session: AsyncSession, effects: JobEffects, job: JobRecord) -> JobRecord:
    """A queued job ends `cancelled` at once; a running one after the batch being written."""
    repo = JobRepository(session)
    await repo.request_cancel(job.id)
    job = await _reread(repo, job.id)
    await session.commit()
    await effects.cache.invalidate(*job_cache_keys(job.id))
    if job.status == JobStatus.CANCELLED and job.started_at is None:
        # Never started, so no runner will announce the end: do it here.
        await effects.events.publish(str(job.id), job.status, terminal_event_data(job))
    await effects.runner.cancel(job.id)
    return job


async def delete(session: AsyncSession, effects: JobEffects, job: JobRecord) -> None:
    """Deletes the job and its patients; a running job is cancelled and waited for first.
    Raises JobStillStoppingError if it has not stopped within `DELETE_WAIT_S`."""
    if not JobStatus(job.status).is_terminal:
        job = await cancel(session, effects, job)
        job = await _until_stopped(session, job.id)
    if not JobStatus(job.status).is_terminal:
        raise JobStillStoppingError(str(job.id))
    await JobRepository(session).delete_with_patients(job.id)
    await session.commit()
    await effects.cache.invalidate(*job_cache_keys(job.id))
    await effects.events.delete(str(job.id))


async def _reread(repo: JobRepository, job_id: uuid.UUID) -> JobRecord:
    job = await repo.get(job_id)
    if job is None:  # deleted meanwhile by another request
        raise JobNotFoundError(job_id)
    return job


async def _until_stopped(session: AsyncSession, job_id: uuid.UUID) -> JobRecord:
    repo = JobRepository(session)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + DELETE_WAIT_S
    while True:
        job = await _reread(repo, job_id)
        await session.commit()  # end the read so the next one sees the runner's update
        if JobStatus(job.status).is_terminal or loop.time() > deadline:
            return job
        await asyncio.sleep(0.1)
