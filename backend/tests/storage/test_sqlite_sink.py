"""The embedded database's sink writes values the ORM reads back exactly as the rows it was
given, advances the job in the same transaction, and refuses a job it no longer holds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from patientgen.settings import Settings
from patientgen.simulation import default_scenario, iter_blocks
from patientgen.storage import migrate
from patientgen.storage.engine import create_engine, create_session_factory
from patientgen.storage.patient_sink import LeaseLostError, SqliteSink, TupleRows, sqlite_time
from patientgen.storage.rows import block_rows
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
    rows = [
        row
        for block in iter_blocks(default_scenario(), 3_000, 5)
        for row in block_rows(job.id, block)
    ]
    sink = SqliteSink(engine, job.id, "me")
    assert await sink.write_batch([TupleRows(rows[:2_048])], generated=2_048, batches=1) is False
    await sink.write_batch([TupleRows(rows[2_048:])], generated=3_000, batches=2)
    async with create_session_factory(engine)() as session:
        stored = (
            (await session.execute(select(PatientRow).order_by(PatientRow.idx))).scalars().all()
        )
        advanced = await session.get(JobRecord, job.id)
    assert len(stored) == 3_000
    for row, back in zip(rows, stored, strict=True):
        values = tuple(
            getattr(back, column if column != "idx" else "idx") for column in PATIENT_COLUMNS
        )
        assert values[0] == row[0]
        assert values[8].replace(tzinfo=UTC) == row[8]
        assert values[1:8] + values[9:] == row[1:8] + row[9:]
    assert (advanced.generated, advanced.batches) == (3_000, 2)
    assert advanced.heartbeat_at is not None


async def test_a_batch_for_a_job_held_elsewhere_leaves_nothing(engine):
    job = await _job(engine, "someone-else")
    block = next(iter_blocks(default_scenario(), 100, 1))
    with pytest.raises(LeaseLostError):
        await SqliteSink(engine, job.id, "me").write_batch(
            [TupleRows(block_rows(job.id, block))], generated=100, batches=1
        )
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM patients"))).scalar_one() == 0


def test_times_are_stored_as_the_orm_stores_them():
    moment = datetime(1969, 7, 20, 20, 17, 40, 5, tzinfo=UTC)
    assert sqlite_time(moment) == "1969-07-20 20:17:40.000005"
