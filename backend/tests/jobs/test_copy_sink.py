"""The COPY sink against a real PostgreSQL: what lands in the table from the binary rows the
workers encode is exactly the tuple rows built from the same blocks (awkward front names, non-ASCII
names and NULL flow columns included), and a batch for a job it no longer holds is refused without
leaving anything behind."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from patientgen.simulation import Scenario, default_scenario, iter_blocks
from patientgen.storage.patient_sink import PostgresCopySink, one_connection
from patientgen.storage.rows import block_copy_rows, block_rows
from patientgen.storage.tables import PATIENT_COLUMNS, JobRecord, JobStatus, PatientRow
from tests.support.keys import new_key


def _awkward_scenario() -> Scenario:
    data = default_scenario().model_dump(mode="json")
    old, new = data["fronts"][0]["name"], 'North\\East\t"Sector"\nAlpha'
    data["fronts"][0]["name"] = new
    for event in data["special_events"]:
        if event.get("front") == old:
            event["front"] = new
    return Scenario.model_validate(data)


async def _running_job(pg_engine, pg_session, *, runner_id: str, **fields) -> JobRecord:
    """A job row held by `runner_id`, as a runner's claim leaves it (jobs need an owner key)."""
    await new_key(pg_engine, f"copy-sink-{runner_id}")
    owner = (await pg_session.execute(text("SELECT id FROM api_keys LIMIT 1"))).scalar_one()
    job = JobRecord(owner_key_id=owner, status=JobStatus.RUNNING, runner_id=runner_id, **fields)
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
