"""Downloading a job's patients in every format; AES-256 ZIPs via POST (no secrets in URLs)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from patientgen.api.deps import PrincipalDep, StateDep
from patientgen.api.problems import ProblemError
from patientgen.exports.formats import Archive, ExportFormat
from patientgen.services import jobs as job_service
from patientgen.services.exports import export_job
from patientgen.storage.tables import JobRecord, JobStatus

router = APIRouter(prefix="/jobs", tags=["exports"])


class EncryptedExport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: ExportFormat = ExportFormat.NDJSON
    archive: Archive = Field(Archive.ZIP, description="Encrypted exports are always ZIPs.")
    password: str = Field(
        min_length=8, max_length=256, description="AES-256 (WinZip AE-2) password."
    )


async def _finished_job(state, principal, job_id: uuid.UUID) -> JobRecord:
    # A short-lived session: a long download must not hold a pooled connection.
    try:
        async with state.sessions() as session:
            job = await job_service.get(session, principal, job_id)
    except job_service.JobNotFoundError:
        raise ProblemError(404, f"No job with id {job_id}.") from None
    if not JobStatus(job.status).is_terminal:
        raise ProblemError(409, f"Job {job_id} is still {job.status}; export it once it ends.")
    return job


def _response(state, job, fmt, archive, password=None, *, field_prefix: str) -> StreamingResponse:
    try:
        export = export_job(state.engine, job, fmt, archive, password)
    except ValueError as exc:
        raise ProblemError(
            422, str(exc), errors=[{"field": f"{field_prefix}.archive", "message": str(exc)}]
        ) from None
    return StreamingResponse(
        export.chunks,
        media_type=export.media_type,
        headers={"Content-Disposition": f'attachment; filename="{export.filename}"'},
    )


@router.get(
    "/{job_id}/export",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/octet-stream": {}}}},
)
async def export(
    job_id: uuid.UUID,
    principal: PrincipalDep,
    state: StateDep,
    format: Annotated[ExportFormat, Query()] = ExportFormat.NDJSON,
    archive: Annotated[Archive, Query()] = Archive.NONE,
) -> StreamingResponse:
    """Streams the job's patients. `fhir-ndjson` comes as a ZIP (one file per resource type)."""
    job = await _finished_job(state, principal, job_id)
    return _response(state, job, format, archive, field_prefix="query")


@router.post(
    "/{job_id}/export",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/zip": {}}}},
)
async def export_encrypted(
    job_id: uuid.UUID, body: EncryptedExport, principal: PrincipalDep, state: StateDep
) -> StreamingResponse:
    """An AES-256 encrypted ZIP; the password travels in the body, never in a URL."""
    if body.archive is not Archive.ZIP:
        raise ProblemError(
            422,
            "Encrypted exports are ZIP archives.",
            errors=[{"field": "body.archive", "message": "must be zip"}],
        )
    job = await _finished_job(state, principal, job_id)
    return _response(state, job, body.format, body.archive, body.password, field_prefix="body")
