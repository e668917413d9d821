"""Degraded dependencies degrade, they do not fail: without Redis (unreachable from the start, or
lost while serving) every keyed route and the reference data keep working, jobs run to their
end, SSE streams end with the job's outcome, and /health tells the truth. Without the database
the server refuses to start, in one line; a database lost while serving makes the routes that
need it answer 503 problem+json with Retry-After (not 500), and they work again once it is back."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from urllib.parse import urlsplit

import httpx
import pytest

from tests.support.jobs import scenario_json, wait_for_status
from tests.support.keys import new_key
from tests.support.proxy import tcp_proxy
from tests.support.server import free_port, start_server
from tests.support.sse import read_events


async def _everything_still_works(server, key: dict, *, patients: int = 3_000) -> None:
    async with httpx.AsyncClient(base_url=server.api, timeout=60) as client:
        assert (await client.get("/reference/presets")).status_code == 200
        assert (await client.get("/reference/nations")).status_code == 200
        assert (await client.get("/me", headers=key)).status_code == 200
        assert (await client.get("/jobs", headers=key)).status_code == 200
        created = await client.post(
            "/jobs", json={"scenario": scenario_json(), "patients": patients, "seed": 3},
            headers=key,
        )  # fmt: skip
        assert created.status_code == 202, created.text
        job_id = created.json()["id"]
        frames = await read_events(client, f"/jobs/{job_id}/events", key)
        assert frames[-1].event == "completed"
        job = await wait_for_status(client, f"/jobs/{job_id}", key)
        assert job["generated"] == patients
        stats = (await client.get(f"/jobs/{job_id}/statistics", headers=key)).json()
        assert stats["patients"] == patients
        ticket = (await client.post(f"/jobs/{job_id}/downloads", json={}, headers=key)).json()
        download = await client.get(server.base_url + ticket["url"])
        assert download.status_code == 200
        assert download.text.count("\n") == patients


@pytest.mark.slow  # a server, a 3,000-patient job and every route, without Redis
async def test_redis_unreachable_from_the_start(server_env, pg_engine, tmp_path):
    env = {
        **server_env,
        "PATIENTGEN_REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",
        "PATIENTGEN_DATA_DIR": str(tmp_path),
    }
    key = await new_key(pg_engine, "no-redis")
    with start_server(env) as server:
        async with httpx.AsyncClient() as client:
            health = await client.get(server.api + "/health")
        assert health.status_code == 200
        assert health.json()["status"] == "degraded"
        assert health.json()["cache"]["status"] == "down"
        await _everything_still_works(server, key)
        assert "Traceback" not in server.log()


@pytest.mark.slow  # the same, Redis cut mid-run through a proxy
async def test_redis_lost_while_serving(server_env, pg_engine, tmp_path, redis_url):
    target = urlsplit(redis_url)
    key = await new_key(pg_engine, "redis-lost")
    with tcp_proxy(target.hostname, target.port or 6379) as proxy:
        env = {
            **server_env,
            "PATIENTGEN_REDIS_URL": f"redis://127.0.0.1:{proxy.port}{target.path or '/0'}",
            "PATIENTGEN_DATA_DIR": str(tmp_path),
        }
        with start_server(env) as server:
            async with httpx.AsyncClient(base_url=server.api, timeout=60) as client:
                assert (await client.get("/health")).json()["status"] == "ok"
                body = {"scenario": scenario_json(), "patients": 300_000, "seed": 4}
                running = (await client.post("/jobs", json=body, headers=key)).json()
                await asyncio.sleep(0.5)
                proxy.cut()  # Redis goes away mid-job
                health = (await client.get("/health")).json()
                assert health["status"] == "degraded"
                assert health["cache"]["status"] == "down"
                await _everything_still_works(server, key)
                job = await wait_for_status(client, f"/jobs/{running['id']}", key)
                assert job["status"] == "completed"
                assert job["generated"] == 300_000


async def test_database_lost_while_serving(server_env, pg_engine, tmp_path):
    target = urlsplit(server_env["PATIENTGEN_DATABASE_URL"])
    key = await new_key(pg_engine, "db-lost")
    with tcp_proxy(target.hostname, target.port or 5432) as proxy:
        netloc = f"{target.username}@127.0.0.1:{proxy.port}"
        env = {
            **server_env,
            "PATIENTGEN_DATABASE_URL": target._replace(netloc=netloc).geturl(),
            "PATIENTGEN_DATA_DIR": str(tmp_path),
        }
        with start_server(env) as server:
            async with httpx.AsyncClient(base_url=server.api, timeout=60) as client:
                assert (await client.get("/jobs", headers=key)).status_code == 200
                proxy.cut()  # PostgreSQL goes away
                for path in ("/jobs", "/me", "/scenarios"):
                    gone = await client.get(path, headers=key)
                    assert gone.status_code == 503, (path, gone.text)
                    assert gone.headers["content-type"] == "application/problem+json"
                    assert int(gone.headers["retry-after"]) > 0
                    assert gone.json()["status"] == 503
                health = await client.get("/health")
                assert health.status_code == 503
                assert health.json()["database"]["status"] == "down"
                proxy.resume()  # and comes back: the same client connection still works
                back = await client.get("/jobs", headers=key)
                assert back.status_code == 200, back.text
                assert (await client.get("/health")).status_code == 200
        log = server.log()
        assert "database unavailable on GET /api/v1/jobs: ConnectionRefusedError" in log
        assert "Traceback" not in log


def test_no_database_no_start(server_env, tmp_path):
    env = {
        **os.environ,
        **server_env,
        "PATIENTGEN_DATABASE_URL": f"postgresql+asyncpg://postgres:hunter2@127.0.0.1:{free_port()}/x",
        "PATIENTGEN_DATA_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "patientgen", "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("patientgen: cannot reach the database")
    assert "hunter2" not in done.stderr
    assert "Traceback" not in done.stderr
