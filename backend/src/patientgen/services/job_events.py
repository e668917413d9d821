"""What a job's event stream falls back on: the database's record of how the job ended."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from patientgen.jobs.events import EventBus, JobEvent
from patientgen.jobs.execution import terminal_event_data
from patientgen.storage.repositories.jobs import JobRepository
from patientgen.storage.tables import JobStatus


async def ended_event(
    sessions: async_sessionmaker[AsyncSession], events: EventBus, job_id: uuid.UUID, after: int
) -> JobEvent | None:
    """The terminal event of a job that has ended, for a stream whose bus lost it (the memory
    bus after a restart, Redis unreachable); None while the job runs. A short session of its
    own: the stream must not hold one."""
    async with sessions() as session:
        job = await JobRepository(session).get(job_id)
    if job is None or not JobStatus(job.status).is_terminal:
        return None
    next_id = max(after, await events.last_id(str(job_id)) or 0) + 1
    return JobEvent(id=next_id, event=job.status, data=terminal_event_data(job))
