"""Saved scenarios over HTTP: CRUD, validation with field-named errors, per-key isolation."""

from __future__ import annotations

import httpx
import pytest

from tests.support.jobs import scenario_json
from tests.support.keys import new_key

PROBLEM = "application/problem+json"


@pytest.fixture
async def client(live_server):
    async with httpx.AsyncClient(base_url=live_server.api, timeout=30) as http:
        yield http


async def test_crud_and_isolation(client, pg_engine):
    owner = await new_key(pg_engine, "scenario-owner")
    other = await new_key(pg_engine, "scenario-other")
    admin = await new_key(pg_engine, "scenario-admin", admin=True)
    scenario = scenario_json()

    created = await client.post("/scenarios", json=scenario, headers=owner)
    assert created.status_code == 201
    sid = created.json()["id"]
    assert created.json()["name"] == scenario["name"]

    assert (await client.get(f"/scenarios/{sid}", headers=owner)).status_code == 200
    assert (await client.get(f"/scenarios/{sid}", headers=other)).status_code == 404
    assert (await client.get(f"/scenarios/{sid}", headers=admin)).status_code == 200
    assert (await client.put(f"/scenarios/{sid}", json=scenario, headers=other)).status_code == 404
    assert (await client.delete(f"/scenarios/{sid}", headers=other)).status_code == 404

    listed = (await client.get("/scenarios", headers=other)).json()
    assert sid not in {s["id"] for s in listed["items"]}

    renamed = {**scenario, "name": "Renamed"}
    updated = await client.put(f"/scenarios/{sid}", json=renamed, headers=owner)
    assert updated.json()["name"] == "Renamed"
    assert (await client.delete(f"/scenarios/{sid}", headers=owner)).status_code == 204
    assert (await client.get(f"/scenarios/{sid}", headers=owner)).status_code == 404


async def test_validate_accepts_a_good_scenario(client, pg_engine):
    key = await new_key(pg_engine, "validator")
    response = await client.post("/scenarios/validate", json=scenario_json(), headers=key)
    assert response.status_code == 200
    assert response.json()["valid"] is True


async def test_validate_names_the_failing_field(client, pg_engine):
    key = await new_key(pg_engine, "validator-2")
    bad = scenario_json()
    bad["duration_days"] = -3
    response = await client.post("/scenarios/validate", json=bad, headers=key)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert "body.duration_days" in {e["field"] for e in response.json()["errors"]}


async def test_reference_routes_are_public(client):
    catalogs = ["nations", "conditions", "facilities", "warfare-types", "presets", "record-schema"]
    for catalog in catalogs:
        response = await client.get(f"/reference/{catalog}")
        assert response.status_code == 200, catalog
        assert response.json()
    nations = (await client.get("/reference/nations")).json()
    assert len(nations) == 32
    presets = (await client.get("/reference/presets")).json()
    first = presets[0]["id"]
    assert (await client.get(f"/reference/presets/{first}")).status_code == 200
    missing = await client.get("/reference/presets/no-such-preset")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == PROBLEM


async def test_what_was_just_created_is_readable_at_once(client, pg_engine):
    """The request's transaction commits before its response is sent, not after."""
    key = await new_key(pg_engine, "read-your-writes")
    for _ in range(30):
        created = (await client.post("/scenarios", json=scenario_json(), headers=key)).json()
        response = await client.get(f"/scenarios/{created['id']}", headers=key)
        assert response.status_code == 200


async def test_scenarios_are_found_by_part_of_their_name(client, pg_engine):
    key = await new_key(pg_engine, "searcher")
    for name in ("Baltic surge", "baltic DEFENCE", "Desert 100%_heat", "Arctic"):
        assert (
            await client.post("/scenarios", json=scenario_json() | {"name": name}, headers=key)
        ).status_code == 201

    async def names(q: str) -> list[str]:
        page = (await client.get("/scenarios", params={"q": q}, headers=key)).json()
        assert page["total"] == len(page["items"])
        return sorted(s["name"] for s in page["items"])

    assert await names("BALTIC") == ["Baltic surge", "baltic DEFENCE"]
    assert await names("100%_") == ["Desert 100%_heat"]  # taken as typed, not as a pattern
    assert await names("%") == ["Desert 100%_heat"]
    assert await names("zzz") == []
    other = await new_key(pg_engine, "searcher-2")
    assert (await client.get("/scenarios", params={"q": "Baltic"}, headers=other)).json()[
        "items"
    ] == []
