"""The embedded default (SQLite, in-memory cache and events, in-process runner) runs jobs too."""

from __future__ import annotations

import sqlite3

import httpx
import orjson

from tests.support.jobs import scenario_json, wait_for_status
from tests.support.server import start_server
from tests.support.sse import read_events
from tests.support.statistics import assert_statistics_describe


async def test_job_on_embedded_sqlite(tmp_path):
    env = {
        "PATIENTGEN_DATA_DIR": str(tmp_path),
        "PATIENTGEN_DATABASE_URL": "",
        "PATIENTGEN_REDIS_URL": "",
        "PATIENTGEN_ENVIRONMENT": "development",
    }
    with start_server(env) as server:
        key = {"X-API-Key": (tmp_path / "dev-admin-key.txt").read_text().strip()}
        async with httpx.AsyncClient(base_url=server.api, timeout=30) as client:
            health = (await client.get("/health")).json()
            assert health["database"]["backend"] == "sqlite"
            assert health["cache"]["backend"] == "memory"
            created = await client.post(
                "/jobs",
                json={"scenario": scenario_json(), "patients": 3_000, "seed": 5, "batch_size": 250},
                headers=key,
            )
            assert created.status_code == 202, created.text
            job_id = created.json()["id"]
            frames = await read_events(client, f"/jobs/{job_id}/events", key)
            final = await wait_for_status(client, f"/jobs/{job_id}", key)
            stats = (await client.get(f"/jobs/{job_id}/statistics", headers=key)).json()
            battle = await client.get(
                f"/jobs/{job_id}/statistics", params={"injury_type": "BATTLE_INJURY"}, headers=key
            )
            exported = (await client.get(f"/jobs/{job_id}/export", headers=key)).content
    assert frames[-1].event == "completed"
    assert len([f for f in frames if f.event == "progress"]) == 12
    assert final["generated"] == 3_000
    assert final["created_at"].endswith(("Z", "+00:00")), "times carry their zone on SQLite too"
    records = [orjson.loads(line) for line in exported.splitlines()]
    assert len(records) == 3_000
    assert_statistics_describe(stats, records)
    assert_statistics_describe(
        battle.json(), [r for r in records if r["injury_type"] == "BATTLE_INJURY"]
    )
    with sqlite3.connect(tmp_path / "patientgen.db") as db:
        (count,) = db.execute("SELECT count(*) FROM patients").fetchone()
    assert count == 3_000
