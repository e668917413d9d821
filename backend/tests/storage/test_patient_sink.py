"""The patient sinks against real databases.

PostgreSQL: what lands in the table from the binary rows the workers encode is exactly the tuple
rows built from the same blocks (awkward front names, non-ASCII names and NULL flow columns
included), and a batch for a job it no longer holds is refused without leaving anything behind.

The embedded SQLite: the values it writes read back through the ORM exactly as the rows it was
given, the job advances in the same transaction, a job it no longer holds is refused, a failing
batch leaves nothing, a cancelled job resumes to the rows of an uninterrupted one, and while a
sink is open the interpreter's switch interval is short (restored when the last one closes)."""

from __future__ import annotations

import sqlite3
import sys
import uuid
from datetime import UTC, datetime

import numpy as np
import pytest
from sqlalchemy import select, text

from patientgen.jobs.pipeline import Outcome, PatientGenerationPipeline
from patientgen.simulation import Scenario, default_scenario, iter_blocks
from patientgen.storage.engine import create_session_factory
from patientgen.storage.patient_sink import (
    SQLITE_SWITCH_INTERVAL_S,
    LeaseLostError,
    PostgresCopySink,
    one_connection,
    open_sqlite_sink,
    sqlite_time,
)
from patientgen.storage.rows import block_copy_rows, block_rows, block_sqlite_rows, sqlite_times
from patientgen.storage.tables import PATIENT_COLUMNS, ApiKey, JobRecord, JobStatus, PatientRow
from tests.support.keys import new_key
from tests.support.samples import with_front_name

# --- PostgreSQL: binary COPY ---------------------------------------------------------------------


def _awkward_scenario() -> Scenario:
    return with_front_name(default_scenario(), 'North\\East\t"Sector"\nAlpha')


async def _running_job(pg_engine, pg_session, *, runner_id: str, **fields) -> JobRecord:
    """A job row held by `runner_id`, as a runner's claim leaves it (jobs need an owner key),
    heartbeat included: a running job without one is a dead runner's to every other runner's
    recovery pass, e.g. a server another test started on the same database."""
    await new_key(pg_engine, f"copy-sink-{runner_id}")
    owner = (await pg_session.execute(text("SELECT id FROM api_keys LIMIT 1"))).scalar_one()
    job = JobRecord(
        owner_key_id=owner, status=JobStatus.RUNNING, runner_id=runner_id,
        heartbeat_at=datetime.now(UTC), **fields,
    )  # fmt: skip
    pg_session.add(job)
    await pg_session.commit()
    return job


async def test_copy_stores_exactly_the_block_rows(pg_engine, pg_session):
    scenario = _awkward_scenario()
    job = await _running_job(
        pg_engine,
        pg_session,
        runner_id="copy-test",
        scenario_snapshot=scenario.model_dump(mode="json"),
        seed=5,
        patients=3_000,
        batch_size=1_000,
    )

    expected: list[tuple] = []
    async with pg_engine.connect() as connection:
        raw = (await connection.get_raw_connection()).driver_connection
        sink = PostgresCopySink(one_connection(raw), job.id, "copy-test")
        generated = 0
        for batches, block in enumerate(iter_blocks(scenario, 3_000, 5), start=1):
            expected.extend(block_rows(job.id, block))
            # a batch of several chunks, as the pipeline cuts them from blocks
            first, rest = block_copy_rows(job.id, block).split(700)
            generated += len(first) + len(rest)
            written = await sink.write_batch([first, rest], generated=generated, batches=batches)
            assert written is False

    columns = [getattr(PatientRow, name) for name in PATIENT_COLUMNS]
    stored = (
        await pg_session.execute(
            select(*columns).where(PatientRow.job_id == job.id).order_by(PatientRow.idx)
        )
    ).all()
    assert [tuple(row) for row in stored] == expected
    assert any("\t" in row[3] and "\\" in row[3] for row in stored), "the awkward front is there"
    assert any(not row[-1].isascii() for row in stored), "non-ASCII names are there"
    assert any(row[12] is None for row in stored)
    assert any(row[12] is not None for row in stored)
    await pg_session.refresh(job)
    assert job.generated == 3_000


