"""Saved scenarios: CRUD and validation. A key sees only its own (admins see all)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from patientgen.api.deps import PrincipalDep, SessionDep
from patientgen.api.pagination import LimitQuery, OffsetQuery, Page
from patientgen.api.problems import ProblemError
from patientgen.api.types import UtcDatetime
from patientgen.services import jobs as job_service
from patientgen.services import scenarios as scenario_service
from patientgen.services.preview import MAX_PREVIEW_PATIENTS, preview_statistics
from patientgen.services.statistics_models import JobStatistics
from patientgen.simulation import Scenario
from patientgen.storage.tables import ScenarioRecord

router = APIRouter(prefix="/scenarios", tags=["scenarios"])


class ScenarioOut(BaseModel):
    id: uuid.UUID
    name: str
    scenario: Scenario
    created_at: UtcDatetime
    updated_at: UtcDatetime

    @classmethod
    def of(cls, record: ScenarioRecord) -> ScenarioOut:
        return cls(
            id=record.id,
            name=record.name,
            scenario=record.definition,
            created_at=record.created_at,
            updated_at=record.updated_at,
        )


class PreviewRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scenario: Scenario
    patients: int = Field(5_000, ge=1, le=MAX_PREVIEW_PATIENTS)
    seed: int = Field(0, ge=0, le=job_service.MAX_SEED)


class ValidationResult(BaseModel):
    valid: bool
    scenario: Scenario = Field(description="The scenario as stored: normalised, defaults filled.")


def _not_found(scenario_id: uuid.UUID) -> ProblemError:
    return ProblemError(404, f"No scenario with id {scenario_id}.")


@router.get("", response_model=Page[ScenarioOut])
async def list_scenarios(
    principal: PrincipalDep,
    session: SessionDep,
    limit: LimitQuery = 50,
    offset: OffsetQuery = 0,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="Part of the name (any case)."),
    ] = None,
) -> Page[ScenarioOut]:
    """Your saved scenarios (admins: all), newest first; `q` keeps those whose name holds it."""
    records, total = await scenario_service.list_page(
        session, principal, limit=limit, offset=offset, name_contains=q
    )
    return Page(items=[ScenarioOut.of(r) for r in records], total=total, limit=limit, offset=offset)


@router.post("", response_model=ScenarioOut, status_code=status.HTTP_201_CREATED)
async def create_scenario(
    scenario: Scenario, principal: PrincipalDep, session: SessionDep
) -> ScenarioOut:
    return ScenarioOut.of(await scenario_service.create(session, principal, scenario))


@router.post("/validate", response_model=ValidationResult)
async def validate_scenario(scenario: Scenario, _: PrincipalDep) -> ValidationResult:
    """Validation happens on the way in: an invalid scenario gets a 422 naming each field."""
    return ValidationResult(valid=True, scenario=scenario)


@router.post("/preview", response_model=JobStatistics)
async def preview_scenario(body: PreviewRequest, _: PrincipalDep) -> JobStatistics:
    """The statistics a job of this scenario would have (the same shape as
    `GET /jobs/{id}/statistics`), from up to 20,000 patients generated in memory; nothing is
    stored. The same scenario, count and seed give the same figures as that job."""
    return await run_in_threadpool(preview_statistics, body.scenario, body.patients, body.seed)


@router.get("/{scenario_id:uuid}", response_model=ScenarioOut)
async def get_scenario(
    scenario_id: uuid.UUID, principal: PrincipalDep, session: SessionDep
) -> ScenarioOut:
    try:
        return ScenarioOut.of(await scenario_service.get(session, principal, scenario_id))
    except scenario_service.ScenarioNotFoundError:
        raise _not_found(scenario_id) from None


@router.put("/{scenario_id:uuid}", response_model=ScenarioOut)
async def replace_scenario(
    scenario_id: uuid.UUID, scenario: Scenario, principal: PrincipalDep, session: SessionDep
) -> ScenarioOut:
    try:
        record = await scenario_service.replace(session, principal, scenario_id, scenario)
    except scenario_service.ScenarioNotFoundError:
        raise _not_found(scenario_id) from None
    return ScenarioOut.of(record)


@router.delete("/{scenario_id:uuid}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_scenario(
    scenario_id: uuid.UUID, principal: PrincipalDep, session: SessionDep
) -> Response:
    try:
        await scenario_service.delete(session, principal, scenario_id)
    except scenario_service.ScenarioNotFoundError:
        raise _not_found(scenario_id) from None
    return Response(status_code=status.HTTP_204_NO_CONTENT)
