"""Runs one job to its end: claim it, stream its patients, publish progress, record the outcome.
Used by every runner (in-process tasks, taskiq workers) so they behave the same."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import timedelta

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from patientgen.cache import CacheService
from patientgen.jobs.cache_keys import job_cache_keys
from patientgen.jobs.events import EventBus, ProgressData
from patientgen.jobs.pipeline import Outcome, PatientGenerationPipeline, Progress
from patientgen.simulation import Scenario
from patientgen.storage.patient_sink import LeaseLostError, open_sink
from patientgen.storage.repositories.jobs import JobRepository
from patientgen.storage.tables import JobRecord, JobStatus, utcnow

log = logging.getLogger("patientgen.jobs")


def terminal_event_data(job: JobRecord) -> dict:
    return ProgressData(
        generated=job.generated,
        total=job.patients,
        batches=job.batches,
        rate=0.0,
        eta_s=0.0 if job.status == JobStatus.COMPLETED else None,
        status=job.status,
        error=job.error or None,
    ).as_data()


@dataclass
class JobExecutor:
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    events: EventBus
    cache: CacheService
    runner_id: str
    stale_after_s: float
    generation_pool: Executor | None = None
    # Computes the dashboard's aggregates of a finished job, stored with it (injected: jobs/ does
    # not depend on services/).
    summarize: Callable[[AsyncSession, JobRecord], Awaitable[dict]] | None = None

    async def execute(
        self,
        job_id: uuid.UUID,
        cancel_event: asyncio.Event | None = None,
        stop_event: asyncio.Event | None = None,
    ) -> None:
        """Runs the job to its end here, then stores its statistics."""
        ended = await self.run(job_id, cancel_event, stop_event)
        if ended is not None:
            await self.store_statistics(ended)

    async def run(
        self,
        job_id: uuid.UUID,
        cancel_event: asyncio.Event | None = None,
        stop_event: asyncio.Event | None = None,
    ) -> JobRecord | None:
        """Claims and runs the job; returns it as it ended, or None if it did not end here
        (someone else has it, or this process is stopping)."""
        async with self.sessions() as session, session.begin():
            stale_before = utcnow() - timedelta(seconds=self.stale_after_s)
            job = await JobRepository(session).claim(
                job_id, self.runner_id, stale_before=stale_before
            )
        if job is None:
            return None  # finished, cancelled, or alive under another runner
        await self.cache.invalidate(*job_cache_keys(job_id))
        if job.attempts > 1:
            log.info("resuming job %s at %d/%d patients", job_id, job.generated, job.patients)

        status, error = await self._run(job, cancel_event, stop_event)
        if status is None:
            return None
        async with self.sessions() as session, session.begin():
            repo = JobRepository(session)
            if not await repo.finish(job_id, self.runner_id, status, error):
                return None  # taken over meanwhile; the new runner reports the outcome
            final = await repo.get(job_id)
        assert final is not None  # just finished in this transaction
        await self.cache.invalidate(*job_cache_keys(job_id))
        await self.events.publish(str(job_id), final.status, terminal_event_data(final))
        log.info("job %s %s with %d patients", job_id, final.status, final.generated)
        return final

    async def release(self, job_ids: list[uuid.UUID]) -> None:
        """Hands the jobs this runner was running over to the next recovery pass (shutdown)."""
        async with self.sessions() as session, session.begin():
            released = await JobRepository(session).release(job_ids, self.runner_id)
        for job_id in job_ids:
            await self.cache.invalidate(*job_cache_keys(job_id))
        if released:
            log.info("released %d running job(s) for another runner to resume", released)

    async def store_statistics(self, job: JobRecord) -> None:
        """Once a job has ended its rows never change: aggregate them once, so the dashboard
        reads them from the job instead of scanning its patients."""
        if self.summarize is None:
            return
        try:
            async with self.sessions() as session, session.begin():
                statistics = await self.summarize(session, job)
                await JobRepository(session).store_statistics(job.id, statistics)
        except Exception:  # the statistics route computes them on demand instead
            log.exception("could not store statistics of job %s", job.id)
        await self.cache.invalidate(*job_cache_keys(job.id))

    async def _run(
        self, job: JobRecord, cancel_event: asyncio.Event | None, stop_event: asyncio.Event | None
    ) -> tuple[JobStatus | None, str | None]:
        try:
            scenario = Scenario.model_validate(job.scenario_snapshot)
        except ValidationError as exc:
            return (
                JobStatus.FAILED,
                f"stored scenario no longer validates: {exc.error_count()} errors",
            )

        pipeline = PatientGenerationPipeline(
            job_id=job.id,
            scenario=scenario,
            seed=job.seed,
            total=job.patients,
            batch_size=job.batch_size,
            start_at=job.generated,
            batches_done=job.batches,
            cancel_event=cancel_event,
            stop_event=stop_event,
            executor=self.generation_pool,
        )

        async def on_progress(progress: Progress) -> None:
            await self.events.publish(str(job.id), "progress", progress.as_event())
            await self.cache.invalidate(*job_cache_keys(job.id))

        try:
            async with open_sink(self.engine, job.id, self.runner_id) as sink:
                outcome = await pipeline.run(sink, on_progress)
        except LeaseLostError:
            log.warning("job %s was taken over by another runner; stopping here", job.id)
            return None, None
        except asyncio.CancelledError:
            # This process is shutting down: the job stays `running` and recovery resumes it.
            raise
        except Exception as exc:
            log.exception("job %s failed", job.id)
            return JobStatus.FAILED, f"{type(exc).__name__}: {exc}"[:500]
        if outcome is Outcome.STOPPED:
            return None, None  # stays `running`; the runner releases it for a resume
        if outcome is Outcome.CANCELLED:
            return JobStatus.CANCELLED, None
        return JobStatus.COMPLETED, None
