"""The job repository reads only what a view needs: lists never touch the big columns."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy.exc import InvalidRequestError

from patientgen.storage.repositories.jobs import JobRepository
from patientgen.storage.tables import ApiKey, JobRecord, JobStatus


async def test_a_job_list_never_reads_snapshots_or_statistics(pg_session):
    """GET /jobs must cost the same however big the jobs' stored statistics are."""
    owner = ApiKey(name="lists", prefix="pgk_lists", key_hash=uuid.uuid4().hex * 2)
    pg_session.add(owner)
    await pg_session.flush()
    repo = JobRepository(pg_session)
    await repo.add(
        JobRecord(
            owner_key_id=owner.id, scenario_snapshot={"name": "big"}, scenario_name="big",
            seed=1, patients=1, batch_size=10, status=JobStatus.COMPLETED,
            statistics={"filler": "x" * 400_000},
        )
    )  # fmt: skip
    await pg_session.commit()
    pg_session.expunge_all()
    jobs, total = await repo.list_visible(owner.id, False, limit=50, offset=0)
    assert total == 1
    assert jobs[0].scenario_name == "big"
    with pytest.raises(InvalidRequestError, match="raiseload"):
        _ = jobs[0].statistics
    with pytest.raises(InvalidRequestError, match="raiseload"):
        _ = jobs[0].scenario_snapshot
    assert await repo.stored_statistics(jobs[0].id) == {"filler": "x" * 400_000}
