"""The dashboard statistics, checked against an independent computation from the generator's
own records (same scenario and seed), filtered, stored at the end and cached."""

from __future__ import annotations

import asyncio
import json
import uuid

import httpx
from sqlalchemy import text

from tests.support.jobs import scenario_json, wait_for_status
from tests.support.keys import new_key
from tests.support.statistics import assert_statistics_describe

PATIENTS, SEED = 3_000, 4242


async def test_statistics_match_an_independent_count(client, owner, job, records):
    response = await client.get(f"/jobs/{job['id']}/statistics", headers=owner)
    assert response.status_code == 200
    stats = response.json()
    assert stats["patients"] == PATIENTS
    assert stats["filters"] == {"front": None, "nationality": None, "injury_type": None}
    assert_statistics_describe(stats, records)


async def test_filtered_statistics_describe_exactly_the_matching_patients(
    client, owner, job, records
):
    url = f"/jobs/{job['id']}/statistics"
    everything = (await client.get(url, headers=owner)).json()
    front, nation = records[0]["front"], records[0]["nationality"]
    subsets = [
        {"injury_type": "BATTLE_INJURY"},
        {"front": front},
        {"front": front, "nationality": nation, "injury_type": "DISEASE"},
    ]
    for params in subsets:
        response = await client.get(url, params=params, headers=owner)
        assert response.status_code == 200, response.text
        stats = response.json()
        unfiltered = {"front": None, "nationality": None, "injury_type": None}
        assert stats["filters"] == unfiltered | params
        matching = [r for r in records if all(r[k] == v for k, v in params.items())]
        assert 0 < len(matching) < len(records)
        assert_statistics_describe(stats, matching)
        assert stats["counts"] != everything["counts"]
        assert (await client.get(url, params=params, headers=owner)).json() == stats  # cached

    nobody = (await client.get(url, params={"nationality": "ZZZ"}, headers=owner)).json()
    assert nobody["patients"] == 0
    assert nobody["flows"] == []
    bad = await client.get(url, params={"nationality": "germany"}, headers=owner)
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "query.nationality"


async def test_statistics_stored_at_the_end_equal_live_ones_which_are_cached(
    client, owner, live_server, pg_engine
):
    admin = await new_key(pg_engine, "results-admin", admin=True)
    body = {"scenario": scenario_json(), "patients": 400, "seed": 1}
    created = (await client.post("/jobs", json=body, headers=owner)).json()
    await wait_for_status(client, f"/jobs/{created['id']}", owner)
    url = f"/jobs/{created['id']}/statistics"
    stored = await _until_stored(pg_engine, created["id"])
    from_job = (await client.get(url, headers=owner)).json()
    assert from_job == stored
    assert stored["generated"] == 400
    assert stored["status"] == "completed"

    # Without the stored copy the route computes them live, then serves them from the cache.
    async with pg_engine.begin() as connection:
        await connection.execute(
            text("UPDATE jobs SET statistics = NULL WHERE id = :id"),
            {"id": uuid.UUID(created["id"])},
        )
    live = (await client.get(url, headers=owner)).json()
    hits_before = await _job_cache_hits(live_server, admin)
    again = (await client.get(url, headers=owner)).json()
    assert live == again == from_job
    assert await _job_cache_hits(live_server, admin) == hits_before + 1

    assert (await client.delete(f"/jobs/{created['id']}", headers=owner)).status_code == 204
    assert (await client.get(url, headers=owner)).status_code == 404


async def _until_stored(engine, job_id: str) -> dict:
    for _ in range(100):  # stored right after the terminal event
        async with engine.connect() as connection:
            stored = (
                await connection.execute(
                    text("SELECT statistics FROM jobs WHERE id = :id"), {"id": uuid.UUID(job_id)}
                )
            ).scalar_one()
        if stored is not None:
            return stored if isinstance(stored, dict) else json.loads(stored)
        await asyncio.sleep(0.05)
    raise AssertionError("statistics were not stored with the finished job")


async def _job_cache_hits(live_server, admin) -> float:
    async with httpx.AsyncClient(base_url=live_server.base_url) as root:
        text = (await root.get("/metrics", headers=admin)).text
    prefix = 'patientgen_cache_hits_total{namespace="job"} '
    return next((float(ln.split()[-1]) for ln in text.splitlines() if ln.startswith(prefix)), 0.0)
