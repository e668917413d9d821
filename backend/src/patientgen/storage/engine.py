"""Async engine and session factory for PostgreSQL (asyncpg) and the embedded SQLite (aiosqlite)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from patientgen.settings import Settings

# Every SQLite connection's settings (the engine's and the job sink's own): WAL lets readers
# (the API) proceed while a job writes; foreign keys are off by default.
SQLITE_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL")


def create_engine(settings: Settings) -> AsyncEngine:
    url = make_url(settings.resolved_database_url)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(settings, url.database)
    return create_async_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=settings.db_pool_timeout_s,
        pool_recycle=settings.db_pool_recycle_s,
        pool_pre_ping=settings.db_pool_pre_ping,
        hide_parameters=True,  # a failed statement's parameters (key hashes…) never reach a log
        connect_args={
            "timeout": settings.db_connect_timeout_s,
            "command_timeout": settings.db_statement_timeout_s,
            "server_settings": {"application_name": "patientgen"},
        },
    )


def _sqlite_engine(settings: Settings, database: str | None) -> AsyncEngine:
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(
        settings.resolved_database_url,
        pool_pre_ping=settings.db_pool_pre_ping,
        hide_parameters=True,
        connect_args={"timeout": settings.db_connect_timeout_s},
    )

    @event.listens_for(engine.sync_engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
        cursor.close()

    return engine


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


async def ping(engine: AsyncEngine) -> None:
    """Raises unless the database answers a trivial query."""
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))
