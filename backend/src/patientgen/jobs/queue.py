"""Jobs over Redis for `patientgen worker` processes (PATIENTGEN_JOB_BACKEND=taskiq).

The API enqueues a job's id; a worker with a free slot claims the job in the database and runs it
with the same JobExecutor as the in-process runner. The database stays the source of truth: a
message that is lost (an API or worker crash between enqueue and claim) or a worker that dies
mid-job is caught by the workers' recovery pass, which resumes stale jobs from their last
committed batch. Cancel needs no message: the running batch reads the job's cancel flag.
"""

from __future__ import annotations

import uuid
from typing import Any

from redis.asyncio import Redis
from taskiq import Context, TaskiqDepends
from taskiq.kicker import AsyncKicker
from taskiq_redis import ListQueueBroker

from patientgen.settings import Settings

RUN_JOB = "patientgen.run_job"


async def run_job(job_id: str, context: Context = TaskiqDepends()) -> None:
    """The worker side: run the job here until it ends (or this worker stops)."""
    await context.state.runner.run(uuid.UUID(job_id))


def create_broker(settings: Settings, *, worker: bool = False) -> ListQueueBroker:
    """One queue per deployment (the cache prefix separates deployments sharing a Redis)."""
    # A worker's BRPOP waits for the next job with no time limit: the client's default 5 s read
    # timeout would raise in an idle worker and stop it. The API keeps the timeouts.
    waiting: dict[str, Any] = {
        "socket_timeout": None,
        "socket_keepalive": True,
        "health_check_interval": 30,
    }
    broker = ListQueueBroker(
        url=settings.redis_url,
        queue_name=f"{settings.cache_prefix}jobs",
        **(waiting if worker else {}),
    )
    broker.register_task(run_job, task_name=RUN_JOB)
    return broker


class TaskiqRunner:
    """The API side: jobs go to the queue; this process never runs them."""

    def __init__(self, broker: ListQueueBroker) -> None:
        self._broker = broker
        self._kicker: AsyncKicker[Any, Any] = AsyncKicker(
            task_name=RUN_JOB, broker=broker, labels={}
        )

    async def start(self) -> None:
        await self._broker.startup()

    async def submit(self, job_id: uuid.UUID) -> None:
        await self._kicker.kiq(str(job_id))

    async def cancel(self, job_id: uuid.UUID) -> None:
        """Nothing to send: the worker reads the cancel flag with its next batch."""

    async def stop(self) -> None:
        await self._broker.shutdown()

    async def health(self) -> dict:
        """Reaches Redis, and tells how many jobs wait for a free worker."""
        async with Redis(connection_pool=self._broker.connection_pool) as redis:
            waiting = await redis.llen(self._broker.queue_name)
        return {"backend": "taskiq", "waiting_jobs": waiting}
