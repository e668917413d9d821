"""The job dashboard's aggregates, optionally for a subset of the patients; cached per subset."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from patientgen.api.deps import PrincipalDep, SessionDep, StateDep
from patientgen.api.problems import ProblemError
from patientgen.jobs.cache_keys import job_statistics_cache_key
from patientgen.services import jobs as job_service
from patientgen.services.statistics import job_statistics
from patientgen.services.statistics_models import (
    STATISTICS_VERSION,
    JobStatistics,
    StatisticsFilters,
)
from patientgen.simulation.enums import InjuryType
from patientgen.storage.tables import JobStatus

router = APIRouter(prefix="/jobs", tags=["statistics"])

# A cached answer is only served for the same number of generated patients, so a running job's
# entries go stale by themselves; the TTL only bounds how long unused ones linger.
STATISTICS_TTL_S = 6 * 3600


@router.get("/{job_id}/statistics", response_model=JobStatistics)
async def get_statistics(
    job_id: uuid.UUID,
    principal: PrincipalDep,
    session: SessionDep,
    state: StateDep,
    front: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    nationality: Annotated[str | None, Query(pattern="^[A-Z]{3}$")] = None,
    injury_type: InjuryType | None = None,
) -> JobStatistics | dict:
    """Counts by nationality, front, injury type, triage and outcome; Sankey flows between
    facilities; injuries per day (by triage), hour and hour of day; arrivals and occupancy per
    Role against its capacity; time from injury to first treatment and to the first medical
    facility, by triage. `front`, `nationality` and `injury_type` restrict every figure to the
    matching patients."""
    try:
        job = await job_service.get(session, principal, job_id)
    except job_service.JobNotFoundError:
        raise ProblemError(404, f"No job with id {job_id}.") from None
    filters = StatisticsFilters(front=front, nationality=nationality, injury_type=injury_type)
    if filters.is_empty and JobStatus(job.status).is_terminal:
        stored = await job_service.stored_statistics(session, job.id)
        if stored is not None and stored.get("version") == STATISTICS_VERSION:
            return stored  # computed once when the job ended
    key = job_statistics_cache_key(job_id, filters.cache_suffix())
    cached = await state.cache.get(key)
    if cached is not None and (cached["generated"], cached["status"]) == (
        job.generated,
        job.status,
    ):
        return cached
    stats = (await job_statistics(session, job, filters)).model_dump(mode="json")
    await state.cache.set(key, stats, ttl_s=STATISTICS_TTL_S)
    return stats
