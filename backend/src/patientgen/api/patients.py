"""Browsing a job's patients: filtered keyset pages and single records."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from patientgen.api.deps import PrincipalDep, SessionDep
from patientgen.api.pagination import MAX_INT4
from patientgen.api.problems import ProblemError
from patientgen.services import jobs as job_service
from patientgen.simulation.enums import FinalStatus, InjuryType, Triage
from patientgen.simulation.record_model import PatientRecord
from patientgen.storage.repositories.patients import PatientFilter, PatientRepository

router = APIRouter(prefix="/jobs", tags=["patients"])


class PatientPage(BaseModel):
    items: list[PatientRecord]
    next_cursor: str | None = Field(description="Pass back as `cursor`; null on the last page.")


async def _visible_job(session, principal, job_id: uuid.UUID):
    try:
        return await job_service.get(session, principal, job_id)
    except job_service.JobNotFoundError:
        raise ProblemError(404, f"No job with id {job_id}.") from None


# The stored documents are returned as they are (no re-validation); these models describe them.
@router.get("/{job_id}/patients", response_model=PatientPage)
async def list_patients(
    job_id: uuid.UUID,
    principal: PrincipalDep,
    session: SessionDep,
    cursor: Annotated[
        int | None, Query(ge=0, le=MAX_INT4, description="`next_cursor` of the previous page.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    nationality: Annotated[str | None, Query(pattern="^[A-Z]{3}$")] = None,
    front: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    triage: Triage | None = None,
    final_status: FinalStatus | None = None,
    injury_type: InjuryType | None = None,
) -> Response:
    """Patients in index order. `next_cursor` is null on the last page."""
    await _visible_job(session, principal, job_id)
    where = PatientFilter(nationality, front, triage, final_status, injury_type)
    after = -1 if cursor is None else cursor
    rows = await PatientRepository(session).page(job_id, where, after=after, limit=limit)
    next_cursor = f'"{rows[-1][0]}"' if len(rows) == limit else "null"
    # The stored documents are JSON already: splice them in rather than parse and re-encode.
    body = '{"items":[' + ",".join(doc for _, doc in rows) + '],"next_cursor":' + next_cursor + "}"
    return Response(body, media_type="application/json")


@router.get("/{job_id}/patients/{index}", response_model=PatientRecord)
async def get_patient(
    job_id: uuid.UUID,
    index: Annotated[int, PathParam(ge=0, le=MAX_INT4)],
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    await _visible_job(session, principal, job_id)
    document = await PatientRepository(session).document(job_id, index)
    if document is None:
        raise ProblemError(404, f"Job {job_id} has no patient with index {index}.")
    return Response(document, media_type="application/json")
