"""Application factory: routers, middleware, error handlers and the resource lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from prometheus_client import CollectorRegistry, Gauge

from patientgen import __version__
from patientgen.api import (
    events,
    exports,
    health,
    identity,
    jobs,
    keys,
    patients,
    reference,
    scenarios,
    statistics,
)
from patientgen.api.cors import StrictCORSMiddleware, cors_options
from patientgen.api.docs import mount_docs
from patientgen.api.headers import SecurityHeaders
from patientgen.api.limits import RequestLimits
from patientgen.api.metrics import MetricsMiddleware, RequestMetrics
from patientgen.api.openapi import install_openapi
from patientgen.api.problems import UnexpectedErrors, install_problem_handlers
from patientgen.api.spa import mount_spa
from patientgen.api.state import AppState
from patientgen.bootstrap import bootstrap_keys
from patientgen.connections import open_connections
from patientgen.settings import Settings, get_settings
from patientgen.storage import migrate
from patientgen.wiring import create_runner

API_PREFIX = "/api/v1"
log = logging.getLogger("patientgen")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    registry = CollectorRegistry()
    open_streams = Gauge("patientgen_sse_open_streams", "Open job event streams", registry=registry)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        c = open_connections(settings, registry)
        if settings.is_sqlite:
            # The embedded database migrates itself; PostgreSQL is migrated by `patientgen migrate`.
            await migrate.upgrade(c.engine)
        runner = create_runner(settings, c.engine, c.sessions, c.events, c.cache)
        state = AppState(
            settings, c.engine, c.sessions, c.cache, registry, c.events, runner, open_streams
        )
        await bootstrap_keys(state)
        app.state.patientgen = state
        await runner.start()
        try:
            yield
        finally:
            await runner.stop()
            await c.close()

    app = FastAPI(
        title="PatientGen",
        version=__version__,
        summary="Synthetic casualty data for military medical exercises",
        lifespan=lifespan,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # served by api/docs.py, without third-party scripts
        redoc_url=None,
    )
    install_problem_handlers(app)
    install_openapi(app)

    api = APIRouter(prefix=API_PREFIX)
    api.include_router(health.router)
    api.include_router(identity.router)
    api.include_router(keys.router)
    api.include_router(reference.router)
    api.include_router(scenarios.router)
    api.include_router(jobs.router)
    api.include_router(events.router)
    api.include_router(patients.router)
    api.include_router(statistics.router)
    api.include_router(exports.router)
    api.include_router(exports.tickets_router)
    app.include_router(api)
    app.include_router(health.metrics_router)
    mount_docs(app, API_PREFIX)
    mount_spa(app, settings.web_dir, API_PREFIX)  # last: its catch-all must not shadow the API

    # Added innermost first. CORS, outermost, must also decorate the errors produced inside;
    # the limits refuse oversized or unstorable input before any route (or key check) runs.
    app.add_middleware(UnexpectedErrors)
    app.add_middleware(
        RequestLimits, max_bytes=settings.max_request_bytes, max_depth=settings.max_json_depth
    )
    app.add_middleware(SecurityHeaders, api_prefix=API_PREFIX)
    app.add_middleware(MetricsMiddleware, metrics=RequestMetrics(registry))
    app.add_middleware(StrictCORSMiddleware, **cors_options(settings.cors_origins))
    return app
