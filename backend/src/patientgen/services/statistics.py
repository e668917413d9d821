"""The job dashboard's aggregates, assembled from a handful of GROUP BY queries on typed columns."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from functools import lru_cache
from itertools import pairwise
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from patientgen.cache import CacheService
from patientgen.jobs.cache_keys import job_statistics_cache_key
from patientgen.services.statistics_models import (
    STATISTICS_VERSION,
    JobStatistics,
    StatisticsFilters,
)
from patientgen.storage.repositories.jobs import JobRepository
from patientgen.storage.repositories.patients import (
    JobAggregates,
    PatientFilter,
    PatientRepository,
)
from patientgen.storage.tables import STAY_ROLES, JobRecord, JobStatus


@lru_cache(maxsize=4096)
def _day_iso(day: int) -> str:
    return datetime.fromtimestamp(day * 86_400, UTC).strftime("%Y-%m-%d")


def _hour_iso(hour: int) -> str:
    # a long scenario has tens of thousands of hours per Role: format each day once
    day, of_day = divmod(hour, 24)
    return f"{_day_iso(day)}T{of_day:02d}:00:00Z"


def flows_from_paths(paths: list[tuple[str, str, int]]) -> list[dict]:
    """Sankey edges: each hop of a path, then the last facility to the outcome."""
    edges: Counter[tuple[str, str]] = Counter()
    for path, final_status, patients in paths:
        hops = path.split(">")
        for source, target in pairwise(hops):
            edges[(source, target)] += patients
        edges[(hops[-1], final_status)] += patients
    return [{"source": s, "target": t, "patients": n} for (s, t), n in sorted(edges.items())]


def quantiles_from_minutes(histogram: dict[int, int]) -> dict:
    """Count, mean, median and 90th percentile (minute resolution) of a minute histogram."""
    total = sum(histogram.values())
    if not total:
        return {"patients": 0, "mean_min": None, "median_min": None, "p90_min": None}
    ordered = sorted(histogram.items())
    mean = sum((minute + 0.5) * n for minute, n in ordered) / total

    def quantile(q: float) -> int:
        seen = 0
        for minute, n in ordered:
            seen += n
            if seen >= q * total:
                return minute
        return ordered[-1][0]

    return {
        "patients": total,
        "mean_min": round(mean, 1),
        "median_min": quantile(0.5),
        "p90_min": quantile(0.9),
    }


def occupancy_series(
    arrivals: dict[int, int], departures: dict[int, int], capacity_per_hour: float | None
) -> dict:
    """Per hour: arrivals and patients present (arrived by the hour's end, not gone before its
    start); peaks; hours whose arrivals exceeded the Role's admission capacity."""
    if not arrivals:
        return {
            "capacity_per_hour": capacity_per_hour,
            "admissions": 0,
            "peak_arrivals_per_hour": 0,
            "peak_occupancy": 0,
            "hours_over_capacity": 0,
            "hourly": [],
        }
    first = min(arrivals)
    last = max([*arrivals, *departures])
    present, hourly = 0, list[dict[str, Any]]()
    for hour in range(first, last + 1):
        present += arrivals.get(hour, 0)
        hourly.append(
            {"hour": _hour_iso(hour), "arrivals": arrivals.get(hour, 0), "occupancy": present}
        )
        present -= departures.get(hour, 0)
    over = sum(1 for h in hourly if h["arrivals"] > capacity_per_hour) if capacity_per_hour else 0
    return {
        "capacity_per_hour": capacity_per_hour,
        "admissions": sum(arrivals.values()),
        "peak_arrivals_per_hour": max(h["arrivals"] for h in hourly),
        "peak_occupancy": max(h["occupancy"] for h in hourly),
        "hours_over_capacity": over,
        "hourly": hourly,
    }


def per_day(per_hour_by_triage: dict[str, dict[int, int]]) -> list[dict]:
    days: dict[str, Counter[str]] = {}
    for triage, hours in per_hour_by_triage.items():
        for hour, n in hours.items():
            day = datetime.fromtimestamp(hour * 3600, UTC).date().isoformat()
            days.setdefault(day, Counter())[triage] += n
    return [
        {"date": d, "patients": sum(t.values()), "triage": dict(sorted(t.items()))}
        for d, t in sorted(days.items())
    ]


