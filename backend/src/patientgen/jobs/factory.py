"""Builds the job runner the settings ask for."""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from patientgen.cache import CacheService
from patientgen.jobs.blockwork import exit_with_parent
from patientgen.jobs.events import EventBus
from patientgen.jobs.execution import JobExecutor
from patientgen.jobs.runner import InProcessRunner, JobRunner
from patientgen.services.statistics import statistics_to_store
from patientgen.settings import Settings

_M_ARENA_MAX = -8  # glibc's mallopt parameter number


def runner_identity() -> str:
    """Unique per process, readable in the jobs table when debugging."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _one_malloc_arena() -> None:
    """Rows are built on the generation thread and freed on the event loop's. With glibc's
    per-thread arenas that pattern fragments memory, so peak RSS would grow with the job's size;
    one shared arena keeps it flat (the same effect as MALLOC_ARENA_MAX=1)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_ARENA_MAX, 1)
    except (OSError, AttributeError):  # not glibc: nothing to tune
        pass


def create_generation_pool(mode: str, workers: int = 1) -> Executor | None:
    if mode == "loop":
        return None
    if mode == "thread":
        _one_malloc_arena()
        return ThreadPoolExecutor(max_workers=workers, thread_name_prefix="generate")
    # "spawn": forking a process that runs an event loop and holds connections is unsafe.
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=mp.get_context("spawn"),
        initializer=exit_with_parent,
        initargs=(os.getpid(),),
    )


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
