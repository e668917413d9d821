"""Reading one job's patients: pages in index order, one record, one record as FHIR."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from patientgen.exports import fhir, medevac
from patientgen.storage.repositories.patients import PatientFilter, PatientRepository
from patientgen.storage.tables import JobRecord


class PatientNotFoundError(LookupError):
    pass


async def page(
    session: AsyncSession, job: JobRecord, *, after: int, limit: int, **filters: Any
) -> list[tuple[int, str]]:
    """(index, stored JSON document) of the patients after `after`, in index order, that match
    the given filters (`nationality`, `front`, `triage`, `final_status`, `injury_type`, `day`,
    `facility`, `index`)."""
    where = PatientFilter(**filters)
    return await PatientRepository(session).page(job.id, where, after=after, limit=limit)


async def document(session: AsyncSession, job: JobRecord, index: int) -> str:
    """The stored record (JSON text, the NDJSON line)."""
    found = await PatientRepository(session).document(job.id, index)
    if found is None:
        raise PatientNotFoundError(index)
    return found


async def fhir_bundle(session: AsyncSession, job: JobRecord, index: int) -> dict:
    """The patient as the FHIR R4 transaction Bundle a fhir-bundle export holds for it."""
    return fhir.bundle(orjson.loads(await document(session, job, index)))


async def handovers(session: AsyncSession, job: JobRecord, index: int) -> list[dict[str, Any]]:
    """The MIST handover and 9-line MEDEVAC request of each of the patient's evacuation legs,
    exactly as in a `medevac` export."""
    return medevac.legs(orjson.loads(await document(session, job, index)))
