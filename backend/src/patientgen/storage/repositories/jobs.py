"""Job rows: creation, ownership-scoped reads, the runner's claim/finish transitions, deletion."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Result, Select, case, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from patientgen.storage.tables import (
    ACTIVE_STATUSES,
    ApiKey,
    JobRecord,
    JobStatus,
    PatientRow,
    utcnow,
)


def _rowcount(result: Result[Any]) -> int:
    """Rows an UPDATE touched (its result is a cursor result)."""
    return cast(CursorResult[Any], result).rowcount


def _visible(stmt: Select, owner_key_id: uuid.UUID, is_admin: bool) -> Select:
    return stmt if is_admin else stmt.where(JobRecord.owner_key_id == owner_key_id)


class JobRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, job: JobRecord) -> JobRecord:
        self.session.add(job)
        await self.session.flush()
        return job

    async def get(self, job_id: uuid.UUID) -> JobRecord | None:
        return await self.session.get(JobRecord, job_id, populate_existing=True)

    async def get_visible(
        self, job_id: uuid.UUID, owner_key_id: uuid.UUID, is_admin: bool
    ) -> JobRecord | None:
        """The job without its stored statistics (see `stored_statistics`)."""
        stmt = (
            _visible(select(JobRecord), owner_key_id, is_admin)
            .where(JobRecord.id == job_id)
            .options(defer(JobRecord.statistics, raiseload=True))
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def stored_statistics(self, job_id: uuid.UUID) -> dict | None:
        stmt = select(JobRecord.statistics).where(JobRecord.id == job_id)
        return await self.session.scalar(stmt)

    async def list_visible(
        self,
        owner_key_id: uuid.UUID,
        is_admin: bool,
        *,
        limit: int,
        offset: int,
        status: str | None = None,
    ) -> tuple[list[JobRecord], int]:
        base = _visible(select(JobRecord), owner_key_id, is_admin)
        if status:
            base = base.where(JobRecord.status == status)
        total = await self.session.scalar(select(func.count()).select_from(base.subquery()))
        # A list never reads the big columns: the snapshot and the stored statistics.
        page = base.order_by(JobRecord.created_at.desc(), JobRecord.id).options(
            defer(JobRecord.scenario_snapshot, raiseload=True),
            defer(JobRecord.statistics, raiseload=True),
        )
        rows = (await self.session.execute(page.limit(limit).offset(offset))).scalars()
        return list(rows), int(total or 0)

    async def lock_owner(self, owner_key_id: uuid.UUID) -> None:
        """Serialises job creation per key until the transaction ends (PostgreSQL; SQLite
        serialises writers anyway)."""
        stmt = select(ApiKey.id).where(ApiKey.id == owner_key_id).with_for_update()
        await self.session.execute(stmt)

    async def count_active(self, owner_key_id: uuid.UUID) -> int:
        stmt = select(func.count()).where(
            JobRecord.owner_key_id == owner_key_id, JobRecord.status.in_(ACTIVE_STATUSES)
        )
        return int(await self.session.scalar(stmt) or 0)

    async def patients_since(
        self, owner_key_id: uuid.UUID, since: datetime
    ) -> list[tuple[datetime, int]]:
        """(created_at, patients) of the key's jobs since `since`; a job that failed or was
        cancelled counts the patients it made, not those it asked for."""
        counted = case(
            (JobRecord.status.in_((JobStatus.FAILED, JobStatus.CANCELLED)), JobRecord.generated),
            else_=JobRecord.patients,
        )
        stmt = select(JobRecord.created_at, counted).where(
            JobRecord.owner_key_id == owner_key_id, JobRecord.created_at >= since
        )
        return [(created, int(n)) for created, n in await self.session.execute(stmt)]

    async def claim(
        self, job_id: uuid.UUID, runner_id: str, *, stale_before: datetime | None
    ) -> JobRecord | None:
        """Take the job for `runner_id` if it is queued, or running under a runner that went silent
        before `stale_before`. Atomic, so two runners never both win."""
        now = utcnow()
        conditions = [JobRecord.status == JobStatus.QUEUED]
        if stale_before is not None:
            conditions.append(
                (JobRecord.status == JobStatus.RUNNING)
                & or_(JobRecord.heartbeat_at.is_(None), JobRecord.heartbeat_at < stale_before)
            )
        stmt = (
            update(JobRecord)
            .where(JobRecord.id == job_id, or_(*conditions))
            .values(
                status=JobStatus.RUNNING,
                runner_id=runner_id,
                heartbeat_at=now,
                started_at=func.coalesce(JobRecord.started_at, now),
                attempts=JobRecord.attempts + 1,
            )
            .returning(JobRecord.id)
        )
        if (await self.session.execute(stmt)).first() is None:
            return None
        return await self.get(job_id)

    async def release(self, job_ids: list[uuid.UUID], runner_id: str) -> int:
        """A runner stopping cleanly gives its running jobs up: with no heartbeat they are
        recoverable at once, instead of after the stale delay."""
        stmt = (
            update(JobRecord)
            .where(JobRecord.id.in_(job_ids), JobRecord.runner_id == runner_id)
            .where(JobRecord.status == JobStatus.RUNNING)
            .values(heartbeat_at=None)
        )
        return _rowcount(await self.session.execute(stmt))

    async def recoverable_ids(self, stale_before: datetime) -> list[uuid.UUID]:
        """Jobs a dead process left behind: running with no recent heartbeat, or queued long ago."""
        stmt = select(JobRecord.id).where(
            or_(
                (JobRecord.status == JobStatus.RUNNING)
                & or_(JobRecord.heartbeat_at.is_(None), JobRecord.heartbeat_at < stale_before),
                (JobRecord.status == JobStatus.QUEUED) & (JobRecord.created_at < stale_before),
            )
        )
        return list((await self.session.execute(stmt.order_by(JobRecord.created_at))).scalars())

    async def finish(
        self, job_id: uuid.UUID, runner_id: str, status: JobStatus, error: str | None = None
    ) -> bool:
        stmt = (
            update(JobRecord)
            .where(JobRecord.id == job_id, JobRecord.runner_id == runner_id)
            .where(JobRecord.status == JobStatus.RUNNING)
            .values(status=status, error=error, finished_at=utcnow(), heartbeat_at=utcnow())
        )
        return _rowcount(await self.session.execute(stmt)) == 1

    async def store_statistics(self, job_id: uuid.UUID, statistics: dict) -> None:
        await self.session.execute(
            update(JobRecord).where(JobRecord.id == job_id).values(statistics=statistics)
        )

    async def request_cancel(self, job_id: uuid.UUID) -> None:
        """A queued job is cancelled at once; a running one stops at its next batch."""
        await self.session.execute(
            update(JobRecord)
            .where(JobRecord.id == job_id, JobRecord.status == JobStatus.QUEUED)
            .values(status=JobStatus.CANCELLED, cancel_requested=True, finished_at=utcnow())
        )
        await self.session.execute(
            update(JobRecord)
            .where(JobRecord.id == job_id, JobRecord.status.in_(ACTIVE_STATUSES))
            .values(cancel_requested=True)
        )

    async def delete_with_patients(self, job_id: uuid.UUID) -> None:
        await self.session.execute(delete(PatientRow).where(PatientRow.job_id == job_id))
        await self.session.execute(delete(JobRecord).where(JobRecord.id == job_id))

    async def count_patients(self, job_id: uuid.UUID) -> int:
        stmt = select(func.count()).select_from(PatientRow).where(PatientRow.job_id == job_id)
        return int(await self.session.scalar(stmt) or 0)
