"""The shared services a process that runs jobs opens (the API, a worker): the database, the
cache and the progress bus, built from settings and closed together."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from patientgen.cache import CacheService, create_cache
from patientgen.jobs.events import EventBus, create_event_bus
from patientgen.settings import Settings
from patientgen.storage.engine import create_engine, create_session_factory


@dataclass(frozen=True)
class Connections:
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    cache: CacheService
    events: EventBus

    async def close(self) -> None:
        await self.events.close()
        await self.cache.close()
        await self.engine.dispose()


def open_connections(settings: Settings, registry: CollectorRegistry | None = None) -> Connections:
    engine = create_engine(settings)
    cache = create_cache(
        settings.redis_url,
        prefix=settings.cache_prefix,
        default_ttl_s=settings.cache_default_ttl_s,
        registry=registry,
    )
    events = create_event_bus(settings.redis_url, prefix=settings.cache_prefix + "events:")
    return Connections(engine, create_session_factory(engine), cache, events)


async def database_problem(settings: Settings, timeout_s: float = 10.0) -> str | None:
    """Why the database cannot be reached, in one line without secrets; None if it can."""
    import asyncio

    from sqlalchemy.engine import make_url

    from patientgen.storage.engine import ping

    engine = create_engine(settings)
    where = make_url(settings.resolved_database_url).render_as_string(hide_password=True)
    try:
        async with asyncio.timeout(timeout_s):
            await ping(engine)
    except Exception as exc:  # any failure to connect is reported the same way
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200] or type(exc).__name__
        return f"cannot reach the database {where}: {reason}"
    finally:
        await engine.dispose()
    return None
