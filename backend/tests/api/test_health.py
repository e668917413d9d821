"""Health reports the real state of the database and cache; 503 when the database is gone."""

from __future__ import annotations

import httpx

from tests.support.databases import create_database, drop_database
from tests.support.server import start_server


def test_health_on_postgres_and_redis(live_server):
    response = httpx.get(live_server.api + "/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"status": "ok", "backend": "postgresql"}
    assert body["cache"] == {"status": "ok", "backend": "redis"}
    assert body["broker"]["status"] == "ok"
    assert body["broker"]["backend"] == "inprocess"


async def test_health_503_when_database_unreachable(
    postgres_admin_url, server_env, worker_id_tag, tmp_path
):

    from patientgen.settings import Settings
    from patientgen.storage import migrate
    from patientgen.storage.engine import create_engine

    name = f"patientgen_test_{worker_id_tag}_doomed"
    url = await create_database(postgres_admin_url, name)
    engine = create_engine(Settings(database_url=url, _env_file=None))
    await migrate.upgrade(engine)
    await engine.dispose()

    env = {**server_env, "PATIENTGEN_DATABASE_URL": url, "PATIENTGEN_DATA_DIR": str(tmp_path)}
    with start_server(env) as server:
        async with httpx.AsyncClient(base_url=server.api, timeout=10) as client:
            assert (await client.get("/health")).status_code == 200
            await drop_database(postgres_admin_url, name)
            response = await client.get("/health")
    assert response.status_code == 503
    body = response.json()
    assert body["database"]["status"] == "down"
    assert body["status"] == "down"
