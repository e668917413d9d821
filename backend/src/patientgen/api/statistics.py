"""The job dashboard's aggregates, cached until the job changes."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from patientgen.api.deps import PrincipalDep, SessionDep, StateDep
from patientgen.api.problems import ProblemError
from patientgen.jobs.cache_keys import job_statistics_cache_key
from patientgen.services import jobs as job_service
from patientgen.services.statistics import job_statistics

router = APIRouter(prefix="/jobs", tags=["statistics"])

# Finished jobs never change; running ones are invalidated by every committed batch anyway.
STATISTICS_TTL_S = 24 * 3600


@router.get("/{job_id}/statistics")
async def get_statistics(
    job_id: uuid.UUID, principal: PrincipalDep, session: SessionDep, state: StateDep
) -> dict:
    """Counts by nationality, front, injury type, triage and outcome; Sankey flows between
    facilities; injuries per day and hour; occupancy per Role against its capacity; time from
    injury to first treatment and to the first medical facility, by triage."""
    try:
        job = await job_service.get(session, principal, job_id)
    except job_service.JobNotFoundError:
        raise ProblemError(404, f"No job with id {job_id}.") from None
    if job.statistics is not None:  # stored when the job ended
        return {**job.statistics, "generated": job.generated}
    key = job_statistics_cache_key(job_id)
    cached = await state.cache.get(key)
    if cached is not None and cached.get("generated") == job.generated:
        return cached
    stats = {**await job_statistics(session, job), "generated": job.generated}
    await state.cache.set(key, stats, ttl_s=STATISTICS_TTL_S)
    return stats
