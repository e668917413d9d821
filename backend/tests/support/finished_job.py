"""Fixtures (a pytest plugin, loaded by tests/conftest.py): one finished job per test module
(size and seed from the module's PATIENTS and SEED), its owner's key, the generator's own
records for it, and an HTTP client on the live server."""

from __future__ import annotations

import httpx
import pytest

from tests.support.jobs import offline_records, scenario_json, wait_for_status
from tests.support.keys import new_key


@pytest.fixture(scope="module")
async def owner(pg_engine, request):
    return await new_key(pg_engine, f"{request.module.__name__}-owner")


@pytest.fixture(scope="module")
async def job(live_server, owner, request):
    patients, seed = request.module.PATIENTS, request.module.SEED
    async with httpx.AsyncClient(base_url=live_server.api, timeout=60) as client:
        body = {"scenario": scenario_json(), "patients": patients, "seed": seed, "batch_size": 500}
        created = (await client.post("/jobs", json=body, headers=owner)).json()
        return await wait_for_status(client, f"/jobs/{created['id']}", owner)


@pytest.fixture(scope="module")
def records(request) -> list[dict]:
    return offline_records(scenario_json(), request.module.PATIENTS, request.module.SEED)


@pytest.fixture
async def client(live_server):
    async with httpx.AsyncClient(base_url=live_server.api, timeout=120) as http:
        yield http
