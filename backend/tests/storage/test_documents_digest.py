"""What is stored for a range of indices, without reading it out (documents_digest): on
PostgreSQL and on the embedded SQLite, the count, the first and last index and the SHA-256 of
exactly the NDJSON that documents_between reads (non-ASCII names and JSON escapes included)."""

from __future__ import annotations

import hashlib
import random
import uuid

from patientgen.simulation import default_scenario
from patientgen.storage.repositories.patients import (
    DocumentsDigest,
    documents_between,
    documents_digest,
)
from tests.support.jobs import patient_rows, store_rows
from tests.support.samples import with_front_name

PATIENTS = 2_500
FRONT = 'Nord\\Öst\t"Сектор"'  # JSON escapes, two- and three-byte UTF-8


async def _stored_job(engine, missing: int) -> uuid.UUID:
    job_id = uuid.uuid4()  # patients have no foreign key to their job
    scenario = with_front_name(default_scenario(), FRONT)
    rows = [r for r in patient_rows(job_id, scenario, PATIENTS, 3) if r["idx"] != missing]
    random.Random(7).shuffle(rows)  # stored out of index order: the digest must sort them
    async with engine.begin() as connection:
        await store_rows(connection, rows)
    return job_id


def _ndjson_sha256(documents: list[str]) -> bytes:
    return hashlib.sha256("".join(d + "\n" for d in documents).encode()).digest()


async def _digests_are_of_what_is_read(engine) -> None:
    job_id = await _stored_job(engine, missing=1_000)
    for start, stop, count, first, last in [
        (0, 2_048, 2_047, 0, 2_047),  # 1,000 is missing
        (2_048, 4_096, PATIENTS - 2_048, 2_048, PATIENTS - 1),
        (5, 6, 1, 5, 5),
    ]:
        documents = await documents_between(engine, job_id, start, stop)
        assert len(documents) == count
        assert any(not d.isascii() for d in documents) or count == 1
        digest = await documents_digest(engine, job_id, start, stop)
        assert digest == DocumentsDigest(count, first, last, _ndjson_sha256(documents))
    empty = await documents_digest(engine, job_id, 4_096, 6_144)
    assert empty == DocumentsDigest(0, None, None, None)
    assert await documents_digest(engine, uuid.uuid4(), 0, 2_048) == empty


async def test_postgresql_hashes_what_it_would_read(pg_engine):
    await _digests_are_of_what_is_read(pg_engine)


async def test_sqlite_hashes_what_it_would_read(sqlite_engine):
    await _digests_are_of_what_is_read(sqlite_engine)
