"""Cache keys for a job's derived views."""

from __future__ import annotations

import uuid


def job_cache_key(job_id: uuid.UUID | str) -> str:
    return f"job:{job_id}"


def job_statistics_cache_key(job_id: uuid.UUID | str, subset: str) -> str:
    """Statistics of one subset of the job's patients (`subset` names the filters). Entries are
    not invalidated: a reader serves one only while the job's progress and status still match."""
    return f"job:{job_id}:statistics:{subset}"


def job_cache_keys(job_id: uuid.UUID | str) -> tuple[str, ...]:
    """What to drop whenever the job changes."""
    return (job_cache_key(job_id),)
