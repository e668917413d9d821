"""Job use cases: create (validated, snapshotting the scenario), read, list, cancel, delete."""

from __future__ import annotations

import secrets
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from patientgen.security import Principal
from patientgen.services import quotas
from patientgen.services import scenarios as scenario_service
from patientgen.services.quotas import Quota
from patientgen.simulation import Scenario
from patientgen.storage.repositories.jobs import JobRepository
from patientgen.storage.tables import JobRecord, JobStatus

MAX_SEED = 2**63 - 1


class JobNotFoundError(LookupError):
    pass


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


async def get(session: AsyncSession, principal: Principal, job_id: uuid.UUID) -> JobRecord:
    job = await JobRepository(session).get_visible(job_id, principal.key_id, principal.is_admin)
    if job is None:
        raise JobNotFoundError(job_id)
    return job


async def stored_statistics(session: AsyncSession, job_id: uuid.UUID) -> dict | None:
    """The statistics stored with a finished job, if any (read apart: they are large)."""
    return await JobRepository(session).stored_statistics(job_id)


async def list_page(
    session: AsyncSession, principal: Principal, *, limit: int, offset: int, status: str | None
) -> tuple[list[JobRecord], int]:
    return await JobRepository(session).list_visible(
        principal.key_id, principal.is_admin, limit=limit, offset=offset, status=status
    )


async def request_cancel(
    session: AsyncSession, principal: Principal, job_id: uuid.UUID
) -> JobRecord:
    await get(session, principal, job_id)  # ownership check
    repo = JobRepository(session)
    await repo.request_cancel(job_id)
    return await repo.get(job_id)


async def delete(session: AsyncSession, job_id: uuid.UUID) -> None:
    await JobRepository(session).delete_with_patients(job_id)
