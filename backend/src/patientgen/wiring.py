"""The composition root of job running: the runner, executor and generation pool the settings
ask for, with what they need from the services injected (jobs/ depends on no service)."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from patientgen.cache import CacheService
from patientgen.jobs.events import EventBus
from patientgen.jobs.execution import JobExecutor
from patientgen.jobs.generation import create_generation_pool
from patientgen.jobs.runner import InProcessRunner, JobRunner
from patientgen.services.statistics import statistics_to_store
from patientgen.settings import Settings


def runner_identity() -> str:
    """Unique per process, readable in the jobs table when debugging."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def create_executor(
    settings: Settings,
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    events: EventBus,
    cache: CacheService,
    *,
    generation_workers: int,
) -> JobExecutor:
    return JobExecutor(
        engine=engine,
        sessions=sessions,
        events=events,
        cache=cache,
        runner_id=runner_identity(),
        stale_after_s=settings.job_stale_after_s,
        generation_pool=create_generation_pool(settings.generation, generation_workers),
        summarize=statistics_to_store,
    )


def create_runner(
    settings: Settings,
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    events: EventBus,
    cache: CacheService,
) -> JobRunner:
    """The API process's runner: jobs run here, or go to the workers' queue."""
    if settings.job_backend == "taskiq":
        from patientgen.jobs.queue import TaskiqRunner, create_broker

        return TaskiqRunner(create_broker(settings))
    executor = create_executor(
        settings, engine, sessions, events, cache, generation_workers=settings.generation_workers
    )
    return InProcessRunner(
        executor,
        recovery_interval_s=settings.job_recovery_interval_s,
        capacity=settings.max_running_jobs,
    )


def create_worker_runner(
    settings: Settings,
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    events: EventBus,
    cache: CacheService,
    *,
    recover_via: Callable[[uuid.UUID], Awaitable[None]],
) -> InProcessRunner:
    """A worker process's runner: `worker_jobs` at once, each with its own generation thread;
    jobs it recovers go back through the queue (`recover_via`)."""
    workers = max(settings.generation_workers, settings.worker_jobs)
    executor = create_executor(
        settings, engine, sessions, events, cache, generation_workers=workers
    )
    return InProcessRunner(
        executor,
        recovery_interval_s=settings.job_recovery_interval_s,
        capacity=settings.worker_jobs,
        recover_via=recover_via,
    )
