"""The embedded database's sink writes values the ORM reads back exactly as the rows it was
given, advances the job in the same transaction, and refuses a job it no longer holds."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime

import numpy as np
import pytest
from sqlalchemy import select, text

from patientgen.jobs.pipeline import Outcome, PatientGenerationPipeline
from patientgen.settings import Settings
from patientgen.simulation import default_scenario, iter_blocks
from patientgen.storage import migrate
from patientgen.storage.engine import create_engine, create_session_factory
from patientgen.storage.patient_sink import LeaseLostError, open_sqlite_sink, sqlite_time
from patientgen.storage.rows import block_rows, block_sqlite_rows, sqlite_times
from patientgen.storage.tables import PATIENT_COLUMNS, ApiKey, JobRecord, JobStatus, PatientRow


@pytest.fixture
async def engine(tmp_path):
    engine = create_engine(Settings(data_dir=tmp_path, _env_file=None))
    await migrate.upgrade(engine)
    yield engine
    await engine.dispose()


async def _job(engine, runner_id: str) -> JobRecord:
    async with create_session_factory(engine)() as session, session.begin():
        key = ApiKey(name="sink", prefix="pgk_sink", key_hash="0" * 64)
        session.add(key)
        await session.flush()
        job = JobRecord(
            owner_key_id=key.id, scenario_snapshot={}, seed=1, patients=3_000, batch_size=2_048,
            status=JobStatus.RUNNING, runner_id=runner_id,
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
