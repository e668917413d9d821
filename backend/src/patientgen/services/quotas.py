"""Per-key quotas: jobs queued or running at once, and patients asked for per rolling 24 hours.
Admin keys are exempt. Checked when a job is created, under a lock on the key's row, so two
simultaneous requests cannot both slip under the limit."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from patientgen.security import Principal
from patientgen.settings import Settings
from patientgen.storage.repositories.jobs import JobRepository
from patientgen.storage.tables import as_utc, utcnow

WINDOW = timedelta(hours=24)
# A full slot frees when some job ends; this is a polite interval to try again.
ACTIVE_RETRY_AFTER_S = 30


@dataclass(frozen=True)
class Quota:
    max_active_jobs: int
    max_patients_per_day: int


def quota_of(settings: Settings) -> Quota:
    return Quota(settings.key_max_active_jobs, settings.key_max_patients_per_day)


@dataclass(frozen=True)
class Usage:
    active_jobs: int
    patients_last_24h: int


class QuotaExceededError(Exception):
    def __init__(self, detail: str, retry_after_s: int, field: str) -> None:
        super().__init__(detail)
        self.detail = detail
        self.retry_after_s = retry_after_s
        self.field = field


async def usage(session: AsyncSession, principal: Principal) -> Usage:
    repo = JobRepository(session)
    active = await repo.count_active(principal.key_id)
    recent = await repo.patients_since(principal.key_id, utcnow() - WINDOW)
    return Usage(active, sum(patients for _, patients in recent))


async def check_new_job(
    session: AsyncSession, principal: Principal, patients: int, quota: Quota
) -> None:
    """Raises QuotaExceededError if the key may not start a job of `patients` now."""
    if principal.is_admin:
        return
    repo = JobRepository(session)
    await repo.lock_owner(principal.key_id)
    active = await repo.count_active(principal.key_id)
    if active >= quota.max_active_jobs:
        raise QuotaExceededError(
            f"This key already has {active} jobs queued or running (limit "
            f"{quota.max_active_jobs}); wait for one to end.",
            ACTIVE_RETRY_AFTER_S,
            "body",
        )
    now = utcnow()
    recent = await repo.patients_since(principal.key_id, now - WINDOW)
    used = sum(n for _, n in recent)
    if used + patients <= quota.max_patients_per_day:
        return
    if patients > quota.max_patients_per_day:
        raise QuotaExceededError(
            f"A job of {patients:,} patients exceeds this key's daily limit of "
            f"{quota.max_patients_per_day:,}.",
            int(WINDOW.total_seconds()),
            "body.patients",
        )
    # When enough of the window has aged out for this job to fit.
    freed, retry_at = 0, now + WINDOW
    for created_at, n in sorted(recent):
        freed += n
        if used - freed + patients <= quota.max_patients_per_day:
            retry_at = as_utc(created_at) + WINDOW
            break
    raise QuotaExceededError(
        f"This key asked for {used:,} patients in the last 24 hours; {patients:,} more would "
        f"exceed its limit of {quota.max_patients_per_day:,}.",
        max(1, math.ceil((retry_at - now).total_seconds())),
        "body.patients",
    )
