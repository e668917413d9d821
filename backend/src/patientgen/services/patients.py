"""Reading one job's patients: pages in index order, one record, one record as FHIR."""

from __future__ import annotations

import uuid

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from patientgen.exports import fhir
from patientgen.security import Principal
from patientgen.services import jobs as job_service
from patientgen.storage.repositories.patients import PatientFilter, PatientRepository


class PatientNotFoundError(LookupError):
    pass


async def page(
    session: AsyncSession,
    principal: Principal,
    job_id: uuid.UUID,
    where: PatientFilter,
    *,
    after: int,
    limit: int,
) -> list[tuple[int, str]]:
    """(index, stored JSON document) of the matching patients after `after`; raises
    JobNotFoundError for a job the caller cannot see."""
    await job_service.get(session, principal, job_id)
    return await PatientRepository(session).page(job_id, where, after=after, limit=limit)


async def document(
    session: AsyncSession, principal: Principal, job_id: uuid.UUID, index: int
) -> str:
    """The stored record (JSON text, the NDJSON line)."""
    await job_service.get(session, principal, job_id)
    found = await PatientRepository(session).document(job_id, index)
    if found is None:
        raise PatientNotFoundError(index)
    return found


async def fhir_bundle(
    session: AsyncSession, principal: Principal, job_id: uuid.UUID, index: int
) -> dict:
    """The patient as the FHIR R4 transaction Bundle a fhir-bundle export holds for it."""
    return fhir.bundle(orjson.loads(await document(session, principal, job_id, index)))
