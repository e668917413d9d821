"""The job dashboard's aggregates, optionally for a subset of the patients."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from patientgen.api.deps import SessionDep, StateDep, VisibleJobDep
from patientgen.services.statistics import statistics_of
from patientgen.services.statistics_models import JobStatistics, StatisticsFilters
from patientgen.simulation.enums import InjuryType

router = APIRouter(prefix="/jobs", tags=["statistics"])


@router.get("/{job_id}/statistics", response_model=JobStatistics)
async def get_statistics(
    job: VisibleJobDep,
    session: SessionDep,
    state: StateDep,
    front: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    nationality: Annotated[str | None, Query(pattern="^[A-Z]{3}$")] = None,
    injury_type: InjuryType | None = None,
) -> dict:
    """Counts by nationality, front, injury type, triage and outcome; Sankey flows between
    facilities; injuries per day (by triage), hour and hour of day; arrivals and occupancy per
    Role against its capacity; time from injury to first treatment and to the first medical
    facility, by triage. `front`, `nationality` and `injury_type` restrict every figure to the
    matching patients."""
    filters = StatisticsFilters(front=front, nationality=nationality, injury_type=injury_type)
    return await statistics_of(session, state.cache, job, filters)
