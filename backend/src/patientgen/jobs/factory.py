"""Builds the job runner the settings ask for."""

from __future__ import annotations

import multiprocessing as mp
import os
import socket
import uuid
from concurrent.futures import ProcessPoolExecutor

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from patientgen.cache import CacheService
from patientgen.jobs.blockwork import exit_with_parent
from patientgen.jobs.events import EventBus
from patientgen.jobs.execution import JobExecutor
from patientgen.jobs.runner import InProcessRunner, JobRunner
from patientgen.settings import Settings


def runner_identity() -> str:
    """Unique per process, readable in the jobs table when debugging."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def create_generation_pool(workers: int) -> ProcessPoolExecutor | None:
    # "spawn": forking a process that runs an event loop and holds connections is unsafe.
    if workers == 0:
        return None
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=mp.get_context("spawn"),
        initializer=exit_with_parent,
        initargs=(os.getpid(),),
    )


def create_runner(
    settings: Settings,
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    events: EventBus,
    cache: CacheService,
) -> JobRunner:
    executor = JobExecutor(
        engine=engine,
        sessions=sessions,
        events=events,
        cache=cache,
        runner_id=runner_identity(),
        stale_after_s=settings.job_stale_after_s,
        generation_pool=create_generation_pool(settings.generation_workers),
    )
    return InProcessRunner(executor, recovery_interval_s=settings.job_recovery_interval_s)
