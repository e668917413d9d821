"""A `patientgen worker` process: takes jobs from the Redis queue and runs them, with the same
executor, pipeline and recovery as the in-process runner (see jobs/queue.py). Wired here, at
the composition root of a worker process."""

from __future__ import annotations

import logging

from taskiq import TaskiqEvents, TaskiqState
from taskiq.cli.worker.args import WorkerArgs
from taskiq.cli.worker.run import start_listen
from taskiq_redis import ListQueueBroker

from patientgen.connections import open_connections
from patientgen.jobs.queue import TaskiqRunner, create_broker
from patientgen.settings import Settings
from patientgen.wiring import create_worker_runner

log = logging.getLogger("patientgen.worker")

# On SIGTERM a running job is given this long to finish; then it stops after the batch being
# written and is released (`running`, no heartbeat) for another worker to resume at once.
_WAIT_FOR_JOBS_S = 2.0


async def start_worker_runtime(
    state: TaskiqState, settings: Settings, broker: ListQueueBroker
) -> None:
    c = open_connections(settings)
    enqueue = TaskiqRunner(broker).submit
    runner = create_worker_runner(
        settings, c.engine, c.sessions, c.events, c.cache, recover_via=enqueue
    )
    await runner.start()
    state.runner, state.connections = runner, c
    log.info("worker ready: up to %d job(s) at once", settings.worker_jobs)


async def stop_worker_runtime(state: TaskiqState) -> None:
    await state.runner.stop()
    await state.connections.close()
    log.info("worker stopped")


def run_worker(settings: Settings) -> None:
    """Blocks until SIGTERM or SIGINT."""
    broker = create_broker(settings, worker=True)

    async def startup(state: TaskiqState) -> None:
        await start_worker_runtime(state, settings, broker)

    broker.add_event_handler(TaskiqEvents.WORKER_STARTUP, startup)
    broker.add_event_handler(TaskiqEvents.WORKER_SHUTDOWN, stop_worker_runtime)
    start_listen(
        WorkerArgs(
            broker=broker,  # type: ignore[arg-type]  # an instance works as well as a path
            modules=[],
            configure_logging=False,
            max_async_tasks=settings.worker_jobs,
            max_prefetch=0,  # a busy worker leaves queued jobs to idle ones
            wait_tasks_timeout=_WAIT_FOR_JOBS_S,
            shutdown_timeout=15.0,  # room for the runner to stop its jobs and release them
        )
    )