def _total_per_hour(per_hour_by_triage: dict[str, dict[int, int]]) -> Counter[int]:
    total: Counter[int] = Counter()
    for hours in per_hour_by_triage.values():
        total.update(hours)
    return total


def injuries(per_hour_by_triage: dict[str, dict[int, int]]) -> dict:
    per_hour = _total_per_hour(per_hour_by_triage)
    of_day: Counter[int] = Counter()
    for hour, n in per_hour.items():
        of_day[hour % 24] += n
    return {
        "per_day": per_day(per_hour_by_triage),
        "per_hour": [{"hour": _hour_iso(h), "patients": n} for h, n in sorted(per_hour.items())],
        "per_hour_of_day": [{"hour_of_day": h, "patients": of_day[h]} for h in range(24)],
    }


def build_statistics(
    found: JobAggregates,
    chain: dict,
    *,
    job_id: str | None,
    status: str,
    generated: int,
    filters: StatisticsFilters,
) -> JobStatistics:
    """The dashboard's figures from histograms, whether counted by the database (a job) or in
    memory (a preview); `chain` is the scenario's, for names and capacities."""
    facilities = {}
    for role in STAY_ROLES:
        col = role.lower()
        facility = chain.get(role, {})
        facilities[role] = {
            "name": facility.get("name", role),
            "present": facility.get("present", True),
            **occupancy_series(
                found.stays[f"{col}_in"],
                found.stays[f"{col}_out"],
                facility.get("capacity_per_hour"),
            ),
        }
    triages = sorted(found.counts["triage"])
    first_treatment = found.delays["first_treatment_s"]
    first_mtf = found.delays["first_mtf_s"]
    return JobStatistics(
        job_id=job_id,
        status=status,
        patients=sum(found.counts["triage"].values()),
        generated=generated,
        filters=filters,
        counts=found.counts,
        flows=flows_from_paths(found.paths),
        injuries=injuries(found.injuries_per_hour),
        facilities=facilities,
        time_to_first_treatment={
            t: quantiles_from_minutes(first_treatment.get(t, {})) for t in triages
        },
        time_to_first_mtf={t: quantiles_from_minutes(first_mtf.get(t, {})) for t in triages},
    )


async def job_statistics(
    session: AsyncSession, job: JobRecord, filters: StatisticsFilters | None = None
) -> JobStatistics:
    """The dashboard's aggregates of the job's patients (those matching `filters`)."""
    filters = filters or StatisticsFilters()
    where = PatientFilter(**filters.model_dump(mode="json"))
    found = await PatientRepository(session).aggregates(job.id, where)
    return build_statistics(
        found,
        job.scenario_snapshot.get("chain", {}),
        job_id=str(job.id),
        status=job.status,
        generated=job.generated,
        filters=filters,
    )


async def statistics_to_store(session: AsyncSession, job: JobRecord) -> dict:
    """The unfiltered statistics of a finished job, as stored with it."""
    return (await job_statistics(session, job)).model_dump(mode="json")


# A cached answer is only served for the same progress and status, so a running job's entries go
# stale by themselves; the TTL only bounds how long unused ones linger.
STATISTICS_TTL_S = 6 * 3600


async def statistics_of(
    session: AsyncSession, cache: CacheService, job: JobRecord, filters: StatisticsFilters
) -> dict:
    """The statistics a dashboard shows: stored with a finished job (unfiltered), else computed
    in SQL and cached per filter set until the job's next batch."""
    if filters.is_empty and JobStatus(job.status).is_terminal:
        stored = await JobRepository(session).stored_statistics(job.id)
        if stored is not None and stored.get("version") == STATISTICS_VERSION:
            return stored
    key = job_statistics_cache_key(job.id, filters.cache_suffix())
    cached = await cache.get(key)
    if cached is not None and (cached["generated"], cached["status"]) == (
        job.generated,
        job.status,
    ):
        return cached
    stats = (await job_statistics(session, job, filters)).model_dump(mode="json")
    await cache.set(key, stats, ttl_s=STATISTICS_TTL_S)
    return stats
