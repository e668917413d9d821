"""Bulk writers for generated patients. Each batch is one transaction that inserts the rows and
advances the job's counters, so `jobs.generated` always equals the rows present."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncEngine

from patientgen.storage import copy_binary
from patientgen.storage.copy_binary import CopyRows
from patientgen.storage.tables import PATIENT_COLUMNS, utcnow


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


async def _copy_stream(chunks: Sequence[RowChunk]) -> AsyncIterator[memoryview | bytes]:
    yield copy_binary.HEADER
    for chunk in chunks:
        assert isinstance(chunk, CopyRows)  # what this sink's row format asks for
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
        self, chunks: Sequence[RowChunk], *, generated: int, batches: int
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
    """The embedded default: one transaction per batch, the rows handed to the driver's own
    `executemany` as the values SQLite stores (text ids and timestamps, as the ORM writes them),
    and the job's counters advanced in the same transaction. Building the ORM's parameter dicts
    and running its type processors per value took longer than SQLite's own insert."""

    row_format = RowFormat.TUPLES

    _INSERT = (
        f"INSERT INTO patients ({', '.join(PATIENT_COLUMNS)}) "  # noqa: S608 - constants only
        f"VALUES ({', '.join('?' * len(PATIENT_COLUMNS))})"
    )
    _ADVANCE = (
        "UPDATE jobs SET generated = ?, batches = ?, heartbeat_at = ? "
        "WHERE id = ? AND runner_id = ? AND status = 'running' RETURNING cancel_requested"
    )
    _TIME_AT = PATIENT_COLUMNS.index("injury_time")

    def __init__(self, engine: AsyncEngine, job_id: uuid.UUID, runner_id: str) -> None:
        self._engine = engine
        self._job_id = job_id
        self._runner_id = runner_id

    async def write_batch(
        self, chunks: Sequence[RowChunk], *, generated: int, batches: int
    ) -> bool:
        rows = [_sqlite_values(row, self._TIME_AT) for chunk in chunks for row in _tuples(chunk)]
        advance = (generated, batches, sqlite_time(utcnow()), self._job_id.hex, self._runner_id)
        async with self._engine.begin() as connection:
            driver = (await connection.get_raw_connection()).driver_connection
            assert driver is not None  # an open connection always has its driver's
            await driver.executemany(self._INSERT, rows)
            cursor = await driver.execute(self._ADVANCE, advance)
            found = await cursor.fetchone()
            await cursor.close()
            if found is None:
                raise LeaseLostError(str(self._job_id))
        return bool(found[0])


def _tuples(chunk: RowChunk) -> TupleRows:
    assert isinstance(chunk, TupleRows)  # what this sink's row format asks for
    return chunk


def sqlite_time(moment: datetime) -> str:
    """A timestamp as SQLAlchemy's DateTime stores it on SQLite (UTC, no zone)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _sqlite_values(row: tuple, time_at: int) -> tuple:
    return (row[0].hex, *row[1:time_at], sqlite_time(row[time_at]), *row[time_at + 1 :])


@asynccontextmanager
async def open_sink(
    engine: AsyncEngine, job_id: uuid.UUID, runner_id: str
) -> AsyncIterator[PatientSink]:
    if engine.dialect.name == "sqlite":
        yield SqliteSink(engine, job_id, runner_id)
        return
    yield PostgresCopySink(pooled_connections(engine), job_id, runner_id)
