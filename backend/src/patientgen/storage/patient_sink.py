"""Bulk writers for generated patients. Each batch is one transaction that inserts the rows and
advances the job's counters, so `jobs.generated` always equals the rows present."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Protocol

from sqlalchemy import insert, update
from sqlalchemy.ext.asyncio import AsyncEngine

from patientgen.storage.tables import PATIENT_COLUMNS, JobRecord, JobStatus, PatientRow, utcnow

PatientTuple = tuple  # in PATIENT_COLUMNS order


class LeaseLostError(RuntimeError):
    """Another runner took the job over (this one was presumed dead); stop without writing."""


class PatientSink(Protocol):
    async def write_batch(
        self, rows: Sequence[PatientTuple], *, generated: int, batches: int
    ) -> bool:
        """Insert rows and set the job's counters atomically; returns True if cancel was asked."""
        ...


class PostgresCopySink:
    """COPY through asyncpg: about twice executemany and ten times row-by-row INSERTs."""

    _ADVANCE = (
        "UPDATE jobs SET generated = $1, batches = $2, heartbeat_at = now() "
        "WHERE id = $3 AND runner_id = $4 AND status = 'running' RETURNING cancel_requested"
    )

    def __init__(self, connection, job_id: uuid.UUID, runner_id: str) -> None:
        self._connection = connection  # a raw asyncpg connection
        self._job_id = job_id
        self._runner_id = runner_id

    async def write_batch(
        self, rows: Sequence[PatientTuple], *, generated: int, batches: int
    ) -> bool:
        async with self._connection.transaction():
            await self._connection.copy_records_to_table(
                "patients", records=rows, columns=PATIENT_COLUMNS
            )
            cancel = await self._connection.fetchval(
                self._ADVANCE, generated, batches, self._job_id, self._runner_id
            )
            if cancel is None:
                raise LeaseLostError(str(self._job_id))  # rolls the batch back
        return bool(cancel)


class SqliteSink:
    """The embedded default: executemany inside one transaction per batch."""

    def __init__(self, engine: AsyncEngine, job_id: uuid.UUID, runner_id: str) -> None:
        self._engine = engine
        self._job_id = job_id
        self._runner_id = runner_id

    async def write_batch(
        self, rows: Sequence[PatientTuple], *, generated: int, batches: int
    ) -> bool:
        params = [dict(zip(PATIENT_COLUMNS, row, strict=True)) for row in rows]
        advance = (
            update(JobRecord)
            .where(
                JobRecord.id == self._job_id,
                JobRecord.runner_id == self._runner_id,
                JobRecord.status == JobStatus.RUNNING,
            )
            .values(generated=generated, batches=batches, heartbeat_at=utcnow())
            .returning(JobRecord.cancel_requested)
        )
        async with self._engine.begin() as connection:
            await connection.execute(insert(PatientRow), params)
            cancel = (await connection.execute(advance)).scalar_one_or_none()
            if cancel is None:
                raise LeaseLostError(str(self._job_id))
        return bool(cancel)


@asynccontextmanager
async def open_sink(
    engine: AsyncEngine, job_id: uuid.UUID, runner_id: str
) -> AsyncIterator[PatientSink]:
    if engine.dialect.name == "sqlite":
        yield SqliteSink(engine, job_id, runner_id)
        return
    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        yield PostgresCopySink(raw.driver_connection, job_id, runner_id)