async def test_copy_sink_refuses_a_job_it_does_not_hold(pg_engine, pg_session):
    from patientgen.storage.patient_sink import LeaseLostError

    job = await _running_job(
        pg_engine,
        pg_session,
        runner_id="someone-else",
        scenario_snapshot={},
        seed=1,
        patients=10,
        batch_size=10,
    )
    block = next(iter_blocks(default_scenario(), 10, 1))
    async with pg_engine.connect() as connection:
        raw = (await connection.get_raw_connection()).driver_connection
        sink = PostgresCopySink(one_connection(raw), job.id, "me")
        with pytest.raises(LeaseLostError):
            await sink.write_batch([block_copy_rows(job.id, block)], generated=10, batches=1)
    count = await pg_session.scalar(
        select(text("count(*)")).select_from(PatientRow).where(PatientRow.job_id == job.id)
    )
    assert count == 0, "a refused batch leaves nothing behind"


# --- the embedded SQLite ------------------------------------------------------------------------


@pytest.fixture
def engine(sqlite_engine):
    return sqlite_engine


async def _job(engine, runner_id: str) -> JobRecord:
    async with create_session_factory(engine)() as session, session.begin():
        key = ApiKey(name="sink", prefix="pgk_sink", key_hash="0" * 64)
        session.add(key)
        await session.flush()
        job = JobRecord(
            owner_key_id=key.id, scenario_snapshot={}, seed=1, patients=3_000, batch_size=2_048,
            status=JobStatus.RUNNING, runner_id=runner_id, heartbeat_at=datetime.now(UTC),
        )  # fmt: skip
        session.add(job)
    return job


async def test_rows_read_back_as_written_and_the_job_advances(engine):
    job = await _job(engine, "me")
    blocks = list(iter_blocks(default_scenario(), 3_000, 5))
    rows = [row for block in blocks for row in block_rows(job.id, block)]
    first, second = (block_sqlite_rows(job.id, block) for block in blocks)
    head, tail = second.split(500)  # a batch of two chunks, as a batch size of 2,548 cuts it
    async with open_sqlite_sink(engine, job.id, "me") as sink:
        assert await sink.write_batch([first], generated=2_048, batches=1) is False
        await sink.write_batch([head, tail], generated=3_000, batches=2)
    async with create_session_factory(engine)() as session:
        stored = (
            (await session.execute(select(PatientRow).order_by(PatientRow.idx))).scalars().all()
        )
        advanced = await session.get(JobRecord, job.id)
    assert len(stored) == 3_000
    for row, back in zip(rows, stored, strict=True):
        read = {column: getattr(back, column) for column in PATIENT_COLUMNS}
        read["injury_time"] = read["injury_time"].replace(tzinfo=UTC)  # SQLite keeps no zone
        assert read == dict(zip(PATIENT_COLUMNS, row, strict=True))
    assert (advanced.generated, advanced.batches) == (3_000, 2)
    assert advanced.heartbeat_at is not None


async def test_a_batch_for_a_job_held_elsewhere_leaves_nothing(engine):
    job = await _job(engine, "someone-else")
    block = next(iter_blocks(default_scenario(), 100, 1))
    async with open_sqlite_sink(engine, job.id, "me") as sink:
        with pytest.raises(LeaseLostError):
            await sink.write_batch([block_sqlite_rows(job.id, block)], generated=100, batches=1)
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM patients"))).scalar_one() == 0


async def test_the_switch_interval_is_short_while_a_sink_is_open_and_restored_after(engine):
    job = await _job(engine, "me")
    before = sys.getswitchinterval()
    assert before > SQLITE_SWITCH_INTERVAL_S  # the interpreter's default, 5 ms
    async with open_sqlite_sink(engine, job.id, "me"):
        assert sys.getswitchinterval() == SQLITE_SWITCH_INTERVAL_S
        async with open_sqlite_sink(engine, job.id, "me"):  # two jobs at once
            assert sys.getswitchinterval() == SQLITE_SWITCH_INTERVAL_S
        assert sys.getswitchinterval() == SQLITE_SWITCH_INTERVAL_S  # the other is still open
    assert sys.getswitchinterval() == before
    sys.setswitchinterval(SQLITE_SWITCH_INTERVAL_S / 2)  # set shorter by someone else: kept
    try:
        async with open_sqlite_sink(engine, job.id, "me"):
            assert sys.getswitchinterval() == SQLITE_SWITCH_INTERVAL_S / 2
    finally:
        sys.setswitchinterval(before)


