"""The job dashboard's aggregates, assembled from a handful of GROUP BY queries on typed columns."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from itertools import pairwise

from sqlalchemy.ext.asyncio import AsyncSession

from patientgen.storage.repositories.patients import PatientRepository
from patientgen.storage.tables import STAY_ROLES, JobRecord


def _hour_iso(hour: int) -> str:
    return datetime.fromtimestamp(hour * 3600, UTC).strftime("%Y-%m-%dT%H:00:00Z")


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
    present, hourly = 0, []
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


def per_day(per_hour: dict[int, int]) -> list[dict]:
    days: Counter[str] = Counter()
    for hour, n in per_hour.items():
        days[datetime.fromtimestamp(hour * 3600, UTC).date().isoformat()] += n
    return [{"date": d, "patients": n} for d, n in sorted(days.items())]


async def job_statistics(session: AsyncSession, job: JobRecord) -> dict:
    found = await PatientRepository(session).aggregates(job.id)
    chain = job.scenario_snapshot.get("chain", {})
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
    return {
        "job_id": str(job.id),
        "status": job.status,
        "patients": sum(found.counts["triage"].values()),
        "counts": found.counts,
        "flows": flows_from_paths(found.paths),
        "injuries": {
            "per_day": per_day(found.injuries_per_hour),
            "per_hour": [
                {"hour": _hour_iso(h), "patients": n}
                for h, n in sorted(found.injuries_per_hour.items())
            ],
        },
        "facilities": facilities,
        "time_to_first_treatment": {
            t: quantiles_from_minutes(first_treatment.get(t, {})) for t in triages
        },
        "time_to_first_mtf": {t: quantiles_from_minutes(first_mtf.get(t, {})) for t in triages},
    }
