"""A job's XML through services.exports on PostgreSQL: written from its regenerated blocks
where the database's digest of a block is theirs (its documents are then never read out), and
from its parsed documents where it is not (an edited document, a job stopped part way), with
the same bytes either way."""

from __future__ import annotations

import uuid

import orjson
import pytest
from sqlalchemy import update

from patientgen.exports import xml
from patientgen.exports.formats import Archive, ExportFormat
from patientgen.services import exports
from patientgen.simulation import BLOCK_SIZE, default_scenario
from patientgen.storage.engine import create_session_factory
from patientgen.storage.repositories.patients import documents_between
from patientgen.storage.tables import ApiKey, JobRecord, JobStatus, PatientRow
from tests.support.jobs import patient_rows, store_rows

PATIENTS, SEED = 3 * BLOCK_SIZE, 41


@pytest.fixture
def reads(monkeypatch) -> list[tuple[int, int]]:
    """The ranges whose documents the export read (the real reads, counted)."""
    seen: list[tuple[int, int]] = []

    async def counted(engine, job_id, start, stop):
        seen.append((start, stop))
        return await documents_between(engine, job_id, start, stop)

    monkeypatch.setattr(exports, "documents_between", counted)
    return seen


async def _job(engine, stored: int = PATIENTS) -> JobRecord:
    scenario = default_scenario()
    async with create_session_factory(engine)() as session, session.begin():
        tag = uuid.uuid4().hex
        key = ApiKey(name="xml", prefix=f"pgk_{tag[:8]}", key_hash=tag * 2)
        session.add(key)
        await session.flush()
        job = JobRecord(
            owner_key_id=key.id, scenario_snapshot=scenario.model_dump(mode="json"), seed=SEED,
            patients=PATIENTS, batch_size=BLOCK_SIZE, generated=stored,
            status=JobStatus.COMPLETED if stored == PATIENTS else JobStatus.CANCELLED,
        )  # fmt: skip
        session.add(job)
        await session.flush()
        rows = patient_rows(job.id, scenario, PATIENTS, SEED)
        await store_rows(session, [r for r in rows if r["idx"] < stored])
    return job


async def _exported(engine, job: JobRecord) -> bytes:
    stream = exports.export_job(engine, job, ExportFormat.XML, Archive.NONE)
    return b"".join([chunk async for chunk in stream.chunks])


async def _parsed(engine, job: JobRecord) -> bytes:
    documents = await documents_between(engine, job.id, 0, PATIENTS)
    return b"".join(xml.encode(map(orjson.loads, documents)))


async def test_checked_blocks_are_written_without_reading_their_documents(pg_engine, reads):
    job = await _job(pg_engine)
    assert await _exported(pg_engine, job) == await _parsed(pg_engine, job)
    assert reads == []


async def test_an_edited_document_is_read_and_parsed_from_its_block_on(pg_engine, reads):
    job = await _job(pg_engine)
    at = BLOCK_SIZE + 7
    (document,) = await documents_between(pg_engine, job.id, at, at + 1)
    edited = orjson.dumps({**orjson.loads(document), "front": "Edited"}).decode()
    async with pg_engine.begin() as connection:
        await connection.execute(
            update(PatientRow)
            .where(PatientRow.job_id == job.id, PatientRow.idx == at)
            .values(document=edited)
        )
    data = await _exported(pg_engine, job)
    assert data == await _parsed(pg_engine, job)
    assert data.count(b"<front>Edited</front>") == 1
    # read from the edited block on (by the encoder's thread: the next block's digest was
    # already asked for while it checked this one)
    assert reads == [(BLOCK_SIZE, 2 * BLOCK_SIZE), (2 * BLOCK_SIZE, 3 * BLOCK_SIZE)]


async def test_a_job_stopped_part_way_is_written_from_its_blocks(pg_engine, reads):
    job = await _job(pg_engine, stored=BLOCK_SIZE + 25)
    data = await _exported(pg_engine, job)
    assert data == await _parsed(pg_engine, job)
    assert data.count(b"<patient ") == BLOCK_SIZE + 25
    assert reads == []
