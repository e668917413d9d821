"""Shared fixtures: a real PostgreSQL database per xdist worker, a Redis key prefix per worker,
and a real HTTP server (`patientgen serve` in a subprocess) on top of them.

Where the services come from, in order:
1. PATIENTGEN_TEST_DATABASE_URL / PATIENTGEN_TEST_REDIS_URL when set (CI and `make test` set them);
2. otherwise testcontainers, when a Docker engine answers;
3. otherwise the local services on 127.0.0.1 (PostgreSQL 5432, Redis 6379).
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import AsyncIterator, Iterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from tests.support.databases import create_database, drop_database
from tests.support.server import LiveServer, start_server

pytest_plugins = ["tests.support.finished_job"]

LOCAL_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
# A whole API key or download-ticket token (a key's 12-character display prefix is fine).
SECRET = re.compile(r"\b(?:pgk|pgt)_[A-Za-z0-9_-]{24,}")
LOCAL_REDIS = "redis://127.0.0.1:6379/0"


def _docker_engine_available() -> bool:
    try:
        import docker

        docker.from_env(timeout=2).ping()
    except Exception:
        return False
    return True


@pytest.fixture(scope="session", autouse=True)
def no_secret_in_any_log(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """After the whole session: no server or worker log any test produced holds a key or a
    ticket token, whichever test created it and however it was sent."""
    yield
    leaks = []
    for log in tmp_path_factory.getbasetemp().rglob("*.log"):
        for found in SECRET.finditer(log.read_text(encoding="utf-8", errors="replace")):
            leaks.append(f"{log.name}: {found.group()[:8]}…")
    assert not leaks, f"secrets in logs: {leaks[:10]}"


@pytest.fixture(scope="session")
def worker_id_tag(request: pytest.FixtureRequest) -> str:
    worker = getattr(request.config, "workerinput", {}).get("workerid", "main")
    return f"{worker}_{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    url = os.environ.get("PATIENTGEN_TEST_DATABASE_URL")
    if url:
        yield url
        return
    if _docker_engine_available():
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer("postgres:15-alpine", driver="asyncpg") as container:
            yield container.get_connection_url()
        return
    yield LOCAL_POSTGRES


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    url = os.environ.get("PATIENTGEN_TEST_REDIS_URL")
    if url:
        yield url
        return
    if _docker_engine_available():
        from testcontainers.redis import RedisContainer

        with RedisContainer("redis:7-alpine") as container:
            host = container.get_container_host_ip()
            yield f"redis://{host}:{container.get_exposed_port(6379)}/0"
        return
    yield LOCAL_REDIS


@pytest.fixture(scope="session")
async def database_url(postgres_admin_url: str, worker_id_tag: str) -> AsyncIterator[str]:
    """A fresh, migrated database for this test worker; dropped at the end of the session."""
    name = f"patientgen_test_{worker_id_tag}"
    url = await create_database(postgres_admin_url, name)
    try:
        yield url
    finally:
        await drop_database(postgres_admin_url, name)


@pytest.fixture(scope="session")
def cache_prefix(worker_id_tag: str) -> str:
    return f"pgtest:{worker_id_tag}:"


@pytest.fixture(scope="session")
async def pg_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    from patientgen.settings import Settings
    from patientgen.storage import migrate
    from patientgen.storage.engine import create_engine

    engine = create_engine(Settings(database_url=database_url, _env_file=None))
    await migrate.upgrade(engine)
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest.fixture
async def pg_session(pg_engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    async with async_sessionmaker(pg_engine, expire_on_commit=False)() as session:
        yield session


@pytest.fixture(scope="session")
async def redis_cleanup(redis_url: str, cache_prefix: str) -> AsyncIterator[None]:
    yield
    from tests.support.events import delete_prefix

    await delete_prefix(redis_url, cache_prefix)


@pytest.fixture(scope="session")
def server_env(database_url: str, redis_url: str, cache_prefix: str, tmp_path_factory) -> dict:
    return {
        "PATIENTGEN_ENVIRONMENT": "development",
        "PATIENTGEN_DATABASE_URL": database_url,
        "PATIENTGEN_REDIS_URL": redis_url,
        "PATIENTGEN_CACHE_PREFIX": cache_prefix,
        "PATIENTGEN_DATA_DIR": str(tmp_path_factory.mktemp("server-data")),
        "PATIENTGEN_CORS_ORIGINS": "http://allowed.example,http://localhost:5173",
    }


@pytest.fixture(scope="session")
def live_server(
    pg_engine: AsyncEngine, server_env: dict, redis_cleanup: None
) -> Iterator[LiveServer]:
    """`patientgen serve` on PostgreSQL + Redis, reachable over real HTTP."""
    with start_server(server_env) as server:
        yield server
