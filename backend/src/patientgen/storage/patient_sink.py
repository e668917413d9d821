"""Bulk writers for generated patients. Each batch is one transaction that inserts the rows and
advances the job's counters, so `jobs.generated` always equals the rows present."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import insert, update
from sqlalchemy.ext.asyncio import AsyncEngine

from patientgen.storage import copy_binary
from patientgen.storage.copy_binary import CopyRows
from patientgen.storage.tables import PATIENT_COLUMNS, JobRecord, JobStatus, PatientRow, utcnow


class RowFormat(StrEnum):
    """How a sink wants its rows: plain tuples, or already in binary COPY format."""

    TUPLES = "tuples"
    COPY_BINARY = "copy-binary"


class TupleRows(list):
    """Rows as tuples in PATIENT_COLUMNS order."""

    def split(self, count: int) -> tuple[TupleRows, TupleRows]:
        return TupleRows(self[:count]), TupleRows(self[count:])


RowChunk = TupleRows | CopyRows  # consecutive rows; a batch is a sequence of chunks


class LeaseLostError(RuntimeError):
    """Another runner took the job over (this one was presumed dead); stop without writing."""


class PatientSink(Protocol):
    row_format: RowFormat

    async def write_batch(
        self, chunks: Sequence[RowChunk], *, generated: int, batches: int
    ) -> bool:
        """Insert rows and set the job's counters atomically; returns True if cancel was asked."""
        ...


async def _copy_stream(chunks: Sequence[CopyRows]) -> AsyncIterator[memoryview | bytes]:
    yield copy_binary.HEADER
    for chunk in chunks:
        yield chunk.data
    yield copy_binary.TRAILER


Connect = Callable[[], AbstractAsyncContextManager[Any]]
"""Lends a raw asyncpg connection for one batch."""


def pooled_connections(engine: AsyncEngine) -> Connect:
    """A pooled connection per batch: a job never holds one between batches, so however many
    jobs run, the API's own requests keep getting connections."""

    @asynccontextmanager
    async def connect() -> AsyncIterator[Any]:
        async with engine.connect() as connection:
            raw = await connection.get_raw_connection()
            yield raw.driver_connection

    return connect


def one_connection(raw: Any) -> Connect:
    """Every batch on the same raw connection (tests and benchmarks that own one)."""

    @asynccontextmanager
    async def connect() -> AsyncIterator[Any]:
        yield raw

    return connect


class PostgresCopySink:
    """Binary COPY through asyncpg of rows the generation worker encoded: the event loop only
    forwards bytes. (``copy_records_to_table`` would encode each value on the loop, at 4-6 µs a
    row, which with generation on the same core held the pipeline to half of COPY's rate.)"""

    row_format = RowFormat.COPY_BINARY

    _ADVANCE = (
        "UPDATE jobs SET generated = $1, batches = $2, heartbeat_at = now() "
        "WHERE id = $3 AND runner_id = $4 AND status = 'running' RETURNING cancel_requested"
    )

    def __init__(self, connect: Connect, job_id: uuid.UUID, runner_id: str) -> None:
        self._connect = connect
        self._job_id = job_id
        self._runner_id = runner_id

    async def write_batch(
        self, chunks: Sequence[CopyRows], *, generated: int, batches: int
    ) -> bool:
        async with self._connect() as connection, connection.transaction():
            await connection.copy_to_table(
                "patients", source=_copy_stream(chunks), columns=PATIENT_COLUMNS, format="binary"
            )
            cancel = await connection.fetchval(
                self._ADVANCE, generated, batches, self._job_id, self._runner_id
            )
            if cancel is None:
                raise LeaseLostError(str(self._job_id))  # rolls the batch back
        return bool(cancel)


class SqliteSink:
    """The embedded default: executemany inside one transaction per batch."""

    row_format = RowFormat.TUPLES

    def __init__(self, engine: AsyncEngine, job_id: uuid.UUID, runner_id: str) -> None:
        self._engine = engine
        self._job_id = job_id
        self._runner_id = runner_id

    async def write_batch(
        self, chunks: Sequence[TupleRows], *, generated: int, batches: int
    ) -> bool:
        params = [dict(zip(PATIENT_COLUMNS, row, strict=True)) for rows in chunks for row in rows]
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
    yield PostgresCopySink(pooled_connections(engine), job_id, runner_id)
