"""Process-wide resources, created in the app lifespan and reached through dependencies."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Gauge
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from patientgen.cache import CacheService
from patientgen.jobs.events import EventBus
from patientgen.jobs.runner import JobRunner
from patientgen.services.jobs import JobEffects
from patientgen.settings import Settings


@dataclass
class AppState:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    cache: CacheService
    registry: CollectorRegistry
    events: EventBus
    runner: JobRunner
    open_streams: Gauge  # SSE connections in flight; returns to 0 when clients leave

    @property
    def job_effects(self) -> JobEffects:
        return JobEffects(self.runner, self.cache, self.events)