def test_times_are_stored_as_the_orm_stores_them():
    moment = datetime(1969, 7, 20, 20, 17, 40, 5, tzinfo=UTC)
    assert sqlite_time(moment) == "1969-07-20 20:17:40.000005"


def test_column_times_equal_the_value_by_value_ones():
    seconds = [0, 59, 3_599, 86_399, 86_400, -1, 1_900_000_000, 1_900_047_661, 253_402_300_799]
    assert sqlite_times(np.array(seconds)).tolist() == [
        sqlite_time(datetime.fromtimestamp(t, UTC)) for t in seconds
    ]


def test_block_values_are_the_tuple_rows_as_sqlite_stores_them():
    job_id = uuid.uuid4()
    block = next(iter_blocks(default_scenario(), 2_048, 9))
    for skip in (0, 2_000, 2_048):
        want = [
            v
            for row in block_rows(job_id, block, skip=skip)
            for v in (row[0].hex, *row[1:8], sqlite_time(row[8]), *row[9:])
        ]
        assert block_sqlite_rows(job_id, block, skip=skip).values == want


async def test_a_failing_batch_leaves_nothing_and_the_sink_writes_on(engine):
    job = await _job(engine, "me")
    first, second = (
        block_sqlite_rows(job.id, b) for b in iter_blocks(default_scenario(), 3_000, 2)
    )
    async with open_sqlite_sink(engine, job.id, "me") as sink:
        with pytest.raises(sqlite3.IntegrityError):  # the same rows twice: primary key
            await sink.write_batch([first, first], generated=4_096, batches=1)
        await sink.write_batch([first], generated=2_048, batches=1)
        await sink.write_batch([second], generated=3_000, batches=2)
    async with engine.connect() as connection:
        count = (await connection.execute(text("SELECT count(*) FROM patients"))).scalar_one()
        generated = (await connection.execute(select(JobRecord.generated))).scalar_one()
    assert (count, generated) == (3_000, 3_000)


async def test_a_cancelled_job_resumes_to_the_rows_of_an_uninterrupted_one(engine):
    job = await _job(engine, "me")
    total, scenario = 3_000, default_scenario()

    async def run(start_at: int, batches_done: int, on_progress) -> Outcome:
        pipeline = PatientGenerationPipeline(
            job_id=job.id, scenario=scenario, seed=1, total=total, batch_size=700,
            start_at=start_at, batches_done=batches_done,
        )  # fmt: skip
        async with open_sqlite_sink(engine, job.id, "me") as sink:
            return await pipeline.run(sink, on_progress)

    async def cancel_after_the_second(progress) -> None:
        if progress.batches == 2:  # the flag a cancel request sets, read by the next batch
            async with engine.begin() as connection:
                await connection.execute(text("UPDATE jobs SET cancel_requested = 1"))

    async def ignore(progress) -> None:
        pass

    assert await run(0, 0, cancel_after_the_second) is Outcome.CANCELLED
    async with engine.begin() as connection:
        stored = (await connection.execute(text("SELECT count(*) FROM patients"))).scalar_one()
        generated, batches = (
            await connection.execute(select(JobRecord.generated, JobRecord.batches))
        ).one()
        await connection.execute(text("UPDATE jobs SET cancel_requested = 0"))
    assert (stored, generated, batches) == (2_100, 2_100, 3)
    assert await run(generated, batches, ignore) is Outcome.COMPLETED
    async with create_session_factory(engine)() as session:
        rows = (await session.execute(select(PatientRow).order_by(PatientRow.idx))).scalars()
        documents = [row.document for row in rows]
        advanced = await session.get(JobRecord, job.id)
    whole = [
        row[-1] for block in iter_blocks(scenario, total, 1) for row in block_rows(job.id, block)
    ]
    assert documents == whole
    assert (advanced.generated, advanced.batches) == (3_000, 5)
