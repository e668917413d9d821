"""Bulk writers for generated patients. Each batch is one transaction that inserts the rows and
advances the job's counters, so `jobs.generated` always equals the rows present."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import threading
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncEngine

from patientgen.storage import copy_binary
from patientgen.storage.copy_binary import CopyRows
from patientgen.storage.engine import SQLITE_PRAGMAS
from patientgen.storage.tables import PATIENT_COLUMNS, utcnow


class RowFormat(StrEnum):
    """How a sink wants its rows: plain tuples, already in binary COPY format, or as the values
    SQLite stores."""

    TUPLES = "tuples"
    COPY_BINARY = "copy-binary"
    SQLITE = "sqlite"


class TupleRows(list):
    """Rows as tuples in PATIENT_COLUMNS order."""

    def split(self, count: int) -> tuple[TupleRows, TupleRows]:
        return TupleRows(self[:count]), TupleRows(self[count:])


@dataclass(frozen=True)
class SqliteRows:
    """Rows as the values SQLite stores, as SQLAlchemy's SQLite dialect writes them (ids as
    32 hex digits, timestamps as UTC text, integers, NULLs, the document's text), laid out row
    after row in PATIENT_COLUMNS order: what a multi-row INSERT binds."""

    values: list

    def __len__(self) -> int:
        return len(self.values) // len(PATIENT_COLUMNS)

    def split(self, count: int) -> tuple[SqliteRows, SqliteRows]:
        cut = min(count, len(self)) * len(PATIENT_COLUMNS)
        return SqliteRows(self.values[:cut]), SqliteRows(self.values[cut:])


RowChunk = TupleRows | CopyRows | SqliteRows  # consecutive rows; a batch is a sequence of chunks


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
    """The embedded default. SQLite runs inside this process, so the GIL decides its speed:
    the stdlib driver lets go of the GIL in each statement's step and must take it back after,
    and while the generation thread holds it that takes up to the interpreter's switch
    interval (5 ms). So rows come already as the values SQLite stores (built on the generation
    thread, `storage/rows.py`), a whole chunk goes in one multi-row INSERT (an ``executemany``
    steps, and waits, once per row: an eighth of its speed beside a busy thread), and a batch's
    transaction runs as one call on the sink's own writer thread and connection (through
    aiosqlite, each statement was a round trip between threads), with the switch interval
    shortened while the sink is open. The job's counters advance in the same transaction."""

    row_format = RowFormat.SQLITE

    _ADVANCE = (
        "UPDATE jobs SET generated = ?, batches = ?, heartbeat_at = ? "
        "WHERE id = ? AND runner_id = ? AND status = 'running' RETURNING cancel_requested"
    )

    def __init__(
        self,
        database: sqlite3.Connection,
        writer: Executor,
        job_id: uuid.UUID,
        runner_id: str,
        *,
        variables: int,
    ) -> None:
        self._db = database  # used on the writer thread only, where it was opened
        self._writer = writer
        self._job_id = job_id
        self._runner_id = runner_id
        # `variables`: the database's limit on parameters in one statement
        self._rows_per_insert = max(1, min(MAX_ROWS_PER_INSERT, variables // _WIDTH))

    async def write_batch(
        self, chunks: Sequence[RowChunk], *, generated: int, batches: int
    ) -> bool:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._writer, self._write, chunks, generated, batches)

    def _write(self, chunks: Sequence[RowChunk], generated: int, batches: int) -> bool:
        db = self._db
        db.execute("BEGIN IMMEDIATE")  # waits for the write lock up to the busy timeout
        try:
            for chunk in chunks:
                for count, values in self._inserts(chunk):
                    db.execute(_insert_sql(count), values)
            advance = (generated, batches, sqlite_time(utcnow()), self._job_id.hex)
            found = db.execute(self._ADVANCE, (*advance, self._runner_id)).fetchone()
            if found is None:
                raise LeaseLostError(str(self._job_id))  # rolls the batch back
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return bool(found[0])

    def _inserts(self, chunk: RowChunk) -> Iterator[tuple[int, list]]:
        """(rows, their values) per INSERT: the chunk in as few, equal statements as SQLite's
        limit on bound variables allows."""
        assert isinstance(chunk, SqliteRows)  # what this sink's row format asks for
        n = len(chunk)
        if n == 0:
            return
        statements = -(-n // self._rows_per_insert)
        size = -(-n // statements)
        for start in range(0, n, size):
            count = min(size, n - start)
            yield count, chunk.values[start * _WIDTH : (start + count) * _WIDTH]


_WIDTH = len(PATIENT_COLUMNS)
# Rows per INSERT at most: a whole 2,048-row block where SQLite allows 43,008 bound variables
# (builds since 3.32 allow 32,766: two statements of 1,024). Each statement costs one wait for
# the GIL; its compiled program grows with its rows, and is compiled once per job.
MAX_ROWS_PER_INSERT = 2_048


@lru_cache(maxsize=16)
def _insert_sql(rows: int) -> str:
    one = f"({', '.join('?' * _WIDTH)})"
    return (
        f"INSERT INTO patients ({', '.join(PATIENT_COLUMNS)}) VALUES "  # noqa: S608 - constants
        + ", ".join([one] * rows)
    )


def sqlite_time(moment: datetime) -> str:
    """A timestamp as SQLAlchemy's DateTime stores it on SQLite (UTC, no zone)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


@asynccontextmanager
async def open_sqlite_sink(
    engine: AsyncEngine, job_id: uuid.UUID, runner_id: str
) -> AsyncIterator[SqliteSink]:
    """A sink with its own writer thread and connection to the engine's database file, set up
    as the engine's own connections are (pragmas, busy timeout), closed when the job ends."""
    path = engine.url.database
    if not path or path == ":memory:" or path.startswith("file:"):
        raise ValueError("the SQLite sink writes through its own connection: it needs a file")
    async with engine.connect() as connection:
        busy_ms = (await connection.exec_driver_sql("PRAGMA busy_timeout")).scalar_one()
    loop = asyncio.get_running_loop()
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-writer")

    def connect() -> tuple[sqlite3.Connection, int]:
        database = sqlite3.connect(path, timeout=busy_ms / 1000, isolation_level=None)
        for pragma in SQLITE_PRAGMAS:
            database.execute(pragma)
        return database, database.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)

    try:
        database, variables = await loop.run_in_executor(writer, connect)
        try:
            with _short_switch_interval():
                yield SqliteSink(database, writer, job_id, runner_id, variables=variables)
        finally:
            # After any write still running on the thread (a cancelled batch ends its
            # transaction there, committed or rolled back, before the connection closes).
            await asyncio.shield(loop.run_in_executor(writer, database.close))
    finally:
        writer.shutdown(wait=False)


# While an embedded job writes: how long a thread may hold the GIL before one waiting for it
# (the writer, back from a statement's step) gets it. The interpreter's default is 5 ms; each
# batch's five statements each wait up to that beside the generation thread. 1 ms made API jobs
# faster in every interleaved round of bench/sqlite_sink.py (backend/bench/README.md).
SQLITE_SWITCH_INTERVAL_S = 0.001
_switch_lock = threading.Lock()
_switch_holders = 0
_switch_before = 0.0


@contextmanager
def _short_switch_interval() -> Iterator[None]:
    """The interpreter-wide switch interval at most SQLITE_SWITCH_INTERVAL_S while any SQLite
    sink is open (jobs may overlap), the interval from before restored when the last closes."""
    global _switch_holders, _switch_before
    with _switch_lock:
        if _switch_holders == 0:
            _switch_before = sys.getswitchinterval()
            sys.setswitchinterval(min(_switch_before, SQLITE_SWITCH_INTERVAL_S))
        _switch_holders += 1
    try:
        yield
    finally:
        with _switch_lock:
            _switch_holders -= 1
            if _switch_holders == 0:
                sys.setswitchinterval(_switch_before)


@asynccontextmanager
async def open_sink(
    engine: AsyncEngine, job_id: uuid.UUID, runner_id: str
) -> AsyncIterator[PatientSink]:
    if engine.dialect.name == "sqlite":
        async with open_sqlite_sink(engine, job_id, runner_id) as sink:
            yield sink
        return
    yield PostgresCopySink(pooled_connections(engine), job_id, runner_id)
