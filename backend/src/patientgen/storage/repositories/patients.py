"""Reading generated patients: filtered keyset pages, single records, chunked streams, and the
aggregates behind the dashboard. Everything is answered from typed columns or returned as the
stored JSON text; nothing loads a whole job into Python."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from patientgen.storage.tables import PatientRow

FILTER_COLUMNS = ("nationality", "front", "triage", "final_status", "injury_type")


@dataclass(frozen=True)
class PatientFilter:
    nationality: str | None = None
    front: str | None = None
    triage: str | None = None
    final_status: str | None = None
    injury_type: str | None = None

    def clauses(self) -> list:
        return [
            getattr(PatientRow, name) == value
            for name in FILTER_COLUMNS
            if (value := getattr(self, name)) is not None
        ]


def _epoch(column, dialect: str):
    """Seconds since 1970 of a timestamp column, in the dialect's own terms."""
    if dialect == "sqlite":
        return cast(func.strftime("%s", column), Integer)
    return func.extract("epoch", column)


class PatientRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @property
    def _dialect(self) -> str:
        return self.session.bind.dialect.name

    async def page(
        self, job_id: uuid.UUID, where: PatientFilter, *, after: int, limit: int
    ) -> list[tuple[int, str]]:
        stmt = (
            select(PatientRow.idx, PatientRow.document)
            .where(PatientRow.job_id == job_id, PatientRow.idx > after, *where.clauses())
            .order_by(PatientRow.idx)
            .limit(limit)
        )
        return [(idx, doc) for idx, doc in await self.session.execute(stmt)]

    async def document(self, job_id: uuid.UUID, index: int) -> str | None:
        stmt = select(PatientRow.document).where(
            PatientRow.job_id == job_id, PatientRow.idx == index
        )
        return await self.session.scalar(stmt)

    async def count(self, job_id: uuid.UUID) -> int:
        stmt = select(func.count()).select_from(PatientRow).where(PatientRow.job_id == job_id)
        return int(await self.session.scalar(stmt) or 0)

    async def counts_by(self, job_id: uuid.UUID, column: str) -> dict[str, int]:
        col = getattr(PatientRow, column)
        stmt = (
            select(col, func.count()).where(PatientRow.job_id == job_id).group_by(col).order_by(col)
        )
        return {key: count for key, count in await self.session.execute(stmt)}

    async def paths(self, job_id: uuid.UUID) -> list[tuple[str, str, int]]:
        """(path, final_status, patients) for every distinct route through the chain."""
        stmt = (
            select(PatientRow.path, PatientRow.final_status, func.count())
            .where(PatientRow.job_id == job_id)
            .group_by(PatientRow.path, PatientRow.final_status)
        )
        return [(p, s, n) for p, s, n in await self.session.execute(stmt)]

    async def injuries_per_hour(self, job_id: uuid.UUID) -> dict[int, int]:
        """Patients injured in each hour, keyed by hours since 1970."""
        hour = cast(func.floor(_epoch(PatientRow.injury_time, self._dialect) / 3600), Integer)
        return await self._histogram(hour, PatientRow.job_id == job_id)

    async def stay_edges_per_hour(self, job_id: uuid.UUID, role: str) -> tuple[dict, dict]:
        """Arrivals and departures at a Role per hour (hours since 1970)."""
        arrive = getattr(PatientRow, f"{role.lower()}_in")
        leave = getattr(PatientRow, f"{role.lower()}_out")
        arrivals = await self._histogram(
            cast(func.floor(arrive / 3600), Integer),
            PatientRow.job_id == job_id,
            arrive.isnot(None),
        )
        departures = await self._histogram(
            cast(func.floor(leave / 3600), Integer), PatientRow.job_id == job_id, leave.isnot(None)
        )
        return arrivals, departures

    async def delay_minutes_by_triage(self, job_id: uuid.UUID, column: str) -> dict[str, dict]:
        """{triage: {minute: patients}} for a delay column (seconds since injury)."""
        col = getattr(PatientRow, column)
        minute = cast(func.floor(col / 60), Integer)
        stmt = (
            select(PatientRow.triage, minute, func.count())
            .where(PatientRow.job_id == job_id, col.isnot(None))
            .group_by(PatientRow.triage, minute)
        )
        out: dict[str, dict[int, int]] = {}
        for triage, bucket, count in await self.session.execute(stmt):
            out.setdefault(triage, {})[int(bucket)] = count
        return out

    async def _histogram(self, bucket, *where) -> dict[int, int]:
        stmt = select(bucket, func.count()).where(*where).group_by(bucket)
        return {int(b): n for b, n in await self.session.execute(stmt)}


async def stream_documents(
    engine: AsyncEngine, job_id: uuid.UUID, *, chunk: int = 2_000
) -> AsyncIterator[list[str]]:
    """The job's documents in index order, `chunk` at a time. Keyset pages rather than one long
    cursor: no transaction stays open while a slow client downloads, and memory stays flat."""
    after = -1
    while True:
        async with engine.connect() as connection:
            stmt = (
                select(PatientRow.idx, PatientRow.document)
                .where(PatientRow.job_id == job_id, PatientRow.idx > after)
                .order_by(PatientRow.idx)
                .limit(chunk)
            )
            rows = (await connection.execute(stmt)).all()
        if not rows:
            return
        after = rows[-1][0]
        yield [document for _, document in rows]
