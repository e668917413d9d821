"""Liveness of the service and its dependencies, and Prometheus metrics."""

from __future__ import annotations

import asyncio
from typing import Literal

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel, Field

from patientgen import __version__
from patientgen.api.deps import AdminDep, StateDep
from patientgen.api.openapi import problems
from patientgen.storage.engine import ping as ping_database

router = APIRouter(tags=["health"])
CHECK_TIMEOUT_S = 3.0
CheckStatus = Literal["ok", "down"]


class DependencyHealth(BaseModel):
    status: CheckStatus
    backend: str = Field(description="database: postgresql | sqlite; cache: redis | memory.")


class BrokerHealth(BaseModel):
    status: CheckStatus
    backend: Literal["inprocess", "taskiq"]
    running_jobs: int | None = Field(None, description="inprocess: jobs running here.")
    waiting_jobs: int | None = Field(None, description="taskiq: jobs waiting for a worker.")


class Health(BaseModel):
    status: Literal["ok", "degraded", "down"] = Field(
        description="down (503) without the database; degraded when the cache or queue is down."
    )
    version: str
    database: DependencyHealth
    cache: DependencyHealth
    broker: BrokerHealth


async def _check(coro) -> str:
    try:
        await asyncio.wait_for(coro, CHECK_TIMEOUT_S)
    except Exception:
        return "down"
    return "ok"


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
async def health(state: StateDep) -> JSONResponse:
    async def cache() -> None:
        if not await state.cache.ping():
            raise ConnectionError("cache ping failed")

    broker: dict = {}

    async def runner() -> None:
        broker.update(await state.runner.health())

    db_status, cache_status, broker_status = await asyncio.gather(
        _check(ping_database(state.engine)), _check(cache()), _check(runner())
    )
    body = {
        "status": "ok" if db_status == "ok" else "down",
        "version": __version__,
        "database": {"status": db_status, "backend": state.engine.dialect.name},
        "cache": {
            "status": cache_status,
            "backend": "redis" if state.settings.redis_url else "memory",
        },
        "broker": {"status": broker_status, "backend": state.settings.job_backend, **broker},
    }
    if "down" in (cache_status, broker_status) and db_status == "ok":
        body["status"] = "degraded"
    return JSONResponse(body, status_code=200 if db_status == "ok" else 503)


metrics_router = APIRouter(tags=["health"])


@metrics_router.get("/metrics", response_class=Response, responses=problems(403))
async def metrics(state: StateDep, _: AdminDep) -> Response:
    return Response(generate_latest(state.registry), media_type=CONTENT_TYPE_LATEST)
