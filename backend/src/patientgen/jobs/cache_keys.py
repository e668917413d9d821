"""Cache keys for a job's derived views. Everything here is dropped whenever the job changes."""

from __future__ import annotations

import uuid


def job_cache_key(job_id: uuid.UUID | str) -> str:
    return f"job:{job_id}"


def job_statistics_cache_key(job_id: uuid.UUID | str) -> str:
    return f"job:{job_id}:statistics"


def job_cache_keys(job_id: uuid.UUID | str) -> tuple[str, ...]:
    return job_cache_key(job_id), job_statistics_cache_key(job_id)
