"""Browsing a job's patients: filtered keyset pages and single records."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, Query, Response
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from patientgen.api.deps import SessionDep, VisibleJobDep
from patientgen.api.pagination import MAX_INT4
from patientgen.api.problems import ProblemError
from patientgen.exports.medevac import MedevacLeg
from patientgen.services import patients as patient_service
from patientgen.simulation.enums import FinalStatus, InjuryType, Triage
from patientgen.simulation.record_model import PatientRecord
from patientgen.simulation.selection import REACHABLE
from patientgen.storage.tables import JobRecord

FHIR_JSON = "application/fhir+json"

router = APIRouter(prefix="/jobs", tags=["patients"])


# simulation/selection.py's filters, field for field (tests/simulation/test_selection.py), as
# query parameters with their HTTP limits
@dataclass
class PatientSelection:
    """The filters that select a job's patients: the patients list's, and an export's."""

    nationality: Annotated[str | None, Query(pattern="^[A-Z]{3}$")] = None
    front: Annotated[str | None, Query(min_length=1, max_length=100)] = None
    triage: Triage | None = None
    final_status: FinalStatus | None = None
    injury_type: InjuryType | None = None
    day: Annotated[date | None, Query(description="Injured on this UTC day (YYYY-MM-DD).")] = None
    facility: Annotated[
        Literal[REACHABLE] | None,  # type: ignore[valid-type]  # the roles, from one place
        Query(description="Reached this role."),
    ] = None
    index: Annotated[
        int | None, Query(ge=0, le=MAX_INT4, description="Only the patient with this index.")
    ] = None

    def filters(self) -> dict[str, Any]:
        return {name: value for name, value in asdict(self).items() if value is not None}


SelectionDep = Annotated[PatientSelection, Depends()]


class PatientPage(BaseModel):
    items: list[PatientRecord]
    next_cursor: str | None = Field(description="Pass back as `cursor`; null on the last page.")


def _no_patient(job: JobRecord, index: int) -> ProblemError:
    return ProblemError(404, f"Job {job.id} has no patient with index {index}.")


# The stored documents are returned as they are (no re-validation); these models describe them.
@router.get("/{job_id}/patients", response_model=PatientPage)
async def list_patients(
    job: VisibleJobDep,
    session: SessionDep,
    selection: SelectionDep,
    cursor: Annotated[
        int | None, Query(ge=0, le=MAX_INT4, description="`next_cursor` of the previous page.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Response:
    """Patients in index order. `next_cursor` is null on the last page."""
    rows = await patient_service.page(
        session,
        job,
        after=-1 if cursor is None else cursor,
        limit=limit,
        **selection.filters(),
    )
    next_cursor = f'"{rows[-1][0]}"' if len(rows) == limit else "null"
    # The stored documents are JSON already: splice them in rather than parse and re-encode.
    body = '{"items":[' + ",".join(doc for _, doc in rows) + '],"next_cursor":' + next_cursor + "}"
    return Response(body, media_type="application/json")


@router.get("/{job_id}/patients/{index}", response_model=PatientRecord)
async def get_patient(
    job: VisibleJobDep,
    index: Annotated[int, PathParam(ge=0, le=MAX_INT4)],
    session: SessionDep,
) -> Response:
    try:
        document = await patient_service.document(session, job, index)
    except patient_service.PatientNotFoundError:
        raise _no_patient(job, index) from None
    return Response(document, media_type="application/json")


@router.get(
    "/{job_id}/patients/{index}/fhir",
    response_model=dict[str, Any],
    responses={200: {"content": {FHIR_JSON: {}}}},
)
async def get_patient_fhir(
    job: VisibleJobDep,
    index: Annotated[int, PathParam(ge=0, le=MAX_INT4)],
    session: SessionDep,
) -> Response:
    """The patient as an HL7 FHIR R4 transaction Bundle (Patient, Encounters, Conditions,
    Procedures, Observations), exactly as in a `fhir-bundle` export."""
    try:
        bundle = await patient_service.fhir_bundle(session, job, index)
    except patient_service.PatientNotFoundError:
        raise _no_patient(job, index) from None
    return Response(orjson.dumps(bundle), media_type=FHIR_JSON)


@router.get("/{job_id}/patients/{index}/handovers", response_model=list[MedevacLeg])
async def get_patient_handovers(
    job: VisibleJobDep,
    index: Annotated[int, PathParam(ge=0, le=MAX_INT4)],
    session: SessionDep,
) -> Response:
    """The MIST handover and 9-line MEDEVAC request of each evacuation leg of the patient (each
    departure from the point of injury or a role), in journey order, as in a `medevac` export;
    an empty list for a patient who was never moved."""
    try:
        legs = await patient_service.handovers(session, job, index)
    except patient_service.PatientNotFoundError:
        raise _no_patient(job, index) from None
    return Response(orjson.dumps(legs), media_type="application/json")
